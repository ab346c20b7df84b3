import { Type } from 'typebox';
import { DATASET_LIMITS } from '../limits.js';

/**
 * Building blocks of the per-pipeline request schemas. Field names, types
 * and defaults follow ai-runner's OpenAPI (`runner/openapi.yaml`, the
 * request bodies go-livepeer decodes); ranges are what this dataset treats
 * as valid: a request outside them is one a correct gateway or orchestrator
 * must refuse with a 4xx.
 *
 * An uploaded file is described by what it is, not by its bytes:
 * `{ contentType, bytes }` with the content type sniffed from the file.
 */

export const ModelId = Type.String({
  minLength: 1,
  maxLength: 256,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$',
});

/** A prompt with at least one non-space character. */
export const Prompt = Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' });
export const OptionalText = Type.Optional(Type.String({ maxLength: 2000 }));

/** An image side in pixels: diffusion models work in multiples of 8. */
export const Side = Type.Optional(Type.Integer({ minimum: 64, maximum: 4096, multipleOf: 8 }));
export const Steps = Type.Optional(Type.Integer({ minimum: 1, maximum: 200 }));
export const Seed = Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295 }));
export const GuidanceScale = Type.Optional(Type.Number({ minimum: 0, maximum: 50 }));
export const ImagesPerPrompt = Type.Optional(Type.Integer({ minimum: 1, maximum: 8 }));
export const Flag = Type.Optional(Type.Boolean());
/** ai-runner `loras`: a JSON object of adapter → weight, sent as a string. */
export const Loras = Type.Optional(Type.String({ maxLength: 2000 }));

function file(types: readonly string[]) {
  return Type.Object(
    {
      contentType: Type.Enum(types),
      bytes: Type.Integer({ minimum: 1, maximum: DATASET_LIMITS.mediaBytes }),
    },
    { additionalProperties: false },
  );
}

/** The image formats go-livepeer's image.DecodeConfig reads. */
export const ImageFile = file(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Audio containers ffprobe reads (go-livepeer measures the duration before routing). */
export const AudioFile = file(['audio/wav', 'audio/mpeg', 'audio/flac', 'audio/ogg', 'audio/mp4']);
export const VideoFile = file(['video/mp4', 'video/webm']);

export const closed = { additionalProperties: false } as const;
