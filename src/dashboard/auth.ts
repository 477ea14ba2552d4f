/**
 * Sign-in for the dashboard when the server runs with AIDE_AUTH=entra: the page is a plain browser page (not inside
 * Office), so it signs the program lead in with MSAL's redirect flow and sends the access token as a bearer to the
 * dashboard API. The server decides (app role claim); the page only carries the token.
 * With AIDE_AUTH=off (local trial) nothing happens here and requests go without a token.
 *
 * The Entra app registration needs `<public URL>/dashboard` as a redirect URI of type "single-page application".
 */
import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from '@azure/msal-browser';

interface ClientConfig {
  auth: 'entra' | 'off';
  clientId: string | null;
  tenantId: string | null;
  scopes: string[];
}

type TokenProvider = () => Promise<string>;
let provider: TokenProvider | null = null;

/** The bearer for API calls, or null when the server does not ask for one. */
export async function accessToken(): Promise<string | null> {
  return provider ? provider() : null;
}

export function signedInWithEntra(): boolean {
  return provider !== null;
}

function parseClientConfig(body: unknown): ClientConfig | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (b.auth !== 'entra' && b.auth !== 'off') return null;
  return {
    auth: b.auth,
    clientId: typeof b.clientId === 'string' ? b.clientId : null,
    tenantId: typeof b.tenantId === 'string' ? b.tenantId : null,
    scopes: Array.isArray(b.scopes) ? b.scopes.filter((s): s is string => typeof s === 'string') : [],
  };
}

/**
 * Reads /api/client-config and, with Entra, completes or starts the sign-in. Resolves when API calls can be made
 * (possibly without a token: the API then answers 401 and the page says so). Never throws.
 */
export async function initAuth(): Promise<void> {
  let config: ClientConfig | null = null;
  try {
    const res = await fetch('/api/client-config', { credentials: 'same-origin' });
    if (res.ok) config = parseClientConfig(await res.json());
  } catch {
    // No client config (older server, network): go on without a token; the API's answer is explained on the page.
  }
  if (!config || config.auth !== 'entra' || !config.clientId) return;

  const pca = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId ?? 'organizations'}`,
      redirectUri: location.origin + '/dashboard',
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  try {
    await pca.initialize();
    const result = await pca.handleRedirectPromise();
    const account: AccountInfo | undefined = result?.account ?? pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    const scopes = config.scopes.length ? config.scopes : [`api://${config.clientId}/access_as_user`];
    if (!account) {
      // Keep the filters: MSAL brings the reader back to this exact URL after sign-in.
      await pca.loginRedirect({ scopes, redirectStartPage: location.href });
      await new Promise<never>(() => undefined); // the page is navigating away
    }
    pca.setActiveAccount(account!);
    provider = async () => {
      try {
        return (await pca.acquireTokenSilent({ scopes, account: account! })).accessToken;
      } catch (err) {
        if (err instanceof InteractionRequiredAuthError) {
          await pca.acquireTokenRedirect({ scopes, account: account!, redirectStartPage: location.href });
          return new Promise<string>(() => undefined);
        }
        throw err;
      }
    };
  } catch {
    // MSAL could not start (blocked pop-up policies, misconfiguration): the API answers 401 and the page explains.
    provider = null;
  }
}
