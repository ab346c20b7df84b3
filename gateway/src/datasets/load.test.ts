import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PIPELINE_IDS } from '@naap/otel';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetError } from './errors.js';
import { DATASET_LIMITS } from './limits.js';
import { loadDataset } from './load.js';
import { defaultDatasetDir } from './paths.js';
import { copyDataset, type DatasetCopy } from './testing.js';

let copy: DatasetCopy | null = null;
afterEach(async () => {
  await copy?.dispose();
  copy = null;
});

async function fresh(): Promise<DatasetCopy> {
  copy = await copyDataset();
  return copy;
}

/** The DatasetError loadDataset throws for `dir`. */
async function loadError(dir: string): Promise<DatasetError> {
  const err: unknown = await loadDataset(dir).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof DatasetError))
    throw new Error(`expected a DatasetError, got ${String(err)}`);
  return err;
}

async function appendLine(c: DatasetCopy, path: string, line: string): Promise<void> {
  const text = await readFile(join(c.dir, path), 'utf8');
  await c.replaceListed(path, `${text}${line}\n`);
}

describe('loadDataset on the shipped dataset', () => {
  it('loads every pipeline with good, random and bad cases', async () => {
    const ds = await loadDataset(defaultDatasetDir());
    expect([ds.name, ds.version, ds.dir]).toEqual(['naap-testload', '1.0.0', defaultDatasetDir()]);
    expect(ds.cases).toHaveLength(144);
    for (const pipeline of PIPELINE_IDS) {
      const of = (kind: string) =>
        ds.cases.filter((c) => c.pipeline === pipeline && c.kind === kind);
      expect(of('good').length, pipeline).toBeGreaterThanOrEqual(2);
      expect(of('random'), pipeline).toHaveLength(8);
      expect(of('bad').length, pipeline).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(ds.cases.map((c) => c.id)).size).toBe(144);
    expect(ds.cases[0]).toEqual({
      id: 'text-to-image/good-canonical',
      pipeline: 'text-to-image',
      kind: 'good',
      model: 'stabilityai/sdxl-turbo',
      params: {
        prompt: 'a lighthouse on a rocky coast at sunset, oil painting',
        width: 512,
        height: 512,
        num_inference_steps: 2,
        seed: 42,
      },
      media: {},
      expect: {
        status: 200,
        output: { type: 'image', width: 512, height: 512, contentType: 'image/png' },
      },
      description: 'The reference request: one 512×512 image, fixed seed.',
    });
  });
});

describe('loadDataset rejects broken datasets with clear messages', () => {
  it('a malformed JSONL line, with file and line', async () => {
    const c = await fresh();
    await appendLine(c, 'upscale/good.jsonl', '{"id": "upscale/good-x", ');
    const err = await loadError(c.dir);
    expect(err.code).toBe('case_invalid');
    expect(err.message).toMatch(/^upscale\/good\.jsonl:3: not JSON \(/);
  });

  it('a blank line in the middle, and invalid UTF-8', async () => {
    const c = await fresh();
    const text = await readFile(join(c.dir, 'llm/bad.jsonl'), 'utf8');
    await c.replaceListed('llm/bad.jsonl', text.replace('\n', '\n\n'));
    expect((await loadError(c.dir)).message).toBe('llm/bad.jsonl:2: blank line');
    await c.replaceListed('llm/bad.jsonl', Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]));
    expect((await loadError(c.dir)).message).toBe('llm/bad.jsonl: not valid UTF-8');
  });

  it('a case line missing a field or with a wrong type names it', async () => {
    const c = await fresh();
    await c.editCaseLine('llm/good.jsonl', 1, (k) => {
      delete k.description;
    });
    expect((await loadError(c.dir)).message).toMatch(
      /^llm\/good\.jsonl:1: \(root\) must have required properties description/,
    );
    await c.editCaseLine('llm/good.jsonl', 1, (k) => {
      k.description = 'back';
      k.expect = { status: 'ok' };
    });
    expect((await loadError(c.dir)).message).toBe(
      'llm/good.jsonl:1: /expect/status must be integer',
    );
  });

  it('an unknown pipeline, in the manifest or in a case', async () => {
    const c = await fresh();
    await c.editCaseLine('llm/good.jsonl', 1, (k) => {
      k.pipeline = 'text-to-music';
    });
    expect((await loadError(c.dir)).message).toBe(
      'llm/good.jsonl:1: unknown pipeline "text-to-music"',
    );
    const m = await c.readManifest();
    m.pipelines['text-to-music'] = { good: 'a.jsonl', random: 'b.jsonl', bad: 'c.jsonl' };
    await c.writeManifest(m);
    const err = await loadError(c.dir);
    expect([err.code, err.message]).toEqual([
      'manifest_invalid',
      'manifest.json: unknown pipeline "text-to-music" in pipelines',
    ]);
  });

  it('a case filed under another pipeline or kind', async () => {
    const c = await fresh();
    await c.editCaseLine('upscale/bad.jsonl', 2, (k) => {
      k.kind = 'good';
    });
    expect((await loadError(c.dir)).message).toBe(
      'upscale/bad.jsonl:2: case upscale/bad-missing-image is upscale/good but the file holds upscale/bad cases',
    );
  });

  it('duplicate ids, naming both places', async () => {
    const c = await fresh();
    await c.editCaseLine('llm/random.jsonl', 4, (k) => {
      k.id = 'llm/random-01';
    });
    const err = await loadError(c.dir);
    expect([err.code, err.message]).toEqual([
      'duplicate_id',
      'llm/random.jsonl:4: duplicate case id llm/random-01 (first at llm/random.jsonl:1)',
    ]);
  });

  it.each([
    ['../../../etc/passwd', 'leaves the dataset directory (..)'],
    ['media/../../secret.png', 'leaves the dataset directory (..)'],
    ['/etc/passwd', 'is absolute'],
    ['media\\image\\square-64.png', 'contains a backslash'],
    ['media/.hidden.png', 'has an invalid segment ".hidden.png"'],
    ['media//x.png', 'has an invalid segment ""'],
  ])('path traversal and odd paths in media refs: %s', async (path, why) => {
    const c = await fresh();
    await c.editCaseLine('upscale/good.jsonl', 1, (k) => {
      k.media = { image: path };
    });
    const err = await loadError(c.dir);
    expect(err.message).toBe(
      `upscale/good.jsonl:1: media.image: path ${JSON.stringify(path)} ${why}`,
    );
  });

  it('path traversal in the manifest', async () => {
    const c = await fresh();
    const m = await c.readManifest();
    m.pipelines.llm = {
      good: '../../outside.jsonl',
      random: 'llm/random.jsonl',
      bad: 'llm/bad.jsonl',
    };
    await c.writeManifest(m);
    const err = await loadError(c.dir);
    expect([err.code, err.message]).toEqual([
      'path_invalid',
      'manifest.json pipelines.llm.good: path "../../outside.jsonl" leaves the dataset directory (..)',
    ]);
  });

  it('oversized files: a case file, a line, the manifest, a media file', async () => {
    const c = await fresh();
    const big = DATASET_LIMITS.caseFileBytes + 1;
    await truncate(join(c.dir, 'llm/good.jsonl'), big);
    expect((await loadError(c.dir)).message).toBe(
      `llm/good.jsonl: 1.0 MiB (${big} bytes) exceeds the limit of 1.0 MiB`,
    );
    await c.replaceListed('llm/good.jsonl', `{"id":"${'x'.repeat(DATASET_LIMITS.lineBytes)}"}\n`);
    expect((await loadError(c.dir)).message).toMatch(
      /^llm\/good\.jsonl:1: line of 65545 bytes exceeds the limit of 65536$/,
    );
    await copy?.dispose();
    const d = await fresh();
    await truncate(join(d.dir, 'media/image/square-64.png'), DATASET_LIMITS.mediaBytes + 1);
    expect((await loadError(d.dir)).message).toBe(
      `case image-to-image/good-small media.image: media/image/square-64.png has ${DATASET_LIMITS.mediaBytes + 1} bytes, over the limit of ${DATASET_LIMITS.mediaBytes}`,
    );
    await writeFile(join(d.dir, 'manifest.json'), ' '.repeat(DATASET_LIMITS.manifestBytes + 1));
    const err = await loadError(d.dir);
    expect([err.code, err.message]).toEqual([
      'file_too_large',
      `manifest.json: 0.250 MiB (${DATASET_LIMITS.manifestBytes + 1} bytes) exceeds the limit of 0.250 MiB`,
    ]);
  });

  it('a directory that is not a dataset', async () => {
    const err = await loadError('/nonexistent/dataset');
    expect([err.code, err.message]).toEqual([
      'file_unreadable',
      'manifest.json: cannot read (ENOENT)',
    ]);
  });
});
