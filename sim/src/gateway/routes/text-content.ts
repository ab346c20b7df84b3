import { Rng } from '../../core/rng.js';

/** Deterministic, plausible text for the text-producing pipelines (never empty). */

const SUBJECTS = [
  'a red fox',
  'a lighthouse',
  'two cyclists',
  'a city street',
  'a mountain lake',
  'an old train',
];
const SCENES = [
  'at sunset',
  'in the rain',
  'under a clear sky',
  'at night',
  'in early morning fog',
  'in winter',
];
const WORDS = [
  'the',
  'network',
  'orchestrator',
  'video',
  'model',
  'stream',
  'latency',
  'gateway',
  'quality',
  'frame',
  'inference',
  'result',
  'simple',
  'fast',
  'reliable',
  'service',
  'and',
  'with',
  'for',
  'is',
];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)] ?? (items[0] as T);
}

/** An image caption (image-to-text). */
export function caption(key: string): string {
  const rng = Rng.of('caption', key);
  return `${pick(rng, SUBJECTS)} ${pick(rng, SCENES)}`;
}

/** `count` words (LLM tokens, transcripts). */
export function words(key: string, count: number): string[] {
  const rng = Rng.of('words', key);
  return Array.from({ length: Math.max(1, count) }, () => pick(rng, WORDS));
}

export interface TranscriptChunk {
  readonly timestamp: [number, number];
  readonly text: string;
}

/** A transcript of `seconds` of audio: TextResponse `{text, chunks:[{timestamp:[start,end], text}]}`. */
export function transcript(
  key: string,
  seconds: number,
): { text: string; chunks: TranscriptChunk[] } {
  const total = Math.max(1, Math.round(seconds * 2.5));
  const all = words(key, total);
  const perChunk = 8;
  const chunks: TranscriptChunk[] = [];
  for (let i = 0; i < all.length; i += perChunk) {
    const start = Math.round((i / all.length) * seconds * 100) / 100;
    const end = Math.round((Math.min(all.length, i + perChunk) / all.length) * seconds * 100) / 100;
    chunks.push({ timestamp: [start, end], text: ` ${all.slice(i, i + perChunk).join(' ')}.` });
  }
  return { text: chunks.map((c) => c.text).join(''), chunks };
}
