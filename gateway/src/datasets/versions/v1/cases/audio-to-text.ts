import { AUDIO, BAD_MEDIA, IMAGES } from '../media.js';
import { makeCases, randomCases, TEXT_OUTPUT, type PipelineCases } from './helpers.js';

const P = 'audio-to-text';
const MODEL = 'openai/whisper-large-v3';

export function audioToTextCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        params: { return_timestamps: 'true' },
        media: { audio: AUDIO.chirp3s },
        output: TEXT_OUTPUT,
        description: 'A 3 s, 16 kHz mono WAV with segment timestamps.',
      },
      {
        name: 'short',
        model: MODEL,
        media: { audio: AUDIO.tone1s },
        output: TEXT_OUTPUT,
        description: 'A 1 s WAV with every option left at its default.',
      },
      {
        name: '8khz-no-timestamps',
        model: MODEL,
        params: { return_timestamps: 'false' },
        media: { audio: AUDIO.tone2s8k },
        output: TEXT_OUTPUT,
        description: 'An 8 kHz WAV (the runner resamples), without timestamps.',
      },
    ]),
    random: randomCases(P, (rng) => ({
      model: MODEL,
      params: { return_timestamps: rng.pick(['true', 'false', 'word']) },
      media: { audio: rng.pick(Object.values(AUDIO)) },
      output: TEXT_OUTPUT,
      description: 'Random WAV file and timestamp mode.',
    })),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-audio',
        model: MODEL,
        params: { return_timestamps: 'true' },
        description: 'No audio file: the one required input is missing.',
      },
      {
        name: 'empty-audio',
        model: MODEL,
        media: { audio: BAD_MEDIA.emptyWav },
        description: 'The audio file is empty (0 bytes).',
      },
      {
        name: 'image-as-audio',
        model: MODEL,
        media: { audio: IMAGES.square64.path },
        description: 'A PNG image sent as the audio file (wrong media type).',
      },
      {
        name: 'text-as-audio',
        model: MODEL,
        media: { audio: BAD_MEDIA.textAsAudio },
        description: 'A text file sent as the audio file (wrong media type).',
      },
    ]),
  };
}
