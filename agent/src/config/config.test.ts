import { describe, expect, it } from 'vitest';
import { loadAgentConfig } from './resolve.js';

describe('agent configuration', () => {
  it('reads the contract variables', async () => {
    const c = await loadAgentConfig([], {
      NAAP_AGENT_COLLECTOR: 'http://127.0.0.1:4318/',
      NAAP_AGENT_TOKEN: 't',
      NAAP_AGENT_NVIDIA_SMI: '/opt/sim/nvidia-smi',
      NAAP_AGENT_ADDRESS: '0x3B28A7D785356DC67C7970666747E042305BFB79',
      NAAP_AGENT_REGION: 'fra',
      NAAP_AGENT_EXPORT_INTERVAL_MS: '2000',
      NAAP_AGENT_GO_LIVEPEER_CLI: '',
      NAAP_AGENT_JOB_LOG: '/var/log/livepeer.log',
    });
    expect(c.collector).toBe('http://127.0.0.1:4318');
    expect(c.identity.address).toBe('0x3b28a7d785356dc67c7970666747e042305bfb79');
    expect(c.identity.region).toBe('FRA');
    expect(c.nvidiaSmi.path).toBe('/opt/sim/nvidia-smi');
    expect(c.exportIntervalMs).toBe(2000);
    expect(c.goLivepeer.cliUrl).toBeUndefined();
    expect(c.jobLog).toEqual({ kind: 'file', path: '/var/log/livepeer.log' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('has sane defaults and disables the job log when empty', async () => {
    const c = await loadAgentConfig([], {});
    expect(c.goLivepeer.cliUrl).toBe('http://127.0.0.1:7935');
    expect(c.exportIntervalMs).toBe(5000);
    expect(c.jobLog).toEqual({ kind: 'none' });
    expect([...c.samplers]).toEqual([
      'nvidia-smi',
      'host',
      'go-livepeer-metrics',
      'go-livepeer-log',
      'runners',
      'dcgm',
    ]);
    expect(c.dcgm).toEqual({ path: 'dcgmi', intervalMs: 1000 });
  });

  it('names the setting at fault', async () => {
    await expect(loadAgentConfig(['--colector', 'x'], {})).rejects.toThrow(/--colector/);
    await expect(loadAgentConfig([], { NAAP_AGENT_TOKN: 'x' })).rejects.toThrow(/NAAP_AGENT_TOKN/);
    await expect(loadAgentConfig(['--address', '0x12'], {})).rejects.toThrow(/--address/);
    await expect(loadAgentConfig(['--region', 'MARS'], {})).rejects.toThrow(/--region "MARS"/);
    await expect(loadAgentConfig(['--samplers', 'nvidia-smi,gpu-magic'], {})).rejects.toThrow(
      /gpu-magic/,
    );
    await expect(loadAgentConfig(['--collector', 'ftp://x'], {})).rejects.toThrow(/--collector/);
    await expect(loadAgentConfig(['--export-interval-ms', '10'], {})).rejects.toThrow(
      /--export-interval-ms/,
    );
    await expect(loadAgentConfig(['--job-log', '/a', '--job-log-docker', 'c'], {})).rejects.toThrow(
      /choose one/,
    );
    await expect(loadAgentConfig(['--protocol', 'grpc'], {})).rejects.toThrow(/--protocol/);
  });
});
