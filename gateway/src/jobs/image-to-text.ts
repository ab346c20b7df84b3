import { answered, checked, exchange, failure, jsonObject } from './exchange.js';
import { formRequest } from './request-body.js';
import type { JobModule } from './types.js';

/** POST /image-to-text (multipart: image, prompt). Valid: a non-empty caption `{"text"}`. */
export const imageToText: JobModule = {
  pipeline: 'image-to-text',
  async run(ctx) {
    const x = await exchange(ctx, '/image-to-text', await formRequest(ctx));
    if (!answered(x)) return failure(x);
    const text = jsonObject(x.body)?.['text'];
    return checked(x, typeof text === 'string' && text.trim() !== '' ? null : 'caption is empty');
  },
};
