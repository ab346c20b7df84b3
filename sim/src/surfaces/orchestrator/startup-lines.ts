import type { SimOrchestrator } from '../../scenario/resolve.js';
import { glogLine, type LogLine } from './glog.js';
import { GO_VERSION } from './identity.js';

/** Arbitrum One: go-livepeer's `arbitrum-one-mainnet` network and its Controller. */
const NETWORK = 'arbitrum-one-mainnet';
const CONTROLLER = '0xD8E8328501E9645d16Cf49539efC04f734606ee4';

/**
 * What go-livepeer prints when an orchestrator starts (cmd/livepeer/starter,
 * monitor/census.go InitCensus, server/webserver.go StartCliWebserver); the
 * shapes follow real start-up output such as
 *   I1204 21:12:42.359095       1 livepeer.go:201] ***Livepeer is running on the offchain network***
 *   I1204 21:12:42.364113       1 webserver.go:68] CLI server listening on 127.0.0.1:7935
 */
export function startupLines(o: SimOrchestrator, atMs: number, cliAddr: string): LogLine[] {
  const lines: [string, number, string][] = [
    ['starter.go', 537, `***Livepeer is running on the ${NETWORK} network: ${CONTROLLER}***`],
    ['starter.go', 554, `Creating data dir: /root/.lpData/${NETWORK}`],
    ['census.go', 427, `Compiler: gc Arch amd64 OS linux Go version ${GO_VERSION}`],
    ['census.go', 428, `Livepeer version: ${o.version}`],
    ['census.go', 429, `Node type orch node ID ${o.nodeId}`],
    ['starter.go', 1827, '***Livepeer Running in Orchestrator Mode***'],
    ['webserver.go', 68, `CLI server listening on ${cliAddr}`],
  ];
  return lines.map(([file, line, text], i) => glogLine('I', atMs + i * 1.7, { file, line }, text));
}
