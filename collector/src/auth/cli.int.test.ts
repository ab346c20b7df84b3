/**
 * `naap-collector tokens …` against real storage: the embedded data
 * directory (collector stopped), and a ClickHouse server (the test shim)
 * while a collector runs on it, which picks the change up within
 * --token-refresh-ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClickHouseShim, type ClickHouseShim } from '../../test/clickhouse-shim/shim.js';
import { loadConfig } from '../config/resolve.js';
import { startCollector } from '../service.js';
import { tokensCommand } from './cli.js';

const ADDRESS = `0x${'c4'.repeat(20)}`;
const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-tokens-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await tokensCommand(args, {}, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

interface Made {
  id: string;
  token: string;
  kind: string;
  address: string | null;
  name: string;
  revokedAt: string | null;
}

describe('naap-collector tokens (embedded data directory)', () => {
  const storage = () => ['--clickhouse', `embedded:${join(dir, 'data')}`];

  it('creates, lists, rotates and revokes; the collector then honours exactly the live secrets', async () => {
    const created = await cli([
      'create',
      '--kind',
      'agent',
      '--address',
      ADDRESS,
      '--name',
      'h1',
      '--json',
      ...storage(),
    ]);
    expect(created.code).toBe(0);
    const agent = JSON.parse(created.out) as Made;
    expect(agent).toMatchObject({ kind: 'agent', address: ADDRESS, name: 'h1', revokedAt: null });
    expect(agent.token).toMatch(/^naap_agent_/);

    const human = await cli(['create', '--kind=gateway', '--name=gw-fra', ...storage()]);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/^created tok_[0-9a-f]{16}: gateway token "gw-fra"\n/);
    const gateway = /token \(shown only now; store it secretly\): (\S+)\n$/.exec(human.out)?.[1];
    expect(gateway).toMatch(/^naap_gateway_/);

    const rotated = await cli(['rotate', agent.id, '--json', ...storage()]);
    expect(rotated.code).toBe(0);
    const fresh = (JSON.parse(rotated.out) as Made).token;
    expect(fresh).not.toBe(agent.token);

    const admin = JSON.parse(
      (await cli(['create', '--kind', 'admin', '--json', ...storage()])).out,
    ) as Made;
    const revoked = await cli(['revoke', admin.id, ...storage()]);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`revoked ${admin.id}`);

    const listed = await cli(['list', ...storage()]);
    expect(listed.out.split('\n')[0]).toMatch(
      /^ID +KIND +ADDRESS +NAME +ORIGIN +CREATED +REVOKED$/,
    );
    expect(listed.out).toContain(agent.id);
    expect(listed.out).not.toContain(admin.id);
    expect(listed.out).not.toContain(fresh);
    const all = JSON.parse((await cli(['list', '--all', '--json', ...storage()])).out) as Made[];
    expect(all.map((t) => [t.kind, t.revokedAt === null])).toEqual([
      ['agent', true],
      ['gateway', true],
      ['admin', false],
    ]);

    const config = await loadConfig(['--listen', '127.0.0.1:0', ...storage()], {});
    const collector = await startCollector(config, pino({ level: 'silent' }));
    try {
      const who = (t: string) => collector.tokenService.registry.authenticate(`Bearer ${t}`);
      expect(who(fresh)).toMatchObject({ kind: 'agent', address: ADDRESS, id: agent.id });
      expect(who(agent.token)).toBeNull();
      expect(who(gateway ?? '')).toMatchObject({ kind: 'gateway', name: 'gw-fra' });
      expect(who(admin.token)).toBeNull();
      // Admin endpoints are off: the only admin token is revoked.
      expect((await fetch(`${collector.url}/api/v1/admin/tokens`)).status).toBe(404);

      // Another process cannot open the data directory while the collector holds it.
      const busy = await execa(
        process.execPath,
        ['--conditions=@naap/source', '--import', 'tsx', BIN, 'tokens', 'list', ...storage()],
        { reject: false },
      );
      expect(busy.exitCode).toBe(2);
      expect(busy.stderr).toMatch(/cannot open the data directory .*use the admin API/);
    } finally {
      await collector.close();
    }
  });

  it('refuses bad requests, naming what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['create', '--kind', 'agent'], /address/],
      [['create', '--kind', 'agent', '--address', '0x12'], /address/],
      [['create', '--kind', 'root'], /kind must be agent, gateway or admin/],
      [['create', '--kind', 'gateway', '--address', ADDRESS], /not bound to an address/],
      [['create', '--kind', 'gateway', '--name', 'a b'], /name must be/],
      [['revoke'], /needs a token id/],
      [['revoke', 'tok_nothex'], /needs a token id/],
      [['revoke', `tok_${'0'.repeat(16)}`], /no stored token/],
      [['list', '--kind', 'agent'], /belong to tokens create/],
      [['drop'], /unknown tokens command "drop"/],
      [['list', '--colour', 'red'], /unknown flag --colour/],
    ];
    for (const [args, message] of cases) {
      const r = await cli([...args, ...storage()]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('naap-collector tokens create --kind agent --address');
  });
});

describe('naap-collector tokens against a ClickHouse server, collector running', () => {
  let shim: ClickHouseShim;
  beforeAll(async () => {
    shim = await startClickHouseShim({ dataPath: join(dir, 'server') });
  });
  afterAll(async () => {
    await shim.stop();
  });

  it('a token created or revoked by the CLI takes effect within the refresh interval', async () => {
    const storage = ['--clickhouse', `${shim.url}/default`];
    const config = await loadConfig(
      ['--listen', '127.0.0.1:0', '--token-refresh-ms', '200', ...storage],
      {},
    );
    const collector = await startCollector(config, pino({ level: 'silent' }));
    const ingest = (token: string) =>
      fetch(`${collector.url}/v1/metrics`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      }).then((r) => r.status);
    const eventually = async (token: string, status: number) => {
      const deadline = Date.now() + 15_000;
      while ((await ingest(token)) !== status) {
        if (Date.now() > deadline) throw new Error(`no ${status} for the token in time`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      const made = JSON.parse(
        (await cli(['create', '--kind', 'gateway', '--json', ...storage])).out,
      ) as Made;
      await eventually(made.token, 200);
      expect((await cli(['revoke', made.id, ...storage])).code).toBe(0);
      await eventually(made.token, 401);
    } finally {
      await collector.close();
    }
  });
});
