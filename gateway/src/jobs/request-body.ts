import { basename, extname } from 'node:path';
import type { JobContext } from './types.js';

const TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

export function mediaType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The model a job asks for: the one the target advertises, except for a bad
 * case written without a model (the missing model is what it tests).
 */
export function modelOf(ctx: JobContext): string | null {
  return ctx.testCase.kind === 'bad' && ctx.testCase.model === null ? null : ctx.capability.model;
}

/**
 * A JSON request body: the model under `modelKey`, then `defaults` (only for
 * good and random cases: a bad case is sent as written), then the case's
 * parameters, which win.
 */
export function jsonRequest(
  ctx: JobContext,
  modelKey: string,
  defaults: Readonly<Record<string, unknown>> = {},
): RequestInit {
  const base = ctx.testCase.kind === 'bad' ? {} : defaults;
  const model = modelOf(ctx);
  const body = {
    ...(model === null ? {} : { [modelKey]: model }),
    ...base,
    ...ctx.testCase.params,
  };
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A multipart request: model_id, the case's parameters as fields and its media as files. */
export async function formRequest(
  ctx: JobContext,
  skip: readonly string[] = [],
  headers: Readonly<Record<string, string>> = {},
): Promise<RequestInit> {
  const form = new FormData();
  const params = ctx.testCase.params;
  const model = modelOf(ctx);
  if (model !== null && !('model_id' in params)) form.append('model_id', model);
  for (const [key, value] of Object.entries(params)) {
    if (!skip.includes(key) && value !== null && value !== undefined)
      form.append(key, fieldText(value));
  }
  for (const [field, path] of Object.entries(ctx.testCase.media)) {
    const data = await ctx.media(path);
    form.append(field, new Blob([data], { type: mediaType(path) }), basename(path));
  }
  return { method: 'POST', body: form, headers };
}
