/**
 * The pane's access token for the gateway. Sign-in settings come from the server (`/api/client-config`: auth mode,
 * client id, tenant, scopes); with AIDE_AUTH=off there is no token (null) and the gateway treats every call as the
 * local trial user.
 *
 * With Entra ID:
 * 1. MSAL's nested app authentication (`createNestablePublicClientApplication`): Outlook / Word hand the signed-in
 *    user's token to the add-in, silently when possible, else with a consent popup the host shows.
 * 2. When the host does not support it (older Office, some browsers), the Office dialog flow: `auth-dialog.html`
 *    (src/taskpane/auth-dialog.ts) opens in `Office.context.ui.displayDialogAsync`, signs in with MSAL's redirect flow
 *    and sends the token back with `messageParent`. Its URL must be registered as a SPA redirect URI of the app.
 * Tokens are kept in memory until five minutes before they expire; nothing is written to storage here.
 *
 * Microsoft Graph (`getGraphToken`): a second token, for Graph scopes (Mail.Read to read the whole conversation,
 * User.Read for the job title), through nested app authentication only. It is a convenience: whenever it cannot be
 * had (AIDE_AUTH=off, no client id, an Office without nested app authentication, consent refused) the answer is null
 * and the caller falls back (quoted history, no role suggestion); it never opens the sign-in dialog.
 */
import { createNestablePublicClientApplication, type Configuration } from '@azure/msal-browser';

export interface ClientAuthConfig {
  auth: 'entra' | 'off';
  clientId: string | null;
  tenantId: string | null;
  scopes: string[];
}

export interface AccessToken {
  token: string;
  /** Milliseconds since epoch. */
  expiresOn: number;
}

/** Why sign-in failed, as a translation key the pane shows (fr/en) plus the technical detail. */
export class SignInError extends Error {
  constructor(
    readonly key: 'auth.notConfigured' | 'auth.cancelled' | 'auth.failed' | 'auth.dialogBlocked',
    detail: string,
  ) {
    super(detail);
    this.name = 'SignInError';
  }
}

/** MSAL options for the pane, from the server's client config. */
export function msalConfiguration(config: ClientAuthConfig, origin: string): Configuration {
  if (!config.clientId) throw new SignInError('auth.notConfigured', 'The server has no AIDE_AUTH_CLIENT_ID: sign-in is not configured.');
  return {
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId ?? 'organizations'}`,
      redirectUri: `${origin}/auth-dialog.html`,
    },
    // Session storage: the token does not outlive the pane's window, and is not shared with other sites.
    cache: { cacheLocation: 'sessionStorage' },
  };
}

/** The dialog page's URL, carrying what it needs to sign in (nothing secret). */
export function dialogUrl(config: ClientAuthConfig, origin: string): string {
  const params = new URLSearchParams({ clientId: config.clientId ?? '', tenantId: config.tenantId ?? 'organizations', scopes: config.scopes.join(' ') });
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
  /** Nested app authentication; throws when the host does not support it. */
  nestedToken(config: ClientAuthConfig): Promise<AccessToken>;
  /** The Office dialog fallback. */
  dialogToken(config: ClientAuthConfig): Promise<AccessToken>;
  now(): number;
}

const MARGIN_MS = 5 * 60 * 1000;

export function createAuth(deps: AuthDependencies): { getAccessToken(): Promise<string | null>; clear(): void } {
  let config: Promise<ClientAuthConfig> | null = null;
  let cached: AccessToken | null = null;
  let pending: Promise<AccessToken> | null = null;
  return {
    async getAccessToken(): Promise<string | null> {
      config ??= deps.loadConfig().catch((err: unknown) => {
        config = null; // try again next time (the server may just be starting)
        throw err;
      });
      const settings = await config;
      if (settings.auth === 'off') return null;
      if (cached && cached.expiresOn - MARGIN_MS > deps.now()) return cached.token;
      // One sign-in at a time: several calls while a popup is open share it.
      pending ??= (async () => {
        try {
          return await deps.nestedToken(settings);
        } catch (nestedError) {
          if (nestedError instanceof SignInError && nestedError.key === 'auth.cancelled') throw nestedError;
          return deps.dialogToken(settings);
        }
      })().finally(() => {
        pending = null;
      });
      cached = await pending;
      return cached.token;
    },
    clear() {
      cached = null;
      config = null;
    },
  };
}

// ---- the real dependencies (browser + Office) ----

async function loadClientConfig(): Promise<ClientAuthConfig> {
  const res = await fetch('/api/client-config');
  if (!res.ok) throw new SignInError('auth.failed', `/api/client-config answered ${res.status}`);
  return (await res.json()) as ClientAuthConfig;
}

function nestedAppAuthSupported(): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1');
}

/** One MSAL application per client id for the pane's lifetime (creating one reads the host's account each time). */
let nestedApp: { clientId: string; app: ReturnType<typeof createNestablePublicClientApplication> } | null = null;

async function nestedTokenFor(config: ClientAuthConfig, scopes: string[], interactive: boolean): Promise<AccessToken> {
  if (!nestedAppAuthSupported()) throw new Error('nested app authentication is not supported by this host');
  if (!nestedApp || nestedApp.clientId !== config.clientId) {
    const app = createNestablePublicClientApplication(msalConfiguration(config, location.origin));
    app.catch(() => (nestedApp = null));
    nestedApp = { clientId: config.clientId ?? '', app };
  }
  const app = await nestedApp.app;
  const request = { scopes };
  let result;
  try {
    result = await app.acquireTokenSilent(request);
  } catch (silentError) {
    if (!interactive) throw silentError;
    try {
      result = await app.acquireTokenPopup(request);
    } catch (err) {
      const code = (err as { errorCode?: string }).errorCode ?? '';
      if (code === 'user_cancelled') throw new SignInError('auth.cancelled', 'Sign-in was cancelled.');
      throw err;
    }
  }
  return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 30 * 60 * 1000 };
}

function nestedToken(config: ClientAuthConfig): Promise<AccessToken> {
  return nestedTokenFor(config, config.scopes, true);
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

const defaultAuth = createAuth({ loadConfig: loadClientConfig, nestedToken, dialogToken, now: () => Date.now() });

/** The bearer token for the gateway, or null when the server runs with AIDE_AUTH=off. */
export function getAccessToken(): Promise<string | null> {
  return defaultAuth.getAccessToken();
}

/** Forgets the token (after a 401, so the next call signs in again). */
export function clearAccessToken(): void {
  defaultAuth.clear();
  defaultGraphAuth.clear();
}

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
    clientConfig ??= loadClientConfig().catch((err: unknown) => {
      clientConfig = null;
      throw err;
    });
    return clientConfig;
  },
  nestedToken: nestedTokenFor,
  now: () => Date.now(),
});

/**
 * A Microsoft Graph token for `scopes` (default Mail.Read), or null when Graph cannot be used here: the caller falls
 * back (the quoted history for a thread, no role suggestion) and says so.
 */
export function getGraphToken(scopes: string[] = GRAPH_MAIL_SCOPES, options: GraphTokenOptions = {}): Promise<string | null> {
  return defaultGraphAuth.getGraphToken(scopes, options);
}
