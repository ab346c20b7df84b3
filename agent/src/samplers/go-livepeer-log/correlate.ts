import { isLivePipeline, type ErrorClass, type PipelineId } from '@naap/otel';
import type { HttpErrorEvent, JobEvent, JobObservation } from './events.js';

/**
 * Turns line events into counted jobs, one per job, although go-livepeer logs
 * a failed job on two lines: the cause (`Error processing with local ai
 * worker`, a failed remote-worker result, `Insufficient capacity`, `Error
 * receiving ticket`), then `HTTP Response Error <code>` for the same request.
 * The cause counts the job and expects its HTTP error line; that line, when it
 * comes, is absorbed (matched by code and message, else by code and error
 * class, within a time and line window). An HTTP error line without a cause (e.g. a 400 for a
 * body that did not decode) counts a job of its own, with an unknown pipeline.
 *
 * Local worker errors carry no pipeline or model: they are attributed through
 * the clog context (`manifest_id`, else the gateway session's `manifestID`),
 * learned from the session's other lines (Received, Payment, Processed,
 * capacity and ticket lines). A successful remote-worker result is not
 * counted: the `Processed request` line of the same job follows.
 */

export interface CorrelatorOptions {
  /** Seconds (glog time) an expected HTTP error line is waited for (default 30). */
  readonly expectWindowS?: number;
  /** Lines an expected HTTP error line is waited for (default 20000). */
  readonly expectWindowLines?: number;
  /** Bound of pending expectations (default 1024). */
  readonly maxPending?: number;
  /** Bound of remembered sessions (default 4096). */
  readonly maxSessions?: number;
}

interface Expectation {
  readonly status: number;
  readonly error: string;
  readonly errorClass: ErrorClass;
  readonly timeKey: number | null;
  readonly seq: number;
}

interface Session {
  readonly pipeline: PipelineId;
  readonly modelId: string | null;
}

const CONTEXT_KEYS = ['manifest_id', 'manifestID'] as const;

export class JobCorrelator {
  private readonly pending: Expectation[] = [];
  private readonly sessions = new Map<string, Session>();
  private seq = 0;
  private readonly windowS: number;
  private readonly windowLines: number;
  private readonly maxPending: number;
  private readonly maxSessions: number;
  /** HTTP error lines absorbed by the cause logged before them. */
  absorbed = 0;

  constructor(options: CorrelatorOptions = {}) {
    this.windowS = options.expectWindowS ?? 30;
    this.windowLines = options.expectWindowLines ?? 20_000;
    this.maxPending = options.maxPending ?? 1024;
    this.maxSessions = options.maxSessions ?? 4096;
  }

  /** Call once per line read, parsed or not: expectations age by lines too. */
  tick(): void {
    this.seq++;
  }

  /** The jobs an event completes (none, or one). */
  accept(event: JobEvent): JobObservation[] {
    const timeKey = event.glog?.timeKey ?? null;
    this.expire(timeKey);
    switch (event.kind) {
      case 'session-info':
        this.learn(event.context, event.pipeline, event.modelId);
        return [];
      case 'processed': {
        this.learn(event.context, event.pipeline, event.modelId);
        const { pipeline, modelId, durationS, requestId } = event;
        const job = { pipeline, modelId, durationS, requestId };
        return [
          { kind: 'batch', ...job, outcome: 'success', errorClass: null, source: 'processed' },
        ];
      }
      case 'stream-start':
        this.learn(event.context, event.pipeline, event.modelId);
        return [this.job(event.pipeline, event.modelId, 'stream-start', null)];
      case 'remote-result': {
        this.learn(event.context, event.pipeline, event.modelId);
        const f = event.failure;
        if (f === null) return [];
        this.expect(500, f, timeKey);
        const job = this.job(event.pipeline, event.modelId, 'remote-result', f);
        return [{ ...job, durationS: event.durationS }];
      }
      case 'worker-error': {
        this.expect(500, event, timeKey);
        const s = this.lookup(event.context);
        return [this.job(s?.pipeline ?? null, s?.modelId ?? null, 'worker-error', event)];
      }
      case 'capacity':
      case 'ticket-error':
        this.learn(event.context, event.pipeline, event.modelId);
        this.expect(event.kind === 'capacity' ? 503 : 400, event, timeKey);
        return [this.job(event.pipeline, event.modelId, event.kind, event)];
      case 'http-error':
        if (this.absorb(event)) return [];
        return [this.job(event.pipeline, event.modelId, 'http-error', event)];
    }
  }

  private job(
    pipeline: PipelineId | null,
    modelId: string | null,
    source: JobEvent['kind'],
    f: { errorClass: JobObservation['errorClass']; outcome: JobObservation['outcome'] } | null,
  ): JobObservation {
    const live = source === 'stream-start' || (pipeline !== null && isLivePipeline(pipeline));
    return {
      kind: live ? 'stream' : 'batch',
      pipeline,
      modelId,
      outcome: f?.outcome ?? 'success',
      errorClass: f?.errorClass ?? null,
      durationS: null,
      requestId: null,
      source,
    };
  }

  private learn(
    context: ReadonlyMap<string, string>,
    pipeline: PipelineId | null,
    modelId: string | null,
  ): void {
    if (pipeline === null) return;
    for (const key of CONTEXT_KEYS) {
      const id = context.get(key);
      if (id === undefined || id === '') continue;
      const k = `${key}=${id}`;
      this.sessions.delete(k);
      this.sessions.set(k, { pipeline, modelId });
      if (this.sessions.size > this.maxSessions) {
        const oldest = this.sessions.keys().next();
        if (oldest.done !== true) this.sessions.delete(oldest.value);
      }
    }
  }

  private lookup(context: ReadonlyMap<string, string>): Session | undefined {
    for (const key of CONTEXT_KEYS) {
      const id = context.get(key);
      const s = id === undefined ? undefined : this.sessions.get(`${key}=${id}`);
      if (s !== undefined) return s;
    }
    return undefined;
  }

  private expect(
    status: number,
    f: { readonly error: string; readonly errorClass: ErrorClass },
    timeKey: number | null,
  ): void {
    this.pending.push({ status, error: f.error, errorClass: f.errorClass, timeKey, seq: this.seq });
    if (this.pending.length > this.maxPending) this.pending.shift();
  }

  private expire(timeKey: number | null): void {
    while (this.pending.length > 0) {
      const e = this.pending[0];
      if (e === undefined) break;
      const byLines = this.seq - e.seq > this.windowLines;
      const dt = timeKey === null || e.timeKey === null ? 0 : timeKey - e.timeKey;
      // A negative gap beyond a day is a new year (the header has no year).
      if (!byLines && dt <= this.windowS && dt > -86_400) break;
      this.pending.shift();
    }
  }

  private absorb(event: HttpErrorEvent): boolean {
    let i = this.pending.findIndex((e) => e.status === event.status && e.error === event.error);
    // Else the same code and error class (a reworded message), never another kind of failure.
    if (i === -1) {
      i = this.pending.findIndex(
        (e) => e.status === event.status && e.errorClass === event.errorClass,
      );
    }
    if (i === -1) return false;
    this.pending.splice(i, 1);
    this.absorbed++;
    return true;
  }
}
