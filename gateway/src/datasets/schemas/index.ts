import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { PipelineId } from '@naap/otel';
import { AudioToTextRequest } from './audio-to-text.js';
import { ImageToImageRequest } from './image-to-image.js';
import { ImageToTextRequest } from './image-to-text.js';
import { ImageToVideoRequest } from './image-to-video.js';
import { LiveVideoToVideoRequest } from './live-video-to-video.js';
import { LlmRequest } from './llm.js';
import { SegmentAnything2Request } from './segment-anything-2.js';
import { TextToImageRequest } from './text-to-image.js';
import { TextToSpeechRequest } from './text-to-speech.js';
import { UpscaleRequest } from './upscale.js';

/** The request schema of each pipeline (one file each beside this one). */
export const REQUEST_SCHEMAS: Readonly<Record<PipelineId, TSchema>> = {
  'text-to-image': TextToImageRequest,
  'image-to-image': ImageToImageRequest,
  'image-to-video': ImageToVideoRequest,
  upscale: UpscaleRequest,
  'audio-to-text': AudioToTextRequest,
  'segment-anything-2': SegmentAnything2Request,
  llm: LlmRequest,
  'image-to-text': ImageToTextRequest,
  'live-video-to-video': LiveVideoToVideoRequest,
  'text-to-speech': TextToSpeechRequest,
};

export interface RequestProblem {
  /** The top-level request field at fault. */
  readonly field: string;
  readonly message: string;
}

function fieldsOf(e: { instancePath: string; params: unknown }): string[] {
  const top = e.instancePath.split('/')[1];
  if (top !== undefined && top !== '') return [top];
  const params = (e.params ?? {}) as Record<string, unknown>;
  const named = params.requiredProperties ?? params.additionalProperties;
  return Array.isArray(named) ? named.map(String) : ['(request)'];
}

/** The value at a JSON pointer of `root`, shown briefly (scalars only). */
function shown(root: unknown, pointer: string): string {
  let v: unknown = root;
  for (const key of pointer.split('/').slice(1)) {
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  }
  if (typeof v === 'object' || v === undefined) return '';
  const text = JSON.stringify(v);
  return ` (got ${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}

/** Why a request (its fields, files as `{contentType, bytes}`) fails its pipeline's schema; empty when valid. */
export function requestProblems(pipeline: PipelineId, request: unknown): RequestProblem[] {
  const schema = REQUEST_SCHEMAS[pipeline];
  if (Value.Check(schema, request)) return [];
  const out = new Map<string, RequestProblem>();
  for (const e of Value.Errors(schema, request)) {
    if (e.keyword === 'boolean') continue; // repeated by the additionalProperties error
    for (const field of fieldsOf(e)) {
      const message =
        e.instancePath !== ''
          ? `${e.instancePath.slice(1).replaceAll('/', '.')} ${e.message}${shown(request, e.instancePath)}`
          : e.keyword === 'required'
            ? `${field} is required`
            : e.keyword === 'additionalProperties'
              ? `${field} is not a field of this request`
              : `request ${e.message}`;
      out.set(message, { field, message });
    }
    if (out.size >= 8) break;
  }
  return [...out.values()];
}
