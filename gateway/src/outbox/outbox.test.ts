import { appendFile, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxFileOptions } from './outbox.js';
import { statePathOf } from './state.js';
import { jobRecord, lineOf, memoryLog, scratchFile } from './testing.js';

const BIG = { maxBytes: 1 << 30, maxRecords: 1_000_000 };

async function open(path: string, extra: Partial<OutboxFileOptions> = {}) {
  const m = memoryLog();
  const box = await Outbox.open({ path, owned: false, ...BIG, ...extra }, m.log);
  return { box, messages: m.messages };
}

async function fill(box: Outbox, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) void box.append(lineOf(jobRecord(i)));
  await box.settled();
}

const ids = (batch: { records: readonly { jobId: string }[] }) => batch.records.map((r) => r.jobId);

async function savedOffset(path: string): Promise<number> {
  return (JSON.parse(await readFile(statePathOf(path), 'utf8')) as { offset: number }).offset;
}

describe('Outbox: reading and acknowledging', () => {
  it('reads partial batches in order and persists the acknowledged offset', async () => {
    const path = await scratchFile();
    const { box } = await open(path);
    await fill(box, 0, 5);
    const first = await box.read(2);
    expect(ids(first)).toEqual(['job-0000', 'job-0001']);
    expect(first.lineEnds).toHaveLength(2);
    // Not acknowledged: the same records come again.
    box.release();
    expect(ids(await box.read(2))).toEqual(['job-0000', 'job-0001']);
    await box.acknowledge(first);
    expect(await savedOffset(path)).toBe(first.end);
    expect(box.backlog.records).toBe(3);
    const rest = await box.read(10);
    expect(ids(rest)).toEqual(['job-0002', 'job-0003', 'job-0004']);
    expect(rest.end).toBe((await stat(path)).size);
  });

  it('resumes after a restart without the acknowledged records', async () => {
    const path = await scratchFile();
    const a = await open(path);
    await fill(a.box, 0, 4);
    await a.box.acknowledge(await a.box.read(3));
    const b = await open(path);
    expect(b.box.backlog.records).toBe(1);
    expect(ids(await b.box.read(10))).toEqual(['job-0003']);
  });

  it('answers an empty batch when caught up', async () => {
    const path = await scratchFile();
    const { box } = await open(path);
    await fill(box, 0, 1);
    await box.acknowledge(await box.read(10));
    const none = await box.read(10);
    expect(none.lineEnds).toEqual([]);
    expect(box.backlog).toEqual({ bytes: 0, records: 0 });
  });

  it('ignores an acknowledgement that is behind the offset', async () => {
    const path = await scratchFile();
    const { box } = await open(path);
    await fill(box, 0, 3);
    const all = await box.read(3);
    await box.acknowledge(all);
    await box.acknowledge({ ...all, end: 1, lineEnds: [1] });
    expect(await savedOffset(path)).toBe(all.end);
  });
});

describe('Outbox: damaged files', () => {
  it('ends a torn last line on open; it is skipped, the records after it are sent', async () => {
    const path = await scratchFile();
    const whole = lineOf(jobRecord(0));
    await writeFile(path, whole + lineOf(jobRecord(1)).slice(0, 40));
    await writeFile(statePathOf(path), '');
    const { box, messages } = await open(path, { owned: true });
    expect(messages.some((m) => /last line was torn/.test(m))).toBe(true);
    expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);
    await fill(box, 2, 1);
    const batch = await box.read(10);
    expect(ids(batch)).toEqual(['job-0000', 'job-0002']);
    expect(batch.skips).toHaveLength(1);
    await box.acknowledge(batch);
    expect(box.stats.skipped).toBe(1);
    expect(messages.some((m) => /skipped a line that is not a job record/.test(m))).toBe(true);
  });

  it('does not read a line still without its newline', async () => {
    const path = await scratchFile();
    const { box } = await open(path);
    await fill(box, 0, 1);
    await appendFile(path, lineOf(jobRecord(1)).slice(0, 30));
    const batch = await box.read(10);
    expect(ids(batch)).toEqual(['job-0000']);
    expect(batch.end).toBe(lineOf(jobRecord(0)).length);
  });

  it('skips malformed and off-contract lines between good ones', async () => {
    const path = await scratchFile();
    const { box } = await open(path);
    await fill(box, 0, 1);
    void box.append('{"jobId": \n');
    void box.append(`${JSON.stringify({ ...jobRecord(9), region: 'MARS' })}\n`);
    await fill(box, 1, 1);
    const batch = await box.read(10);
    expect(ids(batch)).toEqual(['job-0000', 'job-0001']);
    expect(batch.skips.map((s) => s.problem)[0]).toBe('not JSON');
    expect(batch.skips[1]?.problem).toMatch(/region/);
  });

  it('skips a line longer than 1 MiB whole', async () => {
    const path = await scratchFile();
    const { box } = await open(path);
    void box.append(`${'x'.repeat((1 << 20) + 10)}\n`);
    await fill(box, 0, 1);
    const junk = await box.read(10);
    expect(junk.records).toEqual([]);
    expect(junk.skips).toHaveLength(1);
    await box.acknowledge(junk);
    expect(ids(await box.read(10))).toEqual(['job-0000']);
  });

  it('starts over from 0 when the file shrinks (truncation)', async () => {
    const path = await scratchFile();
    const { box, messages } = await open(path);
    await fill(box, 0, 3);
    await box.acknowledge(await box.read(3));
    await truncate(path, 0);
    await writeFile(path, lineOf(jobRecord(7)));
    expect(ids(await box.read(10))).toEqual(['job-0007']);
    expect(messages.some((m) => /the file shrank; sending it from the start/.test(m))).toBe(true);
  });

  it('starts over on a new file after rotation (rename, new file)', async () => {
    const path = await scratchFile();
    const { box, messages } = await open(path);
    await fill(box, 0, 2);
    await box.acknowledge(await box.read(2));
    await rename(path, `${path}.1`);
    await fill(box, 5, 2);
    expect(ids(await box.read(10))).toEqual(['job-0005', 'job-0006']);
    expect(messages.some((m) => /the file is gone/.test(m))).toBe(true);
  });

  it('starts over from 0 on restart when the file was replaced or shrank meanwhile', async () => {
    const path = await scratchFile();
    const a = await open(path);
    await fill(a.box, 0, 3);
    await a.box.acknowledge(await a.box.read(3));
    await rename(path, `${path}.old`);
    await writeFile(path, lineOf(jobRecord(8)));
    const b = await open(path);
    expect(ids(await b.box.read(10))).toEqual(['job-0008']);
    expect(b.messages.some((m) => /replaced since the offset was saved/.test(m))).toBe(true);
  });
});

describe('Outbox: where a first start begins', () => {
  it('results file without a saved offset: only records written from now on', async () => {
    const path = await scratchFile();
    await writeFile(path, lineOf(jobRecord(0)));
    const { box } = await open(path);
    await fill(box, 1, 1);
    expect(ids(await box.read(10))).toEqual(['job-0001']);
  });

  it('dedicated outbox without a saved offset, or an unreadable one: the whole file', async () => {
    for (const state of [null, '{"version":1,"fileId":"x","offset":-4}', 'garbage']) {
      const path = await scratchFile();
      await writeFile(path, lineOf(jobRecord(0)));
      if (state !== null) await writeFile(statePathOf(path), state);
      const { box, messages } = await open(path, { owned: state === null });
      expect(ids(await box.read(10))).toEqual(['job-0000']);
      if (state !== null)
        expect(messages.some((m) => /saved offset unreadable/.test(m))).toBe(true);
    }
  });
});

describe('Outbox: backlog bound', () => {
  it('drops the oldest records beyond max records, counts them, logs once per outage', async () => {
    const path = await scratchFile();
    const { box, messages } = await open(path, { maxRecords: 3 });
    await fill(box, 0, 7);
    expect(box.backlog.records).toBe(3);
    expect(box.stats.dropped).toBe(4);
    expect(ids(await box.read(10))).toEqual(['job-0004', 'job-0005', 'job-0006']);
    const full = messages.filter((m) => /backlog full, dropping/.test(m));
    expect(full).toHaveLength(1);
    box.release();
    box.delivered();
    expect(
      messages.filter((m) => /dropped while the collector was unreachable/.test(m)),
    ).toHaveLength(1);
    // A second outage logs again.
    await fill(box, 7, 1);
    expect(messages.filter((m) => /backlog full, dropping/.test(m))).toHaveLength(2);
  });

  it('drops the oldest records beyond max bytes, whole lines only', async () => {
    const path = await scratchFile();
    const size = lineOf(jobRecord(0)).length;
    const { box } = await open(path, { maxBytes: size * 2 + 10 });
    await fill(box, 0, 5);
    expect(box.backlog.bytes).toBe(size * 2);
    expect(ids(await box.read(10))).toEqual(['job-0003', 'job-0004']);
  });

  it('applies the bound on open and keeps the dropped offset across a restart', async () => {
    const path = await scratchFile();
    const a = await open(path);
    await fill(a.box, 0, 5);
    const b = await open(path, { maxRecords: 2 });
    expect(b.box.stats.dropped).toBe(3);
    const c = await open(path);
    expect(ids(await c.box.read(10))).toEqual(['job-0003', 'job-0004']);
  });

  it('an in-flight batch overtaken by drops acknowledges only what is left', async () => {
    const path = await scratchFile();
    const { box } = await open(path, { maxRecords: 3 });
    await fill(box, 0, 3);
    const batch = await box.read(3);
    await fill(box, 3, 2); // drops job-0000 and job-0001
    await box.acknowledge(batch);
    expect(box.backlog.records).toBe(2);
    expect(ids(await box.read(10))).toEqual(['job-0003', 'job-0004']);
  });
});

describe('Outbox: the dedicated file is compacted', () => {
  it('rewrites the file without its sent head; the offset follows', async () => {
    const path = await scratchFile('outbox.jsonl');
    const { box } = await open(path, { owned: true, compactBytes: 1 });
    await fill(box, 0, 4);
    await box.acknowledge(await box.read(3));
    const text = await readFile(path, 'utf8');
    expect(text).toBe(lineOf(jobRecord(3)));
    expect(await savedOffset(path)).toBe(0);
    expect(ids(await box.read(10))).toEqual(['job-0003']);
  });

  it('never rewrites the results file', async () => {
    const path = await scratchFile();
    const { box } = await open(path, { owned: false, compactBytes: 1 });
    await fill(box, 0, 4);
    await box.acknowledge(await box.read(4));
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(5);
  });
});
