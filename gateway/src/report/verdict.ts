import { classifyError, outcomeOfError, type ErrorClass, type Outcome } from '@naap/otel';
import type { CaseKind } from '../cases.js';
import { failuresOf, type Evidence } from '../evidence/index.js';
import type { JobResult } from '../jobs/types.js';
import type { Target } from '../targets/types.js';

/**
 * What the runner knows of the gateway's pool for this job:
 * - pinned: the target is the only orchestrator the gateway could use
 *   (webhook answering it alone and settled, or a gateway per target);
 * - fallbackClass: the class of a failure of the target the gateway did not
 *   explain ('transport' when the target was missing from the gateway's
 *   pool although the webhook named it: the gateway could not reach it).
 */
export interface PinState {
  readonly pinned: boolean;
  readonly fallbackClass: ErrorClass;
}

export interface Verdict {
  readonly outcome: Outcome;
  readonly errorClass: ErrorClass | null;
  readonly errorMessage: string | null;
  readonly expectedRejection: boolean;
  readonly servedBy: string | null;
  readonly swapped: boolean;
  /**
   * The failure is the test-load side's own: its go-livepeer gateway could
   * not be reached, or had no orchestrator for a job it should have routed.
   */
  readonly gatewayFault: boolean;
}

export interface VerdictInput {
  readonly kind: CaseKind;
  readonly result: JobResult;
  readonly target: Target;
  readonly evidence: Evidence | null;
  readonly pin: PinState;
}

/** Who served: the gateway's own report (live status) first, then /metrics evidence. */
export function servedBy(input: VerdictInput): { servedBy: string | null; swapped: boolean } {
  const seen = input.result.reportedServers ?? input.evidence?.served ?? null;
  if (seen === null || seen.length === 0) return { servedBy: null, swapped: false };
  const other = seen.find((a) => a !== input.target.address);
  return other === undefined
    ? { servedBy: input.target.address, swapped: false }
    : { servedBy: other, swapped: true };
}

type Judged = Pick<Verdict, 'outcome' | 'errorClass' | 'errorMessage' | 'gatewayFault'>;

const failed = (errorClass: ErrorClass, errorMessage: string): Judged => ({
  outcome: outcomeOfError(errorClass),
  errorClass,
  errorMessage,
  gatewayFault: false,
});

/** "no orchestrators available" from a pinned gateway: the target failed; the log or /metrics say how. */
function targetFailure(input: VerdictInput, message: string): Judged {
  const mine = input.evidence === null ? [] : failuresOf(input.evidence, input.target.uri);
  const last = mine.at(-1);
  const cls = last === undefined ? null : classifyError(last.message);
  const errorClass = cls === null || cls === 'no_orchestrator' ? input.pin.fallbackClass : cls;
  return failed(errorClass, last === undefined ? message : `${message}: ${last.message}`);
}

/**
 * A bad case that was not answered 2xx: a 4xx is the correct rejection (a
 * success); anything else did not reject it properly, but the request was
 * invalid by construction, so it never counts against the orchestrator.
 */
function badCase(status: number | null, message: string): Judged {
  if (status !== null && status >= 400 && status < 500)
    return {
      outcome: 'success',
      errorClass: 'bad_request',
      errorMessage: message,
      gatewayFault: false,
    };
  return {
    outcome: 'excused',
    errorClass: 'bad_request',
    errorMessage: `invalid request not rejected with a 4xx (${status ?? 'no status'}): ${message}`,
    gatewayFault: false,
  };
}

function httpError(input: VerdictInput, status: number | null, message: string): Judged {
  if (input.kind === 'bad') return badCase(status, message);
  const cls = classifyError(message, status ?? undefined);
  if (cls === 'no_orchestrator' && input.pin.pinned) return targetFailure(input, message);
  return { ...failed(cls, message), gatewayFault: cls === 'no_orchestrator' };
}

function judged(input: VerdictInput): Judged {
  const r = input.result;
  const message = r.errorMessage ?? '';
  switch (r.end) {
    case 'ok':
      return input.kind === 'bad'
        ? failed(
            'unknown',
            `accepted an invalid request: expected HTTP 4xx, got ${r.httpStatus ?? '?'}`,
          )
        : { outcome: 'success', errorClass: null, errorMessage: null, gatewayFault: false };
    case 'invalid_output':
      return input.kind === 'bad'
        ? failed('unknown', `accepted an invalid request: ${message}`)
        : failed('runner_error', message);
    case 'timeout':
      return input.kind === 'bad' ? badCase(null, message) : failed('timeout', message);
    case 'unreachable':
      // Not the orchestrator's doing: the test-load gateway could not reach its own go-livepeer gateway.
      return {
        outcome: 'excused',
        errorClass: classifyError(message),
        errorMessage: `gateway unreachable: ${message}`,
        gatewayFault: true,
      };
    case 'http_error':
      return httpError(input, r.httpStatus, message);
  }
}

/** Outcome, error class and served-by of one job, by the rules of README.md "What counts against an orchestrator". */
export function judge(input: VerdictInput): Verdict {
  return { ...judged(input), ...servedBy(input), expectedRejection: input.kind === 'bad' };
}
