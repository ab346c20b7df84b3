import { FormFields, parseFormBody } from '../body/form-body.js';
import { clampSize, DEFAULT_MODEL_IDS, jobSeed, storeImages } from '../batch/media-output.js';
import type { BatchRouteSpec } from '../batch/route-spec.js';
import {
  imageCount,
  imageDecodeError,
  requiredText,
  uploadedImageSize,
} from '../batch/validate.js';
import type { ImageSize } from '../media/image-size.js';

interface ImageToImage {
  readonly modelId: string;
  readonly input: ImageSize | null;
  readonly steps: number;
  readonly count: number;
  readonly seed: number | undefined;
}

/**
 * POST /image-to-image, multipart (ai-worker Body_genImageToImage: prompt
 * and image required). The output images have the input image's size
 * (go-livepeer prices outPixels from image.DecodeConfig of the input).
 */
export const imageToImage: BatchRouteSpec<ImageToImage> = {
  pipeline: 'image-to-image',
  path: '/image-to-image',
  decode(request) {
    const f = new FormFields(parseFormBody(request.body, request.contentType));
    requiredText('prompt', f.string('prompt'));
    return {
      modelId: f.string('model_id') ?? DEFAULT_MODEL_IDS['image-to-image'],
      input: uploadedImageSize(f.requiredFile('image').data),
      steps: Math.max(1, f.int('num_inference_steps') ?? 100),
      count: imageCount(f.int('num_images_per_prompt')),
      seed: f.int('seed'),
    };
  },
  modelId: (p) => p.modelId,
  localError: (p) => imageDecodeError(p.input),
  // CalculateImageToImageLatencyScore: took / outPixels / numInferenceSteps
  scoreUnits: (p) => (p.input === null ? 0 : p.input.width * p.input.height * p.count * p.steps),
  async render(p, served, rt) {
    const size = clampSize(p.input);
    const seed = jobSeed(p.seed, served.job);
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
