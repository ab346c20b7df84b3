import { answered, exchange, failure } from './exchange.js';
import { imageResult, statedSize } from './image-output.js';
import { jsonRequest } from './request-body.js';
import type { JobModule } from './types.js';

const side = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;

/**
 * POST /text-to-image (JSON). Valid: as many images as requested, each
 * decoding as PNG at the requested size (go-livepeer defaults 512×512).
 */
export const textToImage: JobModule = {
  pipeline: 'text-to-image',
  async run(ctx) {
    const x = await exchange(ctx, '/text-to-image', jsonRequest(ctx, 'model_id'));
    if (!answered(x)) return failure(x);
    const p = ctx.testCase.params;
    const size = statedSize(ctx) ?? {
      width: side(p['width'], 512),
      height: side(p['height'], 512),
    };
    return imageResult(ctx, x, size);
  },
};
