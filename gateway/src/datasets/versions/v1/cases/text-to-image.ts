import { imageOutput, makeCases, randomCases, type PipelineCases } from './helpers.js';
import { words } from './words.js';

const P = 'text-to-image';
const MODEL = 'stabilityai/sdxl-turbo';
const PROMPT = 'a lighthouse on a rocky coast at sunset, oil painting';

export function textToImageCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        params: { prompt: PROMPT, width: 512, height: 512, num_inference_steps: 2, seed: 42 },
        output: imageOutput(512, 512),
        description: 'The reference request: one 512×512 image, fixed seed.',
      },
      {
        name: 'small',
        model: MODEL,
        params: {
          prompt: 'a red fox in fresh snow',
          width: 256,
          height: 256,
          num_inference_steps: 1,
          seed: 7,
        },
        output: imageOutput(256, 256),
        description: 'Smallest common size, one step: the cheapest request of the pipeline.',
      },
      {
        name: 'landscape',
        model: MODEL,
        params: {
          prompt: 'a mountain village in the fog, watercolor',
          negative_prompt: 'blurry, text, watermark',
          width: 768,
          height: 432,
          guidance_scale: 0,
          num_inference_steps: 2,
          seed: 1234,
        },
        output: imageOutput(768, 432),
        description: 'Non-square 16:9 output with a negative prompt.',
      },
      {
        name: 'two-images',
        model: MODEL,
        params: { prompt: PROMPT, width: 512, height: 512, num_images_per_prompt: 2, seed: 42 },
        output: imageOutput(512, 512),
        description: 'Two images per prompt: the answer must hold two images of the size asked.',
      },
    ]),
    random: randomCases(P, (rng) => {
      const width = rng.step(256, 1024, 64);
      const height = rng.step(256, 1024, 64);
      return {
        model: MODEL,
        params: {
          prompt: words.imagePrompt(rng),
          width,
          height,
          guidance_scale: rng.decimal(0, 2, 1),
          num_inference_steps: rng.int(1, 8),
          seed: words.seed(rng),
        },
        output: imageOutput(width, height),
        description: 'Random prompt, size (256–1024, multiples of 64), guidance, steps and seed.',
      };
    }),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-prompt',
        model: MODEL,
        params: { width: 512, height: 512 },
        description: 'No prompt: the one required field is missing.',
      },
      {
        name: 'blank-prompt',
        model: MODEL,
        params: { prompt: '   ', width: 512, height: 512 },
        description: 'A prompt of spaces only.',
      },
      {
        name: 'prompt-not-string',
        model: MODEL,
        params: { prompt: 42, width: 512, height: 512 },
        description: 'The prompt is a number, not a string.',
      },
      {
        name: 'width-too-large',
        model: MODEL,
        params: { prompt: PROMPT, width: 65536, height: 512 },
        description: 'Width of 65536 pixels: out of range.',
      },
      {
        name: 'height-zero',
        model: MODEL,
        params: { prompt: PROMPT, width: 512, height: 0 },
        description: 'Height of 0 pixels: out of range.',
      },
      {
        name: 'width-not-integer',
        model: MODEL,
        params: { prompt: PROMPT, width: 'wide', height: 512 },
        description: 'Width given as a word instead of a number.',
      },
    ]),
  };
}
