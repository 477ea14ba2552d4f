/** The pane's sign-in logic without Office: config → MSAL options, off → null, NAA then dialog fallback, caching. */
import { createAuth, dialogUrl, msalConfiguration, parseDialogMessage, SignInError, type AccessToken, type ClientAuthConfig } from '../../../src/hosts/auth';

const entra: ClientAuthConfig = { auth: 'entra', clientId: 'app-id', tenantId: 'tenant-id', scopes: ['api://app-id/access_as_user'] };

test('config → MSAL options: client id, tenant authority, the dialog page as redirect URI, session storage', () => {
  const options = msalConfiguration(entra, 'https://aide.chu.fr');
  expect(options.auth.clientId).toBe('app-id');
  expect(options.auth.authority).toBe('https://login.microsoftonline.com/tenant-id');
  expect(options.auth.redirectUri).toBe('https://aide.chu.fr/auth-dialog.html');
  expect(options.cache?.cacheLocation).toBe('sessionStorage');
  expect(msalConfiguration({ ...entra, tenantId: null }, 'https://x').auth.authority).toBe('https://login.microsoftonline.com/organizations');
  expect(() => msalConfiguration({ ...entra, clientId: null }, 'https://x')).toThrow(SignInError);
});

test('the dialog URL carries client id, tenant and scopes', () => {
  const url = new URL(dialogUrl(entra, 'https://aide.chu.fr'));
  expect(url.pathname).toBe('/auth-dialog.html');
  expect(url.searchParams.get('clientId')).toBe('app-id');
  expect(url.searchParams.get('tenantId')).toBe('tenant-id');
  expect(url.searchParams.get('scopes')).toBe('api://app-id/access_as_user');
});

test('dialog messages are parsed strictly', () => {
  expect(parseDialogMessage(JSON.stringify({ type: 'token', token: 't', expiresOn: 5 }))).toEqual({ type: 'token', token: 't', expiresOn: 5 });
  expect(parseDialogMessage(JSON.stringify({ type: 'error', message: 'no' }))).toEqual({ type: 'error', message: 'no' });
  expect(parseDialogMessage('garbage').type).toBe('error');
  expect(parseDialogMessage(JSON.stringify({ type: 'token', token: 3 })).type).toBe('error');
});

function deps(config: ClientAuthConfig, nested: () => Promise<AccessToken>, dialog: () => Promise<AccessToken>, now = { t: 0 }) {
  const calls = { nested: 0, dialog: 0, config: 0 };
  const auth = createAuth({
    loadConfig: async () => {
      calls.config++;
      return config;
    },
    nestedToken: async () => {
      calls.nested++;
      return nested();
    },
    dialogToken: async () => {
      calls.dialog++;
      return dialog();
    },
    now: () => now.t,
  });
  return { auth, calls, now };
}

test('auth off → null, without any sign-in attempt', async () => {
  const { auth, calls } = deps({ auth: 'off', clientId: null, tenantId: null, scopes: [] }, async () => ({ token: 'x', expiresOn: 1 }), async () => ({ token: 'y', expiresOn: 1 }));
  expect(await auth.getAccessToken()).toBeNull();
  expect(calls).toEqual({ nested: 0, dialog: 0, config: 1 });
});

test('nested app authentication first; its token is cached until 5 minutes before expiry', async () => {
  const hour = 3600_000;
  const { auth, calls, now } = deps(entra, async () => ({ token: `naa-${calls.nested}`, expiresOn: now.t + hour }), async () => ({ token: 'dialog', expiresOn: hour }));
  expect(await auth.getAccessToken()).toBe('naa-1');
  now.t += hour - 6 * 60_000;
  expect(await auth.getAccessToken()).toBe('naa-1');
  now.t += 2 * 60_000;
  expect(await auth.getAccessToken()).toBe('naa-2');
  expect(calls.dialog).toBe(0);
  expect(calls.config).toBe(1);
});

test('falls back to the Office dialog when nested app authentication fails; a cancel is not retried', async () => {
  const { auth, calls } = deps(entra, async () => Promise.reject(new Error('NestedAppAuth not supported')), async () => ({ token: 'dialog-token', expiresOn: Date.now() + 3600_000 }));
  expect(await auth.getAccessToken()).toBe('dialog-token');
  expect(calls).toMatchObject({ nested: 1, dialog: 1 });

  const cancelled = deps(entra, async () => Promise.reject(new SignInError('auth.cancelled', 'closed')), async () => ({ token: 'dialog', expiresOn: 1 }));
  await expect(cancelled.auth.getAccessToken()).rejects.toMatchObject({ key: 'auth.cancelled' });
  expect(cancelled.calls.dialog).toBe(0);
});

test('concurrent calls share one sign-in', async () => {
  let release!: (t: AccessToken) => void;
  const { auth, calls } = deps(entra, () => new Promise<AccessToken>((r) => (release = r)), async () => ({ token: 'dialog', expiresOn: 1 }));
  const a = auth.getAccessToken();
  const b = auth.getAccessToken();
  await new Promise((r) => setTimeout(r, 0));
  release({ token: 'shared', expiresOn: 3600_000 });
  expect(await Promise.all([a, b])).toEqual(['shared', 'shared']);
  expect(calls.nested).toBe(1);
});
