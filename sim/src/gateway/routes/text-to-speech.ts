import { JsonFields, parseJsonBody } from '../body/json-body.js';
import { DEFAULT_MODEL_IDS, mediaName } from '../batch/media-output.js';
import type { BatchRouteSpec } from '../batch/route-spec.js';
import { badRequest } from '../http-errors.js';
import { encodeWav } from '../media/wav.js';

interface TextToSpeech {
  readonly modelId: string;
  readonly text: string;
}

/** Speech rate of the simulated voice: milliseconds of audio per character. */
export const SPEECH_MS_PER_CHAR = 65;

/**
 * POST /text-to-speech, JSON (TextToSpeechParams) → AudioResponse
 * `{"audio":{"url"}}` pointing to a WAV. go-livepeer submitTextToSpeech:
 * `if req.Text == nil { return nil, &BadRequestError{errors.New("text field is required")} }`.
 */
export const textToSpeech: BatchRouteSpec<TextToSpeech> = {
  pipeline: 'text-to-speech',
  path: '/text-to-speech',
  decode(request) {
    const f = new JsonFields(parseJsonBody(request.body), 'GenTextToSpeechJSONRequestBody');
    const text = f.string('text');
    if (text === undefined || text === '') throw badRequest('text field is required');
    return { modelId: f.string('model_id') ?? DEFAULT_MODEL_IDS['text-to-speech'], text };
  },
  modelId: (p) => p.modelId,
  // CalculateTextToSpeechLatencyScore: took / characters
  scoreUnits: (p) => p.text.length,
  render(p, served, rt) {
    const wav = encodeWav(p.text.length * SPEECH_MS_PER_CHAR);
    const url = rt.media.put(
      served.routing.req.requestId,
      mediaName(served.job, 0, 'wav'),
      'audio/wav',
      wav,
    );
    return Promise.resolve({ audio: { url } });
  },
};
