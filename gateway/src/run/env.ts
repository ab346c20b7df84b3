import type { Logger } from 'pino';
import type { TestDataset } from '../cases.js';
import type { Clock } from '../clock.js';
import type { GatewayConfig } from '../config/types.js';
import type { Fetch } from '../http.js';
import type { ResultSink } from '../report/sink.js';
import type { Budget } from '../schedule/budget.js';
import type { KeyedLock } from '../schedule/keyed-lock.js';

/** Observes every HTTP answer a job receives (a test seam: ground truth headers of a simulator). */
export type ResponseObserver = (jobId: string, response: Response) => void;

/** What every job of a runner shares. */
export interface RunnerEnv {
  readonly config: GatewayConfig;
  readonly clock: Clock;
  readonly fetch: Fetch;
  readonly log: Logger;
  readonly dataset: TestDataset;
  readonly sink: ResultSink;
  readonly budget: Budget;
  readonly locks: KeyedLock;
  readonly media: (path: string) => Promise<Buffer>;
  readonly onResponse: ResponseObserver | undefined;
  /** Jobs run so far per unit (the next job's sequence number). */
  readonly sequences: Map<string, number>;
  /** Units that completed a job: their model is loaded now, whatever was advertised. */
  readonly loaded: Set<string>;
  /** Service URI → address of every known orchestrator. */
  readonly addresses: Map<string, string>;
}
