import { pause } from '../clock.js';
import { buildRequest } from '../datasets/index.js';
import { answered, checked, exchange, failure } from './exchange.js';
import { fetchLiveStatus, type LiveStatus } from './live-status.js';
import { modelOf } from './request-body.js';
import { EMPTY_EXTRAS, type JobContext, type JobModule, type JobResult } from './types.js';

/** Longest smoke test go-livepeer accepts (maxSmokeTestDuration). */
const MAX_SMOKE_TEST_S = 3600;

interface Observed {
  readonly servers: Set<string>;
  readonly fps: number[];
}

function note(o: Observed, s: LiveStatus): void {
  if (s.orchestrator !== null) o.servers.add(s.orchestrator);
}

function ended(
  o: Observed,
  base: Pick<JobResult, 'httpStatus' | 'ttfbMs' | 'latencyMs' | 'ptffMs'>,
  end: JobResult['end'],
  message: string | null,
): JobResult {
  return {
    ...EMPTY_EXTRAS,
    ...base,
    end,
    errorMessage: message,
    fpsSamples: o.fps.length > 0 ? o.fps : null,
    reportedServers: [...o.servers],
  };
}

/** The smoke-test ingest URL: the stream name last, routing parameters in the query. */
export function ingestUrl(ctx: JobContext, stream: string): string {
  const q = new URLSearchParams({
    pipeline: ctx.capability.model,
    orchestrator: ctx.target.uri,
    streamId: stream,
  });
  const params = ctx.testCase.params['params'];
  if (params !== undefined)
    q.set('params', typeof params === 'string' ? params : JSON.stringify(params));
  return `${ctx.settings.live.ingestUrl}/${stream}?${q.toString()}`;
}

/**
 * live-video-to-video: go-livepeer's smoke test pushes a test card into a
 * stream pinned with `orchestrator=<target URI>`; the stream status is
 * polled until the first processed frame (prompt-to-first-frame, the job's
 * latency), then output FPS is sampled `samples` times `sampleMs` apart.
 * The status names the orchestrator serving the stream. Bad cases go to
 * the ingest hook instead (see rejectedStart).
 */
export const liveVideoToVideo: JobModule = {
  pipeline: 'live-video-to-video',
  async run(ctx) {
    const live = ctx.settings.live;
    const stream = `naap-${ctx.jobId}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64);
    const duration = Math.min(
      MAX_SMOKE_TEST_S,
      Math.ceil((live.firstFrameTimeoutMs + (live.samples + 1) * live.sampleMs) / 1000),
    );
    if (ctx.testCase.kind === 'bad') return rejectedStart(ctx, stream);
    const start = await exchange(ctx, '/live/video-to-video/smoketest', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stream_url: ingestUrl(ctx, stream), duration_secs: duration }),
    });
    if (!answered(start)) return failure(start);
    const o: Observed = { servers: new Set(), fps: [] };
    const base: { httpStatus: number; ttfbMs: number; ptffMs: number | null; latencyMs: number } = {
      httpStatus: start.status,
      ttfbMs: start.ttfbMs,
      ptffMs: null,
      latencyMs: start.latencyMs,
    };
    try {
      // Until the first processed frame.
      for (;;) {
        const since = ctx.clock.now() - start.startedMs;
        if (since > live.firstFrameTimeoutMs)
          return ended(
            o,
            { ...base, latencyMs: since },
            'timeout',
            `no processed frame within ${live.firstFrameTimeoutMs} ms`,
          );
        const s = await fetchLiveStatus(ctx, stream);
        const now = ctx.clock.now() - start.startedMs;
        if (typeof s === 'string')
          return ended(
            o,
            { ...base, latencyMs: now },
            s === 'timeout' ? 'timeout' : 'unreachable',
            s,
          );
        note(o, s);
        if (s.state === 'ONLINE') {
          base.ptffMs = now;
          base.latencyMs = now;
          break;
        }
        if (s.state === 'OFFLINE' || s.error !== null)
          return ended(
            o,
            { ...base, latencyMs: now },
            'http_error',
            s.error ?? 'stream went offline before its first frame',
          );
        if (!(await pause(ctx.clock, live.pollMs, ctx.signal)))
          return ended(o, { ...base, latencyMs: now }, 'timeout', 'job timed out');
      }
      // FPS samples.
      for (let k = 0; k < live.samples; k++) {
        if (!(await pause(ctx.clock, live.sampleMs, ctx.signal))) break;
        const s = await fetchLiveStatus(ctx, stream);
        if (typeof s === 'string') break;
        note(o, s);
        if (s.error !== null) return ended(o, base, 'http_error', s.error);
        if (s.state !== 'ONLINE') break;
        if (s.fps !== null) o.fps.push(s.fps);
      }
      const problem =
        o.fps.length === 0
          ? 'no FPS sample while online'
          : o.fps.every((f) => f === 0)
            ? 'no processed frames'
            : null;
      return ended(
        o,
        base,
        problem === null ? 'ok' : 'invalid_output',
        problem === null ? null : `invalid output: ${problem}`,
      );
    } finally {
      await stopStream(ctx, stream);
    }
  },
};

/**
 * A bad case is sent to the ingest hook itself (`POST …/{stream}/start`
 * with source_id, source_type and the ingest query), which validates them
 * before any video flows: a correct gateway answers 4xx.
 */
async function rejectedStart(ctx: JobContext, stream: string): Promise<JobResult> {
  const model = modelOf(ctx);
  const built = buildRequest(ctx.dataset, ctx.testCase, {
    ...(model === null ? {} : { model }),
    streamName: stream,
    orchestrator: ctx.target.uri,
  });
  const x = await exchange(ctx, built.path, built.init);
  if (!answered(x)) return failure(x);
  await stopStream(ctx, stream);
  return checked(x, null);
}

/** Ends the stream (go-livepeer ends a smoke test by its duration; the stop is best effort). */
async function stopStream(ctx: JobContext, stream: string): Promise<void> {
  try {
    const res = await ctx.fetch(
      `${ctx.gatewayUrl}/live/video-to-video/${encodeURIComponent(stream)}/stop`,
      {
        method: 'POST',
        signal: AbortSignal.timeout(5_000),
      },
    );
    await res.body?.cancel();
  } catch {
    // Ignored: the smoke test ends by itself after its duration.
  }
}
