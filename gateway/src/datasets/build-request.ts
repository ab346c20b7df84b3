import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DatasetError } from './errors.js';
import { DATASET_LIMITS } from './limits.js';
import { declaredContentType } from './media-type.js';
import { resolveInside } from './paths.js';
import { pipelineRoute } from './routes.js';
import type { Dataset, DatasetCase } from './types.js';

export interface BuildRequestOptions {
  /** Another model of the case's pipeline (e.g. the one the target advertises). */
  readonly model?: string;
  /** Live video: the stream name (default `naap-<case id>`); make it unique per job. */
  readonly streamName?: string;
  /** Live video: go-livepeer's `orchestrator=` filter pinning the stream to one orchestrator. */
  readonly orchestrator?: string;
}

export interface BuiltRequest {
  /** Path on the gateway AI API, to append to its base URL. */
  readonly path: string;
  readonly init: RequestInit;
}

/** Media bytes by absolute path, per dataset (media are small and read once). */
const cache = new WeakMap<Dataset, Map<string, Uint8Array>>();

function mediaBytes(dataset: Dataset, path: string, what: string): Uint8Array {
  let files = cache.get(dataset);
  if (files === undefined) {
    files = new Map<string, Uint8Array>();
    cache.set(dataset, files);
  }
  const abs = resolveInside(dataset.dir, path, what);
  const hit = files.get(abs);
  if (hit !== undefined) return hit;
  const data = new Uint8Array(readFileSync(abs));
  if (data.length > DATASET_LIMITS.mediaBytes) {
    throw new DatasetError('file_too_large', `${what}: ${path} is over the media size limit`);
  }
  files.set(abs, data);
  return data;
}

/** A form value as text: strings as they are, numbers and booleans printed, objects as JSON. */
function formValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function multipart(dataset: Dataset, c: DatasetCase, model: string | null): FormData {
  const form = new FormData();
  if (model !== null) form.append('model_id', model);
  for (const [name, value] of Object.entries(c.params)) {
    const text = formValue(value);
    if (text !== null) form.append(name, text);
  }
  for (const [field, path] of Object.entries(c.media)) {
    const data = mediaBytes(dataset, path, `case ${c.id} media.${field}`);
    const blob = new Blob([data], { type: declaredContentType(path) });
    form.append(field, blob, basename(path));
  }
  return form;
}

/**
 * A live stream start as go-livepeer's ingest hook receives it: form values
 * `source_id`, `source_type` and `query` (the ingest URL's query, holding
 * `pipeline`, `params`, `streamId` and `orchestrator`).
 */
function liveStart(c: DatasetCase, model: string | null, opts: BuildRequestOptions) {
  const name = opts.streamName ?? `naap-${c.id.replace(/[^a-z0-9-]/g, '-')}`;
  const query = new URLSearchParams();
  if (model !== null) query.set('pipeline', model);
  for (const [key, value] of Object.entries(c.params)) {
    const text = formValue(value);
    if (key !== 'source_type' && text !== null) query.set(key, text);
  }
  query.set('streamId', name);
  if (opts.orchestrator !== undefined) query.set('orchestrator', opts.orchestrator);
  const form = new URLSearchParams({
    source_id: name,
    source_type: formValue(c.params.source_type) ?? 'webrtcsession',
    query: query.toString(),
  });
  return {
    path: `${pipelineRoute(c.pipeline).path}/${encodeURIComponent(name)}/start`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    },
  };
}

/**
 * The HTTP request of a case against a go-livepeer gateway's AI API: a JSON
 * body (text-to-image, llm, text-to-speech), a multipart form with the
 * case's media as files (image and audio pipelines), or a live video stream
 * start. Media are read from the dataset directory (paths checked again).
 */
export function buildRequest(
  dataset: Dataset,
  c: DatasetCase,
  opts: BuildRequestOptions = {},
): BuiltRequest {
  const route = pipelineRoute(c.pipeline);
  const model = opts.model ?? c.model;
  if (route.encoding === 'live') return liveStart(c, model, opts);
  if (route.encoding === 'multipart') {
    return { path: route.path, init: { method: 'POST', body: multipart(dataset, c, model) } };
  }
  const body = { ...(model === null ? {} : { [route.modelField]: model }), ...c.params };
  return {
    path: route.path,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
  };
}
