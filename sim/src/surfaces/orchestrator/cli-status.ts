import { hashKey } from '../../core/rng.js';
import type { SimOrchestrator } from '../../scenario/resolve.js';
import { GO_VERSION } from './identity.js';

/**
 * Bodies of go-livepeer's CLI `GET /status` and `GET /orchestratorInfo`
 * (server/webserver.go), as Go's encoding/json writes them: struct fields in
 * declaration order, big.Int as bare JSON numbers (they exceed JS's safe
 * integers, hence the hand-written serialisation), big.Rat through
 * MarshalText (a string, the integer alone when the denominator is 1),
 * common.Address as lower-case hex.
 */

const BIG = '\u0000big:';

/** JSON with bigints written as bare numbers, like Go's *big.Int. */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'bigint' ? `${BIG}${v.toString()}` : v,
  );
  return text.replace(/"\\u0000big:(-?\d+)"/g, '$1');
}

/** `*big.Rat` MarshalText of price per pixel pricePerUnit/1. */
const ratText = (n: number): string => String(n);

/**
 * `GetNodeStatus()` of an orchestrator that transcodes/infers itself
 * (TranscoderManager nil → LocalTranscoding true), with the base price the
 * node was started with under "default" (GetBasePrices).
 */
export function nodeStatusJson(o: SimOrchestrator): string {
  return goJson({
    Manifests: {},
    InternalManifests: {},
    StreamInfo: {},
    OrchestratorPool: [],
    OrchestratorPoolInfos: null,
    Version: o.version,
    GolangRuntimeVersion: GO_VERSION,
    GOArch: 'amd64',
    GOOS: 'linux',
    RegisteredTranscodersNumber: 0,
    RegisteredTranscoders: [],
    LocalTranscoding: true,
    BroadcasterPrices: { default: ratText(o.pricePerUnit) },
  });
}

/** Livepeer protocol rounds (Arbitrum One): round 3400 began 2024-06-01, 5760 L1 blocks of 12 s each. */
const ROUND_ANCHOR_MS = Date.UTC(2024, 5, 1);
const ROUND_ANCHOR = 3400;
export const ROUND_MS = 5760 * 12_000;

export function roundAt(atMs: number): number {
  return ROUND_ANCHOR + Math.floor((atMs - ROUND_ANCHOR_MS) / ROUND_MS);
}

const MAX_UINT256 = (1n << 256n) - 1n;
/** Protocol percentages are parts per million (PERC_DIVISOR = 1000000). */
const PERC = 10_000n;

/**
 * `{Transcoder: *lpTypes.Transcoder, PriceInfo: *big.Rat}`: the on-chain
 * transcoder record (eth/types/contracts.go field order) of an active
 * orchestrator, with the node's base price per pixel.
 */
export function orchestratorInfoJson(o: SimOrchestrator, atMs: number): string {
  const h = (salt: string): number => hashKey([o.address, salt]);
  const round = BigInt(roundAt(atMs));
  return goJson({
    Transcoder: {
      Address: o.address.toLowerCase(),
      ServiceURI: o.serviceUri,
      LastRewardRound: o.behaviour === 'outage' ? round - 1n : round,
      RewardCut: BigInt([5, 10, 15, 25][h('cut') % 4] ?? 10) * PERC,
      FeeShare: BigInt([50, 75, 90, 100][h('share') % 4] ?? 50) * PERC,
      DelegatedStake: BigInt(20_000 + (h('stake') % 480_000)) * 10n ** 18n,
      ActivationRound: round - BigInt(120 + (h('act') % 900)),
      DeactivationRound: MAX_UINT256,
      LastActiveStakeUpdateRound: round,
      Active: true,
      Status: 'Registered',
      PricePerPixel: null,
    },
    PriceInfo: ratText(o.pricePerUnit),
  });
}
