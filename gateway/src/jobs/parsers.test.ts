import { describe, expect, it } from 'vitest';
import { transcriptProblem } from './audio-to-text.js';
import { parseLlmChunk } from './llm-chunks.js';
import { tokensPerSecond } from './llm.js';
import { parseLiveStatus } from './live-status.js';
import { pyListShape } from './pylist.js';
import { masksProblem } from './segment-anything-2.js';
import { SseDecoder } from './sse.js';

describe('Python list shapes (segment-anything-2)', () => {
  it('measures rectangular nestings of numbers and booleans', () => {
    expect(pyListShape('[[[1.0, -2.5], [3e-2, 4]], [[True, False], [0, 1]]]')).toEqual([2, 2, 2]);
    expect(pyListShape('[0.95, 0.83, 0.71]')).toEqual([3]);
    expect(pyListShape('[]')).toEqual([0]);
    expect(pyListShape('[1, nan, -inf]')).toEqual([3]);
  });

  it('rejects ragged, malformed, deep and trailing input', () => {
    for (const text of [
      '[[1, 2], [3]]',
      '[1, 2',
      '[1,, 2]',
      '[x]',
      '[1] 2',
      '"[1]"',
      '[[[[[[[[[[1]]]]]]]]]]',
      '',
      '[1, [2]]',
    ])
      expect(typeof pyListShape(text), text).toBe('string');
  });

  it('checks a MasksResponse', () => {
    const ok = {
      masks: '[[[1, 0], [0, 1]]]',
      scores: '[0.9]',
      logits: '[[[0.1, 0.2], [0.3, 0.4]]]',
    };
    expect(masksProblem(ok)).toBeNull();
    expect(masksProblem(null)).toMatch(/not a JSON object/);
    expect(masksProblem({ ...ok, scores: '[0.9, 0.8]' })).toMatch(/scores has shape \[2\]/);
    expect(masksProblem({ ...ok, masks: '[1, 0]' })).toMatch(/masks has shape/);
    expect(masksProblem({ ...ok, logits: undefined })).toMatch(/logits is missing/);
    expect(masksProblem({ ...ok, masks: '[[[1, 0], [0]]]' })).toMatch(
      /masks: list is not rectangular/,
    );
  });
});

describe('LLM streams', () => {
  it('splits events across chunk boundaries', () => {
    const d = new SseDecoder();
    expect(d.push('data: {"a"')).toEqual([]);
    expect(d.push(':1}\n\ndata: x\r\n\r\n: comment\n\ndata: last')).toEqual(['{"a":1}', 'x']);
    expect(d.end()).toEqual(['last']);
  });

  it('reads chunks, [DONE] and errors', () => {
    expect(
      parseLlmChunk(
        '{"choices":[{"delta":{"content":"Hi"},"finish_reason":""}],"usage":{"completion_tokens":3}}',
      ),
    ).toEqual({
      content: 'Hi',
      finishReason: null,
      completionTokens: 3,
      error: null,
      done: false,
    });
    expect(
      parseLlmChunk('{"choices":[{"delta":{"content":""},"finish_reason":"stop"}]}')?.finishReason,
    ).toBe('stop');
    expect(parseLlmChunk('[DONE]')?.done).toBe(true);
    expect(parseLlmChunk('{"error":{"message":"runner died"}}')?.error).toBe('runner died');
    for (const bad of ['', 'nope', '[]', 'null', '{"choices":"x"}'])
      expect(parseLlmChunk(bad)?.content ?? '', bad).toBe('');
  });

  it('counts tokens per second after the first token', () => {
    expect(tokensPerSecond(11, 1000, 3000)).toBe(5);
    expect(tokensPerSecond(1, 1000, 3000)).toBeNull();
    expect(tokensPerSecond(5, 1000, 1000)).toBeNull();
    expect(tokensPerSecond(5, null, null)).toBeNull();
  });
});

describe('other answers', () => {
  it('checks transcripts', () => {
    expect(
      transcriptProblem({ text: 'hello', chunks: [{ timestamp: [0, 1], text: 'hello' }] }),
    ).toBeNull();
    expect(transcriptProblem({ text: ' ' })).toMatch(/empty/);
    expect(transcriptProblem({ text: 'x', chunks: [{ timestamp: [0] }] })).toMatch(/timestamp/);
    expect(transcriptProblem({ text: 'x', chunks: 'no' })).toMatch(/not an array/);
  });

  it('reads live stream status, distrusting every field', () => {
    expect(
      parseLiveStatus({
        state: 'ONLINE',
        inference_status: { fps: 23.5 },
        orchestrator_info: {
          address: '0x3B28A7D785356DC67C7970666747E042305BFB79',
          url: 'https://o:8935',
        },
        gateway_status: {},
      }),
    ).toEqual({
      state: 'ONLINE',
      fps: 23.5,
      orchestrator: '0x3b28a7d785356dc67c7970666747e042305bfb79',
      error: null,
    });
    expect(
      parseLiveStatus({
        state: 'DEGRADED',
        inference_status: { fps: -1 },
        orchestrator_info: { address: 'me' },
        gateway_status: { error: { error_message: 'no orchestrators available' } },
      }),
    ).toEqual({
      state: 'OTHER',
      fps: null,
      orchestrator: null,
      error: 'no orchestrators available',
    });
    expect(parseLiveStatus({ state: 5, inference_status: 'x', orchestrator_info: [] })).toEqual({
      state: null,
      fps: null,
      orchestrator: null,
      error: null,
    });
  });
});
