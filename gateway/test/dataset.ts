import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineId } from '@naap/otel';
import { PNG } from 'pngjs';
import type { TestCase, TestDataset } from '../src/cases.js';

/** A small PNG (solid grey) of the given size. */
export function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(128);
  return PNG.sync.write(image);
}

/** A one-second 16-bit mono WAV of silence. */
export function wav(seconds = 1, rate = 8000): Buffer {
  const samples = seconds * rate;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0, 'latin1');
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8, 'latin1');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1');
  buf.writeUInt32LE(samples * 2, 40);
  return buf;
}

export function testCase(
  pipeline: PipelineId,
  id: string,
  params: Record<string, unknown>,
  extra: Partial<TestCase> = {},
): TestCase {
  return {
    id,
    pipeline,
    kind: 'good',
    model: null,
    params,
    media: {},
    expect: { status: 200 },
    description: id,
    ...extra,
  };
}

/** A dataset of cheap cases (small images) in a temporary directory, version "test-1". */
export async function smallDataset(cases: TestCase[] = defaultCases()): Promise<TestDataset> {
  const dir = await mkdtemp(join(tmpdir(), 'naap-gw-dataset-'));
  await mkdir(join(dir, 'media'), { recursive: true });
  await writeFile(join(dir, 'media', 'square-32.png'), png(32, 32));
  await writeFile(join(dir, 'media', 'tone.wav'), wav());
  return { name: 'test', version: 'test-1', dir, cases };
}

export function defaultCases(): TestCase[] {
  const image = { image: 'media/square-32.png' };
  const chat = { messages: [{ role: 'user', content: 'hello' }], stream: true, max_tokens: 8 };
  return [
    testCase('text-to-image', 't2i/good-64', { prompt: 'a fox', width: 64, height: 64 }),
    testCase('text-to-image', 't2i/good-32x48', { prompt: 'a cat', width: 32, height: 48 }),
    testCase('image-to-image', 'i2i/good', { prompt: 'winter' }, { media: image }),
    testCase('upscale', 'upscale/good', { prompt: 'sharp' }, { media: image }),
    testCase('image-to-video', 'i2v/good', { width: 64, height: 64 }, { media: image }),
    testCase('audio-to-text', 'a2t/good', {}, { media: { audio: 'media/tone.wav' } }),
    testCase(
      'segment-anything-2',
      'sam2/good',
      { point_coords: '[[16,16]]', point_labels: '[1]' },
      { media: image },
    ),
    testCase('llm', 'llm/good-stream', chat),
    testCase('llm', 'llm/good-no-stream', { ...chat, stream: false }),
    testCase('image-to-text', 'i2t/good', { prompt: 'a picture of' }, { media: image }),
    testCase('text-to-speech', 'tts/good', { text: 'hello there' }),
    testCase('live-video-to-video', 'live/good', { params: { prompt: 'neon' } }),
  ];
}
