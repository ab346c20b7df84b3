import { scan } from './file.js';
import { countNewlines } from './lines.js';

/** Complete lines (records) from `from` to the end of the file. */
export async function countLines(path: string, from: number): Promise<number> {
  let count = 0;
  await scan(path, from, (chunk) => {
    count += countNewlines(chunk, Number.MAX_SAFE_INTEGER).count;
    return true;
  });
  return count;
}

/** How much of the backlog to drop: at least `bytes` bytes and `records` lines, whole lines only. */
export interface DropNeed {
  readonly bytes: number;
  readonly records: number;
}

/**
 * The first line boundary after `from` that leaves out at least `need`
 * (the oldest records first), and how many lines that skips. Stops at the
 * last complete line when the file holds less.
 */
export async function dropPoint(
  path: string,
  from: number,
  need: DropNeed,
): Promise<{ readonly offset: number; readonly lines: number }> {
  let offset = from;
  let lines = 0;
  const satisfied = () => offset - from >= need.bytes && lines >= need.records;
  if (satisfied()) return { offset, lines };
  await scan(path, from, (chunk, at) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) return true;
      lines++;
      offset = at + nl + 1;
      start = nl + 1;
      if (satisfied()) return false;
    }
  });
  return { offset, lines };
}
