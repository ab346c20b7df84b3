import { answered, checked, exchange, failure, jsonObject } from './exchange.js';
import { fetchMedia, mediaProblem } from './media.js';
import { jsonRequest } from './request-body.js';
import type { JobModule } from './types.js';

/** POST /text-to-speech (JSON: text). Valid: `{"audio":{"url"}}` to a non-empty audio file. */
export const textToSpeech: JobModule = {
  pipeline: 'text-to-speech',
  async run(ctx) {
    const x = await exchange(ctx, '/text-to-speech', jsonRequest(ctx, 'model_id'));
    if (!answered(x)) return failure(x);
    const audio = jsonObject(x.body)?.['audio'];
    const url =
      typeof audio === 'object' && audio !== null ? (audio as { url?: unknown }).url : undefined;
    const media = await fetchMedia(ctx, url);
    return checked(x, typeof media === 'string' ? media : mediaProblem(media, 'audio'));
  },
};
