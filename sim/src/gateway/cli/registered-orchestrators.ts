import type { FastifyInstance } from 'fastify';
import { Rng } from '../../core/rng.js';
import type { SimNetwork, SimOrchestrator } from '../../scenario/resolve.js';
import type { GatewayRuntime } from '../runtime.js';
import { sendJson } from '../reply-json.js';

/** A round of the simulated Livepeer protocol (mainnet rounds are in the thousands). */
export const CURRENT_ROUND = 3_700n;
const LPT = 10n ** 18n;

/**
 * One eth/types.Transcoder as go-livepeer's respondJson writes it: Go field
 * names (no json tags), big.Int as JSON numbers (beyond JavaScript's safe
 * integers, so the text is built here), the address as ethcommon.Address
 * marshals it (lower-case hex) and PricePerPixel as big.Rat text ("n/d").
 */
function transcoderJson(network: SimNetwork, o: SimOrchestrator): string {
  const rng = Rng.of(network.seed, 'chain', o.id);
  const stake = BigInt(rng.int(5_000, 400_000)) * LPT + BigInt(rng.int(0, 999_999)) * 10n ** 12n;
  const fields: [string, string][] = [
    ['ServiceURI', JSON.stringify(o.serviceUri)],
    ['Address', JSON.stringify(o.address)],
    ['LastRewardRound', String(CURRENT_ROUND - BigInt(rng.int(0, 2)))],
    ['RewardCut', String(rng.int(0, 100) * 10_000)],
    ['FeeShare', String(rng.int(0, 100) * 10_000)],
    ['DelegatedStake', stake.toString()],
    ['ActivationRound', String(BigInt(rng.int(1_000, 3_600)))],
    ['DeactivationRound', '0'],
    ['LastActiveStakeUpdateRound', String(CURRENT_ROUND)],
    ['Active', 'true'],
    ['Status', '"Registered"'],
    ['PricePerPixel', JSON.stringify(`${o.pricePerUnit}/1`)],
  ];
  return `{${fields.map(([k, v]) => `"${k}":${v}`).join(',')}}`;
}

/**
 * GET /registeredOrchestrators (CLI): the on-chain transcoder pool — every
 * orchestrator of the scenario, whatever the gateway's own pool.
 */
export function registerRegisteredOrchestrators(app: FastifyInstance, rt: GatewayRuntime): void {
  app.get('/registeredOrchestrators', (_request, reply) => {
    const { network } = rt.ctx;
    const body = `[${network.orchestrators.map((o) => transcoderJson(network, o)).join(',')}]`;
    return sendJson(reply, body, 200, false);
  });
}
