import { loadUndici } from '../shared/lazy-import.js';

/**
 * `fetch` that honours the proxy variables curl and npm use, which Node's built-in fetch ignores:
 * `HTTPS_PROXY` / `HTTP_PROXY` (or lower case) route requests through that proxy, `NO_PROXY`
 * lists hosts (`host`, `.domain`, `host:port`, `*`) reached directly (undici's
 * `EnvHttpProxyAgent`; the proxy is asked to tunnel with `CONNECT`). Without a proxy variable it is
 * the global fetch. The variables are read on every call.
 *
 * ## Example
 * ```ts
 * process.env.HTTPS_PROXY = 'http://proxy.corp:3128';
 * const res = await proxyFetch('https://raw.githubusercontent.com/...'); // tunnelled through proxy.corp
 * ```
 * @param url - absolute http(s) URL.
 * @param init - `signal` and `redirect` as in `fetch`.
 * @returns the response (its body is a web `ReadableStream`).
 */
export async function proxyFetch(url: string, init: { signal?: AbortSignal | undefined; redirect?: 'follow' | 'error' | 'manual' } = {}): Promise<Response> {
  const env = process.env;
  if (!(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy)) return globalThis.fetch(url, init);
  const { EnvHttpProxyAgent, fetch: undiciFetch } = await loadUndici();
  const dispatcher = new EnvHttpProxyAgent();
  try {
    const res = await undiciFetch(url, { ...init, dispatcher });
    return res as unknown as Response;
  } finally {
    // the response body keeps its connection until read; close the agent once nothing is in flight
    void dispatcher.close().catch(() => undefined);
  }
}
