import { pipelineInfo, type PipelineId } from '@naap/otel';

/** How a pipeline's request travels to the go-livepeer gateway AI API. */
export interface PipelineRoute {
  /** Route path (live video: the prefix of `/{stream}/start`). */
  readonly path: string;
  /** JSON body, multipart form with files, or a live stream start (form). */
  readonly encoding: 'json' | 'multipart' | 'live';
  /** The request field that names the model. */
  readonly modelField: 'model_id' | 'model' | 'pipeline';
}

const ENCODINGS: Readonly<Record<PipelineId, PipelineRoute['encoding']>> = {
  'text-to-image': 'json',
  'image-to-image': 'multipart',
  'image-to-video': 'multipart',
  upscale: 'multipart',
  'audio-to-text': 'multipart',
  'segment-anything-2': 'multipart',
  llm: 'json',
  'image-to-text': 'multipart',
  'live-video-to-video': 'live',
  'text-to-speech': 'json',
};

export function pipelineRoute(pipeline: PipelineId): PipelineRoute {
  const encoding = ENCODINGS[pipeline];
  const modelField = pipeline === 'llm' ? 'model' : encoding === 'live' ? 'pipeline' : 'model_id';
  return { path: pipelineInfo(pipeline).route, encoding, modelField };
}
