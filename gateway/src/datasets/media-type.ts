/**
 * Content types of dataset media: sniffed from the bytes (what a file is),
 * and declared from the file name (what a client announces on upload).
 */

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  txt: 'text/plain',
};

/** The content type a client declares for a file name (`application/octet-stream` if unknown). */
export function declaredContentType(path: string): string {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  return EXTENSION_TYPES[ext] ?? 'application/octet-stream';
}

const ascii = (b: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...b.subarray(from, to));

const SIGNATURES: readonly [string, (b: Uint8Array) => boolean][] = [
  ['image/png', (b) => ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n'],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a'],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['audio/wav', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE'],
  [
    'audio/mpeg',
    (b) => ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  ],
  ['audio/flac', (b) => ascii(b, 0, 4) === 'fLaC'],
  ['audio/ogg', (b) => ascii(b, 0, 4) === 'OggS'],
  ['audio/mp4', (b) => ascii(b, 4, 8) === 'ftyp' && ascii(b, 8, 12) === 'M4A '],
  ['video/mp4', (b) => ascii(b, 4, 8) === 'ftyp'],
  ['video/webm', (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3],
];

/** Printable UTF-8 text (tabs and newlines allowed). */
function isText(b: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(b);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** What a file's bytes are: a media type, `text/plain`, `application/x-empty` or `application/octet-stream`. */
export function sniffContentType(data: Uint8Array): string {
  if (data.length === 0) return 'application/x-empty';
  for (const [type, matches] of SIGNATURES) if (data.length >= 12 && matches(data)) return type;
  return isText(data) ? 'text/plain' : 'application/octet-stream';
}
