import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError } from './errors.js';
import { DATASET_LIMITS } from './limits.js';

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 3 : 1)} MiB`;
}

/**
 * Reads a regular file of at most `maxBytes` (symbolic links are refused:
 * a dataset is a plain directory tree). `what` names the file in errors.
 */
export async function readBounded(path: string, maxBytes: number, what: string): Promise<Buffer> {
  let info;
  try {
    info = await lstat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new DatasetError('file_unreadable', `${what}: cannot read (${code})`);
  }
  if (!info.isFile()) throw new DatasetError('file_unreadable', `${what}: not a regular file`);
  if (info.size > maxBytes) {
    throw new DatasetError(
      'file_too_large',
      `${what}: ${mib(info.size)} (${info.size} bytes) exceeds the limit of ${mib(maxBytes)}`,
    );
  }
  const data = await readFile(path);
  if (data.length > maxBytes) {
    throw new DatasetError('file_too_large', `${what}: grew past the limit of ${mib(maxBytes)}`);
  }
  return data;
}

export interface Listing {
  /** Regular files, relative POSIX paths, sorted. */
  readonly files: string[];
  /** Entries that are not regular files or directories (links, sockets…), or past the depth limit. */
  readonly others: string[];
}

/** Every entry under `dir`, bounded in depth and count. */
export async function listFiles(dir: string): Promise<Listing> {
  const files: string[] = [];
  const others: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    const entries = await readdir(join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (files.length + others.length >= DATASET_LIMITS.files) {
        throw new DatasetError('too_many', `more than ${DATASET_LIMITS.files} files under ${dir}`);
      }
      if (entry.isFile()) files.push(path);
      else if (entry.isDirectory() && depth < DATASET_LIMITS.depth) await walk(path, depth + 1);
      else others.push(path);
    }
  };
  await walk('', 0);
  return { files, others };
}
