/** 16-bit PCM mono WAV files: what text-to-speech returns and audio-to-text reads. */

export const WAV_SAMPLE_RATE = 16_000;
/** Longest audio the simulator renders. */
export const MAX_WAV_MS = 60_000;

/** A valid RIFF/WAVE file holding a quiet sine tone of `durationMs`. */
export function encodeWav(durationMs: number, toneHz = 220): Buffer {
  const ms = Math.min(MAX_WAV_MS, Math.max(1, Math.round(durationMs)));
  const samples = Math.round((WAV_SAMPLE_RATE * ms) / 1000);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const v = Math.round(3000 * Math.sin((2 * Math.PI * toneHz * i) / WAV_SAMPLE_RATE));
    data.writeInt16LE(v, i * 2);
  }
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8, 'ascii');
  head.write('fmt ', 12, 'ascii');
  head.writeUInt32LE(16, 16); // fmt chunk size
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  head.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
  head.writeUInt16LE(2, 32); // block align
  head.writeUInt16LE(16, 34); // bits per sample
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** Duration of a PCM WAV file in seconds, from its `fmt ` and `data` chunks; null if it is not one. */
export function wavDurationSeconds(b: Buffer): number | null {
  if (
    b.length < 12 ||
    b.toString('ascii', 0, 4) !== 'RIFF' ||
    b.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    return null;
  }
  let byteRate = 0;
  for (let i = 12; i + 8 <= b.length;) {
    const id = b.toString('ascii', i, i + 4);
    const size = b.readUInt32LE(i + 4);
    if (id === 'fmt ' && i + 16 <= b.length) byteRate = b.readUInt32LE(i + 16);
    if (id === 'data') {
      const bytes = Math.min(size, b.length - i - 8);
      return byteRate > 0 ? bytes / byteRate : null;
    }
    i += 8 + size + (size % 2);
  }
  return null;
}
