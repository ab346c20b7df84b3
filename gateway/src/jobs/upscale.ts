import { answered, exchange, failure } from './exchange.js';
import { imageResult, inputSize, statedSize } from './image-output.js';
import { formRequest } from './request-body.js';
import type { JobModule } from './types.js';

/** stable-diffusion-x4-upscaler: four times the input per side. */
export const UPSCALE_FACTOR = 4;

/**
 * POST /upscale (multipart: prompt, image). Valid: one PNG, four times the
 * input per side unless the case states the size.
 */
export const upscale: JobModule = {
  pipeline: 'upscale',
  async run(ctx) {
    const x = await exchange(ctx, '/upscale', await formRequest(ctx));
    if (!answered(x)) return failure(x);
    const input = await inputSize(ctx);
    const scaled =
      input === null
        ? null
        : { width: input.width * UPSCALE_FACTOR, height: input.height * UPSCALE_FACTOR };
    return imageResult(ctx, x, statedSize(ctx) ?? scaled);
  },
};
