import type { TestloadJobRecord } from '@naap/otel';
import type { Logger } from 'pino';
import type { Fetch } from '../http.js';
import type { ResultSink } from '../report/sink.js';
import { Outbox, type OutboxFileOptions } from './outbox.js';
import { OutboxSender, type SenderDeps, type SenderOptions } from './sender.js';

export interface OutboxSinkOptions {
  readonly file: OutboxFileOptions;
  readonly sender: SenderOptions;
  /** How long `close` keeps sending what is pending. */
  readonly closeTimeoutMs?: number;
}

/**
 * Job records to the collector through the durable outbox: each record is
 * appended to the JSONL file (fsync) and the sender delivers the file's
 * records not yet acknowledged. `flush` waits for the file, not the
 * collector; `close` sends what it can within its timeout.
 */
export class OutboxSink implements ResultSink {
  private constructor(
    readonly outbox: Outbox,
    readonly sender: OutboxSender,
    private readonly log: Logger,
    private readonly closeTimeoutMs: number,
  ) {}

  static async open(
    o: OutboxSinkOptions,
    deps: { readonly fetch: Fetch; readonly log: Logger } & Partial<SenderDeps>,
  ): Promise<OutboxSink> {
    const outbox = await Outbox.open(o.file, deps.log);
    const sender = new OutboxSender(outbox, o.sender, deps);
    sender.start();
    return new OutboxSink(outbox, sender, deps.log, o.closeTimeoutMs ?? 10_000);
  }

  record(record: TestloadJobRecord): void {
    this.outbox.append(`${JSON.stringify(record)}\n`).then(
      () => {
        this.sender.notify();
      },
      (err: unknown) => {
        this.log.error({ err, jobId: record.jobId }, 'results file write failed');
      },
    );
  }

  flush(): Promise<void> {
    return this.outbox.settled();
  }

  async close(): Promise<void> {
    await this.outbox.settled();
    await this.sender.close(this.closeTimeoutMs);
    await this.outbox.settled();
  }
}
