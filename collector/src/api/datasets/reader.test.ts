import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiApp } from '../test-support.js';
import { DatasetReader } from './reader.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-datasets-'));
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      name: 'naap-testload',
      version: '9.9.9',
      created: '2026-01-20T00:00:00Z',
      files: [{ path: 'llm/good.jsonl', sha256: 'ab'.repeat(32), bytes: 10 }, { nope: 1 }, 'x'],
    }),
  );
  await mkdir(join(dir, 'llm'));
  await writeFile(
    join(dir, 'llm', 'good.jsonl'),
    [
      JSON.stringify({ id: 'llm/good-1', params: { max_tokens: 8 } }),
      '{"id": "truncated',
      '',
      '[1, 2]',
      JSON.stringify({ params: {} }),
    ].join('\n'),
  );
  await writeFile(join(dir, 'llm', 'bad.jsonl'), JSON.stringify({ id: 'llm/bad-1' }) + '\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dataset directory', () => {
  it('reads the manifest and counts cases, skipping malformed lines', async () => {
    const r = new DatasetReader(dir);
    const s = await r.summary();
    expect(s).toMatchObject({ available: true, name: 'naap-testload', version: '9.9.9' });
    expect(s.files).toEqual([{ path: 'llm/good.jsonl', sha256: 'ab'.repeat(32), bytes: 10 }]);
    expect(s.pipelines).toEqual([{ pipeline: 'llm', cases: { good: 2, random: 0, bad: 1 } }]);
    const cases = await r.cases('llm', 'good');
    expect(cases.map((c) => [c.id, c.line])).toEqual([
      ['llm/good-1', 1],
      ['llm/good-5', 5],
    ]);
  });

  it('is unavailable without a directory or a manifest', async () => {
    expect((await new DatasetReader(undefined).summary()).available).toBe(false);
    expect((await new DatasetReader(join(dir, 'missing')).summary()).available).toBe(false);
  });

  it('pages cases through the API', async () => {
    const { app } = await apiApp(['--datasets-dir', dir]);
    const first = await app.inject('/api/v1/datasets/cases?pipeline=llm&limit=2');
    const body = first.json<{ version: string; items: { id: string }[]; nextCursor: string }>();
    expect(body.version).toBe('9.9.9');
    expect(body.items.map((c) => c.id)).toEqual(['llm/good-1', 'llm/good-5']);
    const next = await app.inject(
      `/api/v1/datasets/cases?pipeline=llm&limit=2&cursor=${body.nextCursor}`,
    );
    expect(next.json<{ items: { id: string }[]; nextCursor: null }>()).toMatchObject({
      items: [{ id: 'llm/bad-1' }],
      nextCursor: null,
    });
    const csv = await app.inject('/api/v1/datasets/cases?pipeline=llm&kind=bad&format=csv');
    expect(csv.body).toBe(
      'pipeline,kind,id,line,case\r\nllm,bad,llm/bad-1,1,"{""id"":""llm/bad-1""}"\r\n',
    );
    await app.close();
  });
});
