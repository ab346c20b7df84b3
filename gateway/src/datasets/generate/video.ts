import { encodeH264, type YuvFrame } from './h264.js';
import { muxMp4 } from './mp4.js';

export interface ClipSpec {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
}

/**
 * Frame `f` of the test clip: a luma gradient, a bright 16×16 square moving
 * one step per frame along the diagonal, and chroma slowly changing hue.
 * Video-range values (luma 16…235, chroma 16…240).
 */
export function clipFrame(spec: ClipSpec, f: number): YuvFrame {
  const { width, height } = spec;
  const y = new Uint8Array(width * height);
  const side = 16;
  const travel = Math.max(1, Math.min(width, height) - side);
  const pos = (f * 4) % travel;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const inSquare = col >= pos && col < pos + side && row >= pos && row < pos + side;
      y[row * width + col] = inSquare
        ? 235
        : 16 + Math.floor(((col + row) * 160) / (width + height));
    }
  }
  const chroma = (width / 2) * (height / 2);
  const u = new Uint8Array(chroma).fill(16 + ((f * 9) % 224));
  const v = new Uint8Array(chroma).fill(240 - ((f * 7) % 224));
  return { y, u, v };
}

/** The test clip as an MP4 with an H.264 (I_PCM) track. */
export function encodeClip(spec: ClipSpec): Buffer {
  const frames = Array.from({ length: spec.frames }, (_, f) => clipFrame(spec, f));
  const stream = encodeH264(spec.width, spec.height, frames);
  return muxMp4({ width: spec.width, height: spec.height, fps: spec.fps, stream });
}
