import { answered, exchange, failure } from './exchange.js';
import { imageResult, inputSize, statedSize } from './image-output.js';
import { formRequest } from './request-body.js';
import type { JobModule } from './types.js';

/**
 * POST /image-to-image (multipart: prompt, image). Valid: as many PNG images
 * as requested, at the input image's size unless the case states another.
 */
export const imageToImage: JobModule = {
  pipeline: 'image-to-image',
  async run(ctx) {
    const x = await exchange(ctx, '/image-to-image', await formRequest(ctx));
    if (!answered(x)) return failure(x);
    return imageResult(ctx, x, statedSize(ctx) ?? (await inputSize(ctx)));
  },
};
