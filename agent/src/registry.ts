import type { Logger } from 'pino';
import type { AgentConfig } from './config/types.js';
import type { Sampler } from './samplers/sampler.js';

/** What samplers built together share. */
interface Shared {
  /** GPUs whose CUE the dcgm sampler measures now (none when it is off). */
  measuredCue: () => ReadonlySet<string>;
}

type Factory = (config: AgentConfig, shared: Shared) => Promise<Sampler>;

/**
 * Every sampler by its registered name; the configuration picks which run.
 * Each module is imported only when its sampler is enabled: a disabled
 * sampler costs the agent no memory for its code.
 */
const FACTORIES: Readonly<Record<string, Factory>> = {
  'nvidia-smi': async (_config, shared) =>
    new (await import('./samplers/nvidia-smi/sampler.js')).NvidiaSmiSampler({
      cueMeasured: (uuid) => shared.measuredCue().has(uuid),
    }),
  host: async () => new (await import('./samplers/host/sampler.js')).HostSampler(),
  'go-livepeer-metrics': async () =>
    new (await import('./samplers/go-livepeer-metrics/sampler.js')).GoLivepeerMetricsSampler(),
  // go-livepeer's own counters (when scraped) are the job counts; the log
  // then only adds what they lack: per-job durations.
  'go-livepeer-log': async (config) =>
    new (await import('./samplers/go-livepeer-log/sampler.js')).GoLivepeerLogSampler({
      countJobs: !(
        config.samplers.has('go-livepeer-metrics') && config.goLivepeer.cliUrl !== undefined
      ),
    }),
  runners: async () => new (await import('./samplers/runners/sampler.js')).RunnersSampler(),
  dcgm: async (_config, shared) => {
    const sampler = new (await import('./samplers/dcgm/sampler.js')).DcgmSampler();
    shared.measuredCue = () => sampler.measuredUuids();
    return sampler;
  },
};

export const SAMPLER_REGISTRY = Object.keys(FACTORIES);

const NONE: ReadonlySet<string> = new Set();

/** The enabled samplers, in registry order; those whose source is disabled are skipped. */
export async function createSamplers(config: AgentConfig, log: Logger): Promise<Sampler[]> {
  const out: Sampler[] = [];
  const shared: Shared = { measuredCue: () => NONE };
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
    out.push(await make(config, shared));
  }
  return out;
}
