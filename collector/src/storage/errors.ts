import { ClickHouseError } from '@clickhouse/client';

/**
 * ClickHouse error codes that may pass on retry (overload, timeouts, network,
 * replication); any other ClickHouse error means the rows themselves were
 * refused and retrying cannot help.
 */
const TRANSIENT_CODES = new Set([
  '159', // TIMEOUT_EXCEEDED
  '164', // READONLY
  '202', // TOO_MANY_SIMULTANEOUS_QUERIES
  '209', // SOCKET_TIMEOUT
  '210', // NETWORK_ERROR
  '241', // MEMORY_LIMIT_EXCEEDED
  '242', // TABLE_IS_READ_ONLY
  '252', // TOO_MANY_PARTS
  '285', // TOO_FEW_LIVE_REPLICAS
  '319', // UNKNOWN_STATUS_OF_INSERT
  '425', // SYSTEM_ERROR
  '999', // KEEPER_EXCEPTION
]);

/**
 * The ClickHouse error code of an error, or null for anything else. chDB's
 * connection bundles its own copy of the client's `ClickHouseError` class, so
 * `instanceof` alone misses the embedded engine's errors: they are
 * recognised by their class's name and a numeric code too (the class sets no
 * `name` of its own).
 */
export function clickHouseCodeOf(error: unknown): string | null {
  if (error instanceof ClickHouseError) return error.code;
  if (!(error instanceof Error) || error.constructor.name !== 'ClickHouseError') return null;
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && /^\d{1,5}$/.test(code) ? code : null;
}

/** Whether an INSERT error is the rows' fault (do not spool / retry them). */
export function isPermanentStorageError(error: unknown): boolean {
  const code = clickHouseCodeOf(error);
  return code !== null && !TRANSIENT_CODES.has(code);
}
