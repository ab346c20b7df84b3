import type { FastifyInstance } from 'fastify';
import { FormFields, parseFormBody } from '../body/form-body.js';
import { serveBatch } from '../batch/dispatch.js';
import { DEFAULT_MODEL_IDS, jobSeed, mediaName } from '../batch/media-output.js';
import { rawRequest, type BatchRouteSpec } from '../batch/route-spec.js';
import { dimension } from '../batch/validate.js';
import { GatewayHttpError, replyError, SIM_ORCHESTRATOR_HEADER } from '../http-errors.js';
import { encodeMp4 } from '../media/mp4.js';
import type { RoutingRequest } from '../routing.js';
import type { GatewayRuntime } from '../runtime.js';
import { sendJson } from '../reply-json.js';

interface ImageToVideo {
  readonly modelId: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly steps: number;
  readonly seed: number | undefined;
}

/** Stable Video Diffusion renders 25 frames (go-livepeer prices `frames := int64(25)`). */
export const VIDEO_FRAMES = 25;

/**
 * POST /image-to-video, multipart (Body_genImageToVideo: image required).
 * go-livepeer submitImageToVideo defaults height 576 and width 1024; the
 * answer reuses ImageResponse, `images` holding the video.
 */
export const imageToVideo: BatchRouteSpec<ImageToVideo> = {
  pipeline: 'image-to-video',
  path: '/image-to-video',
  decode(request) {
    const f = new FormFields(parseFormBody(request.body, request.contentType));
    f.requiredFile('image');
    return {
      modelId: f.string('model_id') ?? DEFAULT_MODEL_IDS['image-to-video'],
      width: dimension('width', f.int('width'), 1024),
      height: dimension('height', f.int('height'), 576),
      fps: Math.min(60, Math.max(1, f.int('fps') ?? 6)),
      steps: Math.max(1, f.int('num_inference_steps') ?? 25),
      seed: f.int('seed'),
    };
  },
  modelId: (p) => p.modelId,
  // CalculateImageToVideoLatencyScore: took / (height × width × 25 frames) / numInferenceSteps
  scoreUnits: (p) => p.width * p.height * VIDEO_FRAMES * p.steps,
  render(p, served, rt) {
    const mp4 = encodeMp4({
      width: p.width,
      height: p.height,
      durationMs: (VIDEO_FRAMES / p.fps) * 1000,
    });
    const url = rt.media.put(
      served.routing.req.requestId,
      mediaName(served.job, 0, 'mp4'),
      'video/mp4',
      mp4,
    );
    return Promise.resolve({ images: [{ url, seed: jobSeed(p.seed, served.job), nsfw: false }] });
  },
};

/** The background half of a respond-async request: its outcome lands in the async results. */
async function runAsync(rt: GatewayRuntime, req: RoutingRequest, p: ImageToVideo): Promise<void> {
  try {
    const served = await serveBatch(rt, req, imageToVideo.scoreUnits(p));
    const body = await imageToVideo.render(p, served, rt);
    rt.asyncResults.succeed(req.requestId, body, served.orchestrator.address);
  } catch (err) {
    rt.asyncResults.fail(req.requestId, err instanceof Error ? err.message : String(err));
    if (!(err instanceof GatewayHttpError))
      rt.log.error(
        'ai_mediaserver.go:262',
        {},
        `Error processing ImageToVideo request err=${String(err)}`,
      );
  }
}

/**
 * Registers /image-to-video. With `Prefer: respond-async` (exactly, as
 * go-livepeer compares it) the gateway answers 202 `{"request_id"}` at once
 * and processes in the background; the result is polled at
 * /image-to-video/result.
 */
export function registerImageToVideo(app: FastifyInstance, rt: GatewayRuntime): void {
  app.post(imageToVideo.path, async (request, reply) => {
    try {
      const raw = rawRequest(request);
      const p = imageToVideo.decode(raw);
      const req = {
        requestId: rt.nextRequestId(),
        pipeline: imageToVideo.pipeline,
        modelId: p.modelId,
      };
      if (raw.header('prefer') === 'respond-async') {
        rt.asyncResults.accept(req.requestId);
        rt.track(runAsync(rt, req, p));
        return await sendJson(reply, { request_id: req.requestId }, 202);
      }
      const served = await serveBatch(rt, req, imageToVideo.scoreUnits(p));
      const body = await imageToVideo.render(p, served, rt);
      void reply.header(SIM_ORCHESTRATOR_HEADER, served.orchestrator.address);
      return await sendJson(reply, body);
    } catch (err) {
      return replyError(reply, err);
    }
  });
}
