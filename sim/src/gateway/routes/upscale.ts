import { FormFields, parseFormBody } from '../body/form-body.js';
import { clampSize, DEFAULT_MODEL_IDS, jobSeed, storeImages } from '../batch/media-output.js';
import type { BatchRouteSpec } from '../batch/route-spec.js';
import { imageDecodeError, requiredText, uploadedImageSize } from '../batch/validate.js';
import type { ImageSize } from '../media/image-size.js';

interface Upscale {
  readonly modelId: string;
  readonly input: ImageSize | null;
  readonly steps: number;
  readonly seed: number | undefined;
}

/** stabilityai/stable-diffusion-x4-upscaler: the output is four times the input per side. */
export const UPSCALE_FACTOR = 4;

/** POST /upscale, multipart (ai-worker Body_genUpscale: prompt and image required). */
export const upscale: BatchRouteSpec<Upscale> = {
  pipeline: 'upscale',
  path: '/upscale',
  decode(request) {
    const f = new FormFields(parseFormBody(request.body, request.contentType));
    requiredText('prompt', f.string('prompt'));
    return {
      modelId: f.string('model_id') ?? DEFAULT_MODEL_IDS.upscale,
      input: uploadedImageSize(f.requiredFile('image').data),
      steps: Math.max(1, f.int('num_inference_steps') ?? 75),
      seed: f.int('seed'),
    };
  },
  modelId: (p) => p.modelId,
  localError: (p) => imageDecodeError(p.input),
  // CalculateUpscaleLatencyScore: took / outPixels (of the input) / numInferenceSteps
  scoreUnits: (p) => (p.input === null ? 0 : p.input.width * p.input.height * p.steps),
  async render(p, served, rt) {
    const size = clampSize(p.input, UPSCALE_FACTOR);
    const seed = jobSeed(p.seed, served.job);
    const images = await storeImages(rt, served.routing.req.requestId, served.job, size, 1, seed);
    return { images };
  },
};
