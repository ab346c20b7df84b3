import { pause } from '../clock.js';
import { fetchLiveStatus, type LiveStatus } from './live-status.js';
import type { JobContext, JobEnd } from './types.js';

/** What the stream status said while the stream was watched. */
export interface Watched {
  readonly servers: Set<string>;
  readonly fps: number[];
}

/** How watching ended early: the job's end and why. */
export interface Stopped {
  readonly end: JobEnd;
  readonly message: string;
}

function note(w: Watched, s: LiveStatus): void {
  if (s.orchestrator !== null) w.servers.add(s.orchestrator);
}

/**
 * Polls the stream status until its first processed frame (state ONLINE):
 * the time since `startedMs`, or why there was none.
 */
export async function firstFrame(
  ctx: JobContext,
  stream: string,
  startedMs: number,
  w: Watched,
): Promise<{ readonly ptffMs: number } | (Stopped & { readonly atMs: number })> {
  const { pollMs, firstFrameTimeoutMs } = ctx.settings.live;
  for (;;) {
    const since = ctx.clock.now() - startedMs;
    if (since > firstFrameTimeoutMs)
      return {
        end: 'timeout',
        message: `no processed frame within ${firstFrameTimeoutMs} ms`,
        atMs: since,
      };
    const s = await fetchLiveStatus(ctx, stream);
    const atMs = ctx.clock.now() - startedMs;
    if (typeof s === 'string')
      return { end: s === 'timeout' ? 'timeout' : 'unreachable', message: s, atMs };
    note(w, s);
    if (s.state === 'ONLINE') return { ptffMs: atMs };
    if (s.state === 'OFFLINE' || s.error !== null)
      return {
        end: 'http_error',
        message: s.error ?? 'stream went offline before its first frame',
        atMs,
      };
    if (!(await pause(ctx.clock, pollMs, ctx.signal)))
      return { end: 'timeout', message: 'job timed out', atMs };
  }
}

/** Takes the FPS samples while the stream stays online; a Stopped when it failed. */
export async function sampleFps(
  ctx: JobContext,
  stream: string,
  w: Watched,
): Promise<Stopped | null> {
  const { sampleMs, samples } = ctx.settings.live;
  for (let k = 0; k < samples; k++) {
    if (!(await pause(ctx.clock, sampleMs, ctx.signal))) break;
    const s = await fetchLiveStatus(ctx, stream);
    if (typeof s === 'string') break;
    note(w, s);
    if (s.error !== null) return { end: 'http_error', message: s.error };
    if (s.state !== 'ONLINE') break;
    if (s.fps !== null) w.fps.push(s.fps);
  }
  if (w.fps.length === 0)
    return { end: 'invalid_output', message: 'invalid output: no FPS sample while online' };
  if (w.fps.every((f) => f === 0))
    return { end: 'invalid_output', message: 'invalid output: no processed frames' };
  return null;
}
