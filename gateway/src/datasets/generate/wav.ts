/**
 * 16-bit PCM mono WAV files. The RIFF header is written by hand: it is a
 * fixed 44-byte layout (RIFF, `fmt `, `data` chunks), the workspace has no
 * WAV encoder among its dependencies, and writing it here keeps every byte
 * of the output under this file's control (deterministic).
 */
export function encodeWav(samples: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(v, i * 2));
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8, 'ascii');
  head.write('fmt ', 12, 'ascii');
  head.writeUInt32LE(16, 16); // fmt chunk size
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(sampleRate, 24);
  head.writeUInt32LE(sampleRate * 2, 28); // byte rate
  head.writeUInt16LE(2, 32); // block align
  head.writeUInt16LE(16, 34); // bits per sample
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

export interface ToneSpec {
  readonly sampleRate: number;
  readonly seconds: number;
  /** Start and end frequency in Hz (equal: a steady tone; different: a linear sweep). */
  readonly fromHz: number;
  readonly toHz: number;
  /** Peak amplitude, 0…32767. */
  readonly amplitude: number;
}

/**
 * A tone or sweep with 10 ms fades at both ends. `Math.sin` is V8's own
 * fdlibm port, the same on every platform, so the samples are deterministic.
 */
export function tone(spec: ToneSpec): Int16Array {
  const n = Math.round(spec.sampleRate * spec.seconds);
  const fade = Math.round(spec.sampleRate / 100);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / spec.sampleRate;
    const phase = spec.fromHz * t + ((spec.toHz - spec.fromHz) * t * t) / (2 * spec.seconds);
    const gain = Math.min(1, i / fade, (n - 1 - i) / fade);
    out[i] = Math.round(spec.amplitude * gain * Math.sin(2 * Math.PI * phase));
  }
  return out;
}
