import { BAD_MEDIA, IMAGES } from '../media.js';
import { makeCases, randomCases, TEXT_OUTPUT, type PipelineCases } from './helpers.js';

const P = 'image-to-text';
const MODEL = 'Salesforce/blip-image-captioning-large';
const PROMPTS = ['a picture of', 'a photograph showing', 'an image with'] as const;

export function imageToTextCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        media: { image: IMAGES.square256.path },
        output: TEXT_OUTPUT,
        description: 'An unconditional caption of a 256×256 PNG.',
      },
      {
        name: 'with-prompt',
        model: MODEL,
        params: { prompt: 'a picture of' },
        media: { image: IMAGES.square128.path },
        output: TEXT_OUTPUT,
        description: 'A caption continuing a text prompt.',
      },
    ]),
    random: randomCases(P, (rng) => ({
      model: MODEL,
      params: rng.bool() ? { prompt: rng.pick(PROMPTS) } : {},
      media: { image: rng.pick(Object.values(IMAGES)).path },
      output: TEXT_OUTPUT,
      description: 'Random image, with or without a prompt.',
    })),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-image',
        model: MODEL,
        params: { prompt: 'a picture of' },
        description: 'No image file: the one required input is missing.',
      },
      {
        name: 'empty-image',
        model: MODEL,
        media: { image: BAD_MEDIA.emptyPng },
        description: 'The image file is empty (0 bytes).',
      },
    ]),
  };
}
