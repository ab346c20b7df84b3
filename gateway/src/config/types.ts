import type { PipelineId, RegionCode } from '@naap/otel';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type PinningMode = 'webhook' | 'static';

/** The durable outbox of job records (see `src/outbox/`). */
export interface OutboxConfig {
  /** The results file when there is one, else the dedicated outbox file. */
  readonly file: string;
  /** True for the dedicated outbox file (compacted once sent); the results file is never rewritten. */
  readonly owned: boolean;
  readonly maxBytes: number;
  readonly maxRecords: number;
  readonly batchRecords: number;
  readonly maxBackoffMs: number;
}

/** naap-gateway's configuration: parsed once at start-up, frozen, passed down. */
export interface GatewayConfig {
  readonly gateway: {
    /** go-livepeer gateway AI API, e.g. http://127.0.0.1:9935 (no trailing slash). */
    readonly url: string;
    /** go-livepeer gateway CLI API; null disables discovery through it and served-by evidence. */
    readonly cliUrl: string | null;
    /** go-livepeer gateway log file; null disables it as evidence. */
    readonly logFile: string | null;
  };
  readonly collector: {
    /** OTLP/HTTP base URL; null: no export. */
    readonly url: string | null;
    readonly token: string | undefined;
    readonly exportIntervalMs: number;
    /** Where job records wait for the collector (used only with a collector URL). */
    readonly outbox: OutboxConfig;
  };
  readonly identity: {
    /** Null only where a command does not need it (datasets verify); run and once require it. */
    readonly region: RegionCode | null;
    readonly instanceId: string;
    readonly hostName: string;
  };
  readonly pinning: {
    readonly mode: PinningMode;
    readonly webhookHost: string;
    readonly webhookPort: number;
    readonly settleMs: number;
    readonly windowMs: number;
  };
  readonly targetsFile: string | null;
  readonly filter: {
    /** Lower-case addresses; null: every target. */
    readonly targets: ReadonlySet<string> | null;
    /** Null: every pipeline. */
    readonly pipelines: ReadonlySet<PipelineId> | null;
  };
  readonly datasetDir: string;
  readonly schedule: {
    readonly cadenceMs: number;
    readonly jobsPerUnit: number;
    readonly discoveryIntervalMs: number;
  };
  readonly budget: {
    readonly maxConcurrent: number;
    readonly maxJobsPerMinute: number;
    /** 0–1. */
    readonly capacityShare: number;
  };
  readonly jobs: {
    readonly timeoutMs: number;
    readonly asyncPollMs: number;
    readonly live: {
      readonly ingestUrl: string;
      readonly pollMs: number;
      readonly sampleMs: number;
      readonly samples: number;
      readonly firstFrameTimeoutMs: number;
    };
  };
  /** JSONL file of job records; null disables. */
  readonly resultsFile: string | null;
  readonly logLevel: LogLevel;
}
