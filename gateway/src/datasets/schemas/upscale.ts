import { Type } from 'typebox';
import * as F from './common.js';

/** POST /upscale, multipart (ai-runner Body_genUpscale: prompt and image required). */
export const UpscaleRequest = Type.Object(
  {
    model_id: F.ModelId,
    prompt: F.Prompt,
    image: F.ImageFile,
    safety_check: F.Flag,
    seed: F.Seed,
    num_inference_steps: F.Steps,
  },
  F.closed,
);
