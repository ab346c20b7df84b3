import type { ErrorClass } from '@naap/otel';
import type { Rng } from '../core/rng.js';

/**
 * Raw error strings as go-livepeer and ai-runner produce them, per error
 * class, so that consumers exercise their normalisers on realistic text.
 * `classifyError()` of @naap/otel maps each back to its class (tested).
 */
export const RAW_ERRORS: Readonly<Record<ErrorClass, readonly string[]>> = {
  timeout: [
    'context deadline exceeded',
    'Post "https://{uri}/process/request/{pipeline}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
  ],
  capacity: [
    'insufficient capacity',
    'Insufficient capacity for pipeline={pipeline} modelID={model}',
  ],
  no_orchestrator: ['no orchestrators available'],
  payment: ['TicketParams expired', 'invalid ticket sendernonce'],
  bad_request: ['json: cannot unmarshal string into Go struct field .width of type int'],
  oom: [
    'CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 23.65 GiB total capacity; 20.10 GiB already allocated)',
    'torch.OutOfMemoryError: CUDA out of memory.',
  ],
  runner_error: [
    'Error processing request: pipeline error',
    'runner returned 500 Internal Server Error',
  ],
  transport: ['dial tcp {host}: connect: connection refused', 'unexpected EOF'],
  client_disconnect: ['context canceled'],
  unknown: ['unexpected response from worker'],
};

export function rawErrorMessage(
  rng: Rng,
  errorClass: ErrorClass,
  vars: { uri: string; pipeline: string; model: string },
): string {
  const options = RAW_ERRORS[errorClass];
  const template = options[rng.int(0, options.length - 1)] ?? 'error';
  const host = vars.uri.replace(/^https?:\/\//, '');
  return template
    .replaceAll('{uri}', host)
    .replaceAll('{host}', host)
    .replaceAll('{pipeline}', vars.pipeline)
    .replaceAll('{model}', vars.model);
}
