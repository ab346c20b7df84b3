import { JsonFields, parseJsonBody } from '../body/json-body.js';
import { DEFAULT_MODEL_IDS, jobSeed, storeImages } from '../batch/media-output.js';
import type { BatchRouteSpec } from '../batch/route-spec.js';
import { dimension, imageCount, requiredText } from '../batch/validate.js';

interface TextToImage {
  readonly modelId: string;
  readonly prompt: string;
  readonly width: number;
  readonly height: number;
  readonly steps: number;
  readonly count: number;
  readonly seed: number | undefined;
}

/**
 * POST /text-to-image, JSON (ai-worker TextToImageParams). go-livepeer's
 * submitTextToImage sets height and width to 512 when absent and
 * num_images_per_prompt to max(1, n); the answer is an ImageResponse
 * `{"images":[{"url","seed","nsfw"}]}`.
 */
export const textToImage: BatchRouteSpec<TextToImage> = {
  pipeline: 'text-to-image',
  path: '/text-to-image',
  decode(request) {
    const f = new JsonFields(parseJsonBody(request.body), 'GenTextToImageJSONRequestBody');
    return {
      modelId: f.string('model_id') ?? DEFAULT_MODEL_IDS['text-to-image'],
      prompt: requiredText('prompt', f.string('prompt')),
      width: dimension('width', f.int('width'), 512),
      height: dimension('height', f.int('height'), 512),
      steps: Math.max(1, f.int('num_inference_steps') ?? 50),
      count: imageCount(f.int('num_images_per_prompt')),
      seed: f.int('seed'),
    };
  },
  modelId: (p) => p.modelId,
  // CalculateTextToImageLatencyScore: took / outPixels / numInferenceSteps
  scoreUnits: (p) => p.width * p.height * p.count * p.steps,
  async render(p, served, rt) {
    const seed = jobSeed(p.seed, served.job);
    const size = { width: p.width, height: p.height };
    const images = await storeImages(
      rt,
      served.routing.req.requestId,
      served.job,
      size,
      p.count,
      seed,
    );
    return { images };
  },
};
