import { Type } from 'typebox';
import * as F from './common.js';

/** POST /image-to-video, multipart (ai-runner Body_genImageToVideo: image required). */
export const ImageToVideoRequest = Type.Object(
  {
    model_id: F.ModelId,
    image: F.ImageFile,
    width: F.Side,
    height: F.Side,
    fps: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    motion_bucket_id: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
    noise_aug_strength: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    safety_check: F.Flag,
    seed: F.Seed,
    num_inference_steps: F.Steps,
  },
  F.closed,
);
