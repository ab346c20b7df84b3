import { makeCases, randomCases, TEXT_OUTPUT, type PipelineCases } from './helpers.js';
import { words } from './words.js';

const P = 'llm';
const MODEL = 'meta-llama/Meta-Llama-3.1-8B-Instruct';
const SYSTEM = { role: 'system', content: 'You are a helpful assistant. Answer briefly.' };
const USER = { role: 'user', content: 'In one sentence, what is a lighthouse for?' };
const STREAM = { type: 'stream', contentType: 'text/event-stream' } as const;

export function llmCases(): PipelineCases {
  return {
    good: makeCases(P, 'good', [
      {
        name: 'canonical-stream',
        model: MODEL,
        params: { messages: [SYSTEM, USER], stream: true, max_tokens: 64, temperature: 0.7 },
        output: STREAM,
        description: 'A short streamed chat completion: time to first token and tokens/s.',
      },
      {
        name: 'no-stream',
        model: MODEL,
        params: { messages: [USER], stream: false, max_tokens: 32 },
        output: TEXT_OUTPUT,
        description: 'The same question answered in one JSON response.',
      },
      {
        name: 'multi-turn',
        model: MODEL,
        params: {
          messages: [
            SYSTEM,
            { role: 'user', content: 'Name a primary color.' },
            { role: 'assistant', content: 'Red.' },
            { role: 'user', content: 'Name another one.' },
          ],
          stream: true,
          max_tokens: 16,
        },
        output: STREAM,
        description: 'A conversation with an earlier assistant turn.',
      },
    ]),
    random: randomCases(P, (rng) => {
      const stream = rng.bool();
      return {
        model: MODEL,
        params: {
          messages: [{ role: 'user', content: words.question(rng) }],
          stream,
          max_tokens: rng.int(16, 256),
          temperature: rng.decimal(0, 1.2, 1),
        },
        output: stream ? STREAM : TEXT_OUTPUT,
        description: 'Random question, streaming or not, token budget and temperature.',
      };
    }),
    bad: makeCases(P, 'bad', [
      {
        name: 'missing-model',
        model: null,
        params: { messages: [USER], stream: true, max_tokens: 64 },
        description: 'No model: go-livepeer requires model, messages, stream and max_tokens.',
      },
      {
        name: 'missing-max-tokens',
        model: MODEL,
        params: { messages: [USER], stream: true },
        description: 'No max_tokens.',
      },
      {
        name: 'missing-stream',
        model: MODEL,
        params: { messages: [USER], max_tokens: 64 },
        description: 'No stream flag.',
      },
      {
        name: 'empty-messages',
        model: MODEL,
        params: { messages: [], stream: true, max_tokens: 64 },
        description: 'An empty message list.',
      },
      {
        name: 'messages-not-list',
        model: MODEL,
        params: { messages: USER, stream: true, max_tokens: 64 },
        description: 'messages is a single object instead of a list.',
      },
      {
        name: 'zero-max-tokens',
        model: MODEL,
        params: { messages: [USER], stream: true, max_tokens: 0 },
        description: 'max_tokens of 0: out of range.',
      },
    ]),
  };
}
