import { promisify } from 'node:util';
import { deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);

/** Largest side of an image the simulator renders (a runner would run out of memory well before). */
export const MAX_IMAGE_SIDE = 4096;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309) as PNG chunks use it. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function palette(seed: number): Buffer {
  const p = Buffer.alloc(256 * 3);
  for (let i = 0; i < 256; i++) {
    p[i * 3] = (i + seed * 37) & 0xff;
    p[i * 3 + 1] = (i * 2 + seed * 11) & 0xff;
    p[i * 3 + 2] = (255 - i + seed * 5) & 0xff;
  }
  return p;
}

/**
 * Encodes a valid PNG of `width` × `height` (8-bit indexed colour, a
 * diagonal gradient varied by `seed`). Throws a RangeError for sizes outside
 * 1…MAX_IMAGE_SIDE.
 */
export async function encodePng(width: number, height: number, seed = 0): Promise<Buffer> {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_IMAGE_SIDE) {
      throw new RangeError(`${name} must be an integer in 1..${MAX_IMAGE_SIDE}, got ${v}`);
    }
  }
  const stride = width + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride; // filter byte 0 (None) stays 0
    for (let x = 0; x < width; x++) raw[row + 1 + x] = (x + y + seed) & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // colour type: indexed
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('PLTE', palette(seed)),
    chunk('IDAT', await deflateAsync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
