import type { InsertFn, Row } from './types.js';

/** One recorded INSERT. */
export interface Call {
  readonly table: string;
  readonly rows: readonly Row[];
}

/** `count` rows numbered from `first` in a `seq` column. */
export function rows(count: number, first = 0): Row[] {
  return Array.from({ length: count }, (_, i) => ({ seq: first + i, body: 'x' }));
}

/** A one-table batch for accept(). */
export function batch(table: string, list: readonly Row[]): Map<string, readonly Row[]> {
  return new Map([[table, list]]);
}

/** The `seq` column of a row made by `rows()` (NaN for any other row). */
export function seqOf(row: Row | undefined): number {
  return typeof row === 'object' ? Number(row.seq) : NaN;
}

/** The `seq` column of the rows a table received, in insertion order. */
export function seqs(calls: readonly Call[], table: string): number[] {
  return calls.filter((c) => c.table === table).flatMap((c) => c.rows.map(seqOf));
}

/** An insert that records its calls and throws while `down` is true. */
export function recordingInsert(): { insert: InsertFn; calls: Call[]; state: { down: boolean } } {
  const calls: Call[] = [];
  const state = { down: false };
  const insert: InsertFn = (table, list) => {
    if (state.down) return Promise.reject(new Error('storage unreachable'));
    calls.push({ table, rows: [...list] });
    return Promise.resolve();
  };
  return { insert, calls, state };
}

/** 0, 1, …, n - 1 */
export function range(n: number, first = 0): number[] {
  return Array.from({ length: n }, (_, i) => first + i);
}
