import type { Logger } from 'pino';
import { aborted, backoffDelay, sleep, type BackoffPolicy } from './backoff.js';
import { runLineStream, type StreamRunOutcome } from './child.js';
import { QUERY_FIELDS, reviseFields, type GpuReading } from './fields.js';
import { GpuLineParser, type LineResult, type RejectReason } from './parse.js';

export interface SupervisorOptions {
  readonly path: string;
  readonly intervalMs: number;
  readonly log: Logger;
  readonly backoff: BackoffPolicy;
  /** Retry period while the binary is missing. */
  readonly missingRetryMs: number;
  readonly onReading: (reading: GpuReading) => void;
  readonly onRejected: (reason: RejectReason) => void;
  /** The child ended (or could not start) and will be restarted. */
  readonly onRestart: (description: string) => void;
  readonly random?: () => number;
}

/** What the supervisor is doing, for snapshot() and doctor. */
export interface SupervisorState {
  readonly pid: number | undefined;
  readonly running: boolean;
  readonly restarts: number;
  readonly binaryMissing: boolean;
  readonly fields: readonly string[];
}

/** `nvidia-smi` arguments for a streaming run. */
export const streamArgs = (fields: readonly string[], intervalMs: number): string[] => [
  `--query-gpu=${fields.join(',')}`,
  '--format=csv,noheader,nounits',
  '-lms',
  String(Math.max(1, Math.round(intervalMs))),
];

interface RunReport {
  readonly outcome: StreamRunOutcome;
  readonly unknownField: string | undefined;
  readonly ranMs: number;
}

/**
 * Keeps ONE long-running `nvidia-smi --query-gpu … -lms <ms>` alive: parses
 * its lines as they come, restarts it with exponential backoff when it exits,
 * falls back to older field names a driver rejects, and goes quiet (one
 * warning, rare retries) when the binary is missing.
 */
export class SmiSupervisor {
  private fields: readonly string[] = QUERY_FIELDS;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private pid: number | undefined;
  private restarts = 0;
  private missing = false;
  private warnedMissing = false;

  constructor(private readonly options: SupervisorOptions) {}

  start(): void {
    this.loop ??= this.run().catch((err: unknown) => {
      // Not expected (nothing in the loop throws): never an unhandled rejection.
      this.options.log.error({ err }, 'nvidia-smi supervisor stopped unexpectedly');
      this.options.onRestart(`supervisor failed: ${String(err)}`);
    });
  }

  /** Kills the child and waits until it has exited and been reaped. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  state(): SupervisorState {
    return {
      pid: this.pid,
      running: this.pid !== undefined,
      restarts: this.restarts,
      binaryMissing: this.missing,
      fields: this.fields,
    };
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    let attempt = 0;
    while (!signal.aborted) {
      const report = await this.runOnce();
      if (aborted(signal)) return;
      if (report.outcome.missing) {
        this.onMissing();
        await sleep(this.options.missingRetryMs, signal);
        continue;
      }
      this.missing = false;
      this.warnedMissing = false;
      if (this.fallBack(report.unknownField)) continue;
      if (report.ranMs >= this.options.backoff.resetAfterMs) attempt = 0;
      this.restarts++;
      const wait = backoffDelay(attempt++, this.options.backoff, this.options.random);
      this.options.log.warn(`${report.outcome.description}; restarting in ${wait} ms`);
      this.options.onRestart(report.outcome.description);
      await sleep(wait, signal);
    }
  }

  private async runOnce(): Promise<RunReport> {
    const parser = new GpuLineParser(this.fields);
    let unknownField: string | undefined;
    const handle = (r: LineResult): void => {
      if (r.kind === 'reading') this.options.onReading(r.reading);
      else if (r.kind === 'rejected') this.options.onRejected(r.reason);
      else if (r.kind === 'field-error') unknownField ??= r.field;
    };
    const started = Date.now();
    const outcome = await runLineStream({
      path: this.options.path,
      args: streamArgs(this.fields, this.options.intervalMs),
      signal: this.abort.signal,
      idleTimeoutMs: Math.max(30_000, 10 * this.options.intervalMs),
      onLine: (line) => {
        handle(parser.parse(line));
      },
      onOversize: () => {
        handle(parser.reject('oversize'));
      },
      onTruncated: () => {
        if (!this.abort.signal.aborted) handle(parser.reject('truncated'));
      },
      onSpawn: (pid) => {
        this.pid = pid;
      },
    });
    this.pid = undefined;
    return { outcome, unknownField, ranMs: Date.now() - started };
  }

  /** Retries at once with a field list the driver accepts; false when there is none. */
  private fallBack(unknownField: string | undefined): boolean {
    if (unknownField === undefined) return false;
    const next = reviseFields(this.fields, unknownField);
    if (next === undefined) return false;
    this.options.log.warn(
      `nvidia-smi does not know field "${unknownField}"; retrying with --query-gpu=${next.join(',')}`,
    );
    this.fields = next;
    return true;
  }

  private onMissing(): void {
    this.missing = true;
    if (this.warnedMissing) return;
    this.warnedMissing = true;
    this.options.log.warn(
      `nvidia-smi not found or not executable at "${this.options.path}": GPU metrics disabled; ` +
        `retrying every ${Math.round(this.options.missingRetryMs / 1000)} s`,
    );
    this.options.onRestart(`nvidia-smi not runnable at ${this.options.path}`);
  }
}
