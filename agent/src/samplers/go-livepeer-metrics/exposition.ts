import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/**
 * Strict reading of a Prometheus text exposition (format 0.0.4, what
 * go-livepeer's `/metrics` serves through client_golang). The parsing itself
 * is done by `parse-prometheus-text-format`; this module rejects what that
 * lenient parser lets through, so that a hostile or broken body never turns
 * into numbers: an HTML page (parsed as samples named `<html>`), a body cut
 * short (no final newline: the parser silently drops the last line), invalid
 * names or values, a family declared twice, or the same series twice (the
 * parser silently merges adjacent duplicates, last one wins).
 */

export type PromType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface PromSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** The sample value; NaN and ±Infinity are valid Prometheus values. */
  readonly value: number;
}

export interface PromFamily {
  readonly name: string;
  readonly type: PromType;
  /** Samples of counters, gauges and untyped families; empty for histograms and summaries. */
  readonly series: readonly PromSeries[];
}

export type Exposition = ReadonlyMap<string, PromFamily>;

export type ExpositionResult =
  | { readonly ok: true; readonly families: Exposition }
  | { readonly ok: false; readonly error: string };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// One way to match each digit run: `\d+\.?\d*` backtracked quadratically on long non-numbers.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Readonly<Record<string, number>> = {
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
};

/** A sample value as Go's strconv.ParseFloat reads it (decimal forms); null when it is not one. */
export function parsePromValue(text: string): number | null {
  if (DECIMAL.test(text)) return Number(text);
  const special = SPECIAL[text.toLowerCase()];
  return special ?? null;
}

const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Reasons quote metric names, which may be huge: keep them short. */
const fail = (error: string): ExpositionResult => ({ ok: false, error: error.slice(0, 200) });

/** Number of sample lines per metric name, read straight from the text. */
function countSampleLines(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const end = line.search(/[{ \t]/);
    const name = end === -1 ? line : line.slice(0, end);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

function labelKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

type RawFamily = ReturnType<typeof parsePrometheusTextFormat>[number];

function checkLabels(family: string, labels: Readonly<Record<string, string>>): string | null {
  for (const name of Object.keys(labels)) {
    if (!LABEL_NAME.test(name)) return `invalid label name in ${family}`;
  }
  return null;
}

/** Histograms and summaries: only the syntax of their numbers is checked. */
function checkAggregate(f: RawFamily): string | null {
  for (const s of f.metrics) {
    const numbers = [
      s.count,
      s.sum,
      s.value,
      ...Object.values(s.buckets ?? {}),
      ...Object.values(s.quantiles ?? {}),
    ];
    for (const n of numbers) {
      if (n !== undefined && parsePromValue(n) === null) return `invalid value in ${f.name}`;
    }
  }
  return null;
}

function scalarFamily(
  f: RawFamily,
  type: PromType,
  lines: number,
): { family: PromFamily } | { error: string } {
  const series: PromSeries[] = [];
  const seen = new Set<string>();
  for (const s of f.metrics) {
    const labels = s.labels ?? {};
    const labelError = checkLabels(f.name, labels);
    if (labelError !== null) return { error: labelError };
    const value = s.value === undefined ? null : parsePromValue(s.value);
    if (value === null) return { error: `invalid value in ${f.name}` };
    const key = labelKey(labels);
    if (seen.has(key)) return { error: `duplicate series in ${f.name}` };
    seen.add(key);
    series.push({ labels, value });
  }
  // The parser merges adjacent lines with equal labels: more lines than series means duplicates.
  if (lines !== series.length) return { error: `duplicate series in ${f.name}` };
  return { family: { name: f.name, type, series } };
}

/** Parses and validates a whole exposition; any defect rejects all of it. */
export function parseExposition(text: string): ExpositionResult {
  if (text.trim() === '') return fail('empty exposition');
  if (!text.endsWith('\n')) return fail('truncated exposition (no final newline)');
  let raw: RawFamily[];
  try {
    raw = parsePrometheusTextFormat(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The message quotes the hostile line: keep it short and printable.
    return fail(`malformed exposition: ${message.slice(0, 160).replace(/\p{Cc}/gu, ' ')}`);
  }
  const lines = countSampleLines(text);
  const families = new Map<string, PromFamily>();
  for (const f of raw) {
    if (!METRIC_NAME.test(f.name)) return fail('invalid metric name');
    if (families.has(f.name)) return fail(`family ${f.name} appears twice`);
    const type = f.type.toLowerCase();
    if (!TYPES.has(type)) return fail(`unknown type of ${f.name}`);
    const promType = type as PromType;
    if (promType === 'histogram' || promType === 'summary') {
      const error = checkAggregate(f);
      if (error !== null) return fail(error);
      families.set(f.name, { name: f.name, type: promType, series: [] });
      continue;
    }
    const result = scalarFamily(f, promType, lines.get(f.name) ?? 0);
    if ('error' in result) return fail(result.error);
    families.set(f.name, result.family);
  }
  return { ok: true, families };
}
