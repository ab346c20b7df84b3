import { BAD_MEDIA, IMAGES } from '../media.js';
import { imageOutput, makeCases, randomCases, type PipelineCases } from './helpers.js';
import { words } from './words.js';

const P = 'upscale';
const MODEL = 'stabilityai/stable-diffusion-x4-upscaler';
/** The x4 upscaler's output is four times the input per side. */
const X = 4;
const { square64, square128, landscape, portrait } = IMAGES;

export function upscaleCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        params: { prompt: 'a sharp, detailed photograph', num_inference_steps: 20, seed: 42 },
        media: { image: square128.path },
        output: imageOutput(128 * X, 128 * X),
        description: 'The reference request: a 128×128 PNG upscaled to 512×512.',
      },
      {
        name: 'small',
        model: MODEL,
        params: { prompt: 'a sharp, detailed photograph', num_inference_steps: 10, seed: 7 },
        media: { image: square64.path },
        output: imageOutput(64 * X, 64 * X),
        description: 'A 64×64 PNG upscaled to 256×256.',
      },
    ]),
    random: randomCases(P, (rng) => {
      const input = rng.pick([square64, square128, landscape, portrait]);
      return {
        model: MODEL,
        params: {
          prompt: words.imagePrompt(rng),
          num_inference_steps: rng.int(5, 50),
          seed: words.seed(rng),
        },
        media: { image: input.path },
        output: imageOutput(input.width * X, input.height * X),
        description: 'Random input image (output at most 1024 per side), prompt, steps and seed.',
      };
    }),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-prompt',
        model: MODEL,
        params: { num_inference_steps: 20 },
        media: { image: square128.path },
        description: 'An image without the required prompt.',
      },
      {
        name: 'missing-image',
        model: MODEL,
        params: { prompt: 'a sharp, detailed photograph' },
        description: 'A prompt without the required image file.',
      },
      {
        name: 'empty-image',
        model: MODEL,
        params: { prompt: 'a sharp, detailed photograph' },
        media: { image: BAD_MEDIA.emptyPng },
        description: 'The image file is empty (0 bytes).',
      },
      {
        name: 'steps-not-integer',
        model: MODEL,
        params: { prompt: 'a sharp, detailed photograph', num_inference_steps: 'many' },
        media: { image: square128.path },
        description: 'num_inference_steps is not an integer.',
      },
    ]),
  };
}
