import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TestloadJobRecord } from '@naap/otel';
import type { ResultSink } from './sink.js';

/**
 * Appends one JSON line per record to a local file (the wire format of
 * TestloadJobRecord). Writes are serialised; a failed write is reported
 * once through `onError` and does not stop the runner.
 */
export class JsonlSink implements ResultSink {
  private writes: Promise<void>;

  constructor(
    readonly path: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.writes = mkdir(dirname(path), { recursive: true }).then(
      () => undefined,
      (err: unknown) => {
        this.onError(err);
      },
    );
  }

  record(record: TestloadJobRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    this.writes = this.writes.then(() =>
      appendFile(this.path, line).catch((err: unknown) => {
        this.onError(err);
      }),
    );
  }

  flush(): Promise<void> {
    return this.writes;
  }

  close(): Promise<void> {
    return this.writes;
  }
}
