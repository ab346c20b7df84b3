import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError } from './errors.js';

/**
 * The dataset the package ships: `<package>/datasets/v1`. This file is
 * `src/datasets/paths.ts` in the sources and `dist/datasets/paths.js` once
 * built: the package root is two levels up either way.
 */
export function defaultDatasetDir(): string {
  return fileURLToPath(new URL('../../datasets/v1', import.meta.url));
}

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const MAX_PATH = 200;

/**
 * Why `path` is not a safe dataset-relative path, or null when it is: POSIX
 * separators, no absolute path, no `.`/`..`/empty segment, no hidden or
 * odd-character names, at most 200 characters.
 */
export function relativePathProblem(path: string): string | null {
  if (path.length === 0) return 'is empty';
  if (path.length > MAX_PATH) return `is longer than ${MAX_PATH} characters`;
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/') || isAbsolute(path)) return 'is absolute';
  for (const segment of path.split('/')) {
    if (segment === '..') return 'leaves the dataset directory (..)';
    if (!SEGMENT.test(segment)) return `has an invalid segment ${JSON.stringify(segment)}`;
  }
  return null;
}

/** The absolute path of a dataset-relative path; a DatasetError when it is unsafe. */
export function resolveInside(dir: string, path: string, what: string): string {
  const problem = relativePathProblem(path);
  if (problem !== null) {
    throw new DatasetError('path_invalid', `${what}: path ${JSON.stringify(path)} ${problem}`);
  }
  const abs = join(dir, path);
  const rel = relative(dir, abs);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new DatasetError('path_invalid', `${what}: path ${JSON.stringify(path)} leaves ${dir}`);
  }
  return abs;
}

/** A path relative to `dir`, with POSIX separators. */
export function toDatasetPath(dir: string, abs: string): string {
  return relative(dir, abs).split(sep).join('/');
}
