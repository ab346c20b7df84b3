import { getAddress, keccak256, stringToHex } from 'viem';
import { hashKey } from '../../core/rng.js';
import type { JobRecord } from '../../model/jobs.js';

/**
 * Who and what the simulated go-livepeer node and its peers are: the values
 * the real node would print or export that the scenario does not describe
 * (build, process id, the gateways paying it). All deterministic.
 */

/** Go toolchain the simulated go-livepeer release was built with (`go_info`, `livepeer_versions`). */
export const GO_VERSION = 'go1.23.4';

/** go-livepeer runs as PID 1 in its Docker container; glog prints it as the thread id. */
export const GLOG_PID = 1;

const GATEWAY_COUNT = 3;

/** A gateway paying this node: its ETH address (EIP-55, as `sender.Hex()` prints) and IP. */
export interface SimSender {
  readonly address: string;
  readonly clientIp: string;
}

const senders = new Map<string, SimSender>();

function gatewaySender(seed: number, index: number): SimSender {
  const key = `${seed}/${index}`;
  let sender = senders.get(key);
  if (sender === undefined) {
    const hash = keccak256(stringToHex(`naap-sim/gateway/${key}`));
    sender = { address: getAddress(`0x${hash.slice(26)}`), clientIp: `203.0.113.${10 + index}` };
    senders.set(key, sender);
  }
  return sender;
}

/**
 * The gateway that sent a job: background jobs come from one of a few
 * network gateways (picked by request id), routed ones from the simulated
 * test-load gateway (index 0).
 */
export function senderOf(seed: number, job: JobRecord): SimSender {
  const index = job.origin === 'gateway' ? 0 : hashKey([job.id]) % GATEWAY_COUNT;
  return gatewaySender(seed, index);
}

/** go-livepeer's `ethcommon.Address{}.String()`: the sender of live-video errors. */
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

const hex8 = (parts: (string | number)[]): string => hashKey(parts).toString(16).padStart(8, '0');

/**
 * The manifest id of the gateway's AI session (`core.RandomManifestID()`,
 * 8 hex): gateways keep an AI session up to 10 minutes, so one id per
 * sender, model and 10-minute slot.
 */
export function sessionManifestId(seed: number, job: JobRecord): string {
  return hex8([
    seed,
    'session',
    senderOf(seed, job).address,
    job.pipeline,
    job.modelId,
    Math.floor(job.startMs / 600_000),
  ]);
}

/** Live streams: the gateway's request id and stream id logged beside the orchestrator's id. */
export function liveIdsOf(job: JobRecord): {
  readonly gatewayRequestId: string;
  readonly streamId: string;
} {
  return {
    gatewayRequestId: hex8(['gw-request', job.id]),
    streamId: `stream-${hex8(['stream', job.id])}`,
  };
}
