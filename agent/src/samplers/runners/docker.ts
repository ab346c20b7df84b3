import { execa } from 'execa';
import { parseDockerPs, RUNNER_LABEL, type DockerPsResult } from './docker-ps.js';

export type DockerPsOutcome =
  | ({ readonly ok: true } & DockerPsResult)
  | {
      readonly ok: false;
      /** Docker is missing, not executable, or its daemon is unreachable or forbidden. */
      readonly unavailable: boolean;
      readonly error: string;
    };

/** stderr texts of a docker CLI that cannot reach or may not use the daemon. */
const UNAVAILABLE =
  /permission denied|cannot connect to the docker daemon|is the docker daemon running|no such file or directory|error during connect/i;

function firstLine(text: unknown, fallback: string): string {
  const t = typeof text === 'string' ? text.trim() : '';
  return ((t === '' ? fallback : t).split('\n')[0] ?? '').slice(0, 200);
}

export interface DockerPsOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Lists running ai-runner containers (`docker ps --filter label=creator=ai-worker`); never throws. */
export async function listRunnerContainers(
  docker: string,
  o: DockerPsOptions,
): Promise<DockerPsOutcome> {
  const r = await execa(
    docker,
    ['ps', '--no-trunc', '--filter', `label=${RUNNER_LABEL}`, '--format', '{{json .}}'],
    {
      reject: false,
      stdin: 'ignore',
      timeout: o.timeoutMs,
      maxBuffer: 4 * 1024 * 1024,
      forceKillAfterDelay: 1000,
      ...(o.signal !== undefined ? { cancelSignal: o.signal } : {}),
    },
  );
  if (r.failed) {
    const missing = r.code === 'ENOENT' || r.code === 'EACCES';
    const why = r.timedOut
      ? `timed out after ${o.timeoutMs} ms`
      : firstLine(r.stderr, r.message ?? 'docker failed');
    return {
      ok: false,
      unavailable: missing || (!r.timedOut && UNAVAILABLE.test(r.stderr)),
      error: `docker ps: ${why}`,
    };
  }
  return { ok: true, ...parseDockerPs(r.stdout) };
}
