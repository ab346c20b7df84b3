import type { TestloadJobRecord } from '@naap/otel';

/** What a job measured beyond its record: the raw FPS samples (the record keeps their moments). */
export interface JobDetail {
  readonly fpsSamples: readonly number[] | null;
}

/** Where job records go: the collector (OTLP), a JSONL file, memory. */
export interface ResultSink {
  record(record: TestloadJobRecord, detail?: JobDetail): void;
  /** Delivers what is buffered. */
  flush(): Promise<void>;
  /** Delivers what is buffered and stops. */
  close(): Promise<void>;
}

/** Keeps every record and its detail (tests, and the table of `naap-gateway once`). */
export class MemorySink implements ResultSink {
  readonly records: TestloadJobRecord[] = [];
  readonly details = new Map<string, JobDetail>();
  record(record: TestloadJobRecord, detail?: JobDetail): void {
    this.records.push(record);
    if (detail !== undefined) this.details.set(record.jobId, detail);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Sends each record to every sink. */
export class FanOutSink implements ResultSink {
  constructor(private readonly sinks: readonly ResultSink[]) {}
  record(record: TestloadJobRecord, detail?: JobDetail): void {
    for (const s of this.sinks) s.record(record, detail);
  }
  async flush(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.flush()));
  }
  async close(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.close()));
  }
}
