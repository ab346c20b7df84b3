/**
 * `naap-agent enroll` against the simulated go-livepeer (real keys: its
 * /signMessage signs with the orchestrator's secp256k1 key) and a real
 * collector: the token it stores authenticates as an agent bound to the
 * orchestrator; every way enrollment can fail ends with a clear message.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startCollector, type RunningCollector } from '@naap/collector';
import { startOrchestratorSurfaces, type OrchestratorSurfaces } from '@naap/sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentConfig } from '../config/resolve.js';
import { testSim, type TestSim } from '../samplers/go-livepeer-metrics/test-sim.js';
import { ENROLL_NEEDS_SIGNATURE, enrollCommand } from './command.js';

let dir = '';
let sim: TestSim;
let surfaces: OrchestratorSurfaces;
let collector: RunningCollector;
let address = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-enroll-'));
  sim = testSim();
  surfaces = await startOrchestratorSurfaces(sim.ctx(dir), sim.orchestrator);
  address = sim.orchestrator.address.toLowerCase();
  const config = await loadConfig(
    ['--listen', '127.0.0.1:0', '--clickhouse', `embedded:${join(dir, 'data')}`],
    {},
  );
  collector = await startCollector(config, pino({ level: 'silent' }));
});
afterAll(async () => {
  await collector.close();
  await surfaces.close();
  await sim.engine.stop();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: readonly string[]) {
  let out = '';
  let err = '';
  const code = await enrollCommand(
    ['--collector', collector.url, '--host-name', 'gpu host 1', ...args],
    {},
    { out: (t) => (out += t), err: (t) => (err += t) },
  );
  return { code, out, err };
}

const whoIs = (token: string) => collector.tokenService.registry.authenticate(`Bearer ${token}`);

/** The challenge printed between the markers. */
function printedMessage(out: string): string {
  const m = /-----BEGIN MESSAGE-----\n([\s\S]*)\n-----END MESSAGE-----/.exec(out);
  if (m?.[1] === undefined) throw new Error(`no challenge in: ${out}`);
  return m[1];
}

describe('naap-agent enroll', () => {
  it('has go-livepeer sign the challenge and stores a working token, mode 0600', async () => {
    const file = join(dir, 'token-gl');
    const r = await run(['--go-livepeer-cli', surfaces.cliUrl, '--token-file', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Enrolled ${address} with ${collector.url} as "gpu-host-1"`);
    expect(r.out).toContain('sudo systemctl restart naap-agent');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const token = (await readFile(file, 'utf8')).trim();
    expect(whoIs(token)).toMatchObject({ kind: 'agent', address, name: 'gpu-host-1' });
    const ingest = await fetch(`${collector.url}/v1/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ingest.status).toBe(200);
    // The agent reads it from there when no --token is given.
    const config = await loadAgentConfig(['--token-file', file], {});
    expect(config.token).toBe(token);

    // Enrolling again replaces the host's token.
    expect((await run(['--go-livepeer-cli', surfaces.cliUrl, '--token-file', file])).code).toBe(0);
    const next = (await readFile(file, 'utf8')).trim();
    expect(next).not.toBe(token);
    expect(whoIs(token)).toBeNull();
    expect(whoIs(next)?.kind).toBe('agent');
  });

  it('without go-livepeer prints the challenge, then takes a signature pasted from a wallet', async () => {
    const file = join(dir, 'token-wallet');
    const asked = await run(['--go-livepeer-cli', '', '--address', address, '--token-file', file]);
    expect(asked.code).toBe(ENROLL_NEEDS_SIGNATURE);
    expect(asked.err).toContain('no go-livepeer CLI configured');
    const message = printedMessage(asked.out);
    expect(message).toContain('Collector: naap-collector');
    expect(message.toLowerCase()).toContain(address);
    await expect(stat(file)).rejects.toThrow();

    const signature = await sim.orchestrator.account.signMessage({ message });
    const done = await run([
      '--go-livepeer-cli',
      '',
      '--address',
      address,
      '--token-file',
      file,
      '--signature',
      signature,
    ]);
    expect(done.code).toBe(0);
    expect(whoIs((await readFile(file, 'utf8')).trim())).toMatchObject({ kind: 'agent', address });

    // The same signature again: the challenge was single-use.
    const replay = await run([
      '--go-livepeer-cli',
      '',
      '--address',
      address,
      '--token-file',
      file,
      `--signature=${signature}`,
    ]);
    expect(replay.code).toBe(1);
    expect(replay.err).toContain('(challenge_used)');
  });

  it("notices a go-livepeer whose account is not the orchestrator's address", async () => {
    const other = sim.network.orchestrators[1]?.address.toLowerCase() ?? '';
    const r = await run([
      '--go-livepeer-cli',
      surfaces.cliUrl,
      '--address',
      other,
      '--token-file',
      join(dir, 'x'),
    ]);
    expect(r.code).toBe(ENROLL_NEEDS_SIGNATURE);
    expect(r.err).toContain(`its account ${address} is not the orchestrator address ${other}`);
    expect(printedMessage(r.out).toLowerCase()).toContain(other);
  });

  it('reports a refused signature, an unreachable collector and a missing address', async () => {
    const other = sim.network.orchestrators[1]!;
    await run(['--go-livepeer-cli', '', '--address', address, '--token-file', join(dir, 'y')]);
    const forged = await other.account.signMessage({ message: 'anything' });
    const refused = await run([
      '--go-livepeer-cli',
      '',
      '--address',
      address,
      '--token-file',
      join(dir, 'y'),
      '--signature',
      forged,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /refused \(signature_mismatch\): the signature recovers 0x[0-9a-f]{40}, not/,
    );

    let err = '';
    const down = await enrollCommand(
      [
        '--collector',
        'http://127.0.0.1:1',
        '--address',
        address,
        '--go-livepeer-cli',
        '',
        '--token-file',
        join(dir, 'z'),
      ],
      {},
      { out: () => undefined, err: (t) => (err += t) },
    );
    expect(down).toBe(1);
    expect(err).toContain('(unreachable)');

    const anonymous = await run(['--go-livepeer-cli', '', '--token-file', join(dir, 'z')]);
    expect(anonymous.code).toBe(2);
    expect(anonymous.err).toContain('unknown orchestrator address');

    const malformed = await run(['--address', address, '--signature', '0x1234']);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('--signature must be 65 bytes');
  });

  it('falls back to printing the challenge when go-livepeer cannot sign', async () => {
    // A CLI URL that answers 404 to /signMessage (the collector itself).
    const r = await run([
      '--go-livepeer-cli',
      collector.url,
      '--address',
      address,
      '--token-file',
      join(dir, 'w'),
    ]);
    expect(r.code).toBe(ENROLL_NEEDS_SIGNATURE);
    expect(r.err).toContain('go-livepeer /signMessage answered 404');
  });
});
