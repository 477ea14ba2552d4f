/**
 * The signed-in user's access token for Aide's server (gateway, prompt library, metrics, dashboard API). Sign-in
 * settings come from the server (`/api/client-config`: auth mode, client id, tenant, scopes, authority); with
 * AIDE_AUTH=off there is no token (null) and the server treats every call as the local trial user.
 *
 * With Entra ID, by where the page runs:
 * 1. In Outlook / Word: MSAL's nested app authentication (`createNestablePublicClientApplication`): the host hands
 *    the signed-in user's token to the add-in, silently when possible, else with a consent popup the host shows.
 *    When the host does not support it (older Office), the Office dialog flow: `auth-dialog.html`
 *    (src/taskpane/auth-dialog.ts) opens in `Office.context.ui.displayDialogAsync`, signs in with MSAL's redirect
 *    flow and sends the token back with `messageParent`. Its URL must be registered as a SPA redirect URI.
 * 2. In a plain browser (the /preview page, the dashboard): MSAL's `PublicClientApplication` with the redirect flow;
 *    the page itself is the redirect URI (register `<public URL>/preview` and `<public URL>/dashboard` as SPA
 *    redirect URIs). Coming back from the sign-in page, `handleRedirectPromise` completes it.
 * MSAL is loaded with a dynamic `import()` the first time a token is needed: a page with sign-in off never loads it.
 * Tokens are kept in memory until five minutes before they expire (MSAL's own cache is in sessionStorage).
 *
 * `authFetch` is the one way the pages call the server: it adds `Authorization: Bearer`, and on a 401 renews the
 * token silently once and retries once; a second 401 is returned to the caller (who shows « Votre session a expiré :
 * reconnectez-vous ») and the token is forgotten, so the next action of the user signs in again. Never a loop.
 *
 * Microsoft Graph (`getGraphToken`): a second token, for Graph scopes (Mail.Read to read the whole conversation,
 * User.Read for the job title), through nested app authentication only. It is a convenience: whenever it cannot be
 * had (AIDE_AUTH=off, no client id, an Office without nested app authentication, consent refused) the answer is null
 * and the caller falls back (quoted history, no role suggestion); it never opens the sign-in dialog.
 */
import type { Configuration, IPublicClientApplication } from '@azure/msal-browser';

/** Entra ID's public cloud; AIDE_AUTH_AUTHORITY changes it (a national cloud, or a test issuer). */
export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

export interface ClientAuthConfig {
  auth: 'entra' | 'off';
  clientId: string | null;
  tenantId: string | null;
  scopes: string[];
  /** The sign-in host (scheme and host, no tenant), from AIDE_AUTH_AUTHORITY; default Entra's public cloud. */
  authority?: string | null;
}

export interface AccessToken {
  token: string;
  /** Milliseconds since epoch. */
  expiresOn: number;
}

/** What a caller allows when it asks for a token. */
export interface TokenRequest {
  /** Ask the identity provider for a new token even if one is cached (after a 401). */
  forceRefresh?: boolean;
  /** May a sign-in window (or page) be shown? False for background calls (metrics) and for renewals. */
  interactive?: boolean;
}

export type SignInErrorKey = 'auth.notConfigured' | 'auth.cancelled' | 'auth.failed' | 'auth.dialogBlocked' | 'auth.expired';

/** Why sign-in failed, as a translation key the pane shows (fr/en) plus the technical detail. */
export class SignInError extends Error {
  constructor(
    readonly key: SignInErrorKey,
    detail: string,
  ) {
    super(detail);
    this.name = 'SignInError';
  }
}

/** The authority MSAL signs in with: the configured host and the tenant (`organizations` without one). */
export function authorityUrl(config: ClientAuthConfig): string {
  const base = (config.authority || DEFAULT_AUTHORITY).replace(/\/+$/, '');
  return `${base}/${config.tenantId ?? 'organizations'}`;
}

/**
 * MSAL options for a page, from the server's client config. `redirectUri` is the page MSAL comes back to: the
 * Office dialog page by default, the page itself for the browser redirect flow.
 */
export function msalConfiguration(config: ClientAuthConfig, origin: string, redirectUri = `${origin}/auth-dialog.html`): Configuration {
  if (!config.clientId) throw new SignInError('auth.notConfigured', 'The server has no AIDE_AUTH_CLIENT_ID: sign-in is not configured.');
  const authority = authorityUrl(config);
  const host = new URL(authority).host;
  return {
    auth: {
      clientId: config.clientId,
      authority,
      redirectUri,
      // A host other than Entra's public cloud (national cloud, test issuer) is trusted as configured by the server.
      ...(host !== new URL(DEFAULT_AUTHORITY).host ? { knownAuthorities: [host] } : {}),
    },
    // Session storage: the token does not outlive the pane's window, and is not shared with other sites.
    cache: { cacheLocation: 'sessionStorage' },
  };
}

/** The dialog page's URL, carrying what it needs to sign in (nothing secret). */
export function dialogUrl(config: ClientAuthConfig, origin: string): string {
  const params = new URLSearchParams({ clientId: config.clientId ?? '', tenantId: config.tenantId ?? 'organizations', scopes: config.scopes.join(' ') });
  if (config.authority) params.set('authority', config.authority);
  return `${origin}/auth-dialog.html?${params.toString()}`;
}

/** What the dialog page sends back with `messageParent`. */
export type DialogMessage = { type: 'token'; token: string; expiresOn: number } | { type: 'error'; message: string };

export function parseDialogMessage(message: string): DialogMessage {
  try {
    const value = JSON.parse(message) as Partial<{ type: string; token: unknown; expiresOn: unknown; message: unknown }>;
    if (value.type === 'token' && typeof value.token === 'string' && typeof value.expiresOn === 'number')
      return { type: 'token', token: value.token, expiresOn: value.expiresOn };
    if (value.type === 'error') return { type: 'error', message: typeof value.message === 'string' ? value.message : 'sign-in failed' };
  } catch {
    /* not JSON: reported below */
  }
  return { type: 'error', message: 'The sign-in window sent an unexpected message.' };
}

export interface AuthDependencies {
  /** Reads `/api/client-config`. */
  loadConfig(): Promise<ClientAuthConfig>;
  /** True inside Outlook / Word (nested app authentication, then the Office dialog); false in a plain browser. */
  inOffice?(): boolean;
  /** Nested app authentication; throws when the host does not support it or (not interactive) a prompt is needed. */
  nestedToken(config: ClientAuthConfig, request: Required<TokenRequest>): Promise<AccessToken>;
  /** The Office dialog fallback (always interactive). */
  dialogToken(config: ClientAuthConfig): Promise<AccessToken>;
  /** The plain browser's redirect flow; throws when not interactive and no silent token can be had. */
  browserToken?(config: ClientAuthConfig, request: Required<TokenRequest>): Promise<AccessToken>;
  now(): number;
}

export interface Auth {
  /** The bearer token, or null when the server runs with AIDE_AUTH=off. Throws SignInError when none can be had. */
  getAccessToken(request?: TokenRequest): Promise<string | null>;
  /** Forgets the token (after a refused one, so that the next call signs in again) and the client config. */
  clear(): void;
  /** Called with each new token (the metrics queue resumes once signed in again). Returns the unsubscribe. */
  onSignedIn(listener: () => void): () => void;
}

const MARGIN_MS = 5 * 60 * 1000;

export function createAuth(deps: AuthDependencies): Auth {
  let config: Promise<ClientAuthConfig> | null = null;
  let cached: AccessToken | null = null;
  let pending: Promise<AccessToken> | null = null;
  const listeners = new Set<() => void>();
  const inOffice = deps.inOffice ?? (() => true);

  async function acquire(settings: ClientAuthConfig, request: Required<TokenRequest>): Promise<AccessToken> {
    if (!inOffice()) {
      if (!deps.browserToken) throw new SignInError('auth.failed', 'Sign-in needs Outlook, Word or a browser.');
      return deps.browserToken(settings, request);
    }
    try {
      return await deps.nestedToken(settings, request);
    } catch (nestedError) {
      if (nestedError instanceof SignInError && nestedError.key === 'auth.cancelled') throw nestedError;
      // The dialog is a window: only when the user acted (a renewal or a background call fails instead).
      if (!request.interactive) throw new SignInError('auth.expired', 'No token could be had silently.');
      return deps.dialogToken(settings);
    }
  }

  return {
    async getAccessToken(request: TokenRequest = {}): Promise<string | null> {
      const full = { forceRefresh: request.forceRefresh ?? false, interactive: request.interactive ?? true };
      config ??= deps.loadConfig().catch((err: unknown) => {
        config = null; // try again next time (the server may just be starting)
        throw err;
      });
      const settings = await config;
      if (settings.auth === 'off') return null;
      if (!full.forceRefresh && cached && cached.expiresOn - MARGIN_MS > deps.now()) return cached.token;
      // One sign-in at a time: several calls while a popup is open share it.
      pending ??= acquire(settings, full).finally(() => {
        pending = null;
      });
      const token = await pending;
      const fresh = token.token !== cached?.token;
      cached = token;
      if (fresh) for (const listener of listeners) listener();
      return token.token;
    },
    clear() {
      cached = null;
      config = null;
    },
    onSignedIn(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A fetch that carries the user's token: what every call of the pane and the dashboard to the server goes through. */
export type AuthFetch = (input: string, init?: RequestInit, options?: { interactive?: boolean }) => Promise<Response>;

function withBearer(init: RequestInit, token: string | null): RequestInit {
  if (token === null) return init;
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/**
 * Adds the bearer; on a 401, one silent renewal and one retry; a second 401 goes back to the caller and the token is
 * forgotten. `interactive: false` for background calls (the metrics queue): they never open a sign-in window.
 */
export function createAuthFetch(auth: Pick<Auth, 'getAccessToken' | 'clear'>, doFetch: (input: string, init?: RequestInit) => Promise<Response>): AuthFetch {
  return async (input, init = {}, options = {}) => {
    const token = await auth.getAccessToken({ interactive: options.interactive ?? true });
    const res = await doFetch(input, withBearer(init, token));
    if (res.status !== 401 || token === null) return res;
    let renewed: string | null;
    try {
      renewed = await auth.getAccessToken({ forceRefresh: true, interactive: false });
    } catch {
      renewed = null;
    }
    if (renewed === null || renewed === token) {
      auth.clear();
      return res;
    }
    const again = await doFetch(input, withBearer(init, renewed));
    if (again.status === 401) auth.clear();
    return again;
  };
}

// ---- the real dependencies (browser + Office) ----

/** `/api/client-config`, the sign-in part (also read by the Office dialog page). */
export async function fetchClientAuthConfig(): Promise<ClientAuthConfig> {
  const res = await fetch('/api/client-config', { credentials: 'same-origin' });
  if (!res.ok) throw new SignInError('auth.failed', `/api/client-config answered ${res.status}`);
  const body = (await res.json()) as Partial<ClientAuthConfig>;
  return {
    auth: body.auth === 'entra' ? 'entra' : 'off',
    clientId: typeof body.clientId === 'string' ? body.clientId : null,
    tenantId: typeof body.tenantId === 'string' ? body.tenantId : null,
    scopes: Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === 'string') : [],
    authority: typeof body.authority === 'string' ? body.authority : null,
  };
}

function msal(): Promise<typeof import('@azure/msal-browser')> {
  return import(/* webpackChunkName: "msal" */ '@azure/msal-browser');
}

/** Inside Outlook or Word (not the preview page, not the dashboard, not Office.js loaded outside Office). */
function runsInOffice(): boolean {
  if (typeof Office === 'undefined' || !Office.context) return false;
  const context = Office.context as { host?: unknown; diagnostics?: { host?: unknown } };
  return !!(context.host ?? context.diagnostics?.host);
}

function nestedAppAuthSupported(): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1');
}

/** One MSAL application per client id for the pane's lifetime (creating one reads the host's account each time). */
let nestedApp: { clientId: string; app: Promise<IPublicClientApplication> } | null = null;

function tokenOf(result: { accessToken: string; expiresOn: Date | null }): AccessToken {
  return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 30 * 60 * 1000 };
}

async function nestedTokenFor(config: ClientAuthConfig, scopes: string[], request: Required<TokenRequest>): Promise<AccessToken> {
  if (!nestedAppAuthSupported()) throw new Error('nested app authentication is not supported by this host');
  if (!nestedApp || nestedApp.clientId !== config.clientId) {
    const app = msal().then((m) => m.createNestablePublicClientApplication(msalConfiguration(config, location.origin)));
    app.catch(() => (nestedApp = null));
    nestedApp = { clientId: config.clientId ?? '', app };
  }
  const app = await nestedApp.app;
  let result;
  try {
    result = await app.acquireTokenSilent({ scopes, forceRefresh: request.forceRefresh });
  } catch (silentError) {
    if (!request.interactive) throw silentError;
    try {
      result = await app.acquireTokenPopup({ scopes });
    } catch (err) {
      const code = (err as { errorCode?: string }).errorCode ?? '';
      if (code === 'user_cancelled') throw new SignInError('auth.cancelled', 'Sign-in was cancelled.');
      throw err;
    }
  }
  return tokenOf(result);
}

function nestedToken(config: ClientAuthConfig, request: Required<TokenRequest>): Promise<AccessToken> {
  return nestedTokenFor(config, config.scopes, request);
}

function dialogToken(config: ClientAuthConfig): Promise<AccessToken> {
  return new Promise((resolve, reject) => {
    if (typeof Office === 'undefined' || !Office.context?.ui) {
      reject(new SignInError('auth.failed', 'Sign-in needs Outlook or Word (the Office dialog is not available here).'));
      return;
    }
    Office.context.ui.displayDialogAsync(dialogUrl(config, location.origin), { height: 60, width: 30, promptBeforeOpen: false }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        // 12009: the user blocked the dialog; 12007: one is already open.
        reject(new SignInError('auth.dialogBlocked', opened.error?.message ?? 'The sign-in window could not open.'));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        const message = parseDialogMessage('message' in arg ? arg.message : '');
        if (message.type === 'token') resolve({ token: message.token, expiresOn: message.expiresOn });
        else reject(new SignInError('auth.failed', message.message));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => {
        // 12006: the user closed the window.
        reject(new SignInError('auth.cancelled', 'The sign-in window was closed.'));
      });
    });
  });
}

/**
 * The browser page's MSAL application, created once; the first creation completes a sign-in redirect that brought
 * the reader back to this page (MSAL requires `handleRedirectPromise` before any other call).
 */
let browserApp: Promise<IPublicClientApplication> | null = null;

function browserClient(config: ClientAuthConfig): Promise<IPublicClientApplication> {
  browserApp ??= (async () => {
    const { PublicClientApplication } = await msal();
    const app = new PublicClientApplication(msalConfiguration(config, location.origin, location.origin + location.pathname));
    await app.initialize();
    const result = await app.handleRedirectPromise();
    if (result?.account) app.setActiveAccount(result.account);
    return app;
  })().catch((err: unknown) => {
    browserApp = null;
    throw err;
  });
  return browserApp;
}

async function browserToken(config: ClientAuthConfig, request: Required<TokenRequest>): Promise<AccessToken> {
  const app = await browserClient(config);
  const account = app.getActiveAccount() ?? app.getAllAccounts()[0] ?? null;
  if (account) {
    try {
      return tokenOf(await app.acquireTokenSilent({ scopes: config.scopes, account, forceRefresh: request.forceRefresh }));
    } catch (err) {
      if (!request.interactive) throw err;
    }
  }
  if (!request.interactive) throw new SignInError('auth.expired', 'Not signed in.');
  // The page goes to the sign-in page and comes back here (same URL, filters kept); this call never returns.
  await app.acquireTokenRedirect({ scopes: config.scopes, redirectStartPage: location.href, ...(account ? { account } : {}) });
  return new Promise<AccessToken>(() => undefined);
}

const defaultAuth = createAuth({ loadConfig: fetchClientAuthConfig, inOffice: runsInOffice, nestedToken, dialogToken, browserToken, now: () => Date.now() });

/** The bearer token for the server, or null when the server runs with AIDE_AUTH=off. */
export function getAccessToken(request?: TokenRequest): Promise<string | null> {
  return defaultAuth.getAccessToken(request);
}

/** Forgets the token (after a 401, so the next call signs in again). */
export function clearAccessToken(): void {
  defaultAuth.clear();
  defaultGraphAuth.clear();
}

/** Called with each new token (e.g. signed in again after an expiry). */
export function onSignedIn(listener: () => void): () => void {
  return defaultAuth.onSignedIn(listener);
}

/** The pages' fetch to Aide's server: see `createAuthFetch`. */
export const authFetch: AuthFetch = createAuthFetch(defaultAuth, (input, init) => fetch(input, init));

// ---- Microsoft Graph ----

/** Mail.Read: the messages of the open mail's conversation. User.Read: the user's job title (`/me`). */
export const GRAPH_MAIL_SCOPES = ['Mail.Read'];
export const GRAPH_PROFILE_SCOPES = ['User.Read'];

export interface GraphTokenDependencies {
  loadConfig(): Promise<ClientAuthConfig>;
  /** A nested-app-authentication token for these Graph scopes; silent only unless `interactive`. Throws on failure. */
  nestedToken(config: ClientAuthConfig, scopes: string[], interactive: boolean): Promise<AccessToken>;
  now(): number;
}

export interface GraphTokenOptions {
  /** May the host show its consent prompt (the user asked for something that needs Graph)? Default false. */
  interactive?: boolean;
}

export function createGraphAuth(deps: GraphTokenDependencies): { getGraphToken(scopes?: string[], options?: GraphTokenOptions): Promise<string | null>; clear(): void } {
  const cached = new Map<string, AccessToken>();
  // A consent prompt the user dismissed (or that failed) is not shown again in this pane: silent attempts only.
  const refused = new Set<string>();
  return {
    async getGraphToken(scopes = GRAPH_MAIL_SCOPES, options = {}): Promise<string | null> {
      const key = [...scopes].sort().join(' ');
      const hit = cached.get(key);
      if (hit && hit.expiresOn - MARGIN_MS > deps.now()) return hit.token;
      let config: ClientAuthConfig;
      try {
        config = await deps.loadConfig();
      } catch {
        return null;
      }
      if (config.auth === 'off' || !config.clientId) return null;
      const interactive = !!options.interactive && !refused.has(key);
      try {
        const token = await deps.nestedToken(config, scopes, interactive);
        cached.set(key, token);
        return token.token;
      } catch {
        if (interactive) refused.add(key);
        return null;
      }
    },
    clear() {
      cached.clear();
    },
  };
}

let clientConfig: Promise<ClientAuthConfig> | null = null;
const defaultGraphAuth = createGraphAuth({
  loadConfig: () => {
    clientConfig ??= fetchClientAuthConfig().catch((err: unknown) => {
      clientConfig = null;
      throw err;
    });
    return clientConfig;
  },
  nestedToken: (config, scopes, interactive) => nestedTokenFor(config, scopes, { forceRefresh: false, interactive }),
  now: () => Date.now(),
});

/**
 * A Microsoft Graph token for `scopes` (default Mail.Read), or null when Graph cannot be used here: the caller falls
 * back (the quoted history for a thread, no role suggestion) and says so.
 */
export function getGraphToken(scopes: string[] = GRAPH_MAIL_SCOPES, options: GraphTokenOptions = {}): Promise<string | null> {
  return defaultGraphAuth.getGraphToken(scopes, options);
}
