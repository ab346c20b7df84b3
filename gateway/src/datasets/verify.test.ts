import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDatasetDir } from './paths.js';
import { copyDataset, type DatasetCopy } from './testing.js';
import { verifyDataset } from './verify.js';

let copy: DatasetCopy | null = null;
afterEach(async () => {
  await copy?.dispose();
  copy = null;
});

async function fresh(): Promise<DatasetCopy> {
  copy = await copyDataset();
  return copy;
}

describe('verifyDataset on the shipped dataset', () => {
  it('finds no problem in datasets/v1', async () => {
    const report = await verifyDataset(defaultDatasetDir());
    expect(report).toEqual({ ok: true, version: '1.0.0', files: 42, cases: 144, problems: [] });
  });
});

describe('verifyDataset on a modified copy', () => {
  it('catches a modified file by its hash (same size)', async () => {
    const c = await fresh();
    const path = join(c.dir, 'media/audio/tone-1s-16k.wav');
    const { readFile } = await import('node:fs/promises');
    const data = await readFile(path);
    data[1000] = (data[1000] ?? 0) ^ 0xff;
    await writeFile(path, data);
    const report = await verifyDataset(c.dir);
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(
      /^sha256 mismatch: media\/audio\/tone-1s-16k\.wav is [0-9a-f]{64}, manifest says [0-9a-f]{64}$/,
    );
  });

  it('catches a truncated file by its size and hash', async () => {
    const c = await fresh();
    await writeFile(join(c.dir, 'media/bad/not-audio.txt'), 'short');
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual([
      'size mismatch: media/bad/not-audio.txt has 5 bytes, manifest says 30',
      expect.stringMatching(/^sha256 mismatch: media\/bad\/not-audio\.txt/),
    ]);
  });

  it('catches an extra file, even in a new folder', async () => {
    const c = await fresh();
    await mkdir(join(c.dir, 'media/extra'));
    await writeFile(join(c.dir, 'media/extra/x.png'), 'x');
    await writeFile(join(c.dir, 'notes.txt'), 'x');
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual([
      'unlisted file: media/extra/x.png',
      'unlisted file: notes.txt',
    ]);
  });

  it('catches a missing file, listed or referenced', async () => {
    const c = await fresh();
    await rm(join(c.dir, 'media/image/square-64.png'));
    const report = await verifyDataset(c.dir);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toBe(
      'missing file: media/image/square-64.png (media/image/square-64.png: cannot read (ENOENT))',
    );
    // the loader also stops at the first case that uses it
    expect(report.problems[1]).toMatch(/media\/image\/square-64\.png is not a file of the dataset/);
  });

  it('refuses a symbolic link in place of a file', async () => {
    const c = await fresh();
    await symlink('/etc/hostname', join(c.dir, 'link.txt'));
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual(['not a regular file: link.txt']);
  });

  it('reports a manifest that is not JSON instead of throwing', async () => {
    const c = await fresh();
    await writeFile(join(c.dir, 'manifest.json'), '{"name":');
    const report = await verifyDataset(c.dir);
    expect(report.ok).toBe(false);
    expect(report.version).toBe('');
    expect(report.problems[0]).toMatch(/^manifest\.json: not JSON/);
  });

  it('reports a good case that breaks its request schema, naming the field', async () => {
    const c = await fresh();
    await c.editCaseLine('text-to-image/good.jsonl', 1, (k) => {
      (k.params as Record<string, unknown>).width = 500;
    });
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual([
      'case text-to-image/good-canonical: width must be multiple of 8 (got 500)',
    ]);
  });

  it('reports a bad case that passes its request schema', async () => {
    const c = await fresh();
    await c.editCaseLine('text-to-image/bad.jsonl', 1, (k) => {
      (k.params as Record<string, unknown>).prompt = 'now it has a prompt';
    });
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual([
      'case text-to-image/bad-missing-prompt: bad case passes its request schema',
    ]);
  });

  it('reports a bad case with two defects, and a bad case expecting success', async () => {
    const c = await fresh();
    await c.editCaseLine('text-to-image/bad.jsonl', 1, (k) => {
      (k.params as Record<string, unknown>).width = 0;
      k.expect = { status: 200 };
    });
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual([
      'case text-to-image/bad-missing-prompt: a bad case must expect a 4xx status, not 200',
      'case text-to-image/bad-missing-prompt: bad case has more than one defect (prompt, width)',
    ]);
  });

  it('reports a case whose params repeat the model field', async () => {
    const c = await fresh();
    await c.editCaseLine('llm/good.jsonl', 2, (k) => {
      (k.params as Record<string, unknown>).model = 'other/model';
    });
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual([
      'case llm/good-no-stream: params.model duplicates the case\'s model: set "model" instead',
    ]);
  });

  it('checks media by what the file is: a WAV in an image field fails', async () => {
    const c = await fresh();
    await c.editCaseLine('image-to-text/good.jsonl', 1, (k) => {
      k.media = { image: 'media/audio/tone-1s-16k.wav' };
    });
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual([
      'case image-to-text/good-canonical: image.contentType must be equal to one of the allowed values (got "audio/wav")',
    ]);
  });

  it('survives hostile case lines: deep nesting and long values are reported, not thrown', async () => {
    const c = await fresh();
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const line = (id: string, params: string) =>
      `{"id":"live-video-to-video/good-${id}","pipeline":"live-video-to-video","kind":"good","model":"noop","params":${params},"media":{},"expect":{"status":200,"output":{"type":"video"}},"description":"x"}`;
    await c.replaceListed(
      'live-video-to-video/good.jsonl',
      `${line('deep', `{"params":{"a":${deep}}}`)}\n${line('long', `{"source_type":"${'x'.repeat(60_000)}"}`)}\n`,
    );
    const report = await verifyDataset(c.dir);
    expect(report.problems).toEqual([
      'case live-video-to-video/good-deep: video is required',
      'case live-video-to-video/good-long: video is required',
      expect.stringMatching(
        /^case live-video-to-video\/good-long: source_type must be equal to one of the allowed values \(got "x{36}\.\.\.\)$/,
      ),
    ]);
  });
});
