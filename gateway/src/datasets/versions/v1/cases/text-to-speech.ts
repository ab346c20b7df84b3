import { makeCases, randomCases, type PipelineCases } from './helpers.js';
import { words } from './words.js';

const P = 'text-to-speech';
const MODEL = 'parler-tts/parler-tts-large-v1';
const AUDIO_OUTPUT = { type: 'audio', contentType: 'audio/wav' } as const;

export function textToSpeechCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical',
        model: MODEL,
        params: {
          text: 'The lighthouse keeper lit the lamp as the sun went down.',
          description: 'A calm female voice, speaking slowly, with clear audio quality.',
        },
        output: AUDIO_OUTPUT,
        description: 'One sentence with a voice description.',
      },
      {
        name: 'short',
        model: MODEL,
        params: { text: 'Hello from the Livepeer network.' },
        output: AUDIO_OUTPUT,
        description: 'A short sentence with the default voice.',
      },
    ]),
    random: randomCases(P, (rng) => ({
      model: MODEL,
      params: { text: words.sentence(rng), description: words.voice(rng) },
      output: AUDIO_OUTPUT,
      description: 'Random sentence and voice description.',
    })),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-text',
        model: MODEL,
        params: { description: 'A calm female voice.' },
        description: 'No text: go-livepeer answers "text field is required".',
      },
      {
        name: 'empty-text',
        model: MODEL,
        params: { text: '' },
        description: 'An empty text.',
      },
      {
        name: 'text-not-string',
        model: MODEL,
        params: { text: 42 },
        description: 'The text is a number, not a string.',
      },
    ]),
  };
}
