import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrchestratorSurfaces, type OrchestratorSurfaces } from '@naap/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchIdentity, normalizeServiceUri } from './identity.js';
import { testSim, type TestSim } from './test-sim.js';

let dir = '';
let sim: TestSim;
let surfaces: OrchestratorSurfaces;
let server: Server;
let badUrl = '';
let body = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'naap-agent-identity-'));
  sim = testSim();
  surfaces = await startOrchestratorSurfaces(sim.ctx(dir), sim.orchestrator);
  server = createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  badUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await surfaces.close();
  await sim.engine.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('fetchIdentity', () => {
  it('reads address, service URI and version from the simulated go-livepeer CLI', async () => {
    const id = await fetchIdentity(surfaces.cliUrl);
    expect(id).toEqual({
      address: sim.orchestrator.address.toLowerCase(),
      uri: sim.orchestrator.serviceUri,
      version: '0.9.1',
      errors: [],
    });
    // The agent core passes the timeout alone.
    expect((await fetchIdentity(`${surfaces.cliUrl}/`, 2000)).address).toBe(id.address);
  });

  it('never throws: what it cannot read stays undefined, with a reason', async () => {
    const down = await fetchIdentity('http://127.0.0.1:1', { timeoutMs: 500 });
    expect(down.address).toBeUndefined();
    expect(down.errors).toHaveLength(2);
    for (const b of [
      'not json',
      '{"Transcoder": {"Address": "0xnope", "ServiceURI": "ftp://x"}}',
      '[]',
      'null',
    ]) {
      body = b;
      const id = await fetchIdentity(badUrl, { timeoutMs: 500 });
      expect(id, b).toMatchObject({ address: undefined, uri: undefined, version: undefined });
      expect(id.errors.length, b).toBeGreaterThan(0);
    }
  });

  it('keeps only http(s) service URIs, as scheme://host:port', () => {
    expect(normalizeServiceUri('https://orch.example.com:8935')).toBe(
      'https://orch.example.com:8935',
    );
    expect(normalizeServiceUri('https://1.2.3.4:8935/')).toBe('https://1.2.3.4:8935');
    expect(normalizeServiceUri('javascript:alert(1)')).toBeUndefined();
    expect(normalizeServiceUri(42)).toBeUndefined();
    expect(normalizeServiceUri(`https://${'a'.repeat(300)}.com`)).toBeUndefined();
  });
});
