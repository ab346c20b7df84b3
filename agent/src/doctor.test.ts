import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadAgentConfig } from './config/resolve.js';
import { formatChecks, runChecks } from './doctor.js';

describe('naap-agent doctor', () => {
  it('names what is wrong and how to fix it', async () => {
    const config = await loadAgentConfig(
      [
        '--nvidia-smi',
        '/nonexistent/nvidia-smi',
        '--collector',
        'http://127.0.0.1:9',
        '--go-livepeer-cli',
        '',
        '--job-log',
        '/nonexistent/go-livepeer.log',
        '--dcgmi',
        '/nonexistent/dcgmi',
      ],
      {},
    );
    const checks = await runChecks(config);
    const byName = new Map(checks.map((c) => [c.name, c]));
    expect(byName.get('nvidia-smi')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/could not be run \(ENOENT\)/) as unknown,
    });
    expect(byName.get('go-livepeer /metrics')?.ok).toBe(true);
    expect(byName.get('go-livepeer job log')).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/agent user may read it/) as unknown,
    });
    expect(byName.get('collector')).toMatchObject({
      ok: false,
      fix: expect.stringMatching(/NAAP_AGENT_COLLECTOR/) as unknown,
    });
    // DCGM is optional: without it CUE is the proxy, which is not a failure.
    expect(byName.get('dcgm (measured CUE)')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(
        /dcgmi not found \(optional\): CUE is the nvidia-smi proxy/,
      ) as unknown,
    });
    expect(formatChecks(checks)).toMatch(/^FAIL {2}nvidia-smi/m);
  });

  it('tells an accepted token from a refused one', async () => {
    const server = createServer((req, res) => {
      req.resume();
      res
        .writeHead(req.headers.authorization === 'Bearer good-token-0123456789' ? 200 : 401)
        .end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    try {
      const good = await runChecks(
        await loadAgentConfig(
          ['--collector', url, '--token', 'good-token-0123456789', '--go-livepeer-cli', ''],
          {},
        ),
      );
      expect(good.find((c) => c.name === 'collector')?.ok).toBe(true);
      const bad = await runChecks(
        await loadAgentConfig(
          ['--collector', url, '--token', 'bad-token-0123456789', '--go-livepeer-cli', ''],
          {},
        ),
      );
      expect(bad.find((c) => c.name === 'collector')).toMatchObject({
        ok: false,
        fix: expect.stringMatching(/naap-agent enroll/) as unknown,
      });
    } finally {
      server.close();
    }
  });
});
