import { pipelineRoute } from './routes.js';
import type { DatasetCase } from './types.js';

/** What an uploaded file is: its sniffed content type and size. */
export interface MediaInfo {
  readonly contentType: string;
  readonly bytes: number;
}

export interface RequestView {
  /** The request's fields as its pipeline schema reads them (files as MediaInfo). */
  readonly request: Record<string, unknown>;
  /** Problems of the case itself (a field given twice, a media file that is not there). */
  readonly problems: string[];
}

/**
 * The request a case stands for, in the shape of its pipeline's schema:
 * `params`, the model in the pipeline's model field, and each media field
 * as `{ contentType, bytes }` of the file it names.
 */
export function requestView(
  c: DatasetCase,
  media: (path: string) => MediaInfo | null,
): RequestView {
  const problems: string[] = [];
  const request: Record<string, unknown> = { ...c.params };
  const { modelField } = pipelineRoute(c.pipeline);
  if (Object.hasOwn(c.params, modelField)) {
    problems.push(`params.${modelField} duplicates the case's model: set "model" instead`);
  }
  if (c.model !== null) request[modelField] = c.model;
  for (const [field, path] of Object.entries(c.media)) {
    if (Object.hasOwn(c.params, field)) problems.push(`${field} is both a param and a media field`);
    const info = media(path);
    if (info === null) problems.push(`media.${field}: ${path} is not a file of the dataset`);
    else request[field] = { contentType: info.contentType, bytes: info.bytes };
  }
  return { request, problems };
}
