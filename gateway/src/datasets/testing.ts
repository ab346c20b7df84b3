import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from './files.js';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { defaultDatasetDir } from './paths.js';

/**
 * Test support (not a test): a writable copy of the shipped dataset in a
 * temporary directory, and edits that keep or break its manifest.
 */
export interface DatasetCopy {
  readonly dir: string;
  readManifest(): Promise<Manifest>;
  writeManifest(manifest: Manifest): Promise<void>;
  /** Replaces a file and updates its manifest entry (hash and size), so only the content changes. */
  replaceListed(path: string, data: string | Buffer): Promise<void>;
  /** Rewrites one line (1-based) of a JSONL file through `edit`, keeping the manifest in step. */
  editCaseLine(
    path: string,
    line: number,
    edit: (c: Record<string, unknown>) => void,
  ): Promise<void>;
  dispose(): Promise<void>;
}

export async function copyDataset(): Promise<DatasetCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'naap-dataset-'));
  await cp(defaultDatasetDir(), dir, { recursive: true });
  const copy: DatasetCopy = {
    dir,
    readManifest: async () =>
      JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Manifest,
    writeManifest: (m) => writeFile(join(dir, MANIFEST_FILE), JSON.stringify(m, null, 2)),
    async replaceListed(path, data) {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      await writeFile(join(dir, path), bytes);
      const m = await copy.readManifest();
      m.files = m.files.map((f) =>
        f.path === path ? { path, sha256: sha256(bytes), bytes: bytes.length } : f,
      );
      await copy.writeManifest(m);
    },
    async editCaseLine(path, line, edit) {
      const lines = (await readFile(join(dir, path), 'utf8')).split('\n');
      const c = JSON.parse(lines[line - 1] ?? 'null') as Record<string, unknown>;
      edit(c);
      lines[line - 1] = JSON.stringify(c);
      await copy.replaceListed(path, lines.join('\n'));
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
  return copy;
}
