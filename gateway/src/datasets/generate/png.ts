import { PNG } from 'pngjs';
import { Rng } from './prng.js';

interface Shape {
  readonly kind: 'disc' | 'box';
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly rgb: readonly [number, number, number];
}

function shapes(width: number, height: number, rng: Rng): Shape[] {
  return Array.from({ length: 4 }, () => ({
    kind: rng.bool() ? 'disc' : 'box',
    x: rng.int(0, width - 1),
    y: rng.int(0, height - 1),
    r: rng.int(
      Math.max(2, Math.floor(Math.min(width, height) / 10)),
      Math.floor(Math.min(width, height) / 3),
    ),
    rgb: [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)],
  }));
}

function inside(s: Shape, x: number, y: number): boolean {
  const dx = x - s.x;
  const dy = y - s.y;
  return s.kind === 'disc'
    ? dx * dx + dy * dy <= s.r * s.r
    : Math.abs(dx) <= s.r && Math.abs(dy) <= s.r;
}

/**
 * A test image: a diagonal colour gradient with a few discs and boxes placed
 * by `seed`, as an 8-bit RGB PNG. Integer arithmetic only. Written with
 * pngjs at deflate level 0 (stored blocks): Node's zlib may pick different
 * matches on different CPUs at higher levels, stored blocks are the same
 * bytes everywhere, and the images are small enough not to need compression.
 */
export function patternPng(width: number, height: number, seed: number): Buffer {
  const rng = new Rng(seed);
  const png = new PNG({ width, height, colorType: 2, inputColorType: 6, inputHasAlpha: true });
  const base = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)] as const;
  const drawn = shapes(width, height, rng);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const shape = drawn.findLast((s) => inside(s, x, y));
      const g = Math.floor(((x + y) * 255) / Math.max(1, width + height - 2));
      png.data[i] = shape?.rgb[0] ?? (base[0] + g) & 0xff;
      png.data[i + 1] = shape?.rgb[1] ?? (base[1] + (g >> 1)) & 0xff;
      png.data[i + 2] = shape?.rgb[2] ?? (base[2] + 255 - g) & 0xff;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, deflateLevel: 0, filterType: 0 });
}
