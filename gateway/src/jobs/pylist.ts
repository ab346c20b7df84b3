/**
 * Reads the nested Python lists ai-runner returns for segment-anything-2
 * (`str(ndarray.tolist())`): numbers, True/False, brackets and commas.
 * Returns the shape of a rectangular nesting, or a problem text.
 */
export const MAX_PYLIST_CHARS = 64 * 1024 * 1024;
const MAX_DEPTH = 8;

export type Shape = readonly number[];

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|-?inf|nan/y;

export function pyListShape(text: string): Shape | string {
  if (text.length > MAX_PYLIST_CHARS) return 'list text too long';
  let i = 0;
  const skip = () => {
    while (text[i] === ' ' || text[i] === '\n') i++;
  };
  // Returns the shape of the value at i.
  const value = (depth: number): Shape | string => {
    skip();
    if (text[i] === '[') {
      if (depth >= MAX_DEPTH) return 'list nested too deep';
      i++;
      let shape: Shape | null = null;
      let count = 0;
      skip();
      if (text[i] === ']') {
        i++;
        return [0];
      }
      for (;;) {
        const inner = value(depth + 1);
        if (typeof inner === 'string') return inner;
        if (shape !== null && inner.join('x') !== shape.join('x')) return 'list is not rectangular';
        shape = inner;
        count++;
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return [count, ...shape];
        }
        return `unexpected ${JSON.stringify(text[i] ?? 'end')} at ${i}`;
      }
    }
    for (const word of ['True', 'False']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return [];
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m === null || m[0] === '') return `unexpected ${JSON.stringify(text[i] ?? 'end')} at ${i}`;
    i += m[0].length;
    return [];
  };
  const shape = value(0);
  if (typeof shape === 'string') return shape;
  skip();
  return i === text.length ? shape : `trailing text at ${i}`;
}
