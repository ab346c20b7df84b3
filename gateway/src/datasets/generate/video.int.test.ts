import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDatasetDir } from '../paths.js';
import { clipFrame } from './video.js';

/**
 * Decodes the shipped test clip with ffmpeg, where it is installed (it is
 * no dependency of the project): the I_PCM stream must decode to exactly the
 * samples the generator wrote.
 */
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const CLIP = join(defaultDatasetDir(), 'media/video/pattern-64x64-2s.mp4');
const SPEC = { width: 64, height: 64, fps: 12, frames: 24 };

describe.skipIf(!hasFfmpeg)('the test clip in ffmpeg', () => {
  it('probes as 64×64 H.264 Constrained Baseline, 24 frames, 2 s', () => {
    const out = execFileSync('ffprobe', ['-v', 'error', '-show_streams', CLIP], {
      encoding: 'utf8',
    });
    for (const line of [
      'codec_name=h264',
      'profile=Constrained Baseline',
      'width=64',
      'height=64',
      'pix_fmt=yuv420p',
      'r_frame_rate=12/1',
      'nb_frames=24',
      'duration=2.000000',
    ]) {
      expect(out).toContain(line);
    }
  });

  it('decodes every frame to exactly the generated samples', () => {
    const yuv = execFileSync(
      'ffmpeg',
      ['-v', 'error', '-i', CLIP, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const frameBytes = SPEC.width * SPEC.height * 1.5;
    expect(yuv.length).toBe(SPEC.frames * frameBytes);
    for (let f = 0; f < SPEC.frames; f++) {
      const { y, u, v } = clipFrame(SPEC, f);
      const expected = Buffer.concat(
        [y, u, v].map((p) => Buffer.from(p.map((s) => Math.max(1, s)))),
      );
      expect(
        yuv.subarray(f * frameBytes, (f + 1) * frameBytes).equals(expected),
        `frame ${f}`,
      ).toBe(true);
    }
  });
});
