import { BAD_MEDIA, IMAGES } from '../media.js';
import { makeCases, randomCases, type PipelineCases } from './helpers.js';

const P = 'segment-anything-2';
const MODEL = 'facebook/sam2-hiera-large';
const { square64, square128 } = IMAGES;

const masks = (width: number, height: number) => ({ type: 'masks', width, height }) as const;

export function segmentAnything2Cases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        params: { point_coords: '[[64,64]]', point_labels: '[1]', multimask_output: true },
        media: { image: square128.path },
        output: masks(128, 128),
        description: 'One foreground point in the centre of a 128×128 PNG, three candidate masks.',
      },
      {
        name: 'box',
        model: MODEL,
        params: { box: '[8,8,56,56]', multimask_output: false, return_logits: false },
        media: { image: square64.path },
        output: masks(64, 64),
        description: 'A box prompt on a 64×64 PNG, a single mask.',
      },
    ]),
    random: randomCases(P, (rng) => {
      const input = rng.pick([square64, square128]);
      const x = rng.int(0, input.width - 1);
      const y = rng.int(0, input.height - 1);
      return {
        model: MODEL,
        params: {
          point_coords: `[[${x},${y}]]`,
          point_labels: '[1]',
          multimask_output: rng.bool(),
          return_logits: rng.bool(),
        },
        media: { image: input.path },
        output: masks(input.width, input.height),
        description: 'A random point inside a random image; random mask options.',
      };
    }),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-image',
        model: MODEL,
        params: { point_coords: '[[64,64]]', point_labels: '[1]' },
        description: 'No image file: the one required input is missing.',
      },
      {
        name: 'empty-image',
        model: MODEL,
        params: { point_coords: '[[64,64]]', point_labels: '[1]' },
        media: { image: BAD_MEDIA.emptyPng },
        description: 'The image file is empty (0 bytes).',
      },
      {
        name: 'multimask-not-boolean',
        model: MODEL,
        params: { point_coords: '[[64,64]]', point_labels: '[1]', multimask_output: 'maybe' },
        media: { image: square128.path },
        description: 'multimask_output is not a boolean.',
      },
    ]),
  };
}
