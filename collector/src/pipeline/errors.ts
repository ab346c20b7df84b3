/** Seconds for a Retry-After header: at least 1, rounded up. */
export function retryAfterSeconds(delayMs: number): number {
  return Math.max(1, Math.ceil(delayMs / 1000));
}

/**
 * The pipeline refuses rows for now: the in-memory bound or the spool bound
 * would be exceeded. Nothing of the refused call is kept; the client should
 * retry after `retryAfterSeconds` (HTTP 429/503 with Retry-After).
 */
export class BackpressureError extends Error {
  override readonly name = 'BackpressureError';
  readonly retryAfterSeconds: number;
  readonly bound: 'memory' | 'spool';

  constructor(bound: 'memory' | 'spool', retryAfter: number, message: string) {
    super(message);
    this.bound = bound;
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfter));
  }
}

/**
 * Rows could neither be inserted nor spooled (no spool configured, the spool
 * write failed, or storage refused the rows for good). They are not kept; the
 * client may retry the request (HTTP 503, or 400 when `permanent`).
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly retryAfterSeconds: number;
  readonly permanent: boolean;

  constructor(
    message: string,
    options: { cause: unknown; retryAfterMs: number; permanent: boolean },
  ) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = retryAfterSeconds(options.retryAfterMs);
    this.permanent = options.permanent;
  }
}

/** One call carries more rows (or bytes) than the pipeline may ever hold (HTTP 413). */
export class BatchTooLargeError extends Error {
  override readonly name = 'BatchTooLargeError';

  constructor(
    readonly unit: 'rows' | 'bytes',
    readonly size: number,
    readonly limit: number,
  ) {
    super(`batch of ${size} ${unit} exceeds the pipeline bound of ${limit} ${unit}`);
  }
}

/** accept() before start() or after close(), or start() twice. */
export class PipelineStateError extends Error {
  override readonly name = 'PipelineStateError';

  constructor(
    readonly state: 'new' | 'running' | 'closed',
    action: string,
  ) {
    super(`cannot ${action}: the pipeline is ${state === 'new' ? 'not started' : state}`);
  }
}

/** Another live process holds the spool directory. */
export class SpoolLockedError extends Error {
  override readonly name = 'SpoolLockedError';

  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`spool ${dir} is in use by process ${pid}`);
  }
}

/** Internal: a spool write would exceed the spool's byte bound. */
export class SpoolFullError extends Error {
  override readonly name = 'SpoolFullError';

  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`spool full: ${bytes} bytes would exceed its bound of ${maxBytes}`);
  }
}
