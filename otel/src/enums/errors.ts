import type { Outcome } from './outcomes.js';

/**
 * A small, stable set of error classes (`naap.error.class`). go-livepeer
 * reports raw error strings (`livepeer_ai_request_errors{error_code=…}`, HTTP
 * error bodies, log lines): they have unbounded cardinality and must never be
 * used as attribute values. Everything is normalised into these classes.
 */
export const ERROR_CLASSES = {
  timeout: 'the job did not finish in time (deadline exceeded, gateway/client timeout)',
  capacity: 'the orchestrator refused for lack of capacity (insufficient capacity, busy)',
  no_orchestrator: 'no orchestrator was available to serve the job (excused)',
  payment: 'ticket or payment problem (expired ticket params, insufficient balance)',
  bad_request: 'the request itself was invalid (excused: a client error)',
  oom: 'the runner ran out of GPU memory',
  runner_error: 'the AI runner failed while processing',
  transport: 'the connection failed (refused, reset, EOF, TLS, DNS)',
  client_disconnect: 'the client went away before the job finished (excused)',
  unknown: 'anything not recognised above',
} as const;

export type ErrorClass = keyof typeof ERROR_CLASSES;

export const ERROR_CLASS_NAMES = Object.keys(ERROR_CLASSES) as readonly ErrorClass[];

export function isErrorClass(value: string): value is ErrorClass {
  return Object.hasOwn(ERROR_CLASSES, value);
}

/**
 * Failures that are not the orchestrator's fault (metrics.md §2: "no
 * orchestrator available, client disconnect"; a malformed client request is
 * the client's fault too). They are counted apart and excluded from the
 * orchestrator's failure rate.
 */
const EXCUSED: ReadonlySet<ErrorClass> = new Set([
  'no_orchestrator',
  'client_disconnect',
  'bad_request',
]);

export function isExcusedErrorClass(errorClass: ErrorClass): boolean {
  return EXCUSED.has(errorClass);
}

/** The outcome of a failed job with this error class. */
export function outcomeOfError(errorClass: ErrorClass): Exclude<Outcome, 'success'> {
  return isExcusedErrorClass(errorClass) ? 'excused' : 'failure';
}

// Ordered: the first matching rule wins. Patterns are plain alternations
// without nested quantifiers, so hostile input cannot cause backtracking.
const RULES: readonly (readonly [ErrorClass, RegExp])[] = [
  [
    'oom',
    /out of memory|outofmemoryerror|\boom\b|cuda error: out of memory|cudnn_status_alloc_failed/,
  ],
  [
    'payment',
    /ticketparams expired|ticket params expired|invalid ticket|insufficient balance|insufficient max float|insufficient reserve|payment|sender nonce|recipientrandhash|expiration block|ticket/,
  ],
  [
    'capacity',
    /insufficient capacity|errorchcap|no capacity|orchestrator busy|errorchbusy|too many requests|at capacity|capacity exceeded/,
  ],
  [
    'no_orchestrator',
    /no orchestrators? (?:available|found)|could not find (?:any )?orchestrator|errnoorchs|no sessions? available|no orchestrator/,
  ],
  [
    'client_disconnect',
    /context canceled|client disconnected|client closed|request canceled by client/,
  ],
  [
    'timeout',
    /deadline exceeded|timed? ?out|timeout|took too long|status(?: code)? 504|gateway time-?out/,
  ],
  [
    'transport',
    /connection refused|connection reset|broken pipe|unexpected eof|\beof\b|no such host|network is unreachable|no route to host|tls handshake|x509|goaway|dial tcp|connection closed|status(?: code)? 502|bad gateway/,
  ],
  [
    'bad_request',
    /bad request|invalid|malformed|missing|required|unsupported|not supported|cannot unmarshal|unknown field|unprocessable|too large|status(?: code)? 4(?:00|13|15|22)|unknown model|model not found/,
  ],
  [
    'runner_error',
    /runner|pipeline|inference|internal server error|status(?: code)? 500|container|traceback|runtimeerror|exception|panic|failed to process|error processing/,
  ],
];

/** Longest prefix of an error message that is examined. */
const MAX_EXAMINED = 4096;

function classFromStatus(status: number): ErrorClass | null {
  if (status === 402) return 'payment';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429 || status === 503) return 'capacity';
  if (status === 499) return 'client_disconnect';
  if (status === 502) return 'transport';
  if (status >= 400 && status < 500) return 'bad_request';
  if (status >= 500 && status < 600) return 'runner_error';
  return null;
}

/**
 * Normalises a raw error (go-livepeer `error_code`, an HTTP error body's
 * message, a runner log line) into an error class. The HTTP status, when
 * known, decides only where the text says nothing recognisable.
 */
export function classifyError(message: string | null | undefined, httpStatus?: number): ErrorClass {
  const text = (message ?? '').slice(0, MAX_EXAMINED).toLowerCase();
  if (text.trim() !== '') {
    for (const [errorClass, pattern] of RULES) {
      if (pattern.test(text)) return errorClass;
    }
  }
  if (httpStatus !== undefined && Number.isInteger(httpStatus)) {
    return classFromStatus(httpStatus) ?? 'unknown';
  }
  return 'unknown';
}

/** Longest error message kept in a record (public, so bounded). */
export const MAX_ERROR_MESSAGE_LENGTH = 512;

/**
 * Makes a raw error message safe to store and show: control characters become
 * spaces, runs of white space fold, and the result is cut to `max` characters.
 */
export function sanitizeErrorMessage(message: string, max = MAX_ERROR_MESSAGE_LENGTH): string {
  let out = '';
  let lastSpace = true;
  for (const ch of message) {
    const code = ch.codePointAt(0) ?? 0;
    const isSpace =
      code <= 0x20 || (code >= 0x7f && code <= 0x9f) || ch === '\u2028' || ch === '\u2029';
    if (isSpace) {
      if (!lastSpace) out += ' ';
      lastSpace = true;
    } else {
      out += ch;
      lastSpace = false;
    }
    if (out.length >= max) break;
  }
  return out.trimEnd().slice(0, max);
}
