import type { TestloadJobRecord } from '@naap/otel';

const short = (address: string): string => `${address.slice(0, 6)}…${address.slice(-4)}`;
const cut = (text: string, n: number): string =>
  text.length <= n ? text : `${text.slice(0, n - 1)}…`;
const num = (v: number | null): string => (v === null ? '-' : v.toFixed(0));

function servedColumn(r: TestloadJobRecord): string {
  if (r.servedBy === null) return '?';
  return r.swapped ? `swap→${short(r.servedBy)}` : 'target';
}

function detail(r: TestloadJobRecord): string {
  if (r.fps !== null) return `fps ${r.fps.mean.toFixed(1)} jitter ${(r.jitter ?? 0).toFixed(3)}`;
  if (r.tokensPerSecond !== null) return `${r.tokensPerSecond.toFixed(1)} tok/s`;
  return r.errorMessage === null ? '' : cut(r.errorMessage, 60);
}

/** The results of one round as a plain-text table, one line per job, and a summary. */
export function resultsTable(records: readonly TestloadJobRecord[]): string {
  const head = [
    'orchestrator',
    'pipeline',
    'model',
    'case',
    'outcome',
    'class',
    'http',
    'ms',
    'ttfb',
    'served',
    'detail',
  ];
  const rows = records.map((r) => [
    short(r.orchestratorAddress),
    r.pipeline,
    cut(r.modelId, 32),
    cut(r.caseId, 28),
    r.expectedRejection && r.outcome === 'success' ? 'rejected ok' : r.outcome,
    r.errorClass ?? '',
    r.httpStatus === null ? '-' : String(r.httpStatus),
    num(r.latencyMs),
    num(r.ttfbMs),
    servedColumn(r),
    detail(r),
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const count = (o: string) => records.filter((r) => r.outcome === o).length;
  const summary = `${records.length} jobs: ${count('success')} success, ${count('failure')} failure, ${count('excused')} excused, ${records.filter((r) => r.swapped).length} swapped`;
  return [line(head), ...rows.map(line), '', summary].join('\n');
}
