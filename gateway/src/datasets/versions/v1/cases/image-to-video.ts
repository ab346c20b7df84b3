import { BAD_MEDIA, IMAGES } from '../media.js';
import { makeCases, randomCases, type PipelineCases } from './helpers.js';
import { words } from './words.js';

const P = 'image-to-video';
const MODEL = 'stabilityai/stable-video-diffusion-img2vid-xt-1-1';
const { landscape, square256 } = IMAGES;

const videoOutput = (width: number, height: number) =>
  ({ type: 'video', width, height, contentType: 'video/mp4' }) as const;

const SIZES = [
  [512, 288],
  [768, 432],
  [1024, 576],
  [576, 1024],
] as const;

export function imageToVideoCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        params: {
          width: 1024,
          height: 576,
          fps: 6,
          motion_bucket_id: 127,
          noise_aug_strength: 0.02,
          num_inference_steps: 25,
          seed: 42,
        },
        media: { image: landscape.path },
        output: videoOutput(1024, 576),
        description: "Stable Video Diffusion's native 1024×576 at 6 fps from a 16:9 PNG.",
      },
      {
        name: 'small',
        model: MODEL,
        params: { width: 512, height: 288, fps: 8, num_inference_steps: 10, seed: 7 },
        media: { image: landscape.path },
        output: videoOutput(512, 288),
        description: 'Half size and fewer steps: the cheapest request of the pipeline.',
      },
    ]),
    random: randomCases(P, (rng) => {
      const [width, height] = rng.pick(SIZES);
      return {
        model: MODEL,
        params: {
          width,
          height,
          fps: rng.int(4, 12),
          motion_bucket_id: rng.int(1, 255),
          noise_aug_strength: rng.decimal(0, 0.1, 2),
          num_inference_steps: rng.int(5, 25),
          seed: words.seed(rng),
        },
        media: { image: rng.pick([landscape.path, square256.path]) },
        output: videoOutput(width, height),
        description: 'Random size, fps, motion, noise, steps and seed.',
      };
    }),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-image',
        model: MODEL,
        params: { width: 1024, height: 576 },
        description: 'No image file: the one required input is missing.',
      },
      {
        name: 'empty-image',
        model: MODEL,
        params: { width: 1024, height: 576 },
        media: { image: BAD_MEDIA.emptyPng },
        description: 'The image file is empty (0 bytes).',
      },
      {
        name: 'width-too-large',
        model: MODEL,
        params: { width: 8192, height: 576 },
        media: { image: landscape.path },
        description: 'Width of 8192 pixels: out of range.',
      },
      {
        name: 'height-zero',
        model: MODEL,
        params: { width: 1024, height: 0 },
        media: { image: landscape.path },
        description: 'Height of 0 pixels: out of range.',
      },
      {
        name: 'fps-not-integer',
        model: MODEL,
        params: { width: 1024, height: 576, fps: 'fast' },
        media: { image: landscape.path },
        description: 'fps is not an integer.',
      },
    ]),
  };
}
