import { resolve } from 'node:path';
import { DatasetError } from './errors.js';
import { listFiles, readBounded, sha256 } from './files.js';
import { DATASET_LIMITS } from './limits.js';
import { loadDataset, readManifest } from './load.js';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { sniffContentType } from './media-type.js';
import { resolveInside } from './paths.js';
import { requestView, type MediaInfo } from './request-view.js';
import { requestProblems } from './schemas/index.js';
import type { DatasetCase, VerifyReport } from './types.js';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Checks every listed file's size and sha256; returns what each file is, by path. */
async function checkFiles(
  root: string,
  manifest: Manifest,
  problems: string[],
): Promise<Map<string, MediaInfo>> {
  const infos = new Map<string, MediaInfo>();
  for (const entry of manifest.files) {
    if (infos.has(entry.path) || entry.path === MANIFEST_FILE) {
      problems.push(`${MANIFEST_FILE}: ${entry.path} listed twice (or the manifest lists itself)`);
      continue;
    }
    let data: Buffer;
    try {
      data = await readBounded(
        resolveInside(root, entry.path, `${MANIFEST_FILE} files`),
        DATASET_LIMITS.mediaBytes,
        entry.path,
      );
    } catch (err) {
      const missing = err instanceof DatasetError && err.code === 'file_unreadable';
      problems.push(missing ? `missing file: ${entry.path} (${message(err)})` : message(err));
      continue;
    }
    infos.set(entry.path, { contentType: sniffContentType(data), bytes: data.length });
    if (data.length !== entry.bytes) {
      problems.push(
        `size mismatch: ${entry.path} has ${data.length} bytes, manifest says ${entry.bytes}`,
      );
    }
    const actual = sha256(data);
    if (actual !== entry.sha256) {
      problems.push(`sha256 mismatch: ${entry.path} is ${actual}, manifest says ${entry.sha256}`);
    }
  }
  return infos;
}

/** Files on disk that the manifest does not list, and entries that are not regular files. */
async function checkListing(root: string, manifest: Manifest, problems: string[]): Promise<void> {
  const listed = new Set(manifest.files.map((f) => f.path));
  const listing = await listFiles(root);
  for (const path of listing.files) {
    if (path !== MANIFEST_FILE && !listed.has(path)) problems.push(`unlisted file: ${path}`);
  }
  for (const path of listing.others) problems.push(`not a regular file: ${path}`);
}

/** A case against its pipeline's request schema: good and random must pass, bad must fail on one field. */
export function caseProblems(c: DatasetCase, infos: ReadonlyMap<string, MediaInfo>): string[] {
  const view = requestView(c, (path) => infos.get(path) ?? null);
  const out = view.problems.map((p) => `case ${c.id}: ${p}`);
  const found = requestProblems(c.pipeline, view.request);
  if (c.kind === 'bad') {
    if (c.expect.status < 400 || c.expect.status > 499) {
      out.push(`case ${c.id}: a bad case must expect a 4xx status, not ${c.expect.status}`);
    }
    const fields = [...new Set(found.map((p) => p.field))];
    if (found.length === 0) out.push(`case ${c.id}: bad case passes its request schema`);
    else if (fields.length > 1) {
      out.push(`case ${c.id}: bad case has more than one defect (${fields.join(', ')})`);
    }
    return out;
  }
  out.push(...found.map((p) => `case ${c.id}: ${p.message}`));
  if (c.expect.status < 200 || c.expect.status > 299) {
    out.push(`case ${c.id}: a ${c.kind} case must expect a 2xx status, not ${c.expect.status}`);
  }
  if (c.expect.output === undefined) out.push(`case ${c.id}: expect.output is missing`);
  return out;
}

/**
 * Verifies a dataset version directory: the manifest, the size and sha256 of
 * every listed file, no unlisted or missing files, every case well-formed
 * and valid against its pipeline's request schema (bad cases: invalid, on
 * exactly one field). Never throws for a broken dataset: every problem found
 * is in the report.
 */
export async function verifyDataset(dir: string): Promise<VerifyReport> {
  const root = resolve(dir);
  const problems: string[] = [];
  let manifest: Manifest;
  try {
    manifest = await readManifest(root);
  } catch (err) {
    return { ok: false, version: '', files: 0, cases: 0, problems: [message(err)] };
  }
  const infos = await checkFiles(root, manifest, problems);
  try {
    await checkListing(root, manifest, problems);
  } catch (err) {
    problems.push(message(err));
  }
  let cases = 0;
  try {
    const dataset = await loadDataset(root);
    cases = dataset.cases.length;
    for (const c of dataset.cases) problems.push(...caseProblems(c, infos));
  } catch (err) {
    problems.push(message(err));
  }
  const files = manifest.files.length;
  return { ok: problems.length === 0, version: manifest.version, files, cases, problems };
}
