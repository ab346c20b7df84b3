/**
 * A minimal reader of the Prometheus text exposition format, for the few
 * go-livepeer gateway series that tell which orchestrator served or failed a
 * request. Only samples of the wanted metric names are kept; malformed lines
 * are skipped; the amount read is bounded.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export const MAX_EXPOSITION_BYTES = 8 * 1024 * 1024;
const MAX_SAMPLES = 200_000;
const MAX_LABELS = 32;

function parseLabels(text: string): Record<string, string> | null {
  const labels: Record<string, string> = {};
  let i = 0;
  let count = 0;
  while (i < text.length) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"/.exec(text.slice(i, i + 200));
    if (m?.[1] === undefined) return null;
    i += m[0].length;
    let value = '';
    for (;;) {
      const ch = text[i];
      if (ch === undefined) return null;
      i++;
      if (ch === '"') break;
      if (ch === '\\') {
        const next = text[i++];
        value += next === 'n' ? '\n' : (next ?? '');
      } else value += ch;
    }
    if (++count > MAX_LABELS) return null;
    labels[m[1]] = value;
    const rest = /^\s*,?\s*/.exec(text.slice(i, i + 100));
    i += rest?.[0].length ?? 0;
  }
  return labels;
}

function parseLine(line: string, wanted: ReadonlySet<string>): Sample | null {
  const name = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(line)?.[0];
  if (name === undefined || !wanted.has(name)) return null;
  let rest = line.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const close = rest.lastIndexOf('}');
    if (close < 0) return null;
    const parsed = parseLabels(rest.slice(1, close));
    if (parsed === null) return null;
    labels = parsed;
    rest = rest.slice(close + 1);
  }
  const valueText = rest.trim().split(/\s+/)[0] ?? '';
  const value = Number(valueText);
  if (valueText === '' || Number.isNaN(value)) return null;
  return { name, labels, value };
}

/** Samples of the wanted metrics in an exposition text. */
export function parseExposition(text: string, wanted: ReadonlySet<string>): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.slice(0, MAX_EXPOSITION_BYTES).split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const s = parseLine(line, wanted);
    if (s !== null) out.push(s);
    if (out.length >= MAX_SAMPLES) break;
  }
  return out;
}
