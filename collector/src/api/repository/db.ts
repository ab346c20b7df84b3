import { QueryParams } from '../../storage/rollups/query.js';
import type { Store } from '../../storage/store.js';
import { QueryTimeoutError } from '../problem.js';

export { QueryParams };

/**
 * Read access for the API's repository: JSON rows of a query whose values
 * are all `{name:Type}` parameters, bounded in time. ClickHouse stops the
 * query at `max_execution_time`; the client gives up a little later even if
 * the engine does not (embedded chDB), so a request never hangs.
 */
export interface Db {
  readonly store: Store;
  rows<T>(sql: string, params: QueryParams): Promise<T[]>;
  /** `db.table` of a table name (trusted identifiers only). */
  table(name: string): string;
}

export function createDb(store: Store, timeoutMs: number): Db {
  return {
    store,
    table: (name) => store.table(name),
    async rows<T>(sql: string, params: QueryParams): Promise<T[]> {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new QueryTimeoutError());
        }, timeoutMs + 250);
      });
      const run = async (): Promise<T[]> => {
        const rs = await store.client.query({
          query: sql,
          query_params: params.values,
          format: 'JSONEachRow',
          abort_signal: controller.signal,
          clickhouse_settings: {
            max_execution_time: Math.max(1, Math.ceil(timeoutMs / 1000)),
            timeout_overflow_mode: 'throw',
            output_format_json_quote_64bit_integers: 0,
          },
        });
        return rs.json<T>();
      };
      try {
        return await Promise.race([run(), timeout]);
      } catch (err) {
        if (isTimeout(err)) throw new QueryTimeoutError();
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** ClickHouse TIMEOUT_EXCEEDED (159) or our own deadline. */
function isTimeout(err: unknown): boolean {
  if (err instanceof QueryTimeoutError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return code === '159' || code === 159;
}

/** Unix ms from ClickHouse DateTime64 text (`2026-01-01 12:00:00.123456789`, UTC) or a number. */
export function msOf(value: unknown): number {
  if (typeof value === 'number') return value;
  const s = String(value);
  if (/^\d+$/.test(s)) return Number(s);
  return Date.parse(`${s.replace(' ', 'T').slice(0, 23)}Z`);
}

export const num = (value: unknown): number => Number(value ?? 0);
export const numOrNull = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** Runs work that does not go through `rows` (shared rollup helpers) under the same deadline. */
export async function bounded<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new QueryTimeoutError());
    }, timeoutMs + 250);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A column value as text (ClickHouse returns strings, numbers or nulls). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return '';
}
