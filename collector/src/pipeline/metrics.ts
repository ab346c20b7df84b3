import type { ReplayHooks } from './replay.js';
import type { PipelineStats } from './types.js';

/** PipelineStats fields that come straight from the counters. */
export type CounterStats = Pick<
  PipelineStats,
  | 'insertedRows'
  | 'insertedBatches'
  | 'failedInserts'
  | 'replayedRows'
  | 'rejectedRows'
  | 'droppedRows'
  | 'quarantinedRecords'
  | 'lastInsertMs'
  | 'lastInsertDurationMs'
  | 'storageHealthy'
>;

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

  counters(): CounterStats {
    return {
      insertedRows: this.insertedRows,
      insertedBatches: this.insertedBatches,
      failedInserts: this.failedInserts,
      replayedRows: this.replayedRows,
      rejectedRows: this.rejectedRows,
      droppedRows: this.droppedRows,
      quarantinedRecords: this.quarantinedRecords,
      lastInsertMs: this.lastInsertMs,
      lastInsertDurationMs: this.lastInsertDurationMs,
      storageHealthy: this.storageHealthy,
    };
  }

  /** What the spool replay reports, counted here; `drained` is the caller's. */
  replayHooks(now: () => number, drained: () => void): ReplayHooks {
    return {
      inserted: (rows, startedAt) => {
        this.insertSucceeded(rows, startedAt, now(), true);
      },
      failed: () => {
        this.insertFailed();
      },
      dropped: (_entry, rows) => {
        this.setAside(rows);
      },
      drained,
    };
  }
}
