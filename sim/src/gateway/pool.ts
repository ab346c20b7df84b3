import type { SimNetwork, SimOrchestrator } from '../scenario/resolve.js';
import type { ResolvedGatewayOptions } from './options.js';
import { WebhookDiscovery } from './webhook.js';

/** The orchestrators a request may be routed to. */
export interface PoolView {
  readonly members: readonly SimOrchestrator[];
  /**
   * The orchestrator the caller pinned: the first one of an explicit list
   * (`-orchAddr` order, webhook answer order), null when the pool is the
   * whole network. With a one-entry list it is the single member.
   */
  readonly pinned: SimOrchestrator | null;
  /** Whether the pool came from `-orchAddr` or the webhook. */
  readonly explicit: boolean;
}

/**
 * Normalises a service URI for matching: go-livepeer parses `-orchAddr`
 * entries without a scheme as `https://…`; host case and a trailing slash do
 * not make a different orchestrator.
 */
export function uriKey(uri: string): string | null {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? uri : `https://${uri}`;
  if (!URL.canParse(text)) return null;
  const u = new URL(text);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

export class OrchestratorPool {
  private readonly byUri = new Map<string, SimOrchestrator>();
  readonly webhook: WebhookDiscovery | null;

  constructor(
    readonly network: SimNetwork,
    private readonly options: ResolvedGatewayOptions,
  ) {
    for (const o of network.orchestrators) {
      const key = uriKey(o.serviceUri);
      if (key !== null) this.byUri.set(key, o);
    }
    this.webhook =
      options.orchAddr === null && options.webhookUrl !== null
        ? new WebhookDiscovery(options.webhookUrl, options.webhookCacheMs, options.fetch)
        : null;
  }

  /** The scenario orchestrator behind a service URI; null for unknown URIs. */
  byServiceUri(uri: string): SimOrchestrator | null {
    const key = uriKey(uri);
    return key === null ? null : (this.byUri.get(key) ?? null);
  }

  async view(): Promise<PoolView> {
    if (this.options.orchAddr !== null) return this.explicit(this.options.orchAddr);
    if (this.webhook !== null) return this.explicit(await this.webhook.addresses());
    return { members: this.network.orchestrators, pinned: null, explicit: false };
  }

  private explicit(uris: readonly string[]): PoolView {
    const members: SimOrchestrator[] = [];
    for (const uri of uris) {
      const o = this.byServiceUri(uri);
      if (o !== null && !members.includes(o)) members.push(o);
    }
    return { members, pinned: members[0] ?? null, explicit: true };
  }
}
