import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PipelineId } from '@naap/otel';
import { sha256 } from '../files.js';
import { MANIFEST_FILE, type Manifest } from '../manifest.js';
import { resolveInside } from '../paths.js';
import { CASE_KINDS, type DatasetCase } from '../types.js';

/** Everything a dataset version is made of; see versions/. */
export interface DatasetDefinition {
  /** Directory name under datasets/, e.g. `v1`. */
  readonly dirName: string;
  readonly name: string;
  readonly version: string;
  /** Fixed creation time (part of the output, so not the clock's). */
  readonly created: string;
  readonly description: string;
  /** Media files by dataset-relative path. */
  readonly media: () => Map<string, Buffer>;
  readonly cases: () => [PipelineId, Record<(typeof CASE_KINDS)[number], DatasetCase[]>][];
}

const jsonl = (cases: readonly DatasetCase[]): Buffer =>
  Buffer.from(cases.map((c) => `${JSON.stringify(c)}\n`).join(''), 'utf8');

/** The files of a dataset version, manifest included, by relative path (sorted). */
export function renderDataset(def: DatasetDefinition): Map<string, Buffer> {
  const files = new Map(def.media());
  const pipelines: Manifest['pipelines'] = {};
  for (const [pipeline, cases] of def.cases()) {
    const paths = { good: '', random: '', bad: '' };
    for (const kind of CASE_KINDS) {
      paths[kind] = `${pipeline}/${kind}.jsonl`;
      files.set(paths[kind], jsonl(cases[kind]));
    }
    pipelines[pipeline] = paths;
  }
  const sorted = [...files.keys()].sort();
  const manifest: Manifest = {
    name: def.name,
    version: def.version,
    created: def.created,
    description: def.description,
    files: sorted.map((path) => {
      const data = files.get(path) ?? Buffer.alloc(0);
      return { path, sha256: sha256(data), bytes: data.length };
    }),
    pipelines,
  };
  const out = new Map<string, Buffer>();
  out.set(MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const path of sorted) out.set(path, files.get(path) ?? Buffer.alloc(0));
  return out;
}

/** Writes a dataset version into `outDir` (which should be empty or hold an older copy of it). */
export async function writeDataset(
  def: DatasetDefinition,
  outDir: string,
): Promise<Map<string, Buffer>> {
  const files = renderDataset(def);
  for (const [path, data] of files) {
    const abs = resolveInside(outDir, path, 'generated file');
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, data);
  }
  return files;
}
