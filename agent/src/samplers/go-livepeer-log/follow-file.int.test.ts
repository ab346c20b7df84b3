import * as fsp from 'node:fs/promises';
import {
  appendFile,
  copyFile,
  mkdtemp,
  rename,
  rm,
  truncate,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileFollower, type FollowFileOptions } from './follow-file.js';

vi.mock('node:fs/promises', { spy: true });

let dir = '';
let path = '';
let follower: FileFollower | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-follow-'));
  path = join(dir, 'go-livepeer.log');
});
afterEach(async () => {
  await follower?.close();
  follower = null;
  await rm(dir, { recursive: true, force: true });
});

/** A follower driven by `poll()` (its own timer is too slow to interfere). */
async function follow(
  options: Partial<FollowFileOptions> = {},
): Promise<{ got: string[]; f: FileFollower }> {
  const got: string[] = [];
  const f = new FileFollower({
    path,
    onLines: (lines) => {
      for (const l of lines) got.push(l.text);
    },
    pollIntervalMs: 3_600_000,
    ...options,
  });
  follower = f;
  await f.start();
  return { got, f };
}

const lines = (from: number, to: number): string => {
  let s = '';
  for (let i = from; i < to; i++) s += `line ${i}\n`;
  return s;
};
const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `line ${from + i}`);

describe('FileFollower', () => {
  it('starts at the end and reads what is appended', async () => {
    await writeFile(path, lines(0, 10));
    const { got, f } = await follow();
    await appendFile(path, lines(10, 20));
    await f.poll();
    expect(got).toEqual(range(10, 20));
    await f.poll();
    expect(got).toEqual(range(10, 20));
  });

  it('reads from the start when asked', async () => {
    await writeFile(path, lines(0, 3));
    const { got } = await follow({ fromStart: true });
    expect(got).toEqual(range(0, 3));
  });

  it('holds a partial line until its newline arrives', async () => {
    await writeFile(path, '');
    const { got, f } = await follow();
    await appendFile(path, 'I0506 Processed request id=ab cap=Text');
    await f.poll();
    expect(got).toEqual([]);
    await appendFile(path, ' to image modelID=m took=1s\nnext');
    await f.poll();
    expect(got).toEqual(['I0506 Processed request id=ab cap=Text to image modelID=m took=1s']);
  });

  it('skips the tail of a line it started in the middle of', async () => {
    await writeFile(path, 'whole\nhalf a li');
    const { got, f } = await follow();
    await appendFile(path, 'ne\nnext\n');
    await f.poll();
    expect(got).toEqual(['next']);
  });

  it('follows a logrotate create rotation without losing or repeating a line', async () => {
    await writeFile(path, '');
    const { got, f } = await follow();
    await appendFile(path, lines(0, 100));
    await f.poll();
    await appendFile(path, lines(100, 150)); // not read yet when the file is renamed
    await rename(path, `${path}.1`);
    await writeFile(path, lines(150, 200), { flag: 'wx' });
    await f.poll();
    await appendFile(path, lines(200, 210));
    await f.poll();
    expect(got).toEqual(range(0, 210));
    expect(f.stats()).toMatchObject({ rotations: 1, opens: 2, truncations: 0 });
  });

  it('finishes the old file’s unterminated last line when it is rotated away', async () => {
    await writeFile(path, '');
    const { got, f } = await follow();
    await appendFile(path, 'a\nb');
    await f.poll();
    await rename(path, `${path}.1`);
    await writeFile(path, 'c\n');
    await f.poll();
    expect(got).toEqual(['a', 'b', 'c']);
  });

  it('follows copytruncate: reads again from 0, nothing repeated', async () => {
    await writeFile(path, '');
    const { got, f } = await follow();
    await appendFile(path, lines(0, 50));
    await f.poll();
    await copyFile(path, `${path}.1`);
    await truncate(path, 0);
    await appendFile(path, lines(50, 60));
    await f.poll();
    expect(got).toEqual(range(0, 60));
    expect(f.stats().truncations).toBe(1);
  });

  it('loses, by nature, what copytruncate removes before it is read (documented)', async () => {
    await writeFile(path, '');
    const { got, f } = await follow();
    await appendFile(path, lines(0, 10));
    await f.poll();
    await appendFile(path, lines(10, 20)); // written, then copied away and truncated unread
    await truncate(path, 0);
    await appendFile(path, lines(20, 25));
    await f.poll();
    expect(got).toEqual([...range(0, 10), ...range(20, 25)]);
  });

  it('waits for a file that does not exist yet, then reads it whole', async () => {
    const { got, f } = await follow();
    await f.poll();
    expect(got).toEqual([]);
    await writeFile(path, lines(0, 5));
    await f.poll();
    expect(got).toEqual(range(0, 5));
  });

  it('survives deletion and picks up the file when it comes back', async () => {
    await writeFile(path, '');
    const { got, f } = await follow();
    await appendFile(path, lines(0, 3));
    await unlink(path);
    await f.poll();
    await f.poll();
    await writeFile(path, lines(3, 6));
    await f.poll();
    expect(got).toEqual(range(0, 6));
  });

  it('follows on its own timer and stays cheap when idle (one stat per poll, no busy loop)', async () => {
    await writeFile(path, '');
    const got: string[] = [];
    const f = new FileFollower({
      path,
      onLines: (ls) => got.push(...ls.map((l) => l.text)),
      pollIntervalMs: 50,
    });
    follower = f;
    await f.start();
    await appendFile(path, lines(0, 3));
    await vi.waitFor(() => {
      expect(got).toEqual(range(0, 3));
    });
    const stat = vi.mocked(fsp.stat);
    stat.mockClear();
    const cpu = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 1000));
    const used = process.cpuUsage(cpu);
    expect(stat.mock.calls.length).toBeGreaterThanOrEqual(5);
    expect(stat.mock.calls.length).toBeLessThanOrEqual(22);
    expect((used.user + used.system) / 1000).toBeLessThan(200);
    expect(f.stats().bytesRead).toBe(lines(0, 3).length);
  });

  it('reads a large burst completely, in order', async () => {
    await writeFile(path, '');
    const { got, f } = await follow();
    await appendFile(path, lines(0, 200_000));
    for (let i = 0; i < 10; i++) await f.poll();
    expect(got.length).toBe(200_000);
    expect(got[199_999]).toBe('line 199999');
  });

  it('reports errors other than a missing file once', async () => {
    const errors: Error[] = [];
    await writeFile(join(dir, 'file'), '');
    path = join(dir, 'file', 'not-a-dir-child');
    const { f } = await follow({ onError: (e) => errors.push(e) });
    await f.poll();
    expect(errors).toEqual([]); // ENOTDIR: treated as not there yet
    const { stat } = fsp;
    vi.mocked(stat).mockRejectedValueOnce(
      Object.assign(new Error('EACCES: denied'), { code: 'EACCES' }),
    );
    vi.mocked(stat).mockRejectedValueOnce(
      Object.assign(new Error('EACCES: denied'), { code: 'EACCES' }),
    );
    await f.poll();
    await f.poll();
    expect(errors.map((e) => e.message)).toEqual(['EACCES: denied']);
  });
});
