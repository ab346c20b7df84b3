import { VIDEO } from '../media.js';
import { makeCases, randomCases, type PipelineCases } from './helpers.js';
import { words } from './words.js';

const P = 'live-video-to-video';
const MODEL = 'streamdiffusion';
const VIDEO_OUTPUT = { type: 'video' } as const;
const media = { video: VIDEO.pattern };

export function liveVideoToVideoCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        params: { params: { prompt: 'a watercolor painting', seed: 42 } },
        media,
        output: VIDEO_OUTPUT,
        description: 'A stream of the 64×64 test clip through StreamDiffusion with a prompt.',
      },
      {
        name: 'noop',
        model: 'noop',
        media,
        output: VIDEO_OUTPUT,
        description: 'The pass-through pipeline: transport and frame rate without inference.',
      },
    ]),
    random: randomCases(P, (rng) => ({
      model: MODEL,
      params: {
        params: {
          prompt: words.imagePrompt(rng),
          seed: words.seed(rng),
          guidance_scale: rng.decimal(1, 2, 1),
        },
      },
      media,
      output: VIDEO_OUTPUT,
      description: 'Random prompt, seed and guidance for the stream.',
    })),
    bad: makeCases(P, 'bad', [
      {
        name: 'params-not-json',
        model: MODEL,
        params: { params: '{"prompt": "unterminated' },
        media,
        description: 'Pipeline params that are not JSON.',
      },
      {
        name: 'params-not-object',
        model: MODEL,
        params: { params: [1, 2, 3] },
        media,
        description: 'Pipeline params that are a JSON list, not an object.',
      },
      {
        name: 'unknown-source-type',
        model: MODEL,
        params: { source_type: 'carrier-pigeon' },
        media,
        description: 'An ingest source type the gateway does not know.',
      },
    ]),
  };
}
