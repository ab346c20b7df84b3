/**
 * One row of a table: a newline-terminated line of text in the table's insert
 * format (what the collector's mappers write: TabSeparated), or an object for
 * JSONEachRow (what spool records written by earlier versions hold). The
 * pipeline passes rows through untouched; the insert function knows the format.
 */
export type Row = string | Readonly<Record<string, unknown>>;

/**
 * Inserts rows into one table; throws (rejects) when storage fails. It should
 * give up after a timeout of its own (a hung INSERT holds the flush queue).
 */
export type InsertFn = (table: string, rows: readonly Row[], batch?: InsertBatch) => Promise<void>;

/** What identifies one batch across its retries, its spooling and its replay. */
export interface InsertBatch {
  /**
   * Stable id of the batch (a UUID): the same for every attempt, before and
   * after a restart. Passed as ClickHouse's `insert_deduplication_token` it
   * lets the server drop a repeated INSERT (see README).
   */
  readonly id: string;
  /** True when the rows come from the spool. */
  readonly replay: boolean;
}

export interface PipelineLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface SpoolOptions {
  /** Directory of the spool; created when missing; one pipeline (process) at a time. */
  readonly dir: string;
  /** Upper bound of the spool's record files in bytes; beyond it new data is refused. */
  readonly maxBytes: number;
}

export interface PipelineOptions {
  readonly insert: InsertFn;
  /** Rows per INSERT (and per spool record) at most; a table's buffer is flushed at this size. Default 10 000. */
  readonly maxBatchRows?: number;
  /** A buffered row waits at most this long before its table is flushed. Default 1 000 ms. */
  readonly maxBatchDelayMs?: number;
  /** Rows held in memory (buffered or being written), all tables together. Default 200 000. */
  readonly maxPendingRows?: number;
  /** Bytes held in memory (text rows: their length; object rows: a JSON estimate), all tables together. Default 256 MiB. */
  readonly maxPendingBytes?: number;
  /** On-disk spool used while storage fails; null or absent: none (failed inserts reject). */
  readonly spool?: SpoolOptions | null;
  /** First delay between replay attempts while storage fails; doubles up to maxRetryDelayMs. Default 500 ms. */
  readonly retryDelayMs?: number;
  /** Cap of the replay backoff. Default 30 000 ms. */
  readonly maxRetryDelayMs?: number;
  /**
   * Whether an insert error can never succeed on retry (a malformed row, an
   * unknown table) rather than storage being unavailable. Such a batch is not
   * spooled (its callers are rejected) and a spooled one is quarantined instead
   * of blocking the replay forever. Default: every error is transient.
   */
  readonly isPermanentError?: (error: unknown) => boolean;
  /** Clock in ms; default Date.now. Timers themselves use setTimeout. */
  readonly now?: () => number;
  readonly logger?: PipelineLogger;
}

export interface PipelineStats {
  /** Rows held in memory: buffered, or in an INSERT / spool write in progress. */
  readonly pendingRows: number;
  /** Size of those rows in UTF-16 code units (text rows exactly, object rows as JSON, estimated). */
  readonly pendingBytesEstimate: number;
  /** Bytes of the spool's record files (0 without a spool). */
  readonly spoolBytes: number;
  /** Record files in the spool, each one batch of one table. */
  readonly spoolFiles: number;
  /** Rows inserted into storage, directly or by the replay. */
  readonly insertedRows: number;
  /** Successful INSERTs. */
  readonly insertedBatches: number;
  /** INSERTs that threw. */
  readonly failedInserts: number;
  /** Rows written to the spool. */
  readonly spooledRows: number;
  /** Rows inserted from the spool (part of insertedRows). */
  readonly replayedRows: number;
  /** Rows refused (backpressure) or failed (storage error without spool); never acknowledged. */
  readonly rejectedRows: number;
  /** Rows of spooled records storage refused for good (set aside as `*.rec.rejected`). */
  readonly droppedRows: number;
  /** Spool records set aside (`*.rec.corrupt` that did not decode, `*.rec.rejected`). */
  readonly quarantinedRecords: number;
  /** Clock time (options.now) when the last successful INSERT completed; null before the first. */
  readonly lastInsertMs: number | null;
  /** Duration of the last successful INSERT in ms; null before the first. */
  readonly lastInsertDurationMs: number | null;
  /** False from a failed INSERT until the next successful one. */
  readonly storageHealthy: boolean;
  /** True while new batches go to the spool (it holds older data, or storage failed). */
  readonly spooling: boolean;
}

/** What the collector needs of a pipeline: the batching one (IngestPipeline) or the log one (LogPipeline). */
export interface Pipeline {
  start(): Promise<void>;
  /** Resolves once the call's rows are durable (inserted, spooled or logged, by mode); rejects when refused. */
  accept(batch: ReadonlyMap<string, readonly Row[]>): Promise<void>;
  /** Inserts what storage takes now; what it does not take stays durable (spool or log). */
  flush(): Promise<void>;
  close(): Promise<void>;
  stats(): PipelineStats;
}
