import type { H264Stream } from './h264.js';

/**
 * An MP4 (ISO/IEC 14496-12 and -15) holding one H.264 video track:
 * `ftyp`, then `moov` (movie and track headers, an `avc1` sample entry with
 * its `avcC` decoder configuration, sample tables), then `mdat` with the
 * frames as 4-byte-length-prefixed NAL units in one chunk. Every sample is
 * a sync sample (all frames are IDR), so there is no `stss`.
 */
export interface Mp4Video {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly stream: H264Stream;
}

function box(type: string, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'ascii');
  return Buffer.concat([head, body]);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
}

function u16(...values: number[]): Buffer {
  const b = Buffer.alloc(2 * values.length);
  values.forEach((v, i) => b.writeUInt16BE(v & 0xffff, i * 2));
  return b;
}

const u8 = (...values: number[]): Buffer => Buffer.from(values);
/** Full-box version and flags. */
const full = (version: number, flags: number): Buffer => u32(((version & 0xff) << 24) | flags);
const MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);
const MOVIE_TIMESCALE = 1000;

function avcC(s: H264Stream): Buffer {
  return box(
    'avcC',
    u8(1, s.profile, s.compatibility, s.level, 0xff, 0xe1), // 4-byte lengths, one SPS
    u16(s.sps.length),
    s.sps,
    u8(1),
    u16(s.pps.length),
    s.pps,
  );
}

function avc1(v: Mp4Video): Buffer {
  const compressor = Buffer.alloc(32);
  compressor.write('\x0dnaap I_PCM h264', 0, 'latin1');
  return box(
    'avc1',
    Buffer.alloc(6), // reserved
    u16(1), // data_reference_index
    u16(0, 0),
    u32(0, 0, 0),
    u16(v.width, v.height),
    u32(0x00480000, 0x00480000, 0), // 72 dpi, reserved
    u16(1), // frame_count
    compressor,
    u16(0x0018, 0xffff), // depth, pre_defined -1
    avcC(v.stream),
  );
}

function stbl(v: Mp4Video, sizes: readonly number[], mdatOffset: number): Buffer {
  return box(
    'stbl',
    box('stsd', full(0, 0), u32(1), avc1(v)),
    box('stts', full(0, 0), u32(1, sizes.length, 1)), // media timescale = fps: one tick per frame
    box('stsc', full(0, 0), u32(1, 1, sizes.length, 1)),
    box('stsz', full(0, 0), u32(0, sizes.length), u32(...sizes)),
    box('stco', full(0, 0), u32(1, mdatOffset)),
  );
}

function trak(v: Mp4Video, sizes: readonly number[], mdatOffset: number): Buffer {
  const frames = sizes.length;
  const movieDuration = Math.round((frames * MOVIE_TIMESCALE) / v.fps);
  const tkhd = box(
    'tkhd',
    full(0, 3), // enabled, in movie
    u32(0, 0, 1, 0, movieDuration, 0, 0),
    u16(0, 0, 0, 0),
    MATRIX,
    u32(v.width * 0x10000, v.height * 0x10000),
  );
  const mdhd = box('mdhd', full(0, 0), u32(0, 0, v.fps, frames), u16(0x55c4, 0)); // 'und'
  const name = Buffer.from('VideoHandler\0', 'ascii');
  const hdlr = box('hdlr', full(0, 0), u32(0), Buffer.from('vide', 'ascii'), u32(0, 0, 0), name);
  const dinf = box('dinf', box('dref', full(0, 0), u32(1), box('url ', full(0, 1))));
  const vmhd = box('vmhd', full(0, 1), u16(0, 0, 0, 0));
  const minf = box('minf', vmhd, dinf, stbl(v, sizes, mdatOffset));
  return box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
}

function moov(v: Mp4Video, sizes: readonly number[], mdatOffset: number): Buffer {
  const duration = Math.round((sizes.length * MOVIE_TIMESCALE) / v.fps);
  const mvhd = box(
    'mvhd',
    full(0, 0),
    u32(0, 0, MOVIE_TIMESCALE, duration, 0x00010000),
    u16(0x0100, 0),
    u32(0, 0),
    MATRIX,
    Buffer.alloc(24),
    u32(2), // next_track_ID
  );
  return box('moov', mvhd, trak(v, sizes, mdatOffset));
}

/** Muxes the stream into an MP4 with `moov` before `mdat` (progressive playback). */
export function muxMp4(v: Mp4Video): Buffer {
  const samples = v.stream.frames.map((nal) => Buffer.concat([u32(nal.length), nal]));
  const sizes = samples.map((s) => s.length);
  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'ascii'),
    u32(0x200),
    Buffer.from('isomiso2avc1mp41', 'ascii'),
  );
  // The chunk offset is the same width whatever its value: size moov first, then fill it in.
  const moovSize = moov(v, sizes, 0).length;
  const mdatOffset = ftyp.length + moovSize + 8;
  return Buffer.concat([ftyp, moov(v, sizes, mdatOffset), box('mdat', ...samples)]);
}
