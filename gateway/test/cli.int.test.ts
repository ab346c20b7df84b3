import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import {
  orch,
  pinnedGateway,
  staticTarget,
  targetsFile,
  testNetwork,
  workload,
  type TestNetwork,
} from './harness.js';

// naap-gateway's commands in-process against a simulated gateway, with the
// shipped dataset.

let net: TestNetwork;
let file = '';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (t: string) => {
        out.push(t);
      },
      err: (t: string) => {
        err.push(t);
      },
    },
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => {
    server.listen(0, '127.0.0.1', r);
  });
  const address = server.address();
  await new Promise<void>((r) => {
    server.close(() => {
      r();
    });
  });
  return typeof address === 'object' && address !== null ? address.port : 1;
}

beforeAll(async () => {
  net = await testNetwork([
    orch('alpha', [
      workload('text-to-image', 'stabilityai/sdxl-turbo', { latency: { p50Ms: 500, p95Ms: 800 } }),
    ]),
  ]);
  const gw = await pinnedGateway(net, 'alpha');
  file = await targetsFile(net, { targets: [staticTarget(net, 'alpha', gw)] });
}, 60_000);

afterAll(async () => {
  await net.dispose();
});

const base = ['--pinning', 'static', '--results-file', '', '--log-level', 'silent'];

describe('naap-gateway CLI', () => {
  it('once: one round, a results table, exit 0', async () => {
    const c = io();
    const code = await main(
      [
        'once',
        ...base,
        '--targets-file',
        file,
        '--jobs-per-unit',
        '2',
        '--pipeline',
        'text-to-image',
        '--target',
        net.address('alpha'),
      ],
      { NAAP_GATEWAY_REGION: 'fra' },
      c.io,
    );
    expect(c.err.join('')).toBe('');
    expect(code).toBe(0);
    const table = c.out.join('');
    expect(table).toMatch(/^orchestrator\s+pipeline\s+model\s+case\s+outcome/);
    expect(table.match(/text-to-image\s+stabilityai\/sdxl-turbo\s+text-to-image\//g)).toHaveLength(
      2,
    );
    expect(table).toMatch(/2 jobs: 2 success, 0 failure, 0 excused, 0 swapped/);
  });

  it('once: exit 1 when the gateway itself cannot be reached', async () => {
    const port = await closedPort();
    const broken = await targetsFile(net, {
      targets: [
        {
          ...staticTarget(net, 'alpha'),
          gatewayUrl: `http://127.0.0.1:${port}`,
          capabilities: [{ pipeline: 'text-to-image', model: 'm' }],
        },
      ],
    });
    const c = io();
    const code = await main(
      [
        'once',
        ...base,
        '--targets-file',
        broken,
        '--jobs-per-unit',
        '1',
        '--pipeline',
        'text-to-image',
      ],
      { NAAP_GATEWAY_REGION: 'FRA' },
      c.io,
    );
    expect(code).toBe(1);
    expect(c.err.join('')).toMatch(/the gateway looks broken: every job failed at the gateway/);
    expect(c.out.join('')).toMatch(/excused\s+transport/);
  });

  it('once: exit 1 when discovery finds nothing to test', async () => {
    const port = await closedPort();
    const c = io();
    const code = await main(
      [
        'once',
        '--cli-url',
        `http://127.0.0.1:${port}`,
        '--results-file',
        '',
        '--log-level',
        'silent',
        '--pinning',
        'static',
        '--targets-file',
        file,
        '--target',
        '0x0000000000000000000000000000000000000001',
      ],
      { NAAP_GATEWAY_REGION: 'FRA' },
      c.io,
    );
    expect(code).toBe(1);
    expect(c.err.join('')).toMatch(/no orchestrator to test/);
  });

  it('rejects unknown settings, naming them, with exit 2', async () => {
    for (const [argv, env, pattern] of [
      [['once', '--colector', 'x'], { NAAP_GATEWAY_REGION: 'FRA' }, /--colector/],
      [['once'], { NAAP_GATEWAY_REGION: 'FRA', NAAP_GATEWAY_TOKN: 'x' }, /NAAP_GATEWAY_TOKN/],
      [['once'], {}, /--region \(NAAP_GATEWAY_REGION\) is required/],
      [['once', '--region', 'MARS'], {}, /--region "MARS"/],
      [['launch'], {}, /unknown command "launch"/],
      [[], {}, /a command is needed/],
    ] as const) {
      const c = io();
      expect(await main(argv, env, c.io)).toBe(2);
      expect(c.err.join('')).toMatch(pattern);
    }
  });

  it('datasets verify: the shipped dataset is valid', async () => {
    const c = io();
    expect(await main(['datasets', 'verify'], {}, c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/version 1\.0\.0, \d+ files, \d+ cases\nok\n$/);
  });

  it('--help lists every flag with its variable, --version the version', async () => {
    const c = io();
    expect(await main(['--help'], {}, c.io)).toBe(0);
    const help = c.out.join('');
    for (const v of [
      'NAAP_GATEWAY_GATEWAY_URL',
      'NAAP_GATEWAY_CLI_URL',
      'NAAP_GATEWAY_COLLECTOR',
      'NAAP_GATEWAY_TOKEN',
      'NAAP_GATEWAY_REGION',
    ])
      expect(help).toContain(v);
    const v = io();
    expect(await main(['--version'], {}, v.io)).toBe(0);
    expect(v.out.join('')).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
