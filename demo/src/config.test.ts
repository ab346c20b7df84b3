import { describe, expect, it } from 'vitest';
import { loadDemoConfig, parseHistory, REPO_ROOT } from './config.js';

describe('naap-demo configuration', () => {
  it('has defaults that run the bundled demo from the repository', async () => {
    const c = await loadDemoConfig([], {}, '/srv');
    expect(c).toMatchObject({
      dataDir: '/srv/.demo',
      reset: false,
      historyMs: 7 * 86_400_000,
      collectorPort: 4318,
      dashboardPort: 3000,
      gatewayRegions: ['FRA', 'NYC'],
      agents: true,
    });
    expect(c.scenario).toBe(`${REPO_ROOT}sim/scenarios/demo.yaml`);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('takes flags over environment', async () => {
    const c = await loadDemoConfig(
      ['--history', '36h', '--gateway-regions', 'lon'],
      { NAAP_DEMO_HISTORY: '2d', NAAP_DEMO_COLLECTOR_PORT: '14318' },
      '/srv',
    );
    expect(c.historyMs).toBe(36 * 3_600_000);
    expect(c.collectorPort).toBe(14318);
    expect(c.gatewayRegions).toEqual(['LON']);
  });

  it('rejects what it does not know, naming the flag or variable', async () => {
    await expect(loadDemoConfig(['--dayz', '3'], {}, '/srv')).rejects.toThrow(/dayz/);
    await expect(loadDemoConfig([], { NAAP_DEMO_DAYS: '3' }, '/srv')).rejects.toThrow(
      /NAAP_DEMO_DAYS/,
    );
    await expect(loadDemoConfig(['--gateway-regions', 'FRA,XYZ'], {}, '/srv')).rejects.toThrow(
      /--gateway-regions: unknown region code "XYZ"/,
    );
    await expect(loadDemoConfig(['--collector-port', '70000'], {}, '/srv')).rejects.toThrow(
      /collector-port/,
    );
  });

  it('reads history durations and refuses nonsense', () => {
    expect(parseHistory('0')).toBe(0);
    expect(parseHistory('90m')).toBe(90 * 60_000);
    expect(parseHistory('30d')).toBe(30 * 86_400_000);
    for (const bad of ['31d', '-1d', '7', '1w', '', '1e3h', '7d; rm -rf /'])
      expect(() => parseHistory(bad)).toThrow(/--history/);
  });
});
