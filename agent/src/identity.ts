import type { Logger } from 'pino';
import type { AgentConfig } from './config/types.js';
import { fetchIdentity } from './samplers/go-livepeer-metrics/identity.js';

/**
 * Completes the agent's identity (orchestrator address and service URI) from
 * go-livepeer's /orchestratorInfo when the configuration leaves them out.
 */
export async function resolveIdentity(config: AgentConfig, log: Logger): Promise<AgentConfig> {
  const id = config.identity;
  if ((id.address !== undefined && id.uri !== undefined) || config.goLivepeer.cliUrl === undefined)
    return config;
  try {
    const found = await fetchIdentity(config.goLivepeer.cliUrl, config.goLivepeer.timeoutMs);
    return {
      ...config,
      identity: { ...id, address: id.address ?? found.address, uri: id.uri ?? found.uri },
    };
  } catch (err) {
    log.warn(
      { err },
      'could not read the orchestrator identity from go-livepeer; set NAAP_AGENT_ADDRESS',
    );
    return config;
  }
}
