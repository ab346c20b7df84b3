import { Type } from 'typebox';
import * as F from './common.js';

/** A Python-style nested list of numbers, as ai-runner reads point_coords, box…: `[[32, 48]]`. */
const NumberList = Type.Optional(
  Type.String({ maxLength: 2000, pattern: '^\\[[-0-9.,\\s\\[\\]]*\\]$' }),
);

/** POST /segment-anything-2, multipart (ai-runner Body_genSegmentAnything2: image required). */
export const SegmentAnything2Request = Type.Object(
  {
    model_id: F.ModelId,
    image: F.ImageFile,
    point_coords: NumberList,
    point_labels: NumberList,
    box: NumberList,
    mask_input: NumberList,
    multimask_output: F.Flag,
    return_logits: F.Flag,
    normalize_coords: F.Flag,
  },
  F.closed,
);
