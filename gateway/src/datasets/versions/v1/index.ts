import type { PipelineId } from '@naap/otel';
import type { DatasetDefinition } from '../../generate/write.js';
import { audioToTextCases } from './cases/audio-to-text.js';
import type { PipelineCases } from './cases/helpers.js';
import { imageToImageCases } from './cases/image-to-image.js';
import { imageToTextCases } from './cases/image-to-text.js';
import { imageToVideoCases } from './cases/image-to-video.js';
import { liveVideoToVideoCases } from './cases/live-video-to-video.js';
import { llmCases } from './cases/llm.js';
import { segmentAnything2Cases } from './cases/segment-anything-2.js';
import { textToImageCases } from './cases/text-to-image.js';
import { textToSpeechCases } from './cases/text-to-speech.js';
import { upscaleCases } from './cases/upscale.js';
import { buildMedia } from './media.js';

const CASES: Readonly<Record<PipelineId, () => PipelineCases>> = {
  'text-to-image': textToImageCases,
  'image-to-image': imageToImageCases,
  'image-to-video': imageToVideoCases,
  upscale: upscaleCases,
  'audio-to-text': audioToTextCases,
  'segment-anything-2': segmentAnything2Cases,
  llm: llmCases,
  'image-to-text': imageToTextCases,
  'text-to-speech': textToSpeechCases,
  'live-video-to-video': liveVideoToVideoCases,
};

/**
 * Dataset v1 (`datasets/v1`). Immutable once published: the generator must
 * keep reproducing it byte for byte (a test compares); any change to its
 * cases or media is a new version beside it.
 */
export const V1: DatasetDefinition = {
  dirName: 'v1',
  name: 'naap-testload',
  version: '1.0.0',
  created: '2026-01-20T00:00:00Z',
  description:
    'Reference requests for every AI pipeline of the Livepeer network: canonical (good), seeded variations within valid ranges (random), and requests a correct gateway or orchestrator must refuse with a 4xx (bad). Media generated deterministically by gateway/scripts/gen-datasets.ts.',
  media: buildMedia,
  cases: () => Object.entries(CASES).map(([pipeline, build]) => [pipeline as PipelineId, build()]),
};
