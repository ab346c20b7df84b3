import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { getAddress, recoverMessageAddress, recoverTypedDataAddress, toHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { WorkloadActivity } from './activity.js';
import { buildCliApp, CHAIN_ID } from './cli-server.js';
import { roundAt } from './cli-status.js';
import { OrchestratorMetrics } from './orch-metrics.js';
import { T0, testNetwork, type TestNet } from './test-network.js';

let net: TestNet;
let app: FastifyInstance;

beforeAll(() => {
  net = testNetwork();
  const activity = new WorkloadActivity(net.network, net.orchestrator);
  const metrics = new OrchestratorMetrics(net.network, net.orchestrator, activity, T0);
  app = buildCliApp({ orchestrator: net.orchestrator, metrics, now: () => T0 });
});
afterAll(async () => {
  await app.close();
  await net.engine.stop();
});

const form = (body: string) => ({
  method: 'POST' as const,
  url: '/signMessage',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: body,
});

describe('POST /signMessage', () => {
  it('returns the raw 65-byte EIP-191 signature of the orchestrator account', async () => {
    const res = await app.inject(
      form(`message=${encodeURIComponent('naap agent binding: nonce 42')}`),
    );
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toHaveLength(65);
    expect([27, 28]).toContain(res.rawPayload[64]);
    const signer = await recoverMessageAddress({
      message: 'naap agent binding: nonce 42',
      signature: toHex(res.rawPayload),
    });
    expect(signer.toLowerCase()).toBe(net.orchestrator.address);
    expect(res.headers['content-type']).toMatch(/^(application\/octet-stream|text\/plain|image\/)/);
  });

  it('reads the message from the query string too, body first', async () => {
    const q = await app.inject({ method: 'GET', url: '/signMessage?message=hi+there' });
    expect(q.statusCode).toBe(200);
    const signer = await recoverMessageAddress({
      message: 'hi there',
      signature: toHex(q.rawPayload),
    });
    expect(signer).toBe(getAddress(net.orchestrator.address));
    const both = await app.inject({ ...form('message=body'), url: '/signMessage?message=query' });
    expect(
      await recoverMessageAddress({ message: 'body', signature: toHex(both.rawPayload) }),
    ).toBe(signer);
  });

  it('answers a missing or empty message with 400 "missing form param: message"', async () => {
    for (const res of [
      await app.inject(form('')),
      await app.inject(form('message=')),
      await app.inject(form('other=1')),
      await app.inject({ method: 'POST', url: '/signMessage' }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.body).toBe('missing form param: message\n');
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });

  it('ignores multipart bodies as go-livepeer does (ParseForm runs before FormValue)', async () => {
    const boundary = 'XyZ';
    const res = await app.inject({
      method: 'POST',
      url: '/signMessage',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toBe('missing form param: message\n');
  });

  it('rejects malformed forms with a clear 400', async () => {
    const bad = await app.inject(form('message=%zz'));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toBe('parse form error: invalid URL escape "%zz"\n');
    const semi = await app.inject(form('message=a;b=c'));
    expect(semi.body).toBe('parse form error: invalid semicolon separator in query\n');
    const typed = await app.inject({
      ...form('message=notjson'),
      headers: { 'content-type': 'application/x-www-form-urlencoded', sigformat: 'data/typed' },
    });
    expect(typed.statusCode).toBe(400);
    expect(typed.body).toMatch(/^could not unmarshal typed data - err="/);
  });

  it('signs EIP-712 typed data with SigFormat: data/typed', async () => {
    const typedData = {
      domain: { name: 'naap', version: '1', chainId: CHAIN_ID },
      types: { Bind: [{ name: 'agent', type: 'string' }] },
      primaryType: 'Bind',
      message: { agent: 'a1' },
    } as const;
    const res = await app.inject({
      ...form(`message=${encodeURIComponent(JSON.stringify(typedData))}`),
      headers: { 'content-type': 'application/x-www-form-urlencoded', sigformat: 'data/typed' },
    });
    expect(res.statusCode).toBe(200);
    const signer = await recoverTypedDataAddress({
      ...typedData,
      signature: toHex(res.rawPayload),
    });
    expect(signer).toBe(getAddress(net.orchestrator.address));
  });
});

describe('GET /status and /orchestratorInfo', () => {
  it('serves the node status shape with the version', async () => {
    const res = await app.inject({ method: 'GET', url: '/status' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toBe(
      '{"Manifests":{},"InternalManifests":{},"StreamInfo":{},"OrchestratorPool":[],"OrchestratorPoolInfos":null,' +
        '"Version":"0.9.1","GolangRuntimeVersion":"go1.23.4","GOArch":"amd64","GOOS":"linux",' +
        '"RegisteredTranscodersNumber":0,"RegisteredTranscoders":[],"LocalTranscoding":true,' +
        `"BroadcasterPrices":{"default":"${net.orchestrator.pricePerUnit}"}}`,
    );
  });

  it('serves the on-chain transcoder record with address and service URI', async () => {
    const res = await app.inject({ method: 'GET', url: '/orchestratorInfo' });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as { Transcoder: Record<string, unknown>; PriceInfo: string };
    expect(Object.keys(body.Transcoder)).toEqual([
      'Address',
      'ServiceURI',
      'LastRewardRound',
      'RewardCut',
      'FeeShare',
      'DelegatedStake',
      'ActivationRound',
      'DeactivationRound',
      'LastActiveStakeUpdateRound',
      'Active',
      'Status',
      'PricePerPixel',
    ]);
    expect(body.Transcoder['Address']).toBe(net.orchestrator.address);
    expect(body.Transcoder['ServiceURI']).toBe('https://orch-a.orch.sim.invalid:8935');
    expect(body.Transcoder['LastRewardRound']).toBe(roundAt(T0));
    expect(body.Transcoder['Status']).toBe('Registered');
    expect(body.PriceInfo).toBe(String(net.orchestrator.pricePerUnit));
    // big.Int values are bare JSON numbers, even beyond 2^53.
    expect(res.body).toMatch(
      /"DeactivationRound":115792089237316195423570985008687907853269984665640564039457584007913129639935,/,
    );
    expect(res.body).toMatch(/"DelegatedStake":[1-9]\d{4,5}000000000000000000,/);
  });
});

describe('other CLI paths', () => {
  it('serves /metrics as Prometheus text 0.0.4', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const names = parsePrometheusTextFormat(res.body).map((f) => f.name);
    expect(names).toContain('livepeer_versions');
    expect(names).toContain('go_goroutines');
  });

  it('answers identity probes and Go 404s', async () => {
    expect((await app.inject({ url: '/ethAddr' })).body).toBe(getAddress(net.orchestrator.address));
    expect((await app.inject({ url: '/IsOrchestrator' })).body).toBe('true');
    expect((await app.inject({ url: '/EthChainID' })).body).toBe('42161');
    const nf = await app.inject({ url: '/registeredOrchestrators' });
    expect(nf.statusCode).toBe(404);
    expect(nf.body).toBe('404 page not found\n');
  });

  it('turns oversized bodies into a 400 and keeps serving', async () => {
    const res = await app.inject(form(`message=${'a'.repeat(11 << 20)}`));
    expect(res.statusCode).toBe(400);
    expect(res.body).toBe('parse form error: http: POST too large\n');
    expect((await app.inject({ url: '/IsOrchestrator' })).statusCode).toBe(200);
  });
});
