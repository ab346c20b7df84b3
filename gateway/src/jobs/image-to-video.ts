import { pause } from '../clock.js';
import { errorMessageOf } from '../http.js';
import { answered, checked, exchange, failure, jsonObject, type Answer } from './exchange.js';
import { fetchMedia, mediaProblem } from './media.js';
import { formRequest } from './request-body.js';
import { EMPTY_EXTRAS, type JobContext, type JobModule, type JobResult } from './types.js';

/** Case parameter choosing the mode (not sent); without it, jobs alternate sync and async. */
export const ASYNC_PARAM = 'respond_async';

/** Checks an ImageResponse holding one video. */
async function videoProblem(ctx: JobContext, result: unknown): Promise<string | null> {
  const images =
    typeof result === 'object' && result !== null
      ? (result as { images?: unknown }).images
      : undefined;
  if (!Array.isArray(images) || images.length === 0) return 'answer has no video';
  const first = images[0] as unknown;
  const url =
    typeof first === 'object' && first !== null ? (first as { url?: unknown }).url : undefined;
  const media = await fetchMedia(ctx, url);
  return typeof media === 'string' ? media : mediaProblem(media, 'video');
}

function wantsAsync(ctx: JobContext): boolean {
  const flag = ctx.testCase.params[ASYNC_PARAM];
  return typeof flag === 'boolean' ? flag : ctx.sequence % 2 === 1;
}

/** Polls /image-to-video/result until the request is complete. */
async function pollResult(
  ctx: JobContext,
  accepted: Answer,
  requestId: string,
): Promise<JobResult> {
  const body = JSON.stringify({ request_id: requestId });
  const elapsed = () => ctx.clock.now() - accepted.startedMs;
  for (;;) {
    if (!(await pause(ctx.clock, ctx.settings.asyncPollMs, ctx.signal)))
      return failure({
        kind: 'timeout',
        message: `no result within ${ctx.settings.timeoutMs} ms`,
        latencyMs: elapsed(),
      });
    const poll = await exchange(ctx, '/image-to-video/result', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (poll.kind !== 'response') return failure({ ...poll, latencyMs: elapsed() });
    if (poll.status === 202) continue;
    const latency = { latencyMs: elapsed(), ttfbMs: accepted.ttfbMs };
    if (!answered(poll)) return { ...failure(poll), ...latency };
    const doc = jsonObject(poll.body);
    const result = doc?.['result'];
    const error =
      typeof result === 'object' && result !== null
        ? (result as { error?: unknown }).error
        : undefined;
    if (error !== undefined) {
      return {
        end: 'http_error',
        httpStatus: null,
        errorMessage: errorMessageOf(Buffer.from(JSON.stringify(result))) || 'async request failed',
        ...latency,
        ...EMPTY_EXTRAS,
      };
    }
    return checked({ ...accepted, ...latency }, await videoProblem(ctx, result));
  }
}

/**
 * POST /image-to-video (multipart: image). Synchronous: the ImageResponse
 * with the video. `Prefer: respond-async`: 202 `{request_id}` (the time to
 * first byte), then /image-to-video/result is polled until complete (the
 * latency). Valid: a non-empty MP4 video.
 */
export const imageToVideo: JobModule = {
  pipeline: 'image-to-video',
  async run(ctx) {
    const async = wantsAsync(ctx);
    const init = await formRequest(ctx, [ASYNC_PARAM], async ? { prefer: 'respond-async' } : {});
    const x = await exchange(ctx, '/image-to-video', init);
    if (!answered(x)) return failure(x);
    if (!async || x.status !== 202) return checked(x, await videoProblem(ctx, jsonObject(x.body)));
    const id = jsonObject(x.body)?.['request_id'];
    if (typeof id !== 'string' || id === '' || id.length > 256)
      return checked(x, 'async answer has no request_id');
    return pollResult(ctx, x, id);
  },
};
