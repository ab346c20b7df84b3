import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CommandFollower,
  dockerLogsCommand,
  journalctlCommand,
  type FollowCommandOptions,
} from './follow-command.js';

let dir = '';
let follower: CommandFollower | null = null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-follow-cmd-'));
});
afterEach(async () => {
  await follower?.close();
  follower = null;
  await rm(dir, { recursive: true, force: true });
});

/** A fake journalctl / docker: records its arguments and start times, prints, exits. */
async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(
    path,
    `#!/bin/sh
echo "$*" >> "${dir}/${name}.args"
n=$(cat "${dir}/${name}.count" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "${dir}/${name}.count"
date +%s%N >> "${dir}/${name}.starts"
${body}
`,
  );
  await chmod(path, 0o755);
  return path;
}

function start(options: Omit<FollowCommandOptions, 'onLines'>): {
  got: string[];
  errors: string[];
} {
  const got: string[] = [];
  const errors: string[] = [];
  follower = new CommandFollower({
    minBackoffMs: 100,
    maxBackoffMs: 400,
    onError: (e) => errors.push(e.message),
    ...options,
    onLines: (lines) => {
      for (const l of lines) got.push(l.text);
    },
  });
  follower.start();
  return { got, errors };
}

describe('CommandFollower', () => {
  it('reads the lines of a journalctl that exits, and restarts it with growing backoff', async () => {
    const bin = await script(
      'journalctl',
      `printf 'run %s line 1\\r\\nrun %s line 2\\n' "$n" "$n"
printf 'run %s unterminated' "$n"
echo "Failed to follow: boom" >&2
exit 3`,
    );
    const { got, errors } = start({ command: journalctlCommand('livepeer.service', bin) });
    const startTimes = async (): Promise<number[]> =>
      (await readFile(`${dir}/journalctl.starts`, 'utf8').catch(() => ''))
        .trim()
        .split('\n')
        .filter((l) => l !== '')
        .map((ns) => Number(BigInt(ns) / 1_000_000n));
    await vi.waitFor(
      async () => {
        expect((await startTimes()).length).toBeGreaterThanOrEqual(4);
      },
      { timeout: 5000 },
    );
    await follower?.close();
    const runs = follower?.stats().starts ?? 0;
    expect(got.slice(0, 6)).toEqual([
      'run 1 line 1',
      'run 1 line 2',
      'run 1 unterminated',
      'run 2 line 1',
      'run 2 line 2',
      'run 2 unterminated',
    ]);
    expect(got.length).toBeGreaterThanOrEqual(3 * (runs - 1));
    expect(errors[0]).toBe(`${bin} exited with code 3: Failed to follow: boom`);
    const args = (await readFile(`${dir}/journalctl.args`, 'utf8')).trim().split('\n');
    expect(args[0]).toBe('-f --unit=livepeer.service -o cat -n 0');
    const starts = await startTimes();
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? t));
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[1]).toBeGreaterThanOrEqual(190);
    expect(gaps[2]).toBeGreaterThanOrEqual(390);
  });

  it('reads stdout and stderr of docker logs (glog writes to stderr)', async () => {
    const bin = await script(
      'docker',
      `echo "from stdout"
echo "I0506 14:00:01.566075       1 ai_http.go:574] from stderr" >&2
exec sleep 30`,
    );
    const { got } = start({ command: dockerLogsCommand('livepeer-orch', bin) });
    await vi.waitFor(() => {
      expect(got).toHaveLength(2);
    });
    expect([...got].sort()).toEqual([
      'I0506 14:00:01.566075       1 ai_http.go:574] from stderr',
      'from stdout',
    ]);
    expect(await readFile(`${dir}/docker.args`, 'utf8')).toBe(
      'logs -f --since 0s -- livepeer-orch\n',
    );
  });

  it('stops a running command on close, and does not restart it', async () => {
    const bin = await script('journalctl', 'echo started\nexec sleep 30');
    const { got } = start({ command: journalctlCommand('x', bin) });
    await vi.waitFor(() => {
      expect(got).toEqual(['started']);
    });
    const t = Date.now();
    await follower?.close();
    expect(Date.now() - t).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 300));
    expect(follower?.stats().starts).toBe(1);
  });

  it('reports a missing binary and keeps retrying', async () => {
    const { errors } = start({ command: journalctlCommand('x', join(dir, 'nope')) });
    await vi.waitFor(() => {
      expect(errors.length).toBeGreaterThanOrEqual(2);
    });
    expect(errors[0]).toMatch(/nope not runnable \(ENOENT\)|nope failed/);
  });

  it('bounds over-long lines', async () => {
    const bin = await script(
      'journalctl',
      `head -c 300000 /dev/zero | tr '\\\\0' x; echo; echo ok`,
    );
    const got: { text: string; truncated: boolean }[] = [];
    follower = new CommandFollower({
      command: journalctlCommand('x', bin),
      minBackoffMs: 60_000,
      onLines: (lines) => got.push(...lines),
    });
    follower.start();
    await vi.waitFor(() => {
      expect(got).toHaveLength(2);
    });
    expect(got[0]?.text).toHaveLength(64 * 1024);
    expect(got[0]?.truncated).toBe(true);
    expect(got[1]).toEqual({ text: 'ok', truncated: false });
  });
});
