import { Type } from 'typebox';
import * as F from './common.js';

/** POST /text-to-speech, JSON (ai-runner TextToSpeechParams; go-livepeer: "text field is required"). */
export const TextToSpeechRequest = Type.Object(
  {
    model_id: F.ModelId,
    text: F.Prompt,
    description: F.OptionalText,
  },
  F.closed,
);
