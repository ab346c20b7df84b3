import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Endpoints, SimNetwork } from '@naap/sim';
import { execa } from 'execa';
import { BIN } from './services.js';

/** Where an orchestrator's agent keeps the token it got by enrolling. */
export const tokenFileOf = (dataDir: string, orchestratorId: string): string =>
  join(dataDir, 'agents', `${orchestratorId}.token`);

async function readToken(path: string): Promise<string | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const token = text.trim();
  return token === '' ? undefined : token;
}

/**
 * Enrolls every simulated orchestrator's agent for real: `naap-agent enroll`
 * asks the collector for a challenge and has the orchestrator's go-livepeer
 * (the simulator's `/signMessage`, a real secp256k1 key) sign it. A token
 * kept from an earlier run is reused. Returns the tokens by address.
 */
export async function enrollAgents(
  dataDir: string,
  endpoints: Endpoints,
  network: SimNetwork,
  collectorUrl: string,
): Promise<Map<string, string>> {
  await mkdir(join(dataDir, 'agents'), { recursive: true, mode: 0o700 });
  const tokens = new Map<string, string>();
  for (const o of endpoints.orchestrators) {
    const hostName = network.orchestrators.find((n) => n.id === o.id)?.hostName;
    if (!o.agent || hostName === undefined) continue;
    const file = tokenFileOf(dataDir, o.id);
    let token = await readToken(file);
    if (token === undefined) {
      const result = await execa(process.execPath, [BIN.agent, 'enroll'], {
        reject: false,
        all: true,
        timeout: 60_000,
        env: {
          NAAP_AGENT_COLLECTOR: collectorUrl,
          NAAP_AGENT_GO_LIVEPEER_CLI: o.cliUrl,
          NAAP_AGENT_ADDRESS: o.address,
          NAAP_AGENT_HOST_NAME: hostName,
          NAAP_AGENT_TOKEN_FILE: file,
        },
      });
      token = await readToken(file);
      if (result.exitCode !== 0 || token === undefined)
        throw new Error(`enrolling ${o.id}'s agent failed:\n${result.all}`);
    }
    tokens.set(o.address.toLowerCase(), token);
  }
  return tokens;
}
