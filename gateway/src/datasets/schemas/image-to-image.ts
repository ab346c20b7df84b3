import { Type } from 'typebox';
import * as F from './common.js';

/** POST /image-to-image, multipart (ai-runner Body_genImageToImage: prompt and image required). */
export const ImageToImageRequest = Type.Object(
  {
    model_id: F.ModelId,
    prompt: F.Prompt,
    image: F.ImageFile,
    negative_prompt: F.OptionalText,
    loras: F.Loras,
    strength: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    guidance_scale: F.GuidanceScale,
    image_guidance_scale: F.GuidanceScale,
    safety_check: F.Flag,
    seed: F.Seed,
    num_inference_steps: F.Steps,
    num_images_per_prompt: F.ImagesPerPrompt,
  },
  F.closed,
);
