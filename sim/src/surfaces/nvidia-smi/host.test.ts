import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmiError } from './errors.js';
import { loadHost, parseHostFile } from './host.js';
import { selectBoards } from './snapshot.js';
import { shellQuote, writeNvidiaSmiWrapper, NVIDIA_SMI_BIN } from './wrapper.js';

const SCENARIO = `
version: 1
name: host-test
orchestrators:
  - id: host-a
    region: FRA
    gpus:
      - model: a100-80gb
        mig: ['3g.40gb', '3g.40gb']
        workloads: [{ pipeline: upscale, model: stabilityai/stable-diffusion-x4-upscaler }]
      - model: l40s
        workloads: [{ pipeline: upscale, model: stabilityai/stable-diffusion-x4-upscaler }]
`;

const clock = { wallOriginMs: 1_000_000, simOriginMs: 5_000_000, speed: 10, catchUp: false };
const hostJson = (over: object = {}) =>
  JSON.stringify({
    scenarioPath: 'scenario.yaml',
    seed: 2,
    orchestratorId: 'host-a',
    clock,
    ...over,
  });

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-smi-host-'));
  await writeFile(join(dir, 'scenario.yaml'), SCENARIO);
  await writeFile(join(dir, 'host.json'), hostJson());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const failure = (fn: () => unknown): SmiError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof SmiError) return err;
    throw err;
  }
  throw new Error('expected an SmiError');
};

describe('parseHostFile', () => {
  it('accepts a naap-sim host file', () => {
    expect(parseHostFile(hostJson(), 'h.json')).toEqual({
      scenarioPath: 'scenario.yaml',
      seed: 2,
      orchestratorId: 'host-a',
      clock,
    });
  });

  it('turns bad JSON and bad shapes into the driver failure (exit 9) with a reason', () => {
    const bad = failure(() => parseHostFile('{"seed": ', 'h.json'));
    expect(bad.exitCode).toBe(9);
    expect(bad.detail).toMatch(/^host file h\.json is not valid JSON/);
    const shape = failure(() => parseHostFile(hostJson({ seed: 'x' }), 'h.json'));
    expect(shape.detail).toBe(
      'host file h.json is not a naap-sim host file (/seed: must be integer)',
    );
    expect(failure(() => parseHostFile('[]', 'h.json')).exitCode).toBe(9);
  });
});

describe('loadHost', () => {
  it('loads the scenario beside the host file and continues its clock', async () => {
    const host = await loadHost(join(dir, 'host.json'), () => 1_000_500);
    expect(host.orchestrator.id).toBe('host-a');
    expect(host.network.seed).toBe(2);
    expect(host.clock.now()).toBe(5_005_000);
    expect(host.boards.map((b) => [b.model.key, b.instances.length])).toEqual([
      ['a100-80gb', 2],
      ['l40s', 1],
    ]);
  });

  it('reports a missing file, scenario or orchestrator as the driver failure', async () => {
    await writeFile(join(dir, 'lost.json'), hostJson({ scenarioPath: 'nowhere.yaml' }));
    await writeFile(join(dir, 'other.json'), hostJson({ orchestratorId: 'host-q' }));
    const reason = async (name: string) =>
      loadHost(join(dir, name)).then(
        () => 'loaded',
        (err: unknown) =>
          err instanceof SmiError ? `${err.exitCode} ${err.detail ?? ''}` : 'other',
      );
    expect(await reason('absent.json')).toMatch(/^9 cannot read host file .*absent\.json: ENOENT/);
    expect(await reason('lost.json')).toMatch(/^9 cannot read scenario .*nowhere\.yaml/);
    expect(await reason('other.json')).toBe('9 no orchestrator "host-q" in scenario host-test');
  });
});

describe('selectBoards', () => {
  it('selects by index, board UUID, MIG UUID or bus id; none when one id matches nothing', async () => {
    const { boards } = await loadHost(join(dir, 'host.json'));
    const [a100, l40s] = boards;
    if (a100 === undefined || l40s === undefined) throw new Error('boards missing');
    const mig = a100.instances[1]?.uuid ?? '';
    expect(selectBoards(boards, null)).toEqual(boards);
    expect(selectBoards(boards, ['1'])).toEqual([l40s]);
    expect(selectBoards(boards, [mig])).toEqual([a100]);
    expect(selectBoards(boards, [l40s.busId.toLowerCase(), a100.uuid])).toEqual([a100, l40s]);
    expect(selectBoards(boards, ['0', '7'])).toEqual([]);
  });
});

describe('writeNvidiaSmiWrapper', () => {
  it('writes an executable sh script with absolute, quoted paths', async () => {
    const path = await writeNvidiaSmiWrapper(join(dir, "it's here"), join(dir, 'host.json'));
    expect(path).toBe(join(dir, "it's here", 'nvidia-smi'));
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toContain(
      `exec ${shellQuote(process.execPath)} ${shellQuote(NVIDIA_SMI_BIN)} '--sim-host-file' ` +
        `${shellQuote(join(dir, 'host.json'))} "$@"\n`,
    );
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(NVIDIA_SMI_BIN).toMatch(/\/sim\/bin\/nvidia-smi\.js$/);
  });
});
