import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PipelineId } from '@naap/otel';
import { jsonlLines, parseCaseLine } from './case-line.js';
import { DatasetError } from './errors.js';
import { readBounded } from './files.js';
import { DATASET_LIMITS } from './limits.js';
import { caseFiles, MANIFEST_FILE, parseManifest, type Manifest } from './manifest.js';
import { resolveInside } from './paths.js';
import type { CaseKind, Dataset, DatasetCase } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(data: Buffer, what: string): string {
  try {
    return utf8.decode(data);
  } catch {
    throw new DatasetError('case_invalid', `${what}: not valid UTF-8`);
  }
}

/** Reads and validates manifest.json of `dir`. */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = resolveInside(dir, MANIFEST_FILE, 'dataset');
  const data = await readBounded(path, DATASET_LIMITS.manifestBytes, MANIFEST_FILE);
  return parseManifest(decode(data, MANIFEST_FILE));
}

interface CaseFile {
  readonly pipeline: PipelineId;
  readonly kind: CaseKind;
  readonly path: string;
}

function parseLine(file: CaseFile, line: number, text: string): DatasetCase {
  const where = `${file.path}:${line}`;
  const bytes = Buffer.byteLength(text);
  if (bytes > DATASET_LIMITS.lineBytes) {
    throw new DatasetError(
      'file_too_large',
      `${where}: line of ${bytes} bytes exceeds the limit of ${DATASET_LIMITS.lineBytes}`,
    );
  }
  if (text.trim() === '') throw new DatasetError('case_invalid', `${where}: blank line`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DatasetError('case_invalid', `${where}: not JSON (${why})`);
  }
  const parsed = parseCaseLine(value);
  if (!parsed.ok) throw new DatasetError('case_invalid', `${where}: ${parsed.error}`);
  const c = parsed.value;
  if (c.pipeline !== file.pipeline || c.kind !== file.kind) {
    throw new DatasetError(
      'case_invalid',
      `${where}: case ${c.id} is ${c.pipeline}/${c.kind} but the file holds ${file.pipeline}/${file.kind} cases`,
    );
  }
  if (!c.id.startsWith(`${c.pipeline}/`)) {
    throw new DatasetError('case_invalid', `${where}: id ${c.id} must start with "${c.pipeline}/"`);
  }
  return c;
}

async function readCaseFile(dir: string, file: CaseFile): Promise<[DatasetCase, number][]> {
  const what = `${MANIFEST_FILE} pipelines.${file.pipeline}.${file.kind}`;
  const abs = resolveInside(dir, file.path, what);
  const text = decode(await readBounded(abs, DATASET_LIMITS.caseFileBytes, file.path), file.path);
  return jsonlLines(text).map(({ line, text: t }) => [parseLine(file, line, t), line]);
}

async function checkMedia(dir: string, c: DatasetCase): Promise<void> {
  for (const [field, path] of Object.entries(c.media)) {
    const what = `case ${c.id} media.${field}`;
    const info = await lstat(resolveInside(dir, path, what)).catch(() => null);
    if (info === null || !info.isFile()) {
      throw new DatasetError('case_invalid', `${what}: ${path} is not a file of the dataset`);
    }
    if (info.size > DATASET_LIMITS.mediaBytes) {
      throw new DatasetError(
        'file_too_large',
        `${what}: ${path} has ${info.size} bytes, over the limit of ${DATASET_LIMITS.mediaBytes}`,
      );
    }
  }
}

/**
 * Loads a dataset version directory: its manifest and every case of every
 * pipeline, in manifest order. Throws a DatasetError naming the file and
 * line at fault for an invalid manifest, a malformed or invalid JSONL line,
 * an unknown pipeline, a duplicate id, an unsafe or missing media path, or a
 * file over the limits. Hashes are checked by `verifyDataset`, not here.
 */
export async function loadDataset(dir: string): Promise<Dataset> {
  const root = resolve(dir);
  const manifest = await readManifest(root);
  const cases: DatasetCase[] = [];
  const seen = new Map<string, string>();
  for (const file of caseFiles(manifest)) {
    for (const [c, line] of await readCaseFile(root, file)) {
      const first = seen.get(c.id);
      if (first !== undefined) {
        throw new DatasetError(
          'duplicate_id',
          `${file.path}:${line}: duplicate case id ${c.id} (first at ${first})`,
        );
      }
      seen.set(c.id, `${file.path}:${line}`);
      if (cases.length >= DATASET_LIMITS.cases) {
        throw new DatasetError('too_many', `more than ${DATASET_LIMITS.cases} cases`);
      }
      await checkMedia(root, c);
      cases.push(c);
    }
  }
  return { name: manifest.name, version: manifest.version, dir: root, cases };
}
