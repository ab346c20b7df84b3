import type { OptionSpec } from '@naap/otel/config';

/** Every setting of naap-agent: the parser and `--help` are made from this table. */
export const OPTIONS = {
  collector: {
    flag: 'collector',
    kind: 'string',
    default: 'http://127.0.0.1:4318',
    description: 'collector base URL (OTLP/HTTP)',
  },
  token: {
    flag: 'token',
    kind: 'string',
    default: undefined,
    description: 'bearer token for the collector (from enrollment or the operator)',
  },
  tokenFile: {
    flag: 'token-file',
    kind: 'string',
    default: '/var/lib/naap-agent/token',
    description:
      'file holding the token, written by `naap-agent enroll` (read when --token is unset)',
  },
  protocol: {
    flag: 'protocol',
    kind: 'string',
    default: 'protobuf',
    description: 'OTLP encoding: protobuf (gzip) or json',
  },
  exportIntervalMs: {
    flag: 'export-interval-ms',
    kind: 'integer',
    default: 5_000,
    min: 500,
    max: 600_000,
    description: 'how often samples are exported',
  },
  bufferMaxPoints: {
    flag: 'buffer-max-points',
    kind: 'integer',
    default: 500_000,
    min: 1_000,
    description: 'points kept while the collector is unreachable; the oldest are dropped beyond',
  },
  address: {
    flag: 'address',
    kind: 'string',
    default: undefined,
    description: "orchestrator ETH address (default: go-livepeer's /orchestratorInfo)",
  },
  uri: {
    flag: 'uri',
    kind: 'string',
    default: undefined,
    description: "orchestrator service URI (default: go-livepeer's /orchestratorInfo)",
  },
  region: {
    flag: 'region',
    kind: 'string',
    default: undefined,
    description: 'region code of this host (FRA, NYC, …)',
  },
  hostName: {
    flag: 'host-name',
    kind: 'string',
    default: undefined,
    description: 'host name reported (default: the machine’s)',
  },
  samplers: {
    flag: 'samplers',
    kind: 'string',
    default: 'nvidia-smi,host,go-livepeer-metrics,go-livepeer-log,runners,dcgm',
    description: 'samplers to run, comma-separated',
  },
  nvidiaSmi: {
    flag: 'nvidia-smi',
    kind: 'string',
    default: 'nvidia-smi',
    description: 'path of the nvidia-smi to run',
  },
  nvidiaSmiIntervalMs: {
    flag: 'nvidia-smi-interval-ms',
    kind: 'integer',
    default: 1_000,
    min: 100,
    max: 60_000,
    description: 'GPU sampling interval (nvidia-smi -lms)',
  },
  computeAppsIntervalMs: {
    flag: 'compute-apps-interval-ms',
    kind: 'integer',
    default: 15_000,
    min: 1_000,
    description: 'per-process VRAM sampling interval',
  },
  hostIntervalMs: {
    flag: 'host-interval-ms',
    kind: 'integer',
    default: 5_000,
    min: 500,
    description: 'host CPU/memory/network sampling interval',
  },
  goLivepeerCli: {
    flag: 'go-livepeer-cli',
    kind: 'string',
    default: 'http://127.0.0.1:7935',
    description: 'go-livepeer CLI base URL (/metrics, /orchestratorInfo); empty disables',
  },
  scrapeIntervalMs: {
    flag: 'scrape-interval-ms',
    kind: 'integer',
    default: 5_000,
    min: 500,
    description: 'go-livepeer /metrics scrape interval',
  },
  scrapeTimeoutMs: {
    flag: 'scrape-timeout-ms',
    kind: 'integer',
    default: 3_000,
    min: 100,
    description: 'go-livepeer request timeout',
  },
  jobLog: {
    flag: 'job-log',
    kind: 'string',
    default: '',
    description:
      'go-livepeer log file to follow; empty disables (see --job-log-journal-unit, --job-log-docker)',
  },
  jobLogJournalUnit: {
    flag: 'job-log-journal-unit',
    kind: 'string',
    default: undefined,
    description: 'follow go-livepeer through journalctl -u UNIT instead of a file',
  },
  jobLogDocker: {
    flag: 'job-log-docker',
    kind: 'string',
    default: undefined,
    description: 'follow go-livepeer through docker logs CONTAINER instead of a file',
  },
  dcgmi: {
    flag: 'dcgmi',
    kind: 'string',
    default: 'dcgmi',
    description:
      'path of DCGM’s dcgmi (measured CUE from profiling); when absent, CUE is the nvidia-smi proxy',
  },
  dcgmIntervalMs: {
    flag: 'dcgm-interval-ms',
    kind: 'integer',
    default: 1_000,
    min: 100,
    max: 60_000,
    description: 'DCGM profiling sampling interval (dcgmi dmon -d)',
  },
  runnersIntervalMs: {
    flag: 'runners-interval-ms',
    kind: 'integer',
    default: 10_000,
    min: 1_000,
    description: 'ai-runner discovery and health interval',
  },
  docker: {
    flag: 'docker',
    kind: 'string',
    default: 'docker',
    description: 'path of the docker CLI (runner discovery)',
  },
  logLevel: {
    flag: 'log-level',
    kind: 'string',
    default: 'info',
    description: 'fatal, error, warn, info, debug or trace',
  },
} as const satisfies Readonly<Record<string, OptionSpec>>;

export type OptionKey = keyof typeof OPTIONS;

export const ENV_PREFIX = 'NAAP_AGENT_';

export const SAMPLER_NAMES = [
  'nvidia-smi',
  'host',
  'go-livepeer-metrics',
  'go-livepeer-log',
  'runners',
  'dcgm',
] as const;
