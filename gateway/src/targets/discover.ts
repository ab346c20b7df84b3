import type { PipelineId } from '@naap/otel';
import { getText, type Fetch } from '../http.js';
import { parseNetworkCapabilities } from './capabilities.js';
import { parseRegisteredOrchestrators, type Registered } from './registered.js';
import { readTargetsFile } from './targets-file.js';
import type { Discovery, Target } from './types.js';

const MAX_CLI_BYTES = 16 * 1024 * 1024;
const CLI_TIMEOUT_MS = 10_000;

export interface DiscoveryOptions {
  readonly fetch: Fetch;
  readonly cliUrl: string | null;
  readonly targetsFile: string | null;
  readonly filter: {
    readonly targets: ReadonlySet<string> | null;
    readonly pipelines: ReadonlySet<PipelineId> | null;
  };
  /**
   * Reads the gateway's capabilities given the on-chain orchestrators. With
   * webhook pinning, the webhook first answers all of them and `read` is
   * repeated until the gateway has fetched that answer.
   */
  readonly capabilitiesOf?: (
    registered: readonly Registered[],
    read: () => Promise<CapabilitiesResult>,
  ) => Promise<CapabilitiesResult>;
}

export type CapabilitiesResult = { targets: Target[] } | { problem: string };

export async function fetchCapabilities(
  fetchImpl: Fetch,
  cliUrl: string,
): Promise<CapabilitiesResult> {
  const r = await getText(
    fetchImpl,
    `${cliUrl}/getNetworkCapabilities`,
    CLI_TIMEOUT_MS,
    MAX_CLI_BYTES,
  );
  if (!r.ok) return { problem: r.reason };
  const targets = parseNetworkCapabilities(r.text);
  return targets === null
    ? { problem: `${cliUrl}/getNetworkCapabilities: not a network capabilities document` }
    : { targets };
}

async function fromCli(o: DiscoveryOptions, cliUrl: string): Promise<Discovery> {
  const problems: string[] = [];
  const r = await getText(
    o.fetch,
    `${cliUrl}/registeredOrchestrators`,
    CLI_TIMEOUT_MS,
    MAX_CLI_BYTES,
  );
  const registered = r.ok ? parseRegisteredOrchestrators(r.text) : null;
  if (!r.ok) problems.push(r.reason);
  else if (registered === null)
    problems.push(`${cliUrl}/registeredOrchestrators: not a JSON array`);
  const active = (registered ?? []).filter((x) => x.active);
  const read = () => fetchCapabilities(o.fetch, cliUrl);
  const caps = o.capabilitiesOf === undefined ? await read() : await o.capabilitiesOf(active, read);
  if ('problem' in caps) return { targets: [], problems: [...problems, caps.problem] };
  return { targets: caps.targets, problems };
}

async function fromFile(o: DiscoveryOptions, path: string): Promise<Discovery> {
  const problems: string[] = [];
  const listed = await readTargetsFile(path);
  const byCli = new Map<string, Target[] | null>();
  const targets: Target[] = [];
  for (const { target, listed: hasCapabilities } of listed) {
    if (hasCapabilities) {
      targets.push(target);
      continue;
    }
    const cli = target.gateway?.cliUrl ?? o.cliUrl;
    if (cli === null) {
      problems.push(`${target.address}: no capabilities listed and no gateway CLI to ask`);
      continue;
    }
    if (!byCli.has(cli)) {
      const caps = await fetchCapabilities(o.fetch, cli);
      if ('problem' in caps) problems.push(caps.problem);
      byCli.set(cli, 'problem' in caps ? null : caps.targets);
    }
    const found = byCli.get(cli)?.find((t) => t.address === target.address);
    if (found === undefined)
      problems.push(`${target.address}: not in ${cli}/getNetworkCapabilities`);
    else targets.push({ ...target, capabilities: found.capabilities });
  }
  return { targets, problems };
}

/** Applies the --target and --pipeline filters; drops targets left with nothing to test. */
export function filterTargets(
  targets: readonly Target[],
  filter: DiscoveryOptions['filter'],
): Target[] {
  return targets
    .filter((t) => filter.targets === null || filter.targets.has(t.address))
    .map((t) => ({
      ...t,
      capabilities: t.capabilities.filter(
        (c) => filter.pipelines === null || filter.pipelines.has(c.pipeline),
      ),
    }))
    .filter((t) => t.capabilities.length > 0);
}

/** The orchestrators to test, from a static list or the gateway CLI, filtered. */
export async function discoverTargets(o: DiscoveryOptions): Promise<Discovery> {
  let found: Discovery;
  if (o.targetsFile !== null) found = await fromFile(o, o.targetsFile);
  else if (o.cliUrl !== null) found = await fromCli(o, o.cliUrl);
  else
    return {
      targets: [],
      problems: ['no --targets-file and no --cli-url: nothing to discover from'],
    };
  return { targets: filterTargets(found.targets, o.filter), problems: found.problems };
}
