import type { OptionSpec } from '@naap/otel/config';

/** Every setting of naap-gateway: the parser and `--help` are made from this table. */
export const OPTIONS = {
  gatewayUrl: {
    flag: 'gateway-url',
    kind: 'string',
    default: 'http://127.0.0.1:9935',
    description: 'go-livepeer gateway AI API base URL (its -httpAddr)',
  },
  cliUrl: {
    flag: 'cli-url',
    kind: 'string',
    default: 'http://127.0.0.1:5935',
    description:
      'go-livepeer gateway CLI base URL (-cliAddr): discovery and /metrics, which tell who served; empty disables',
  },
  gatewayLog: {
    flag: 'gateway-log',
    kind: 'string',
    default: '',
    description:
      "go-livepeer gateway log file, read for each failed attempt's orchestrator and error; empty disables",
  },
  collector: {
    flag: 'collector',
    kind: 'string',
    default: '',
    description: 'collector base URL (OTLP/HTTP); empty: no export, JSONL file only',
  },
  token: {
    flag: 'token',
    kind: 'string',
    default: undefined,
    description: "this test-load gateway's bearer token for the collector",
  },
  region: {
    flag: 'region',
    kind: 'string',
    default: undefined,
    description: 'region code of this test-load gateway (FRA, NYC, …); required to run',
  },
  instanceId: {
    flag: 'instance-id',
    kind: 'string',
    default: undefined,
    description: "service.instance.id reported (default: the host's name)",
  },
  pinning: {
    flag: 'pinning',
    kind: 'string',
    default: 'webhook',
    description:
      'webhook: serve -orchWebhookUrl answering only the current target; static: one gateway per target (targets file)',
  },
  webhookListen: {
    flag: 'webhook-listen',
    kind: 'string',
    default: '127.0.0.1:7936',
    description: 'host:port of the /orchestrators webhook (the gateway runs with -orchWebhookUrl)',
  },
  pinSettleMs: {
    flag: 'pin-settle-ms',
    kind: 'integer',
    default: 660_000,
    min: 0,
    description:
      "webhook pinning: time a new target is answered alone before its first job (over go-livepeer's 1 min webhook and 10 min session caches)",
  },
  pinWindowMs: {
    flag: 'pin-window-ms',
    kind: 'integer',
    default: 300_000,
    min: 1_000,
    description: "webhook pinning (run): time over which one target's jobs are spread",
  },
  targetsFile: {
    flag: 'targets-file',
    kind: 'string',
    default: '',
    description:
      'static target list (YAML or JSON); empty: discover through the gateway CLI (/registeredOrchestrators, /getNetworkCapabilities)',
  },
  target: {
    flag: 'target',
    kind: 'string',
    default: '',
    description: 'only these orchestrator addresses (comma-separated)',
  },
  pipeline: {
    flag: 'pipeline',
    kind: 'string',
    default: '',
    description: 'only these pipelines (comma-separated)',
  },
  dataset: {
    flag: 'dataset',
    kind: 'string',
    default: '',
    description: 'dataset directory (default: the datasets/v1 shipped with the package)',
  },
  cadenceMs: {
    flag: 'cadence-ms',
    kind: 'integer',
    default: 3_600_000,
    min: 1_000,
    description: 'run: how often every orchestrator × (pipeline, model) is tested',
  },
  jobsPerUnit: {
    flag: 'jobs-per-unit',
    kind: 'integer',
    default: 3,
    min: 1,
    max: 10_000,
    description: 'jobs per orchestrator × (pipeline, model) per round, cycling through the cases',
  },
  discoveryIntervalMs: {
    flag: 'discovery-interval-ms',
    kind: 'integer',
    default: 3_600_000,
    min: 1_000,
    description: 'run: how often targets are discovered again',
  },
  maxConcurrent: {
    flag: 'max-concurrent',
    kind: 'integer',
    default: 4,
    min: 1,
    max: 1_000,
    description: 'load budget: jobs in flight at once, all orchestrators together',
  },
  maxJobsPerMinute: {
    flag: 'max-jobs-per-minute',
    kind: 'integer',
    default: 6,
    min: 1,
    max: 10_000,
    description: 'load budget: jobs started per orchestrator in any 60 s',
  },
  capacitySharePercent: {
    flag: 'capacity-share-percent',
    kind: 'integer',
    default: 25,
    min: 1,
    max: 100,
    description:
      'load budget: jobs in flight per orchestrator × (pipeline, model), as a share of its advertised capacity (at least 1)',
  },
  jobTimeoutMs: {
    flag: 'job-timeout-ms',
    kind: 'integer',
    default: 300_000,
    min: 100,
    description: 'a job not answered in this time fails with class timeout',
  },
  asyncPollMs: {
    flag: 'async-poll-ms',
    kind: 'integer',
    default: 1_000,
    min: 10,
    description: 'image-to-video respond-async: result polling interval',
  },
  liveIngestUrl: {
    flag: 'live-ingest-url',
    kind: 'string',
    default: 'rtmp://127.0.0.1:1935',
    description: "live: RTMP ingest base the gateway's smoke test pushes its test card to",
  },
  livePollMs: {
    flag: 'live-poll-ms',
    kind: 'integer',
    default: 500,
    min: 10,
    description: 'live: stream status polling interval until the first processed frame',
  },
  liveSampleMs: {
    flag: 'live-sample-ms',
    kind: 'integer',
    default: 10_000,
    min: 100,
    description: 'live: interval between FPS samples (ai-runner reports about every 10 s)',
  },
  liveSamples: {
    flag: 'live-samples',
    kind: 'integer',
    default: 6,
    min: 1,
    max: 1_000,
    description: 'live: FPS samples taken per stream',
  },
  liveFirstFrameTimeoutMs: {
    flag: 'live-first-frame-timeout-ms',
    kind: 'integer',
    default: 60_000,
    min: 100,
    description: 'live: a stream with no processed frame by then fails with class timeout',
  },
  resultsFile: {
    flag: 'results-file',
    kind: 'string',
    default: 'naap-gateway-results.jsonl',
    description: 'JSONL file every job record is appended to; empty disables',
  },
  outboxFile: {
    flag: 'outbox-file',
    kind: 'string',
    default: 'naap-gateway-outbox.jsonl',
    description:
      'with --collector and an empty --results-file: the JSONL file job records wait in until the collector takes them (the results file serves otherwise)',
  },
  outboxMaxBytes: {
    flag: 'outbox-max-bytes',
    kind: 'integer',
    default: 268_435_456,
    min: 65_536,
    description:
      'job records not yet taken by the collector, at most (bytes); the oldest beyond are not sent',
  },
  outboxMaxRecords: {
    flag: 'outbox-max-records',
    kind: 'integer',
    default: 1_000_000,
    min: 1,
    description:
      'job records not yet taken by the collector, at most (records); the oldest beyond are not sent',
  },
  outboxBatchRecords: {
    flag: 'outbox-batch-records',
    kind: 'integer',
    default: 500,
    min: 1,
    max: 10_000,
    description: 'job records per request to the collector',
  },
  outboxMaxBackoffMs: {
    flag: 'outbox-max-backoff-ms',
    kind: 'integer',
    default: 30_000,
    min: 100,
    max: 3_600_000,
    description:
      'longest wait between attempts while the collector is unreachable (exponential backoff from 1 s; a Retry-After is followed)',
  },
  exportIntervalMs: {
    flag: 'export-interval-ms',
    kind: 'integer',
    default: 10_000,
    min: 500,
    max: 600_000,
    description: 'how often metrics are exported',
  },
  logLevel: {
    flag: 'log-level',
    kind: 'string',
    default: 'info',
    description: 'fatal, error, warn, info, debug, trace or silent',
  },
} as const satisfies Readonly<Record<string, OptionSpec>>;

export type OptionKey = keyof typeof OPTIONS;

export const ENV_PREFIX = 'NAAP_GATEWAY_';
