import { answered, checked, exchange, failure, jsonObject } from './exchange.js';
import { formRequest } from './request-body.js';
import { pyListShape } from './pylist.js';
import type { JobModule } from './types.js';

/**
 * Checks a MasksResponse `{"masks","scores","logits"}` (each a Python list
 * in a string): masks N×H×W, scores N, logits N×h×w, N ≥ 1.
 */
export function masksProblem(doc: Record<string, unknown> | null): string | null {
  if (doc === null) return 'answer is not a JSON object';
  const shapes: Record<string, readonly number[]> = {};
  for (const key of ['masks', 'scores', 'logits']) {
    const text = doc[key];
    if (typeof text !== 'string') return `${key} is missing`;
    const shape = pyListShape(text);
    if (typeof shape === 'string') return `${key}: ${shape}`;
    shapes[key] = shape;
  }
  const { masks = [], scores = [], logits = [] } = shapes;
  if (masks.length !== 3 || (masks[1] ?? 0) < 1 || (masks[2] ?? 0) < 1)
    return `masks has shape [${masks.join(', ')}], expected N×H×W`;
  const n = masks[0] ?? 0;
  if (n < 1) return 'no mask';
  if (scores.length !== 1 || scores[0] !== n)
    return `scores has shape [${scores.join(', ')}], expected [${n}]`;
  if (logits.length !== 3 || logits[0] !== n)
    return `logits has shape [${logits.join(', ')}], expected ${n}×h×w`;
  return null;
}

/** POST /segment-anything-2 (multipart: image, point prompts). Valid: well-formed masks. */
export const segmentAnything2: JobModule = {
  pipeline: 'segment-anything-2',
  async run(ctx) {
    const x = await exchange(ctx, '/segment-anything-2', await formRequest(ctx));
    if (!answered(x)) return failure(x);
    return checked(x, masksProblem(jsonObject(x.body)));
  },
};
