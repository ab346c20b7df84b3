import type { DcgmPipeActivity } from '@naap/otel';

/**
 * DCGM profiling fields the agent watches with `dcgmi dmon -e …`: the pipe
 * activities `cueMeasured()` of the contract takes (share of cycles each pipe
 * ran at its peak rate), by DCGM field id and the short name `dmon` prints.
 */
export const DMON_FIELDS = [
  { id: 1004, short: 'TENSO', pipe: 'tensor' },
  { id: 1006, short: 'FP64A', pipe: 'fp64' },
  { id: 1007, short: 'FP32A', pipe: 'fp32' },
  { id: 1008, short: 'FP16A', pipe: 'fp16' },
] as const satisfies readonly { id: number; short: string; pipe: keyof DcgmPipeActivity }[];

type Pipe = (typeof DMON_FIELDS)[number]['pipe'];

/** `dcgmi dmon` arguments for a streaming run every `intervalMs`. */
export const dmonArgs = (intervalMs: number): string[] => [
  'dmon',
  '-e',
  DMON_FIELDS.map((f) => f.id).join(','),
  '-d',
  String(Math.max(100, Math.round(intervalMs))),
];

/** The DCGM entity a row is about: a whole GPU, or a MIG GPU / compute instance. */
export interface DmonEntity {
  readonly group: 'GPU' | 'GPU-I' | 'GPU-CI';
  readonly id: number;
}

export type DmonLine =
  | { readonly kind: 'row'; readonly entity: DmonEntity; readonly activity: DcgmPipeActivity }
  | { readonly kind: 'header' }
  | { readonly kind: 'ignored' }
  /** dcgmi reported a failure (host engine unreachable, watches refused, …). */
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'rejected'; readonly reason: DmonRejectReason };

export type DmonRejectReason = 'no-header' | 'columns' | 'garbage';

const ROW = /^(GPU|GPU-I|GPU-CI) (\d{1,6})(?:\s+(\S.*))?$/;
const MAX_MESSAGE = 200;

/** One value: a ratio 0–1 printed with three decimals, or N/A (left out, never 0). */
function activityValue(text: string): number | undefined {
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(text)) return undefined;
  const v = Number(text);
  return v >= 0 && v <= 1 ? v : undefined;
}

/**
 * Reads `dcgmi dmon` output line by line. The header (`#Entity TENSO …`,
 * printed again every 15 samples) says which column holds which field; rows
 * before any header cannot be read. Values other than a ratio 0–1 (`N/A`,
 * garbage) are left out of the row rather than reported as 0.
 */
export class DmonParser {
  private columns: readonly (Pipe | undefined)[] | undefined;

  parse(line: string): DmonLine {
    const text = line.trim();
    if (text === '' || text === 'ID' || /^dmon was stopped/.test(text)) return { kind: 'ignored' };
    if (text.startsWith('#Entity')) return this.header(text);
    if (/^Error\b/i.test(text)) {
      // Printable characters only: the message goes to logs and health.
      const message = text.replace(/[^\x20-\x7e]/g, '?').slice(0, MAX_MESSAGE);
      return { kind: 'error', message };
    }
    const m = ROW.exec(text);
    if (m === null) return { kind: 'rejected', reason: 'garbage' };
    if (this.columns === undefined) return { kind: 'rejected', reason: 'no-header' };
    const cells = (m[3] ?? '').trim().split(/\s+/);
    if (cells.length !== this.columns.length) return { kind: 'rejected', reason: 'columns' };
    const activity: Partial<Record<Pipe, number>> = {};
    this.columns.forEach((pipe, i) => {
      const v = activityValue(cells[i] ?? '');
      if (pipe !== undefined && v !== undefined) activity[pipe] = v;
    });
    const group = m[1] as DmonEntity['group'];
    return { kind: 'row', entity: { group, id: Number(m[2]) }, activity };
  }

  private header(text: string): DmonLine {
    const names = text.split(/\s+/).slice(1);
    this.columns = names.map((n) => DMON_FIELDS.find((f) => f.short === n)?.pipe);
    return { kind: 'header' };
  }
}

/** Every line of a whole `dcgmi dmon` output, parsed in order. */
export function parseDmonOutput(text: string): DmonLine[] {
  const parser = new DmonParser();
  return text.split('\n').map((line) => parser.parse(line));
}
