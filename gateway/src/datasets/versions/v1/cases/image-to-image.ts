import { BAD_MEDIA, IMAGES } from '../media.js';
import { imageOutput, makeCases, randomCases, type PipelineCases } from './helpers.js';
import { words } from './words.js';

const P = 'image-to-image';
const MODEL = 'timbrooks/instruct-pix2pix';
const { square64, square256 } = IMAGES;

export function imageToImageCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        params: { prompt: 'make it look like winter', num_inference_steps: 10, seed: 42 },
        media: { image: square256.path },
        output: imageOutput(256, 256),
        description: 'The reference edit of a 256×256 PNG; the output keeps the input size.',
      },
      {
        name: 'small',
        model: MODEL,
        params: {
          prompt: 'turn the sky purple',
          image_guidance_scale: 1.5,
          guidance_scale: 7.5,
          num_inference_steps: 5,
          seed: 7,
        },
        media: { image: square64.path },
        output: imageOutput(64, 64),
        description: 'A 64×64 input with both guidance scales set.',
      },
    ]),
    random: randomCases(P, (rng) => {
      const input = rng.pick(Object.values(IMAGES));
      return {
        model: MODEL,
        params: {
          prompt: words.edit(rng),
          strength: rng.decimal(0.3, 1, 2),
          image_guidance_scale: rng.decimal(1, 2, 1),
          num_inference_steps: rng.int(1, 20),
          seed: words.seed(rng),
        },
        media: { image: input.path },
        output: imageOutput(input.width, input.height),
        description: 'Random edit prompt, input image, strength, guidance, steps and seed.',
      };
    }),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-prompt',
        model: MODEL,
        params: { num_inference_steps: 10 },
        media: { image: square256.path },
        description: 'An image without the required prompt.',
      },
      {
        name: 'missing-image',
        model: MODEL,
        params: { prompt: 'make it look like winter' },
        description: 'A prompt without the required image file.',
      },
      {
        name: 'empty-image',
        model: MODEL,
        params: { prompt: 'make it look like winter' },
        media: { image: BAD_MEDIA.emptyPng },
        description: 'The image file is empty (0 bytes).',
      },
      {
        name: 'steps-not-integer',
        model: MODEL,
        params: { prompt: 'make it look like winter', num_inference_steps: 'many' },
        media: { image: square256.path },
        description: 'num_inference_steps is not an integer.',
      },
    ]),
  };
}
