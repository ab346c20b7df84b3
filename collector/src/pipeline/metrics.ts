/** The pipeline's counters (see PipelineStats for their meaning). */
export class Metrics {
  insertedRows = 0;
  insertedBatches = 0;
  failedInserts = 0;
  spooledRows = 0;
  replayedRows = 0;
  rejectedRows = 0;
  droppedRows = 0;
  quarantinedRecords = 0;
  lastInsertMs: number | null = null;
  lastInsertDurationMs: number | null = null;
  storageHealthy = true;

  insertSucceeded(rows: number, startedAt: number, endedAt: number, replayed: boolean): void {
    this.insertedRows += rows;
    this.insertedBatches += 1;
    if (replayed) this.replayedRows += rows;
    this.lastInsertMs = endedAt;
    this.lastInsertDurationMs = endedAt - startedAt;
    this.storageHealthy = true;
  }

  /** A spooled record was set aside (corrupt, or refused by storage for good). */
  setAside(rows: number): void {
    this.droppedRows += rows;
    this.quarantinedRecords += 1;
  }

  insertFailed(): void {
    this.failedInserts += 1;
    this.storageHealthy = false;
  }
}
