import { describe, expect, it } from 'vitest';
import { parseNetworkCapabilities } from './capabilities.js';

const A = '0x3B28A7D785356DC67C7970666747E042305BFB79';

/** One orchestrator as go-livepeer's CLI prints it (common.OrchNetworkCapabilities). */
const entry = {
  address: A,
  local_address: A,
  orch_uri: 'https://orch.example.com:8935/',
  capabilities: {
    bitstring: [0],
    capacities: { '27': 4, '33': 1 },
    constraints: {
      PerCapability: {
        '27': {
          models: {
            'stabilityai/sdxl-turbo': { warm: true, capacity: 4, runnerVersion: '0.14.0' },
          },
        },
        '33': { models: { 'meta-llama/Meta-Llama-3.1-8B-Instruct': { warm: false, capacity: 1 } } },
        '1': { models: { transcoding: { warm: true, capacity: 9 } } },
      },
    },
  },
  capabilities_prices: [
    { pricePerUnit: 1, pixelsPerUnit: 1, capability: 27, constraint: 'stabilityai/sdxl-turbo' },
  ],
  hardware: [
    { pipeline: 'text-to-image', model_id: 'stabilityai/sdxl-turbo', gpu_info: {} },
    { pipeline: 'audio-to-text', model_id: 'openai/whisper-large-v3', gpu_info: {} },
  ],
};

describe('GET /getNetworkCapabilities', () => {
  it('reads every (pipeline, model) with capacity and warmth', () => {
    const [t, ...rest] = parseNetworkCapabilities(JSON.stringify({ orchestrators: [entry] })) ?? [];
    expect(rest).toEqual([]);
    expect(t?.address).toBe(A.toLowerCase());
    expect(t?.uri).toBe('https://orch.example.com:8935');
    expect(t?.capabilities).toEqual([
      { pipeline: 'text-to-image', model: 'stabilityai/sdxl-turbo', capacity: 4, warm: true },
      { pipeline: 'llm', model: 'meta-llama/Meta-Llama-3.1-8B-Instruct', capacity: 1, warm: false },
      // Only in hardware: capacity and warmth unknown.
      { pipeline: 'audio-to-text', model: 'openai/whisper-large-v3', capacity: 1, warm: null },
    ]);
  });

  it('rejects what is not the document, and skips malformed entries one by one', () => {
    for (const text of [
      '',
      'null',
      '[]',
      '{"orchestrators":{}}',
      '{"orchestrators":',
      'x'.repeat(100),
    ])
      expect(parseNetworkCapabilities(text)).toBeNull();
    const hostile = [
      null,
      42,
      'orch',
      { ...entry, address: '0x12' },
      { ...entry, address: 7 },
      { ...entry, orch_uri: 'ftp://orch:8935' },
      { ...entry, orch_uri: 'not a uri' },
      { ...entry, orch_uri: `https://${'a'.repeat(300)}.com` },
      {
        ...entry,
        address: '0x0000000000000000000000000000000000000001',
        capabilities: {
          constraints: { PerCapability: { '27': { models: { '': { capacity: -1 } } }, nope: 5 } },
        },
        hardware: 'x',
      },
      {
        ...entry,
        address: '0x0000000000000000000000000000000000000002',
        capabilities: {
          constraints: {
            PerCapability: { '27': { models: { m: { warm: 'yes', capacity: 1.5 } } } },
          },
        },
        hardware: [{ pipeline: 'transcode', model_id: 'x' }, { pipeline: 'llm' }, null],
      },
      entry,
      entry,
    ];
    const out = parseNetworkCapabilities(JSON.stringify({ orchestrators: hostile })) ?? [];
    expect(out.map((t) => t.address)).toEqual([
      '0x0000000000000000000000000000000000000001',
      '0x0000000000000000000000000000000000000002',
      A.toLowerCase(),
    ]);
    expect(out[0]?.capabilities).toEqual([]);
    expect(out[1]?.capabilities).toEqual([
      { pipeline: 'text-to-image', model: 'm', capacity: 1, warm: null },
    ]);
  });
});
