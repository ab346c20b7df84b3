import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Fetch } from '../http.js';
import { Backoff } from './backoff.js';
import { logsRequestJson, type ScopeJson } from './otlp-json.js';
import type { Batch, Outbox } from './outbox.js';
import { postLogs, type PostResult } from './transport.js';

export interface SenderOptions {
  /** Collector base URL; records go to `<url>/v1/logs`. */
  readonly url: string;
  readonly token: string | undefined;
  readonly resource: Readonly<Record<string, string>>;
  readonly scope: ScopeJson;
  /** Most records per request (a refused batch is halved until the record at fault is alone). */
  readonly batchRecords: number;
  /** Longest wait between attempts while the collector is unreachable. */
  readonly maxBackoffMs: number;
  /** Wait after a new record before sending, to batch records made together. */
  readonly lingerMs?: number;
  /** How often an idle sender looks at the file anyway (records written by an earlier run). */
  readonly idlePollMs?: number;
  readonly requestTimeoutMs?: number;
}

export interface SenderDeps {
  readonly fetch: Fetch;
  readonly log: Logger;
  /** Waits `ms`; resolves early (never rejects) when `signal` aborts. */
  readonly delay?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

const realDelay = (ms: number, signal: AbortSignal): Promise<void> =>
  sleep(ms, undefined, { signal }).catch(() => undefined);

type WaitKind = 'idle' | 'linger' | 'retry';

/**
 * Sends the outbox's records to the collector as OTLP/HTTP log records, in
 * order, batch after batch, and moves the acknowledged offset past each
 * batch the collector took. While the collector is unreachable it waits
 * (Retry-After when given, else exponential backoff) and tries again; the
 * records wait in the file.
 */
export class OutboxSender {
  private readonly backoff: Backoff;
  private readonly delay: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly stop = new AbortController();
  private waiting: { kind: WaitKind; ctrl: AbortController } | null = null;
  private draining = false;
  private notified = false;
  private failing: string | null = null;
  private loop: Promise<void> = Promise.resolve();
  /** Records the collector refused for good (malformed alone, or partial success). */
  rejected = 0;
  /** Records the collector took. */
  sent = 0;

  constructor(
    private readonly outbox: Outbox,
    private readonly o: SenderOptions,
    private readonly deps: SenderDeps,
  ) {
    this.backoff = new Backoff(o.maxBackoffMs, deps.random);
    this.delay = deps.delay ?? realDelay;
  }

  start(): void {
    this.loop = this.run().catch((err: unknown) => {
      this.deps.log.error({ err }, 'outbox sender stopped');
    });
  }

  /** New records were written: an idle sender sends them (after the linger). */
  notify(): void {
    this.notified = true;
    if (this.waiting?.kind === 'idle') this.waiting.ctrl.abort();
  }

  /** Sends what is pending for up to `timeoutMs`, then stops (what is left stays in the file). */
  async close(timeoutMs: number): Promise<void> {
    this.draining = true;
    this.waiting?.ctrl.abort();
    await Promise.race([this.loop, this.delay(timeoutMs, this.stop.signal)]);
    this.stop.abort();
    this.waiting?.ctrl.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    let limit = this.o.batchRecords;
    while (!this.stop.signal.aborted) {
      try {
        const next = await this.step(limit);
        if (next === null) return;
        limit = next;
      } catch (err) {
        // The file could not be read or the offset saved: try again later.
        this.outbox.release();
        this.deps.log.error({ err }, 'outbox: file operation failed');
        await this.wait('retry', this.backoff.next());
      }
    }
  }

  /** One batch; returns the next batch size, or null when the sender is done. */
  private async step(limit: number): Promise<number | null> {
    this.notified = false;
    const batch = await this.outbox.read(limit);
    if (batch.lineEnds.length === 0) {
      if (this.draining) return null;
      await this.idle();
      return limit;
    }
    if (this.stop.signal.aborted) {
      this.outbox.release();
      return null;
    }
    if (batch.records.length === 0) {
      await this.outbox.acknowledge(batch);
      return limit;
    }
    const json = logsRequestJson(batch.records, this.o.resource, this.o.scope);
    const target = {
      url: `${this.o.url}/v1/logs`,
      token: this.o.token,
      timeoutMs: this.o.requestTimeoutMs ?? 30_000,
    };
    const result = await postLogs(this.deps.fetch, target, json, this.stop.signal);
    return this.handle(batch, result, limit);
  }

  /** Acts on the answer; returns the batch size for the next request. */
  private async handle(batch: Batch, result: PostResult, limit: number): Promise<number> {
    const full = this.o.batchRecords;
    switch (result.kind) {
      case 'ok':
        await this.taken(batch, result.rejected, result.message);
        return full;
      case 'split':
        this.outbox.release();
        if (batch.records.length > 1) return Math.ceil(batch.records.length / 2);
        this.deps.log.error(
          { jobId: batch.records[0]?.jobId, status: result.status, message: result.message },
          'outbox: the collector refused a job record; it is skipped',
        );
        this.rejected++;
        await this.outbox.acknowledge(batch);
        return full;
      case 'retry':
      case 'refused': {
        this.outbox.release();
        const backoff = this.backoff.next();
        const wait = result.kind === 'retry' ? (result.retryAfterMs ?? backoff) : backoff;
        this.failed(result, batch, wait);
        await this.wait('retry', wait);
        return limit;
      }
    }
  }

  private async taken(batch: Batch, rejected: number, message: string): Promise<void> {
    await this.outbox.acknowledge(batch);
    this.backoff.reset();
    this.sent += batch.records.length - rejected;
    if (rejected > 0) {
      this.rejected += rejected;
      this.deps.log.warn({ rejected, message }, 'outbox: the collector refused some job records');
    }
    if (this.failing !== null) {
      this.deps.log.info(
        { backlog: this.outbox.backlog },
        'outbox: the collector takes records again',
      );
      this.failing = null;
    }
    this.outbox.delivered();
  }

  /** Logs the first failure of an outage (and each change of reason), not every retry. */
  private failed(result: Exclude<PostResult, { kind: 'ok' }>, batch: Batch, waitMs: number): void {
    const status = result.status;
    const reason = `${result.kind} ${String(status)}`;
    if (this.failing === reason) return;
    this.failing = reason;
    const level = result.kind === 'refused' ? 'error' : 'warn';
    this.deps.log[level](
      { status, message: result.message, records: batch.records.length, retryInMs: waitMs },
      'outbox: the collector did not take job records; they wait in the file',
    );
  }

  private async idle(): Promise<void> {
    await this.wait('idle', this.o.idlePollMs ?? 5_000);
    if (this.notified && !this.draining) await this.wait('linger', this.o.lingerMs ?? 1_000);
  }

  private async wait(kind: WaitKind, ms: number): Promise<void> {
    if (this.stop.signal.aborted || (kind !== 'retry' && this.draining)) return;
    if (kind === 'idle' && this.notified) return;
    const ctrl = new AbortController();
    this.waiting = { kind, ctrl };
    try {
      await this.delay(ms, AbortSignal.any([ctrl.signal, this.stop.signal]));
    } finally {
      this.waiting = null;
    }
  }
}
