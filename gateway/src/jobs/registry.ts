import type { PipelineId } from '@naap/otel';
import { audioToText } from './audio-to-text.js';
import { imageToImage } from './image-to-image.js';
import { imageToText } from './image-to-text.js';
import { imageToVideo } from './image-to-video.js';
import { liveVideoToVideo } from './live-video-to-video.js';
import { llm } from './llm.js';
import { segmentAnything2 } from './segment-anything-2.js';
import { textToImage } from './text-to-image.js';
import { textToSpeech } from './text-to-speech.js';
import type { JobModule } from './types.js';
import { upscale } from './upscale.js';

/** One job module per pipeline, by pipeline id. */
export const JOB_MODULES: Readonly<Record<PipelineId, JobModule>> = {
  'text-to-image': textToImage,
  'image-to-image': imageToImage,
  'image-to-video': imageToVideo,
  upscale,
  'audio-to-text': audioToText,
  'segment-anything-2': segmentAnything2,
  llm,
  'image-to-text': imageToText,
  'live-video-to-video': liveVideoToVideo,
  'text-to-speech': textToSpeech,
};

export function jobModule(pipeline: PipelineId): JobModule {
  return JOB_MODULES[pipeline];
}
