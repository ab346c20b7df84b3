import type { FastifyInstance } from 'fastify';
import { registerBatchRoute, type BatchRouteSpec } from '../batch/route-spec.js';
import type { GatewayRuntime } from '../runtime.js';
import { audioToText } from './audio-to-text.js';
import { imageToImage } from './image-to-image.js';
import { imageToText } from './image-to-text.js';
import { registerImageToVideo } from './image-to-video.js';
import { registerImageToVideoResult } from './image-to-video-result.js';
import { registerLlm } from './llm.js';
import { segmentAnything2 } from './segment-anything-2.js';
import { registerStreamMedia } from './stream-media.js';
import { textToImage } from './text-to-image.js';
import { textToSpeech } from './text-to-speech.js';
import { upscale } from './upscale.js';

type Register = (app: FastifyInstance, rt: GatewayRuntime) => void;

function batch<P>(spec: BatchRouteSpec<P>): Register {
  return (app, rt) => {
    registerBatchRoute(app, rt, spec);
  };
}

/**
 * The AI HTTP API of go-livepeer's startAIMediaServer, by route. The simple
 * batch pipelines share one handler (registerBatchRoute); image-to-video
 * (respond-async) and llm (streaming) have their own.
 */
export const AI_ROUTES: Readonly<Record<string, Register>> = {
  'text-to-image': batch(textToImage),
  'image-to-image': batch(imageToImage),
  upscale: batch(upscale),
  'audio-to-text': batch(audioToText),
  'segment-anything-2': batch(segmentAnything2),
  'image-to-text': batch(imageToText),
  'text-to-speech': batch(textToSpeech),
  'image-to-video': registerImageToVideo,
  'image-to-video/result': registerImageToVideoResult,
  llm: registerLlm,
  stream: registerStreamMedia,
};

export function registerAiRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  for (const register of Object.values(AI_ROUTES)) register(app, rt);
}
