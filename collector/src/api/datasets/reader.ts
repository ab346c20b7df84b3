import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PIPELINE_IDS, type PipelineId } from '@naap/otel';
import { CASE_KINDS, type DatasetCase, type DatasetFile, type Datasets } from '@naap/otel/api';

/**
 * Reads the test-load gateway's public dataset directory (`manifest.json`
 * and `<pipeline>/{good,random,bad}.jsonl`) without importing the gateway:
 * only the file layout is shared. Paths are built from the pipeline and
 * kind enums, never from request text; files are size-bounded; a malformed
 * line is skipped, not fatal. Re-read when the manifest changes.
 */
export type CaseKind = (typeof CASE_KINDS)[number];

const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_CASES_BYTES = 16 * 1024 * 1024;

interface Loaded {
  readonly mtimeMs: number;
  readonly summary: Datasets;
  readonly cases: ReadonlyMap<PipelineId, readonly DatasetCase[]>;
}

const EMPTY: Datasets = {
  available: false,
  name: null,
  version: null,
  created: null,
  description: null,
  files: [],
  pipelines: [],
};

const str = (x: unknown): string | null =>
  typeof x === 'string' && x !== '' ? x.slice(0, 2048) : null;

async function readBounded(path: string, max: number): Promise<string | null> {
  try {
    const s = await stat(path);
    if (!s.isFile() || s.size > max) return null;
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function files(manifest: Record<string, unknown>): DatasetFile[] {
  const list = Array.isArray(manifest['files']) ? (manifest['files'] as unknown[]) : [];
  return list.slice(0, 10_000).flatMap((f) => {
    if (typeof f !== 'object' || f === null) return [];
    const o = f as Record<string, unknown>;
    const path = str(o['path']);
    if (path === null) return [];
    const bytes = o['bytes'];
    return [
      {
        path,
        sha256: str(o['sha256']),
        bytes:
          typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : null,
      },
    ];
  });
}

function parseCases(pipeline: PipelineId, kind: CaseKind, text: string): DatasetCase[] {
  const out: DatasetCase[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const c = value as Record<string, unknown>;
    out.push({
      pipeline,
      kind,
      id: str(c['id']) ?? `${pipeline}/${kind}-${i + 1}`,
      line: i + 1,
      case: c,
    });
  });
  return out;
}

export class DatasetReader {
  #loaded: Loaded | undefined;

  constructor(private readonly dir: string | undefined) {}

  async summary(): Promise<Datasets> {
    return (await this.#load())?.summary ?? EMPTY;
  }

  async cases(pipeline: PipelineId, kind?: CaseKind): Promise<readonly DatasetCase[]> {
    const all = (await this.#load())?.cases.get(pipeline) ?? [];
    return kind === undefined ? all : all.filter((c) => c.kind === kind);
  }

  async #load(): Promise<Loaded | undefined> {
    if (this.dir === undefined) return undefined;
    const manifestPath = join(this.dir, 'manifest.json');
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(manifestPath)).mtimeMs;
    } catch {
      return undefined;
    }
    if (this.#loaded?.mtimeMs === mtimeMs) return this.#loaded;
    const text = await readBounded(manifestPath, MAX_MANIFEST_BYTES);
    let manifest: Record<string, unknown> = {};
    try {
      const parsed: unknown = text === null ? null : JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        manifest = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
    const cases = new Map<PipelineId, DatasetCase[]>();
    for (const pipeline of PIPELINE_IDS) {
      for (const kind of CASE_KINDS) {
        const body = await readBounded(join(this.dir, pipeline, `${kind}.jsonl`), MAX_CASES_BYTES);
        if (body === null) continue;
        cases.set(pipeline, [...(cases.get(pipeline) ?? []), ...parseCases(pipeline, kind, body)]);
      }
    }
    const count = (list: readonly DatasetCase[], kind: CaseKind): number =>
      list.filter((c) => c.kind === kind).length;
    const summary: Datasets = {
      available: true,
      name: str(manifest['name']),
      version: str(manifest['version']),
      created: str(manifest['created']),
      description: str(manifest['description']),
      files: files(manifest),
      pipelines: [...cases].map(([pipeline, list]) => ({
        pipeline,
        cases: {
          good: count(list, 'good'),
          random: count(list, 'random'),
          bad: count(list, 'bad'),
        },
      })),
    };
    this.#loaded = { mtimeMs, summary, cases };
    return this.#loaded;
  }
}
