import type { JobRecord } from '../../model/jobs.js';

/**
 * How go-livepeer's orchestrator handled a job, which decides its log lines
 * and metrics (server/ai_http.go handleAIRequest / StartLiveVideoToVideo):
 * - `bad_request`: the body did not decode → 400 before anything is logged;
 * - `capacity`: CheckAICapacity failed → "Insufficient capacity" + 503;
 * - `payment`: ProcessPayment failed → ticket error + 400;
 * - `processing_error`: the worker failed → monitor.AIProcessingError + 500;
 * - `processed`: success → "Processed request …".
 */
export type Handling = 'bad_request' | 'capacity' | 'payment' | 'processing_error' | 'processed';

export function handlingOf(job: JobRecord): Handling {
  if (job.outcome === 'success') return 'processed';
  switch (job.errorClass) {
    case 'bad_request':
      return 'bad_request';
    case 'capacity':
      return 'capacity';
    case 'payment':
      return 'payment';
    default:
      return 'processing_error';
  }
}

/** Whether the request reached ProcessPayment and its tickets were received. */
export function paidFor(handling: Handling): boolean {
  return handling === 'processed' || handling === 'processing_error';
}

/** The error text of a failed job (go-livepeer's `err.Error()`). */
export function errorText(job: JobRecord): string {
  return job.errorMessage ?? 'unknown error';
}
