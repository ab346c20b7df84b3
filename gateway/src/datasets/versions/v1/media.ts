import { patternPng } from '../../generate/png.js';
import { encodeClip } from '../../generate/video.js';
import { encodeWav, tone } from '../../generate/wav.js';

/** A generated image of the dataset and its size. */
export interface ImageMedia {
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

const image = (name: string, width: number, height: number): ImageMedia => ({
  path: `media/image/${name}.png`,
  width,
  height,
});

export const IMAGES = {
  square64: image('square-64', 64, 64),
  square128: image('square-128', 128, 128),
  square256: image('square-256', 256, 256),
  landscape: image('landscape-256x144', 256, 144),
  portrait: image('portrait-96x160', 96, 160),
} as const;

export const AUDIO = {
  tone1s: 'media/audio/tone-1s-16k.wav',
  chirp3s: 'media/audio/chirp-3s-16k.wav',
  tone2s8k: 'media/audio/tone-2s-8k.wav',
} as const;

export const VIDEO = {
  /** 64×64, 12 fps, 24 frames (2 s), H.264 Constrained Baseline (I_PCM) in MP4. */
  pattern: 'media/video/pattern-64x64-2s.mp4',
} as const;

/** Deliberately broken inputs for bad cases. */
export const BAD_MEDIA = {
  emptyPng: 'media/bad/empty.png',
  emptyWav: 'media/bad/empty.wav',
  textAsAudio: 'media/bad/not-audio.txt',
} as const;

/** Every media file of v1 and how to make it. */
export function buildMedia(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  Object.values(IMAGES).forEach((img, i) => {
    out.set(img.path, patternPng(img.width, img.height, 1000 + i));
  });
  const wav = (rate: number, seconds: number, fromHz: number, toHz: number) =>
    encodeWav(tone({ sampleRate: rate, seconds, fromHz, toHz, amplitude: 9000 }), rate);
  out.set(AUDIO.tone1s, wav(16_000, 1, 440, 440));
  out.set(AUDIO.chirp3s, wav(16_000, 3, 200, 2000));
  out.set(AUDIO.tone2s8k, wav(8000, 2, 330, 330));
  out.set(VIDEO.pattern, encodeClip({ width: 64, height: 64, fps: 12, frames: 24 }));
  out.set(BAD_MEDIA.emptyPng, Buffer.alloc(0));
  out.set(BAD_MEDIA.emptyWav, Buffer.alloc(0));
  out.set(BAD_MEDIA.textAsAudio, Buffer.from('This file is text, not audio.\n', 'utf8'));
  return out;
}
