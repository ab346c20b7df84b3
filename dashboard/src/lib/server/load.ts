import type { RequestEvent } from '@sveltejs/kit';
import {
  ApiError,
  apiClient,
  apiPath,
  type ApiClient,
  type EndpointPath,
  type Endpoints,
} from './api.js';
import type { Loaded } from '../loaded.js';

/**
 * One section of a page: the API's answer or why there is none, and the API
 * call that produced it (shown as the section's export and "API call" links).
 * A failing section never fails the page.
 */
export async function section<T>(path: string, run: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await run(), api: path };
  } catch (err) {
    if (err instanceof ApiError) {
      return {
        ok: false,
        api: path,
        error: { status: err.status, code: err.code, message: err.message },
      };
    }
    console.error(err);
    return {
      ok: false,
      api: path,
      error: { status: 500, code: 'internal', message: 'This section could not be loaded.' },
    };
  }
}

export interface PageApi {
  readonly client: ApiClient;
  load<P extends EndpointPath>(
    path: P,
    query?: Endpoints[P]['query'],
  ): Promise<Loaded<Endpoints[P]['answer']>>;
}

/** The API as a page's load function uses it. */
export function pageApi(event: Pick<RequestEvent, 'locals' | 'fetch'>): PageApi {
  const client = apiClient(event.locals.config, event.fetch);
  return {
    client,
    load: (path, query) =>
      section(apiPath(path, query as Record<string, string> | undefined), () =>
        client.get(path, query),
      ),
  };
}
