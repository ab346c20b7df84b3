import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { sniffContentType } from '../media-type.js';
import { BitWriter, nalUnit } from './bits.js';
import { encodeH264 } from './h264.js';
import { patternPng } from './png.js';
import { Rng } from './prng.js';
import { encodeClip } from './video.js';
import { encodeWav, tone } from './wav.js';

/** Top-level or child boxes of an ISO BMFF buffer. */
function boxes(
  b: Buffer,
  from = 0,
  to = b.length,
): { type: string; start: number; size: number }[] {
  const out = [];
  for (let i = from; i + 8 <= to;) {
    const size = b.readUInt32BE(i);
    if (size < 8 || i + size > to) throw new Error(`bad box at ${i}`);
    out.push({ type: b.toString('ascii', i + 4, i + 8), start: i, size });
    i += size;
  }
  return out;
}

function child(b: Buffer, parent: { start: number; size: number }, type: string, skip = 0) {
  const found = boxes(b, parent.start + 8 + skip, parent.start + parent.size).find(
    (x) => x.type === type,
  );
  if (found === undefined) throw new Error(`no ${type}`);
  return found;
}

describe('seeded generator', () => {
  it('gives the same sequence for the same seed and stays in range', () => {
    const a = Rng.fromString('x');
    const b = Rng.fromString('x');
    const seq = Array.from({ length: 50 }, () => a.int(3, 9));
    expect(Array.from({ length: 50 }, () => b.int(3, 9))).toEqual(seq);
    expect(seq.every((v) => v >= 3 && v <= 9)).toBe(true);
    expect(new Set(seq).size).toBe(7);
    // mulberry32(1) starts at 0.6270739405881613 × 2^32: guards the algorithm
    expect(new Rng(1).nextU32()).toBe(2_693_262_067);
  });
});

describe('PNG images', () => {
  it('decode to the requested size, and the seed changes the picture', () => {
    const png = PNG.sync.read(patternPng(96, 160, 5));
    expect([png.width, png.height]).toEqual([96, 160]);
    expect(patternPng(96, 160, 5).equals(patternPng(96, 160, 6))).toBe(false);
    expect(sniffContentType(patternPng(8, 8, 1))).toBe('image/png');
  });
});

describe('WAV audio', () => {
  it('has a PCM header matching its samples', () => {
    const wav = encodeWav(
      tone({ sampleRate: 8000, seconds: 0.5, fromHz: 300, toHz: 300, amplitude: 1000 }),
      8000,
    );
    expect(wav.length).toBe(44 + 8000);
    expect(wav.toString('ascii', 0, 4) + wav.toString('ascii', 8, 16)).toBe('RIFFWAVEfmt ');
    expect([
      wav.readUInt32LE(4),
      wav.readUInt16LE(20),
      wav.readUInt32LE(24),
      wav.readUInt32LE(40),
    ]).toEqual([36 + 8000, 1, 8000, 8000]);
    expect(sniffContentType(wav)).toBe('audio/wav');
    // fades in from silence, peaks near the amplitude
    const samples = Array.from({ length: 4000 }, (_, i) => wav.readInt16LE(44 + 2 * i));
    expect(samples[0]).toBe(0);
    expect(Math.max(...samples)).toBeGreaterThan(990);
    expect(Math.max(...samples)).toBeLessThanOrEqual(1000);
  });
});

describe('H.264 bitstream', () => {
  it('writes Exp-Golomb codes', () => {
    const bits = new BitWriter().ue(0).ue(1).ue(2).ue(25).se(-1).trailing().toBytes();
    // 1 | 010 | 011 | 000011010 | 011 | 1 + align: 1010 0110 0001 1010 0111 0000
    expect([...bits]).toEqual([0b10100110, 0b00011010, 0b01110000]);
  });

  it('inserts emulation prevention bytes', () => {
    expect([...nalUnit(3, 5, Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 0, 3, 7]))]).toEqual([
      0x65, 0, 0, 3, 1, 0, 0, 3, 0, 0, 3, 0, 3, 7,
    ]);
  });

  it('codes one I_PCM macroblock per 16×16 block, samples never 0', () => {
    const frame = {
      y: new Uint8Array(32 * 16),
      u: new Uint8Array(16 * 8),
      v: new Uint8Array(16 * 8).fill(200),
    };
    const s = encodeH264(32, 16, [frame, frame]);
    expect([...s.sps.subarray(0, 4)]).toEqual([0x67, 66, 0xc0, 20]);
    expect(s.pps[0]).toBe(0x68);
    expect(s.frames.map((f) => f[0])).toEqual([0x65, 0x65]);
    // 2 macroblocks × 384 samples, plus slice header and mb_type bits
    expect(s.frames[0]?.length).toBeGreaterThan(768);
    expect(s.frames[0]?.length).toBeLessThan(800);
    expect(() => encodeH264(20, 16, [frame])).toThrow('multiples of 16');
  });
});

describe('MP4 clip', () => {
  const mp4 = encodeClip({ width: 32, height: 32, fps: 10, frames: 5 });

  it('is ftyp, moov, mdat with an avc1 track of the right size, frame count and duration', () => {
    expect(boxes(mp4).map((b) => b.type)).toEqual(['ftyp', 'moov', 'mdat']);
    expect(sniffContentType(mp4)).toBe('video/mp4');
    const moov = boxes(mp4)[1]!;
    const mvhd = child(mp4, moov, 'mvhd');
    expect([mp4.readUInt32BE(mvhd.start + 20), mp4.readUInt32BE(mvhd.start + 24)]).toEqual([
      1000, 500,
    ]);
    const trak = child(mp4, moov, 'trak');
    const tkhd = child(mp4, trak, 'tkhd');
    expect([
      mp4.readUInt32BE(tkhd.start + 84) >>> 16,
      mp4.readUInt32BE(tkhd.start + 88) >>> 16,
    ]).toEqual([32, 32]);
    const stbl = child(mp4, child(mp4, child(mp4, trak, 'mdia'), 'minf'), 'stbl');
    const stsd = child(mp4, stbl, 'stsd');
    const avc1 = child(mp4, stsd, 'avc1', 8);
    expect([mp4.readUInt16BE(avc1.start + 32), mp4.readUInt16BE(avc1.start + 34)]).toEqual([
      32, 32,
    ]);
    const avcC = child(mp4, avc1, 'avcC', 78);
    expect([...mp4.subarray(avcC.start + 8, avcC.start + 14)]).toEqual([
      1, 66, 0xc0, 20, 0xff, 0xe1,
    ]);
    const stsz = child(mp4, stbl, 'stsz');
    expect(mp4.readUInt32BE(stsz.start + 16)).toBe(5);
  });

  it('points its chunk offset at the first length-prefixed slice in mdat', () => {
    const [, moov, mdat] = boxes(mp4);
    const trak = child(mp4, moov!, 'trak');
    const stbl = child(mp4, child(mp4, child(mp4, trak, 'mdia'), 'minf'), 'stbl');
    const stco = child(mp4, stbl, 'stco');
    const offset = mp4.readUInt32BE(stco.start + 16);
    expect(offset).toBe(mdat!.start + 8);
    const stsz = child(mp4, stbl, 'stsz');
    expect(mp4.readUInt32BE(offset) + 4).toBe(mp4.readUInt32BE(stsz.start + 20));
    expect(mp4[offset + 4]).toBe(0x65); // IDR slice NAL header
  });
});
