import type { Logger } from 'pino';
import type { AgentConfig } from './config/types.js';
import { GoLivepeerLogSampler } from './samplers/go-livepeer-log/index.js';
import { GoLivepeerMetricsSampler } from './samplers/go-livepeer-metrics/index.js';
import { HostSampler } from './samplers/host/index.js';
import { NvidiaSmiSampler } from './samplers/nvidia-smi/index.js';
import { RunnersSampler } from './samplers/runners/index.js';
import type { Sampler } from './samplers/sampler.js';

/** Every sampler by its registered name; the configuration picks which run. */
const FACTORIES: Readonly<Record<string, (config: AgentConfig) => Sampler>> = {
  'nvidia-smi': () => new NvidiaSmiSampler(),
  host: () => new HostSampler(),
  'go-livepeer-metrics': () => new GoLivepeerMetricsSampler(),
  // go-livepeer's own counters (when scraped) are the job counts; the log
  // then only adds what they lack: per-job durations.
  'go-livepeer-log': (config) =>
    new GoLivepeerLogSampler({
      countJobs: !(
        config.samplers.has('go-livepeer-metrics') && config.goLivepeer.cliUrl !== undefined
      ),
    }),
  runners: () => new RunnersSampler(),
};

export const SAMPLER_REGISTRY = Object.keys(FACTORIES);

/** The enabled samplers, in registry order; those whose source is disabled are skipped. */
export function createSamplers(config: AgentConfig, log: Logger): Sampler[] {
  const out: Sampler[] = [];
  for (const [name, make] of Object.entries(FACTORIES)) {
    if (!config.samplers.has(name)) continue;
    if (name === 'go-livepeer-metrics' && config.goLivepeer.cliUrl === undefined) {
      log.info('go-livepeer-metrics disabled: no go-livepeer CLI URL');
      continue;
    }
    if (name === 'go-livepeer-log' && config.jobLog.kind === 'none') {
      log.info('go-livepeer-log disabled: no job log source');
      continue;
    }
    out.push(make(config));
  }
  return out;
}
