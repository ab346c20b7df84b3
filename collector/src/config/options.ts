/**
 * Every setting of naap-collector: flag, environment variable, default and
 * meaning. The single table both the parser and `--help` are made from.
 */
import type { OptionSpec } from '@naap/otel/config';

const MiB = 1024 * 1024;

export const OPTIONS = {
  listen: {
    flag: 'listen',
    kind: 'string',
    default: '127.0.0.1:4318',
    description: 'address:port for OTLP/HTTP, health and the API',
  },
  clickhouse: {
    flag: 'clickhouse',
    kind: 'string',
    default: 'embedded:./data',
    description: 'storage: embedded:<dir> (chDB in-process) or http(s)://user:pass@host:8123/db',
  },
  database: {
    flag: 'database',
    kind: 'string',
    default: 'naap',
    description: 'ClickHouse database (created when missing)',
  },
  cluster: {
    flag: 'cluster',
    kind: 'string',
    default: undefined,
    description: 'ClickHouse cluster name: replicated tables + Distributed fronts',
  },
  tokens: {
    flag: 'tokens',
    kind: 'string',
    default: undefined,
    description:
      'JSON file of ingest tokens: [{"token","kind":"agent"|"gateway"|"admin","address"}]',
  },
  tokenRefreshMs: {
    flag: 'token-refresh-ms',
    kind: 'integer',
    default: 2_000,
    min: 100,
    max: 300_000,
    description:
      'how often stored tokens are re-read (a revocation made elsewhere applies within this)',
  },
  enroll: {
    flag: 'enroll',
    kind: 'boolean',
    default: true,
    description: 'accept agent enrollment (POST /api/v1/enroll/challenge, /api/v1/enroll)',
  },
  enrollName: {
    flag: 'enroll-name',
    kind: 'string',
    default: 'naap-collector',
    description: 'how enrollment challenges name this collector (set it to its public URL)',
  },
  enrollChallengeTtlS: {
    flag: 'enroll-challenge-ttl-s',
    kind: 'integer',
    default: 600,
    min: 30,
    max: 86_400,
    description: 'lifetime of an enrollment challenge, seconds',
  },
  enrollRatePerMinute: {
    flag: 'enroll-rate-per-minute',
    kind: 'integer',
    default: 10,
    min: 1,
    max: 10_000,
    description: 'enrollment requests per minute and client IP, per route (429 above)',
  },
  spoolDir: {
    flag: 'spool-dir',
    kind: 'string',
    default: undefined,
    description:
      'spool directory used while storage is unreachable (default: <data dir>/spool, or ./spool for a server)',
  },
  spoolMaxBytes: {
    flag: 'spool-max-bytes',
    kind: 'integer',
    default: 1024 * MiB,
    min: 0,
    description: 'largest spool; beyond it ingest answers 503',
  },
  maxBodyBytes: {
    flag: 'max-body-bytes',
    kind: 'integer',
    default: 64 * MiB,
    min: 1024,
    description: 'largest request body after decompression (413 above)',
  },
  maxDecompressionRatio: {
    flag: 'max-decompression-ratio',
    kind: 'integer',
    default: 200,
    min: 1,
    description: 'largest decompressed/compressed size ratio (gzip bombs are refused)',
  },
  maxPointAttributes: {
    flag: 'max-point-attributes',
    kind: 'integer',
    default: 64,
    min: 1,
    max: 128,
    description:
      'most attributes on one data point, log record, resource or scope (more: refused, counted in partial_success)',
  },
  maxAttributeLength: {
    flag: 'max-attribute-length',
    kind: 'integer',
    default: 4_096,
    min: 16,
    max: 65_536,
    description:
      'longest attribute key or value, characters (longer: the point is refused, counted in partial_success)',
  },
  maxSeriesPerToken: {
    flag: 'max-series-per-token',
    kind: 'integer',
    default: 50_000,
    min: 0,
    max: 10_000_000,
    description:
      'distinct series one token may have active within --series-window-s; points of new series beyond are refused (0: no budget)',
  },
  seriesWindowS: {
    flag: 'series-window-s',
    kind: 'integer',
    default: 3_600,
    min: 10,
    max: 604_800,
    description: 'a series counts as active for up to this long after its last point, seconds',
  },
  ingestRate: {
    flag: 'ingest-rate',
    kind: 'integer',
    default: 10_000,
    min: 0,
    max: 100_000_000,
    description:
      'data points and log records per second and token; above it a request gets 429 with Retry-After (0: no limit)',
  },
  ingestBurst: {
    flag: 'ingest-burst',
    kind: 'integer',
    default: 600_000,
    min: 1,
    max: 1_000_000_000,
    description:
      "points a token may send at once above --ingest-rate (the default takes an agent's whole replay buffer)",
  },
  ingestAck: {
    flag: 'ingest-ack',
    kind: 'string',
    default: 'insert',
    description:
      'when ingest answers 2xx: "insert" (rows inserted, or spooled while storage is down) or "log" (rows fsynced to a write-ahead log in the spool directory; INSERTs of up to --log-batch-rows rows are then made from it)',
  },
  logBatchRows: {
    flag: 'log-batch-rows',
    kind: 'integer',
    default: 50_000,
    min: 1,
    max: 10_000_000,
    description:
      'with --ingest-ack log: rows per INSERT at most (or --batch-delay-ms, whichever first)',
  },
  batchRows: {
    flag: 'batch-rows',
    kind: 'integer',
    default: 10_000,
    min: 1,
    max: 1_000_000,
    description: 'rows per INSERT at most',
  },
  batchDelayMs: {
    flag: 'batch-delay-ms',
    kind: 'integer',
    default: 1_000,
    min: 10,
    max: 60_000,
    description: 'longest a row waits for its INSERT',
  },
  maxPendingRows: {
    flag: 'max-pending-rows',
    kind: 'integer',
    default: 200_000,
    min: 100,
    description: 'rows held in memory at most; beyond it ingest answers 429',
  },
  ttlRawDays: {
    flag: 'ttl-raw-days',
    kind: 'integer',
    default: 14,
    min: 1,
    // DateTime ends in 2106: a longer TTL would wrap around.
    max: 18_250,
    description: 'retention of raw points and log records, days',
  },
  ttlMinuteDays: {
    flag: 'ttl-minute-days',
    kind: 'integer',
    default: 90,
    min: 1,
    // DateTime ends in 2106: a longer TTL would wrap around.
    max: 18_250,
    description: 'retention of per-minute rollups, days',
  },
  ttlHourDays: {
    flag: 'ttl-hour-days',
    kind: 'integer',
    default: 730,
    min: 1,
    // DateTime ends in 2106: a longer TTL would wrap around.
    max: 18_250,
    description: 'retention of hourly rollups and SLA tables, days',
  },
  apiRateLimit: {
    flag: 'api-rate-limit',
    kind: 'integer',
    default: 600,
    min: 0,
    max: 1_000_000,
    description:
      'public API requests per minute per client IP (0: no limit); 429 with Retry-After above',
  },
  apiRateLimitExempt: {
    flag: 'api-rate-limit-exempt',
    kind: 'string',
    default: '',
    description:
      'comma-separated client IPs without the API rate limit and live-stream cap (e.g. the dashboard server)',
  },
  apiQueryTimeoutMs: {
    flag: 'api-query-timeout-ms',
    kind: 'integer',
    default: 10_000,
    min: 100,
    max: 300_000,
    description: 'longest a public API query may run (504 problem beyond)',
  },
  apiCorsOrigin: {
    flag: 'api-cors-origin',
    kind: 'string',
    default: '*',
    description: 'Access-Control-Allow-Origin of the public API GETs ("*" or one origin)',
  },
  apiLiveIntervalMs: {
    flag: 'api-live-interval-ms',
    kind: 'integer',
    default: 2_000,
    min: 250,
    max: 60_000,
    description: 'how often /api/v1/live sends new aggregates',
  },
  apiMaxLiveClients: {
    flag: 'api-max-live-clients',
    kind: 'integer',
    default: 1_000,
    min: 0,
    max: 100_000,
    description: 'open /api/v1/live streams at most (10 per client IP)',
  },
  datasetsDir: {
    flag: 'datasets-dir',
    kind: 'string',
    default: undefined,
    description:
      'test-load dataset directory served by /api/v1/datasets (manifest.json + <pipeline>/{good,random,bad}.jsonl; default: gateway/datasets/v1 when it exists)',
  },
  trustProxy: {
    flag: 'trust-proxy',
    kind: 'string',
    default: '',
    description:
      'reverse proxies trusted for X-Forwarded-For (comma-separated addresses or CIDRs, or loopback/linklocal/uniquelocal); empty: none, the peer address is the client',
  },
  logLevel: {
    flag: 'log-level',
    kind: 'string',
    default: 'info',
    description: 'fatal, error, warn, info, debug or trace',
  },
} as const satisfies Readonly<Record<string, OptionSpec>>;

export type OptionKey = keyof typeof OPTIONS;

export const ENV_PREFIX = 'NAAP_COLLECTOR_';
