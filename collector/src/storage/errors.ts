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

/** Whether an INSERT error is the rows' fault (do not spool / retry them). */
export function isPermanentStorageError(error: unknown): boolean {
  if (!(error instanceof ClickHouseError)) return false;
  return !TRANSIENT_CODES.has(error.code);
}
