import { Type } from 'typebox';
import * as F from './common.js';

/** POST /audio-to-text, multipart (ai-runner Body_genAudioToText: audio required). */
export const AudioToTextRequest = Type.Object(
  {
    model_id: F.ModelId,
    audio: F.AudioFile,
    /** ai-runner: a string, "true" (segments), "false" or "word". */
    return_timestamps: Type.Optional(Type.Enum(['true', 'false', 'word'])),
    metadata: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  F.closed,
);
