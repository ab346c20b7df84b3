/**
 * OTLP requests as rows of the raw tables: each row one TabSeparated line
 * (tsv.ts) in the column order of columns.ts, written straight from the
 * decoded request, with the sender's identity stamped (identity.ts) and the
 * refused points counted for OTLP partial success.
 */
export { mapMetrics } from './metric-rows.js';
export { mapLogs } from './log-rows.js';
export type { MappedBatch, Row } from './batch.js';
