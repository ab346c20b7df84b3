import { execa } from 'execa';
import { access, constants } from 'node:fs/promises';
import type { AgentConfig } from './config/types.js';
import { discoverGpus } from './samplers/dcgm/discovery.js';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  /** What to do about it, when not ok. */
  readonly fix?: string;
}

async function checkNvidiaSmi(config: AgentConfig): Promise<Check> {
  const name = 'nvidia-smi';
  try {
    const r = await execa(
      config.nvidiaSmi.path,
      ['--query-gpu=name,driver_version', '--format=csv,noheader'],
      { timeout: 10_000, reject: false },
    );
    if (r.exitCode === undefined) {
      return {
        name,
        ok: false,
        detail: `"${config.nvidiaSmi.path}" could not be run (${r.code ?? 'not found'})`,
        fix: 'install the NVIDIA driver or set NAAP_AGENT_NVIDIA_SMI to the nvidia-smi path',
      };
    }
    if (r.exitCode !== 0) {
      return {
        name,
        ok: false,
        detail: `exit ${r.exitCode}: ${r.stdout.slice(0, 200)}`,
        fix: 'check the NVIDIA driver (nvidia-smi must work for this user)',
      };
    }
    const gpus = r.stdout
      .trim()
      .split('\n')
      .filter((l) => l !== '');
    const driver = gpus[0]?.split(', ')[1] ?? '?';
    return { name, ok: gpus.length > 0, detail: `${gpus.length} GPU(s), driver ${driver}` };
  } catch (err) {
    return {
      name,
      ok: false,
      detail: (err as Error).message.split('\n')[0] ?? 'failed',
      fix: `install the NVIDIA driver or set NAAP_AGENT_NVIDIA_SMI (now "${config.nvidiaSmi.path}")`,
    };
  }
}

async function checkGoLivepeer(config: AgentConfig): Promise<Check> {
  const name = 'go-livepeer /metrics';
  if (config.goLivepeer.cliUrl === undefined)
    return { name, ok: true, detail: 'disabled (NAAP_AGENT_GO_LIVEPEER_CLI is empty)' };
  try {
    const r = await fetch(`${config.goLivepeer.cliUrl}/metrics`, {
      signal: AbortSignal.timeout(config.goLivepeer.timeoutMs),
    });
    const text = await r.text();
    const ok = r.ok && text.includes('livepeer_');
    return ok
      ? { name, ok, detail: `${config.goLivepeer.cliUrl}/metrics answers with livepeer_* metrics` }
      : {
          name,
          ok,
          detail: `HTTP ${r.status}, no livepeer_* metrics`,
          fix: 'start go-livepeer with -monitor',
        };
  } catch (err) {
    return {
      name,
      ok: false,
      detail: (err as Error).message,
      fix: 'is go-livepeer running? set NAAP_AGENT_GO_LIVEPEER_CLI to its CLI address (-cliAddr)',
    };
  }
}

async function checkJobLog(config: AgentConfig): Promise<Check> {
  const name = 'go-livepeer job log';
  const src = config.jobLog;
  if (src.kind === 'none')
    return {
      name,
      ok: true,
      detail: 'disabled: per-job latency will not be reported',
      fix: 'set NAAP_AGENT_JOB_LOG to the go-livepeer log file',
    };
  if (src.kind === 'file') {
    try {
      await access(src.path, constants.R_OK);
      return { name, ok: true, detail: `${src.path} is readable` };
    } catch {
      return {
        name,
        ok: false,
        detail: `${src.path} is not readable`,
        fix: 'check the path and that the agent user may read it',
      };
    }
  }
  return {
    name,
    ok: true,
    detail: src.kind === 'journal' ? `journalctl -u ${src.unit}` : `docker logs ${src.container}`,
  };
}

async function checkCollector(config: AgentConfig): Promise<Check> {
  const name = 'collector';
  try {
    const r = await fetch(`${config.collector}/v1/metrics`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
      },
      body: '{}',
      signal: AbortSignal.timeout(10_000),
    });
    if (r.status === 200)
      return { name, ok: true, detail: `${config.collector} accepts this agent's token` };
    if (r.status === 401)
      return {
        name,
        ok: false,
        detail: 'token refused (401)',
        fix: 'run `naap-agent enroll` or set NAAP_AGENT_TOKEN',
      };
    return { name, ok: false, detail: `HTTP ${r.status}`, fix: 'check NAAP_AGENT_COLLECTOR' };
  } catch (err) {
    return {
      name,
      ok: false,
      detail: (err as Error).message,
      fix: `is the collector reachable at ${config.collector}? (NAAP_AGENT_COLLECTOR)`,
    };
  }
}

async function checkDcgm(config: AgentConfig): Promise<Check> {
  const name = 'dcgm (measured CUE)';
  if (!config.samplers.has('dcgm'))
    return { name, ok: true, detail: 'disabled: CUE is the nvidia-smi proxy (labelled proxy)' };
  const found = await discoverGpus(config.dcgm.path, 10_000, AbortSignal.timeout(15_000));
  if (found.ok)
    return { name, ok: true, detail: `${found.gpus.size} GPU(s) visible to DCGM: CUE is measured` };
  if (found.missing)
    return {
      name,
      ok: true,
      detail: 'dcgmi not found (optional): CUE is the nvidia-smi proxy (labelled proxy)',
    };
  return {
    name,
    ok: false,
    detail: found.error,
    fix: 'start DCGM’s host engine (systemctl start nvidia-dcgm), or leave dcgm out of NAAP_AGENT_SAMPLERS',
  };
}

/** Checks every source and the collector; never throws. */
export async function runChecks(config: AgentConfig): Promise<Check[]> {
  return Promise.all([
    checkNvidiaSmi(config),
    checkGoLivepeer(config),
    checkJobLog(config),
    checkDcgm(config),
    checkCollector(config),
  ]);
}

export function formatChecks(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  return checks
    .map(
      (c) =>
        `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.detail}${!c.ok && c.fix ? `\n      → ${c.fix}` : ''}`,
    )
    .join('\n');
}
