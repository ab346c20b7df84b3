import { afterEach, describe, expect, it } from 'vitest';
import { orch, testGateway, workload, type TestGateway } from '../testing.js';

let gw: TestGateway | null = null;
afterEach(async () => {
  await gw?.dispose();
  gw = null;
});

async function gateway(options = {}) {
  gw = await testGateway(
    [
      orch(
        'a',
        [
          workload('text-to-image', 'stabilityai/sdxl-turbo', { capacity: 2 }),
          workload('llm', 'meta-llama/Meta-Llama-3.1-8B-Instruct', { capacity: 1, warm: false }),
        ],
        { pricePerUnit: 1200 },
      ),
      orch('b', [workload('text-to-image', 'stabilityai/sdxl-turbo')], {
        gpus: [
          {
            model: 'h100-80gb',
            count: 2,
            workloads: [workload('text-to-image', 'stabilityai/sdxl-turbo', { capacity: 3 })],
          },
        ],
      }),
    ],
    options,
  );
  return gw;
}

interface OrchCaps {
  address: string;
  local_address: string;
  orch_uri: string;
  capabilities: {
    bitstring: number[];
    capacities: Record<string, number>;
    version: string;
    constraints: {
      PerCapability: Record<
        string,
        { models: Record<string, { warm: boolean; capacity: number }> }
      >;
    };
  };
  capabilities_prices: {
    pricePerUnit: number;
    pixelsPerUnit: number;
    capability: number;
    constraint: string;
  }[];
  hardware: {
    pipeline: string;
    model_id: string;
    gpu_info: Record<
      string,
      {
        id: string;
        name: string;
        memory_total: number;
        memory_free: number;
        major: number;
        minor: number;
      }
    >;
  }[];
}

describe('gateway CLI API', () => {
  it('GET /getNetworkCapabilities lists the pool with go-livepeer field names', async () => {
    const g = await gateway({
      orchAddr: ['https://b.example.com:8935', 'https://a.example.com:8935'],
    });
    const res = await g.apps.cli.inject({ method: 'GET', url: '/getNetworkCapabilities' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    const { orchestrators } = res.json<{ orchestrators: OrchCaps[] }>();
    expect(orchestrators.map((o) => o.orch_uri)).toEqual([
      'https://b.example.com:8935',
      'https://a.example.com:8935',
    ]);
    const a = orchestrators[1];
    const simA = g.ctx.network.orchestrators[0];
    expect(a?.address).toBe(simA?.address);
    expect(a?.local_address).toBe(simA?.address);
    expect(a?.capabilities.capacities).toEqual({ '27': 2, '33': 1 });
    expect(a?.capabilities.bitstring).toEqual([2 ** 27 + 2 ** 33]);
    expect(
      a?.capabilities.constraints.PerCapability['33']?.models[
        'meta-llama/Meta-Llama-3.1-8B-Instruct'
      ],
    ).toMatchObject({ warm: false, capacity: 1 });
    expect(a?.capabilities_prices).toEqual([
      {
        pricePerUnit: 1200,
        pixelsPerUnit: 1,
        capability: 27,
        constraint: 'stabilityai/sdxl-turbo',
      },
      {
        pricePerUnit: 1200,
        pixelsPerUnit: 1,
        capability: 33,
        constraint: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      },
    ]);
    expect(a?.hardware.map((h) => [h.pipeline, h.model_id])).toEqual([
      ['text-to-image', 'stabilityai/sdxl-turbo'],
      ['llm', 'meta-llama/Meta-Llama-3.1-8B-Instruct'],
    ]);
    const gpu = a?.hardware[0]?.gpu_info['0'];
    expect(gpu).toMatchObject({ name: 'NVIDIA GeForce RTX 4090', major: 8, minor: 9 });
    expect(gpu?.id).toMatch(/^GPU-/);
    expect(gpu?.memory_total).toBe(24564 * 1024 * 1024);
    expect(orchestrators[0]?.hardware).toHaveLength(2);
    expect(orchestrators[0]?.hardware[0]?.gpu_info['0']).toMatchObject({
      name: 'NVIDIA H100 80GB HBM3',
      major: 9,
      minor: 0,
    });
  });

  it('GET /registeredOrchestrators lists every on-chain orchestrator as eth/types.Transcoder', async () => {
    const g = await gateway({ orchAddr: ['https://a.example.com:8935'] });
    const res = await g.apps.cli.inject({ method: 'GET', url: '/registeredOrchestrators' });
    expect(res.statusCode).toBe(200);
    const list = res.json<Record<string, unknown>[]>();
    expect(list).toHaveLength(2);
    expect(Object.keys(list[0] ?? {})).toEqual([
      'ServiceURI',
      'Address',
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
    expect(list[0]).toMatchObject({
      ServiceURI: 'https://a.example.com:8935',
      Active: true,
      Status: 'Registered',
      PricePerPixel: '1200/1',
    });
    expect(list[0]?.['Address']).toBe(g.ctx.network.orchestrators[0]?.address);
    expect(res.body).toMatch(/"DelegatedStake":\d{22,}/);
  });

  it('GET /status gives the NodeStatus with the orchestrator pool; /metrics the Prometheus text', async () => {
    const g = await gateway();
    const status = await g.apps.cli.inject({ method: 'GET', url: '/status' });
    expect(status.json()).toMatchObject({
      OrchestratorPool: ['https://a.example.com:8935', 'https://b.example.com:8935'],
      Version: '0.9.1',
      GOOS: 'linux',
    });
    const metrics = await g.apps.cli.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.body).toContain(
      'livepeer_versions{compiler="gc",goos="linux",goversion="go1.23.4",livepeerversion="0.9.1",node_type="bctr"} 1',
    );
    const unknown = await g.apps.cli.inject({ method: 'GET', url: '/nope' });
    expect(unknown.statusCode).toBe(404);
  });
});
