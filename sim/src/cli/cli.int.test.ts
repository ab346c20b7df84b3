import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the CLI from source, as a user would run the binary.
const entry = fileURLToPath(new URL('./bin.ts', import.meta.url));
const demo = fileURLToPath(new URL('../../scenarios/demo.yaml', import.meta.url));
const naapSim = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, ['--conditions=@naap/source', '--import', 'tsx', entry, ...args], {
    reject: false,
    env,
    timeout: 60_000,
  });

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-sim-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('naap-sim CLI', () => {
  it('prints help and rejects unknown commands and flags', async () => {
    const help = await naapSim(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/naap-sim run --scenario FILE/);
    const unknown = await naapSim(['fly']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "fly"/);
    const badFlag = await naapSim(['truth', '--scenaro', 'x']);
    expect(badFlag.exitCode).toBe(2);
    expect(badFlag.stderr).toMatch(/scenaro/);
    expect(badFlag.stderr).not.toMatch(/\n\s+at /);
  });

  it('generates a scenario that validates', async () => {
    const out = join(dir, 'gen.yaml');
    const gen = await naapSim([
      'scenario',
      '--generate',
      '--orchestrators',
      '5',
      '--regions',
      '2',
      '--seed',
      '3',
      '--out',
      out,
    ]);
    expect(gen.exitCode).toBe(0);
    const check = await naapSim(['scenario', '--validate', out]);
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toMatch(/valid — .*5 orchestrators, 2 regions/);
  });

  it('reports an invalid scenario with the field at fault, without a stack trace', async () => {
    const bad = join(dir, 'bad.json');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(bad, '{"version": 1, "name": "x", "orchestrators": [{"id": "Bad Id"}]}'),
    );
    const r = await naapSim(['scenario', '--validate', bad]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/\/orchestrators\/0\/id/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the same truth JSON twice for the same scenario and seed', async () => {
    const args = [
      'truth',
      '--scenario',
      demo,
      '--from',
      '2026-11-20T00:00:00Z',
      '--to',
      '2026-11-20T02:00:00Z',
      '--no-gpu-utilization',
    ];
    const [a, b] = await Promise.all([naapSim(args), naapSim(args, { NAAP_SIM_SEED: '7' })]);
    expect(a.exitCode).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const truth = JSON.parse(a.stdout) as { rows: { jobs: { total: number } }[]; seed: number };
    expect(truth.seed).toBe(7);
    expect(truth.rows.reduce((s, r) => s + r.jobs.total, 0)).toBeGreaterThan(100);
    const seeded = await naapSim([...args, '--seed', '8']);
    expect(seeded.stdout).not.toBe(a.stdout);
    expect(
      JSON.parse(await readFile(demo, 'utf8').then(() => seeded.stdout)) as unknown,
    ).toBeTruthy();
  });
});
