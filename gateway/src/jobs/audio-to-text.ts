import { answered, checked, exchange, failure, jsonObject } from './exchange.js';
import { formRequest } from './request-body.js';
import type { JobModule } from './types.js';

/** Checks a TextResponse `{"text","chunks":[{"timestamp":[s,e],"text"}]}`. */
export function transcriptProblem(doc: Record<string, unknown> | null): string | null {
  if (doc === null) return 'answer is not a JSON object';
  const text = doc['text'];
  if (typeof text !== 'string' || text.trim() === '') return 'transcript text is empty';
  const chunks = doc['chunks'];
  if (chunks !== undefined && !Array.isArray(chunks)) return 'chunks is not an array';
  for (const chunk of (chunks ?? []) as unknown[]) {
    const ts =
      typeof chunk === 'object' && chunk !== null
        ? (chunk as { timestamp?: unknown }).timestamp
        : undefined;
    if (!Array.isArray(ts) || ts.length !== 2) return 'a chunk has no [start, end] timestamp';
  }
  return null;
}

/** POST /audio-to-text (multipart: audio). Valid: a non-empty transcript. */
export const audioToText: JobModule = {
  pipeline: 'audio-to-text',
  async run(ctx) {
    const x = await exchange(ctx, '/audio-to-text', await formRequest(ctx));
    if (!answered(x)) return failure(x);
    return checked(x, transcriptProblem(jsonObject(x.body)));
  },
};
