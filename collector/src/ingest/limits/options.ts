/** Per-token ingest limits (`--max-point-attributes`, `--ingest-rate`, …). */
export interface IngestLimitOptions {
  /** Most attributes on one point, log record, resource or scope. */
  readonly maxAttributes: number;
  /** Longest attribute key or value, in UTF-16 units (non-strings: their JSON text). */
  readonly maxAttributeLength: number;
  /** Distinct series one token may have active within `seriesWindowMs`; 0: no budget. */
  readonly maxSeriesPerToken: number;
  /** How long a series counts as active after its last point (ms). */
  readonly seriesWindowMs: number;
  /** Data points and log records per second and token; 0: no rate limit. */
  readonly pointsPerSecond: number;
  /** Points a token may send at once above the rate (the bucket's size). */
  readonly burstPoints: number;
}
