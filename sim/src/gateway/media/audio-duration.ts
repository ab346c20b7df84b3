import { wavDurationSeconds } from './wav.js';

/**
 * go-livepeer's `common.ErrAudioDurationCalculation`: the gateway runs
 * ffprobe on the upload (submitAudioToText) and answers 400 when it fails.
 */
export const AUDIO_DURATION_ERROR = 'audio duration calculation failed';

const SIGNATURES: readonly ((b: Buffer) => boolean)[] = [
  (b) => b.toString('ascii', 0, 3) === 'ID3', // MP3 with ID3 tag
  (b) => b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0, // MPEG audio frame sync
  (b) => b.toString('ascii', 0, 4) === 'fLaC',
  (b) => b.toString('ascii', 0, 4) === 'OggS',
  (b) => b.toString('ascii', 4, 8) === 'ftyp', // M4A / MP4
  (b) => b.readUInt32BE(0) === 0x1a45dfa3, // WebM / Matroska
];

/**
 * Whole seconds of audio in an upload, as ffprobe would report: exact for
 * PCM WAV, estimated at 128 kbit/s for other containers ffprobe recognises;
 * null for anything else.
 */
export function audioDurationSeconds(data: Buffer): number | null {
  if (data.length < 12) return null;
  const wav = wavDurationSeconds(data);
  if (wav !== null) return wav;
  if (SIGNATURES.some((match) => match(data))) return Math.max(1, data.length / 16_000);
  return null;
}
