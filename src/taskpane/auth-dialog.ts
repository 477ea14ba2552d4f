/**
 * The sign-in page opened by the pane in an Office dialog when nested app authentication is not available
 * (see src/hosts/auth.ts). It signs in with MSAL's redirect flow (the page is its own redirect URI) and sends the
 * access token back to the pane with `Office.context.ui.messageParent`. Its settings (client id, tenant, scopes,
 * authority) come from the server's `/api/client-config`.
 */
import { fetchClientAuthConfig, msalConfiguration, type DialogMessage } from '../hosts/auth';

function send(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

function say(text: string): void {
  const root = document.getElementById('root');
  if (root) root.textContent = text;
}

async function main(): Promise<void> {
  // The sign-in settings come from the server, never from the query string: a crafted link cannot send the user to
  // another sign-in host.
  const config = await fetchClientAuthConfig();
  if (config.auth !== 'entra' || !config.clientId) {
    send({ type: 'error', message: 'Sign-in is not configured (no client id).' });
    return;
  }
  const scopes = config.scopes;
  say('Connexion… / Signing in…');
  // The same MSAL options as the pane (authority, session storage); this page is its own redirect URI.
  // MSAL comes once the page has said what it is doing, not in its first bytes.
  const { PublicClientApplication } = await import(/* webpackChunkName: "msal" */ '@azure/msal-browser');
  const app = new PublicClientApplication(msalConfiguration(config, location.origin));
  await app.initialize();
  const result = await app.handleRedirectPromise();
  if (result?.accessToken) {
    send({ type: 'token', token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 30 * 60 * 1000 });
    return;
  }
  const account = app.getAllAccounts()[0];
  if (account) {
    try {
      const silent = await app.acquireTokenSilent({ scopes, account });
      send({ type: 'token', token: silent.accessToken, expiresOn: silent.expiresOn?.getTime() ?? Date.now() + 30 * 60 * 1000 });
      return;
    } catch {
      /* fall through to the interactive redirect */
    }
  }
  await app.acquireTokenRedirect({ scopes });
}

Office.onReady(() => {
  main().catch((err: unknown) => {
    say('La connexion a échoué. / Sign-in failed.');
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
});
