/**
 * The sign-in page opened by the pane in an Office dialog when nested app authentication is not available
 * (see src/hosts/auth.ts). It signs in with MSAL's redirect flow (the page is its own redirect URI) and sends the
 * access token back to the pane with `Office.context.ui.messageParent`. Parameters come in the query string:
 * clientId, tenantId, scopes (space-separated).
 */
import { PublicClientApplication } from '@azure/msal-browser';
import type { DialogMessage } from '../hosts/auth';

const STATE_KEY = 'aide.auth-dialog.params';

function send(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

function say(text: string): void {
  const root = document.getElementById('root');
  if (root) root.textContent = text;
}

async function main(): Promise<void> {
  // The query string is lost on the way back from the Entra ID redirect: keep it for the second visit.
  const query = new URLSearchParams(location.search);
  if (query.get('clientId')) sessionStorage.setItem(STATE_KEY, query.toString());
  const params = new URLSearchParams(sessionStorage.getItem(STATE_KEY) ?? '');
  const clientId = params.get('clientId');
  const scopes = (params.get('scopes') ?? '').split(' ').filter(Boolean);
  if (!clientId) {
    send({ type: 'error', message: 'Sign-in is not configured (no client id).' });
    return;
  }
  say('Connexion… / Signing in…');
  const app = new PublicClientApplication({
    auth: {
      clientId,
      authority: `https://login.microsoftonline.com/${params.get('tenantId') || 'organizations'}`,
      redirectUri: `${location.origin}/auth-dialog.html`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await app.initialize();
  const result = await app.handleRedirectPromise();
  if (result?.accessToken) {
    sessionStorage.removeItem(STATE_KEY);
    send({ type: 'token', token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 30 * 60 * 1000 });
    return;
  }
  const account = app.getAllAccounts()[0];
  if (account) {
    try {
      const silent = await app.acquireTokenSilent({ scopes, account });
      sessionStorage.removeItem(STATE_KEY);
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
