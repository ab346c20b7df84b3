import { FormFields, parseFormBody } from '../body/form-body.js';
import { DEFAULT_MODEL_IDS } from '../batch/media-output.js';
import type { BatchRouteSpec } from '../batch/route-spec.js';
import { imageDecodeError, uploadedImageSize } from '../batch/validate.js';
import type { ImageSize } from '../media/image-size.js';
import { caption } from './text-content.js';

interface ImageToText {
  readonly modelId: string;
  readonly input: ImageSize | null;
  readonly prompt: string;
}

/** POST /image-to-text, multipart (Body_genImageToText: image required) → ImageToTextResponse `{"text"}`. */
export const imageToText: BatchRouteSpec<ImageToText> = {
  pipeline: 'image-to-text',
  path: '/image-to-text',
  decode(request) {
    const f = new FormFields(parseFormBody(request.body, request.contentType));
    return {
      modelId: f.string('model_id') ?? DEFAULT_MODEL_IDS['image-to-text'],
      input: uploadedImageSize(f.requiredFile('image').data),
      prompt: f.string('prompt') ?? '',
    };
  },
  modelId: (p) => p.modelId,
  localError: (p) => imageDecodeError(p.input),
  // CalculateImageToTextLatencyScore: took / inPixels
  scoreUnits: (p) => (p.input === null ? 0 : p.input.width * p.input.height),
  render(p, served) {
    const text = `${p.prompt === '' ? '' : `${p.prompt} `}${caption(served.job.id)}`;
    return Promise.resolve({ text });
  },
};
