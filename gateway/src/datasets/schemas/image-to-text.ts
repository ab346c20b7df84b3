import { Type } from 'typebox';
import * as F from './common.js';

/** POST /image-to-text, multipart (ai-runner Body_genImageToText: image required). */
export const ImageToTextRequest = Type.Object(
  {
    model_id: F.ModelId,
    image: F.ImageFile,
    prompt: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  F.closed,
);
