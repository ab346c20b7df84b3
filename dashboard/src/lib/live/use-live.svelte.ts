import { resolve } from '$app/paths';
import { live, type LiveHandlers } from './live.svelte.js';

/**
 * Subscribes the calling component to the live stream while it is mounted,
 * with the filters `query` returns (re-subscribing when they change).
 */
export function useLive(
  query: () => Readonly<Record<string, string | undefined>>,
  handlers: () => LiveHandlers,
): void {
  $effect(() => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query())) if (v !== undefined && v !== '') params.set(k, v);
    const search = params.toString();
    const url = `${resolve('/api/v1/live')}${search === '' ? '' : `?${search}`}`;
    return live.subscribe(url, handlers());
  });
}
