import { FormFields, parseFormBody } from '../body/form-body.js';
import { DEFAULT_MODEL_IDS } from '../batch/media-output.js';
import type { BatchRouteSpec } from '../batch/route-spec.js';
import { badRequest } from '../http-errors.js';
import { AUDIO_DURATION_ERROR, audioDurationSeconds } from '../media/audio-duration.js';
import { transcript } from './text-content.js';

interface AudioToText {
  readonly modelId: string;
  readonly seconds: number;
  readonly timestamps: boolean;
}

/**
 * POST /audio-to-text, multipart (Body_genAudioToText: audio required) →
 * TextResponse `{"text","chunks":[{"timestamp":[s,e],"text"}]}`. go-livepeer
 * computes the audio duration first (ffprobe) and answers an unreadable file
 * with 400 (common.ErrAudioDurationCalculation → BadRequestError).
 */
export const audioToText: BatchRouteSpec<AudioToText> = {
  pipeline: 'audio-to-text',
  path: '/audio-to-text',
  decode(request) {
    const f = new FormFields(parseFormBody(request.body, request.contentType));
    const seconds = audioDurationSeconds(f.requiredFile('audio').data);
    if (seconds === null) throw badRequest(AUDIO_DURATION_ERROR);
    return {
      modelId: f.string('model_id') ?? DEFAULT_MODEL_IDS['audio-to-text'],
      seconds,
      timestamps: (f.string('return_timestamps') ?? 'true') !== 'false',
    };
  },
  modelId: (p) => p.modelId,
  // CalculateAudioToTextLatencyScore: took / durationSeconds
  scoreUnits: (p) => Math.max(1, Math.floor(p.seconds)),
  render(p, served) {
    const t = transcript(served.job.id, p.seconds);
    return Promise.resolve(p.timestamps ? t : { text: t.text, chunks: [] });
  },
};
