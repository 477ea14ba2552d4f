/** The pane's sign-in logic without Office: config → MSAL options, off → null, NAA then dialog fallback, caching. */
import { createAuth, createAuthFetch, dialogUrl, msalConfiguration, parseDialogMessage, SignInError, type AccessToken, type ClientAuthConfig, type TokenRequest } from '../../../src/hosts/auth';

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

test('the authority: Entra public cloud by default, the configured host otherwise (trusted as a known authority)', () => {
  expect(msalConfiguration(entra, 'https://x').auth.knownAuthorities).toBeUndefined();
  const sovereign = msalConfiguration({ ...entra, authority: 'https://login.microsoftonline.us/' }, 'https://x', 'https://x/preview');
  expect(sovereign.auth.authority).toBe('https://login.microsoftonline.us/tenant-id');
  expect(sovereign.auth.knownAuthorities).toEqual(['login.microsoftonline.us']);
  expect(sovereign.auth.redirectUri).toBe('https://x/preview');
});

test('in a plain browser the redirect flow is used, never nested app authentication nor the Office dialog', async () => {
  const seen: boolean[] = [];
  const auth = createAuth({
    loadConfig: async () => entra,
    inOffice: () => false,
    nestedToken: async () => Promise.reject(new Error('not here')),
    dialogToken: async () => Promise.reject(new Error('not here')),
    browserToken: async (_c, request) => {
      seen.push(request.interactive);
      return { token: 'browser', expiresOn: 3600_000 };
    },
    now: () => 0,
  });
  expect(await auth.getAccessToken({ interactive: false })).toBe('browser');
  expect(seen).toEqual([false]);
});

test('a renewal that is not interactive never opens the Office dialog', async () => {
  const { auth, calls } = deps(entra, async () => Promise.reject(new Error('interaction required')), async () => ({ token: 'dialog', expiresOn: 3600_000 }));
  await expect(auth.getAccessToken({ interactive: false })).rejects.toMatchObject({ key: 'auth.expired' });
  expect(calls.dialog).toBe(0);
  expect(await auth.getAccessToken()).toBe('dialog');
  expect(calls.dialog).toBe(1);
});

describe('authFetch', () => {
  function setup(statuses: number[], tokens: (string | null)[]) {
    const sent: (string | null)[] = [];
    const requests: TokenRequest[] = [];
    let cleared = 0;
    const auth = {
      getAccessToken: async (request: TokenRequest = {}) => {
        requests.push(request);
        return tokens[Math.min(requests.length - 1, tokens.length - 1)] ?? null;
      },
      clear: () => void cleared++,
    };
    const doFetch = async (_url: string, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get('authorization'));
      return new Response('{}', { status: statuses[Math.min(sent.length - 1, statuses.length - 1)] });
    };
    return { fetch: createAuthFetch(auth, doFetch), sent, requests, cleared: () => cleared };
  }

  test('adds the bearer, keeps the caller headers', async () => {
    const s = setup([200], ['t1']);
    const res = await s.fetch('/api/prompts', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(s.sent).toEqual(['Bearer t1']);
  });

  test('auth off: no header at all', async () => {
    const s = setup([200], [null]);
    await s.fetch('/api/prompts');
    expect(s.sent).toEqual([null]);
  });

  test('a 401 renews silently once and retries once with the new token', async () => {
    const s = setup([401, 200], ['old', 'new']);
    const res = await s.fetch('/api/events', { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    expect(s.sent).toEqual(['Bearer old', 'Bearer new']);
    expect(s.requests[1]).toEqual({ forceRefresh: true, interactive: false });
    expect(s.cleared()).toBe(0);
  });

  test('a second 401 is returned (never a loop) and the token is forgotten', async () => {
    const s = setup([401, 401, 401, 401], ['old', 'new', 'newer']);
    const res = await s.fetch('/api/prompts');
    expect(res.status).toBe(401);
    expect(s.sent).toHaveLength(2);
    expect(s.cleared()).toBe(1);
  });

  test('a renewal that fails or gives the same token does not retry', async () => {
    const same = setup([401, 200], ['same', 'same']);
    expect((await same.fetch('/x')).status).toBe(401);
    expect(same.sent).toHaveLength(1);
    const failing = createAuthFetch(
      {
        getAccessToken: async (r: TokenRequest = {}) => {
          if (r.forceRefresh) throw new SignInError('auth.expired', 'no');
          return 'old';
        },
        clear: () => undefined,
      },
      async () => new Response('', { status: 401 }),
    );
    expect((await failing('/x')).status).toBe(401);
  });

  test('background calls ask for a token without interaction', async () => {
    const s = setup([200], ['t']);
    await s.fetch('/api/events', {}, { interactive: false });
    expect(s.requests[0]).toEqual({ interactive: false });
  });
});

test('listeners hear of each new token (the metrics queue resumes once signed in again)', async () => {
  let n = 0;
  const { auth } = deps(entra, async () => ({ token: `t${++n}`, expiresOn: 3600_000 }), async () => ({ token: 'd', expiresOn: 1 }));
  const heard: number[] = [];
  auth.onSignedIn(() => heard.push(n));
  await auth.getAccessToken();
  await auth.getAccessToken(); // cached: no news
  await auth.getAccessToken({ forceRefresh: true });
  expect(heard).toEqual([1, 2]);
});
