import { describeError, getJson } from '../go-livepeer-metrics/http.js';

/** ai-runner's `GET /health` statuses. */
export const RUNNER_HEALTH = ['OK', 'LOADING', 'IDLE', 'ERROR'] as const;
export type RunnerHealthStatus = (typeof RUNNER_HEALTH)[number];

/** A runner's health as polled: its own status, or why none was read. */
export type RunnerHealth = RunnerHealthStatus | 'unreachable' | 'invalid';

const MAX_BYTES = 64 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface RunnerHttpOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

function opts(o: RunnerHttpOptions) {
  return {
    timeoutMs: o.timeoutMs,
    maxBytes: MAX_BYTES,
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
  };
}

/** Polls `GET <base>/health` → `{"status": …}`; never throws. */
export async function pollRunnerHealth(
  baseUrl: string,
  o: RunnerHttpOptions,
): Promise<{ readonly health: RunnerHealth; readonly error?: string }> {
  let body: unknown;
  try {
    body = await getJson(`${baseUrl}/health`, opts(o));
  } catch (err) {
    const error = describeError(err);
    // An HTTP error or a body that is not JSON came from something that answered.
    const answered = /^HTTP \d+|JSON|Unexpected|exceeds/.test(error);
    return { health: answered ? 'invalid' : 'unreachable', error };
  }
  const status = isRecord(body) ? body['status'] : undefined;
  return (RUNNER_HEALTH as readonly unknown[]).includes(status)
    ? { health: status as RunnerHealthStatus }
    : { health: 'invalid', error: 'no valid status' };
}

export interface RunnerVersion {
  readonly pipeline: string | undefined;
  readonly modelId: string | undefined;
  readonly version: string | undefined;
}

const text = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.trim() !== '' && v.length <= max && !/\p{Cc}/u.test(v)
    ? v.trim()
    : undefined;

/**
 * `GET <base>/version` → `{pipeline, model_id, version}`: the exact model id,
 * which the container name only gives with `/` and `_` folded into `-`.
 * Null when the runner does not answer it.
 */
export async function fetchRunnerVersion(
  baseUrl: string,
  o: RunnerHttpOptions,
): Promise<RunnerVersion | null> {
  try {
    const body = await getJson(`${baseUrl}/version`, opts(o));
    if (!isRecord(body)) return null;
    return {
      pipeline: text(body['pipeline'], 64),
      modelId: text(body['model_id'], 256),
      version: text(body['version'], 64),
    };
  } catch {
    return null;
  }
}
