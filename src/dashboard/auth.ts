/**
 * Sign-in for the dashboard when the server runs with AIDE_AUTH=entra: a plain browser page (not inside Office), so
 * the program lead signs in with MSAL's redirect flow (src/hosts/auth.ts, the same code as the pane's browser
 * preview) and every API call carries the access token as a bearer. The server decides (app role claim); the page
 * only carries the token. With AIDE_AUTH=off (local trial) requests go without a token.
 *
 * The Entra app registration needs `<public URL>/dashboard` as a redirect URI of type "single-page application".
 */
import { authFetch, getAccessToken } from '../hosts/auth';

let entra = false;
let ready: Promise<void> | null = null;

/**
 * Signs in before the first API call (the page leaves for the sign-in page and comes back to the same URL, filters
 * kept). Never throws: without a token the API answers 401 and the page says so.
 */
export function initAuth(): Promise<void> {
  ready ??= getAccessToken()
    .then((token) => {
      entra = token !== null;
    })
    .catch(() => undefined);
  return ready;
}

export function signedInWithEntra(): boolean {
  return entra;
}

/** The dashboard's fetch: signed in first, then the pages' one authenticated fetch (one silent renewal on a 401). */
export async function dashboardFetch(url: string, init: RequestInit = {}): Promise<Response> {
  await initAuth();
  return authFetch(url, { credentials: 'same-origin', ...init });
}
