import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { audioDurationSeconds } from './audio-duration.js';
import { imageSize } from './image-size.js';
import { MediaStore } from './media-store.js';
import { encodeMp4, mp4Boxes } from './mp4.js';
import { crc32, encodePng } from './png.js';
import { encodeWav, wavDurationSeconds } from './wav.js';

const inflateAsync = promisify(inflate);

/** The chunks of a PNG: type, data, and whether the CRC matches. */
function chunks(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const out: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let i = 8; i < png.length;) {
    const len = png.readUInt32BE(i);
    const type = png.toString('ascii', i + 4, i + 8);
    const data = png.subarray(i + 8, i + 8 + len);
    const crcOk = png.readUInt32BE(i + 8 + len) === crc32(png.subarray(i + 4, i + 8 + len));
    out.push({ type, data, crcOk });
    i += 12 + len;
  }
  return out;
}

describe('encodePng', () => {
  it('writes a PNG whose IHDR has the size and whose pixels inflate to height rows of width + 1 bytes', async () => {
    const png = await encodePng(37, 11, 3);
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    expect(png.readUInt32BE(16)).toBe(37);
    expect(png.readUInt32BE(20)).toBe(11);
    const raw = await inflateAsync(cs[2]?.data ?? Buffer.alloc(0));
    expect(raw.length).toBe(11 * 38);
    expect(imageSize(png)).toEqual({ format: 'png', width: 37, height: 11 });
  });

  it('rejects sizes outside 1..4096', async () => {
    await expect(encodePng(0, 10)).rejects.toThrow(RangeError);
    await expect(encodePng(10, 4097)).rejects.toThrow(/height/);
  });

  it('matches the CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('imageSize', () => {
  it('reads JPEG (SOF0), GIF and WebP headers and rejects other data', () => {
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 240, 1, 64, 3, 1, 0x22, 0,
    ]);
    expect(imageSize(jpeg)).toEqual({ format: 'jpeg', width: 320, height: 240 });
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0x40, 0x01, 0xf0, 0x00])]);
    expect(imageSize(gif)).toEqual({ format: 'gif', width: 320, height: 240 });
    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0);
    webp.write('WEBPVP8X', 8);
    webp.writeUIntLE(639, 24, 3);
    webp.writeUIntLE(479, 27, 3);
    expect(imageSize(webp)).toEqual({ format: 'webp', width: 640, height: 480 });
    expect(imageSize(Buffer.from('not an image at all, not even close'))).toBeNull();
    expect(imageSize(Buffer.alloc(0))).toBeNull();
  });
});

describe('encodeMp4', () => {
  it('writes ftyp, moov and mdat boxes with the track size and duration', () => {
    const mp4 = encodeMp4({ width: 1024, height: 576, durationMs: 4167 });
    expect(mp4Boxes(mp4).map((b) => b.type)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(mp4.toString('ascii', 8, 12)).toBe('isom');
    const tkhd = mp4.indexOf('tkhd');
    expect(tkhd).toBeGreaterThan(0);
    // tkhd v0 body: flags(4) … width and height 16.16 fixed point are its last 8 bytes
    const tkhdSize = mp4.readUInt32BE(tkhd - 4);
    const end = tkhd - 4 + tkhdSize;
    expect(mp4.readUInt32BE(end - 8) / 0x10000).toBe(1024);
    expect(mp4.readUInt32BE(end - 4) / 0x10000).toBe(576);
    const mvhd = mp4.indexOf('mvhd');
    expect(mp4.readUInt32BE(mvhd + 16)).toBe(1000); // timescale
    expect(mp4.readUInt32BE(mvhd + 20)).toBe(4167); // duration (ms)
  });
});

describe('WAV', () => {
  it('encodes PCM mono 16 kHz audio whose duration reads back', () => {
    const wav = encodeWav(1500);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.readUInt32BE(4) === 0).toBe(false);
    expect(wav.length).toBe(44 + 16_000 * 1.5 * 2);
    expect(wavDurationSeconds(wav)).toBeCloseTo(1.5, 6);
    expect(audioDurationSeconds(wav)).toBeCloseTo(1.5, 6);
  });

  it('estimates other containers ffprobe reads and rejects unknown data', () => {
    const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(32_000 - 3)]);
    expect(audioDurationSeconds(mp3)).toBe(2);
    expect(audioDurationSeconds(Buffer.from('hello, this is plain text'))).toBeNull();
  });
});

describe('MediaStore', () => {
  it('serves stored media and evicts the oldest beyond its budget', () => {
    const store = new MediaStore(10, 100);
    expect(store.put('s1', 'a.png', 'image/png', Buffer.alloc(6))).toBe('/stream/s1/a.png');
    store.put('s1', 'b.png', 'image/png', Buffer.alloc(6));
    expect(store.get('s1', 'a.png')).toBeNull();
    expect(store.get('s1', 'b.png')?.data.length).toBe(6);
    expect(() => store.put('../x', 'a', 'x', Buffer.alloc(1))).toThrow(RangeError);
  });
});
