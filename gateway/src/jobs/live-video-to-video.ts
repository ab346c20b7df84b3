import { buildRequest } from '../datasets/index.js';
import { answered, checked, exchange, failure } from './exchange.js';
import { firstFrame, sampleFps, type Stopped, type Watched } from './live-watch.js';
import { modelOf } from './request-body.js';
import { EMPTY_EXTRAS, type JobContext, type JobModule, type JobResult } from './types.js';

/** Longest smoke test go-livepeer accepts (maxSmokeTestDuration). */
const MAX_SMOKE_TEST_S = 3600;

function result(
  w: Watched,
  base: Pick<JobResult, 'httpStatus' | 'ttfbMs' | 'latencyMs' | 'ptffMs'>,
  stopped: Stopped | null,
): JobResult {
  return {
    ...EMPTY_EXTRAS,
    ...base,
    end: stopped?.end ?? 'ok',
    errorMessage: stopped?.message ?? null,
    fpsSamples: w.fps.length > 0 ? w.fps : null,
    reportedServers: [...w.servers],
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
    const stream = `naap-${ctx.jobId}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64);
    if (ctx.testCase.kind === 'bad') return rejectedStart(ctx, stream);
    const start = await exchange(ctx, '/live/video-to-video/smoketest', smokeTest(ctx, stream));
    if (!answered(start)) return failure(start);
    const w: Watched = { servers: new Set(), fps: [] };
    const base = {
      httpStatus: start.status,
      ttfbMs: start.ttfbMs,
      ptffMs: null,
      latencyMs: start.latencyMs,
    };
    try {
      const first = await firstFrame(ctx, stream, start.startedMs, w);
      if (!('ptffMs' in first)) return result(w, { ...base, latencyMs: first.atMs }, first);
      const online = { ...base, ptffMs: first.ptffMs, latencyMs: first.ptffMs };
      return result(w, online, await sampleFps(ctx, stream, w));
    } finally {
      await stopStream(ctx, stream);
    }
  },
};

/** PUT /live/video-to-video/smoketest: a test card for long enough to see the first frame and every sample. */
function smokeTest(ctx: JobContext, stream: string): RequestInit {
  const live = ctx.settings.live;
  const seconds = Math.ceil((live.firstFrameTimeoutMs + (live.samples + 1) * live.sampleMs) / 1000);
  return {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      stream_url: ingestUrl(ctx, stream),
      duration_secs: Math.min(MAX_SMOKE_TEST_S, seconds),
    }),
  };
}

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
