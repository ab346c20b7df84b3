import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentConfig } from '../config/resolve.js';
import { splitEnrollArgs, tokenName } from './args.js';
import { readTokenFile, writeTokenFile } from './token-file.js';

const TOKEN = 'naap_agent_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-token-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('token file', () => {
  it('is written atomically with mode 0600 and read back', async () => {
    const path = join(dir, 'token');
    await writeFile(path, 'old-token-0123456789', { mode: 0o644 });
    await writeTokenFile(path, TOKEN);
    expect(await readFile(path, 'utf8')).toBe(`${TOKEN}\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readTokenFile(path)).toBe(TOKEN);
  });

  it('reads a missing or empty file as no token, and refuses anything but one token', async () => {
    expect(await readTokenFile(join(dir, 'missing'))).toBeUndefined();
    await writeFile(join(dir, 'empty'), '\n');
    expect(await readTokenFile(join(dir, 'empty'))).toBeUndefined();
    await writeFile(join(dir, 'two'), 'first-token-0123456789 second-token-0123456789\n');
    await expect(readTokenFile(join(dir, 'two'))).rejects.toThrow(/does not hold a token/);
    await expect(writeTokenFile(join(dir, 'no-such-dir', 'token'), TOKEN)).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('gives the agent its token unless --token says otherwise', async () => {
    const path = join(dir, 'cfg-token');
    await writeTokenFile(path, TOKEN);
    expect((await loadAgentConfig(['--token-file', path], {})).token).toBe(TOKEN);
    expect(
      (await loadAgentConfig(['--token-file', path], { NAAP_AGENT_TOKEN: 'explicit-0123456789' }))
        .token,
    ).toBe('explicit-0123456789');
    expect((await loadAgentConfig(['--token-file', join(dir, 'none')], {})).token).toBeUndefined();
    await writeFile(join(dir, 'bad'), 'a b');
    await expect(loadAgentConfig(['--token-file', join(dir, 'bad')], {})).rejects.toThrow(
      /--token-file .*bad/,
    );
  });
});

describe('enroll arguments', () => {
  it('takes --signature out of the agent settings', () => {
    expect(splitEnrollArgs(['--signature', '0xab', '--address', '0x1'])).toEqual({
      signature: '0xab',
      rest: ['--address', '0x1'],
    });
    expect(splitEnrollArgs(['--signature=0xcd'])).toEqual({ signature: '0xcd', rest: [] });
    expect(splitEnrollArgs(['--signature']).signature).toBe('');
  });

  it('makes a token name of the host name', () => {
    expect(tokenName('gpu host #1')).toBe('gpu-host--1');
    expect(tokenName('')).toBe('agent');
    expect(tokenName('x'.repeat(100))).toHaveLength(64);
  });
});
