// Regenerates the public test datasets (datasets/<version>/) from their
// definitions in src/datasets/versions/: media, case files and manifest.
// Deterministic: no clock, no downloads, seeded generators only.
//
//   pnpm --filter @naap/gateway gen:datasets                 # write every version
//   pnpm --filter @naap/gateway gen:datasets --check         # compare, exit 1 on drift
//   pnpm --filter @naap/gateway gen:datasets --version v1 --out /tmp/v1
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listFiles } from '../src/datasets/files.js';
import {
  writeDataset,
  renderDataset,
  type DatasetDefinition,
} from '../src/datasets/generate/write.js';
import { MANIFEST_FILE } from '../src/datasets/manifest.js';
import { verifyDataset } from '../src/datasets/verify.js';
import { DATASET_VERSIONS } from '../src/datasets/versions/index.js';

const DATASETS_DIR = fileURLToPath(new URL('../datasets/', import.meta.url));

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Differences between the rendered files and the directory's content. */
async function drift(def: DatasetDefinition, dir: string): Promise<string[]> {
  const files = renderDataset(def);
  const out: string[] = [];
  const onDisk = (await exists(dir)) ? (await listFiles(dir)).files : [];
  for (const path of onDisk) if (!files.has(path)) out.push(`extra: ${path}`);
  for (const [path, data] of files) {
    const current = await readFile(join(dir, path)).catch(() => null);
    if (current === null) out.push(`missing: ${path}`);
    else if (!current.equals(data)) out.push(`differs: ${path}`);
  }
  return out;
}

async function generate(def: DatasetDefinition, dir: string): Promise<void> {
  if (
    (await exists(dir)) &&
    (await readdir(dir)).length > 0 &&
    !(await exists(join(dir, MANIFEST_FILE)))
  ) {
    throw new Error(`${dir} is not empty and holds no ${MANIFEST_FILE}: refusing to write there`);
  }
  const files = await writeDataset(def, dir);
  for (const path of (await listFiles(dir)).files) {
    if (!files.has(path)) await rm(join(dir, path));
  }
  const report = await verifyDataset(dir);
  const bytes = [...files.values()].reduce((n, b) => n + b.length, 0);
  console.log(`${dir}: ${report.files} files, ${report.cases} cases, ${bytes} bytes`);
  if (!report.ok)
    throw new Error(`generated dataset does not verify:\n${report.problems.join('\n')}`);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      version: { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const defs = DATASET_VERSIONS.filter(
    (d) => values.version === undefined || d.dirName === values.version,
  );
  if (defs.length === 0) throw new Error(`unknown dataset version: ${values.version ?? ''}`);
  if (values.out !== undefined && defs.length > 1) throw new Error('--out needs --version');
  let failed = false;
  for (const def of defs) {
    const dir = values.out ?? join(DATASETS_DIR, def.dirName);
    if (!values.check) {
      await generate(def, dir);
      continue;
    }
    const diffs = await drift(def, dir);
    for (const d of diffs) console.log(`${def.dirName}: ${d}`);
    console.log(`${def.dirName}: ${diffs.length === 0 ? 'reproduced byte for byte' : 'DRIFT'}`);
    failed ||= diffs.length > 0;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  },
);
