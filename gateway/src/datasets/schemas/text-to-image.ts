import { Type } from 'typebox';
import * as F from './common.js';

/** POST /text-to-image, JSON (ai-runner TextToImageParams). */
export const TextToImageRequest = Type.Object(
  {
    model_id: F.ModelId,
    prompt: F.Prompt,
    negative_prompt: F.OptionalText,
    loras: F.Loras,
    width: F.Side,
    height: F.Side,
    guidance_scale: F.GuidanceScale,
    safety_check: F.Flag,
    seed: F.Seed,
    num_inference_steps: F.Steps,
    num_images_per_prompt: F.ImagesPerPrompt,
  },
  F.closed,
);
