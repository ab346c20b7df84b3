import type { PipelineId } from '@naap/otel';
import type { TestCase, TestDataset } from '../cases.js';
import type { Clock } from '../clock.js';
import type { GatewayConfig } from '../config/types.js';
import type { Fetch } from '../http.js';
import type { Capability, Target } from '../targets/types.js';

/** Everything one job module gets. */
export interface JobContext {
  readonly jobId: string;
  /** How many jobs of this orchestrator × (pipeline, model) this process ran before this one. */
  readonly sequence: number;
  readonly testCase: TestCase;
  readonly dataset: TestDataset;
  readonly target: Target;
  readonly capability: Capability;
  /** The go-livepeer gateway AI API this job goes through. */
  readonly gatewayUrl: string;
  readonly clock: Clock;
  readonly fetch: Fetch;
  /** Aborted when the job's time is up. */
  readonly signal: AbortSignal;
  readonly settings: GatewayConfig['jobs'];
  /** A media file of the dataset (path relative to its directory). */
  readonly media: (path: string) => Promise<Buffer>;
}

/**
 * How a job ended, as the client saw it:
 * - ok: a 2xx answer whose output is valid;
 * - http_error: the gateway answered an error status;
 * - invalid_output: a 2xx answer whose output is wrong;
 * - unreachable: the gateway could not be reached (its fault, not the orchestrator's);
 * - timeout: no complete answer within the job timeout.
 */
export type JobEnd = 'ok' | 'http_error' | 'invalid_output' | 'unreachable' | 'timeout';

export interface JobResult {
  readonly end: JobEnd;
  readonly httpStatus: number | null;
  readonly errorMessage: string | null;
  /** Client-side time from sending the request to the complete answer (live: first processed frame). */
  readonly latencyMs: number;
  /** Time to the first byte of the answer (LLM: first token). */
  readonly ttfbMs: number | null;
  readonly ptffMs: number | null;
  /** Output FPS samples (live). */
  readonly fpsSamples: readonly number[] | null;
  readonly tokensPerSecond: number | null;
  /** Orchestrators the gateway itself said served the job (live stream status); null: it does not say. */
  readonly reportedServers: readonly string[] | null;
}

export interface JobModule {
  readonly pipeline: PipelineId;
  run(ctx: JobContext): Promise<JobResult>;
}

export const EMPTY_EXTRAS = {
  ptffMs: null,
  fpsSamples: null,
  tokensPerSecond: null,
  reportedServers: null,
} as const;
