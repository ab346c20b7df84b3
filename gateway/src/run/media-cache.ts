import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/** Largest dataset media file read. */
export const MAX_MEDIA_BYTES = 64 * 1024 * 1024;

/**
 * Reads dataset media (paths relative to the dataset directory, never
 * outside it) once and keeps them.
 */
export function mediaReader(dir: string): (path: string) => Promise<Buffer> {
  const cache = new Map<string, Promise<Buffer>>();
  const root = resolve(dir);
  return (path) => {
    const full = resolve(root, path);
    const rel = relative(root, full);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
      return Promise.reject(new RangeError(`media path ${path} is outside the dataset`));
    let found = cache.get(full);
    if (found === undefined) {
      found = readFile(full).then((buf) => {
        if (buf.length > MAX_MEDIA_BYTES) throw new RangeError(`media ${path} is too large`);
        return buf;
      });
      found.catch(() => cache.delete(full));
      cache.set(full, found);
    }
    return found;
  };
}
