/**
 * What the pane gets from the server at start: the client configuration (engine, auth, site) and the metrics client
 * (queue kept in localStorage so that nothing is lost when the pane closes or the network is down).
 */
import { z } from 'zod';
import { MetricsClient, webStorage } from '../core/metrics/client';
import { OFFLINE_MODEL } from '../core/llm/types';
import { ENGINES, SITE_PATTERN } from '../core/metrics/events';
import { authFetch, onSignedIn } from '../hosts/auth';
import type { KeyValueStore } from '../hosts/types';

const clientConfigSchema = z.object({
  auth: z.enum(['entra', 'off']).catch('off'),
  provider: z.enum(ENGINES).catch('offline'),
  offline: z.boolean().catch(true),
  model: z.string().nullable().catch(null),
  site: z.string().catch('default'),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

/** When the server cannot be reached, the pane still opens (gallery from cache) with offline defaults. */
export const FALLBACK_CONFIG: ClientConfig = { auth: 'off', provider: 'offline', offline: true, model: OFFLINE_MODEL, site: 'default' };

export async function loadClientConfig(baseUrl: string, doFetch: typeof fetch = fetch): Promise<ClientConfig> {
  try {
    const res = await doFetch(`${baseUrl}/api/client-config`);
    if (!res.ok) return FALLBACK_CONFIG;
    return clientConfigSchema.parse(await res.json());
  } catch {
    return FALLBACK_CONFIG;
  }
}

export const APP_VERSION = '0.1.0';

/**
 * The metrics client over the pane's authenticated fetch, never interactive (a background send does not open a
 * sign-in window): on a 401 the queue is kept, and sent as soon as the user is signed in again.
 */
export async function createMetricsClient(baseUrl: string, config: ClientConfig, store: KeyValueStore, headers?: () => Promise<Record<string, string>>): Promise<MetricsClient> {
  const client = await MetricsClient.create({
    storage: webStorage(store),
    fetch: (url, init) => authFetch(url, init, { interactive: false }),
    endpoint: `${baseUrl}/api/events`,
    site: SITE_PATTERN.test(config.site) ? config.site : 'default',
    appVersion: APP_VERSION,
    headers,
    timers: { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>) },
    flushDelayMs: 1000,
  });
  const stop = onSignedIn(() => {
    if (client.pending().length) void client.resume().catch(() => undefined);
  });
  const dispose = client.dispose.bind(client);
  client.dispose = () => {
    stop();
    dispose();
  };
  return client;
}
