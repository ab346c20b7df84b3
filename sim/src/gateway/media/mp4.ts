/**
 * A tiny, structurally valid MP4 (ISO BMFF): `ftyp`, a `moov` with a movie
 * header and one video track of the requested size and duration, and an
 * empty `mdat`. It carries no coded frames (the track's sample tables are
 * empty): enough for clients that validate the container, its dimensions and
 * its duration, not for playback.
 */
export interface Mp4Spec {
  readonly width: number;
  readonly height: number;
  readonly durationMs: number;
}

function box(type: string, ...parts: Buffer[]): Buffer {
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

/** Full-box header: version and flags. */
const full = (version: number, flags: number): Buffer => u32(((version & 0xff) << 24) | flags);
const MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);

function mvhd(duration: number): Buffer {
  const body = [full(0, 0), u32(0, 0, 1000, duration, 0x00010000), u16(0x0100, 0)];
  return box('mvhd', ...body, u32(0, 0), MATRIX, Buffer.alloc(24), u32(2));
}

function tkhd(s: Mp4Spec, duration: number): Buffer {
  const head = [full(0, 3), u32(0, 0, 1, 0, duration, 0, 0), u16(0, 0, 0, 0)];
  return box('tkhd', ...head, MATRIX, u32(s.width * 0x10000, s.height * 0x10000));
}

function stbl(): Buffer {
  const empty = (type: string) => box(type, full(0, 0), u32(0));
  return box(
    'stbl',
    empty('stsd'),
    empty('stts'),
    empty('stsc'),
    box('stsz', full(0, 0), u32(0, 0)),
    empty('stco'),
  );
}

function mdia(duration: number): Buffer {
  const mdhd = box('mdhd', full(0, 0), u32(0, 0, 1000, duration), u16(0x55c4, 0));
  const name = Buffer.from('VideoHandler\0', 'ascii');
  const hdlr = box('hdlr', full(0, 0), u32(0), Buffer.from('vide', 'ascii'), u32(0, 0, 0), name);
  const dinf = box('dinf', box('dref', full(0, 0), u32(1), box('url ', full(0, 1))));
  const vmhd = box('vmhd', full(0, 1), u16(0, 0, 0, 0));
  return box('mdia', mdhd, hdlr, box('minf', vmhd, dinf, stbl()));
}

export function encodeMp4(spec: Mp4Spec): Buffer {
  const duration = Math.max(1, Math.round(spec.durationMs));
  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'ascii'),
    u32(512),
    Buffer.from('isomiso2avc1mp41', 'ascii'),
  );
  const trak = box('trak', tkhd(spec, duration), mdia(duration));
  return Buffer.concat([ftyp, box('moov', mvhd(duration), trak), box('mdat')]);
}

/** The top-level boxes of an MP4: type and size, for validation. */
export function mp4Boxes(data: Buffer): { type: string; size: number }[] {
  const out: { type: string; size: number }[] = [];
  for (let i = 0; i + 8 <= data.length;) {
    const size = data.readUInt32BE(i);
    if (size < 8 || i + size > data.length) break;
    out.push({ type: data.toString('ascii', i + 4, i + 8), size });
    i += size;
  }
  return out;
}
