/**
 * The Graph token (nested app authentication): null whenever Graph cannot be used, so the pane falls back; cached per
 * scope set; the consent prompt only when allowed, and not again after the user dismissed it.
 */
import { createGraphAuth, type AccessToken, type ClientAuthConfig } from '../../../src/hosts/auth';

const entra: ClientAuthConfig = { auth: 'entra', clientId: 'app-id', tenantId: 'tenant', scopes: ['api://app-id/access_as_user'] };

function setup(config: ClientAuthConfig | Error, nested: (scopes: string[], interactive: boolean) => AccessToken | Error) {
  let now = 1_000_000;
  const calls: [string[], boolean][] = [];
  const auth = createGraphAuth({
    loadConfig: async () => {
      if (config instanceof Error) throw config;
      return config;
    },
    nestedToken: async (_config, scopes, interactive) => {
      calls.push([scopes, interactive]);
      const result = nested(scopes, interactive);
      if (result instanceof Error) throw result;
      return result;
    },
    now: () => now,
  });
  return { auth, calls, advance: (ms: number) => (now += ms) };
}

test('a token for the scopes asked, kept until shortly before it expires', async () => {
  const { auth, calls, advance } = setup(entra, (scopes) => ({ token: `tok-${scopes.join('+')}-${Date.now()}`, expiresOn: 1_000_000 + 3_600_000 }));
  const first = await auth.getGraphToken(['Mail.Read'], { interactive: true });
  expect(first).toMatch(/^tok-Mail\.Read-/);
  expect(await auth.getGraphToken(['Mail.Read'])).toBe(first);
  expect(calls).toEqual([[['Mail.Read'], true]]);
  expect(await auth.getGraphToken(['User.Read'])).toMatch(/^tok-User\.Read-/);
  expect(calls).toHaveLength(2);
  advance(3_600_000 - 4 * 60_000); // within the 5-minute margin: asked again
  await auth.getGraphToken(['Mail.Read']);
  expect(calls).toHaveLength(3);
});

test('null, never an exception, when Graph cannot be used: auth off, no client id, no config, no nested auth', async () => {
  const token = () => ({ token: 't', expiresOn: Number.MAX_SAFE_INTEGER });
  expect(await setup({ ...entra, auth: 'off' }, token).auth.getGraphToken()).toBeNull();
  expect(await setup({ ...entra, clientId: null }, token).auth.getGraphToken()).toBeNull();
  expect(await setup(new Error('server down'), token).auth.getGraphToken()).toBeNull();
  const unsupported = setup(entra, () => new Error('nested app authentication is not supported by this host'));
  expect(await unsupported.auth.getGraphToken(['Mail.Read'], { interactive: true })).toBeNull();
});

test('silent by default; after a dismissed consent prompt, only silent attempts', async () => {
  let consented = false;
  const { auth, calls } = setup(entra, (_scopes, interactive) => (consented || interactive ? (consented ? { token: 'ok', expiresOn: Number.MAX_SAFE_INTEGER } : new Error('user_cancelled')) : new Error('interaction_required')));
  expect(await auth.getGraphToken(['Mail.Read'])).toBeNull();
  expect(calls.at(-1)).toEqual([['Mail.Read'], false]);
  expect(await auth.getGraphToken(['Mail.Read'], { interactive: true })).toBeNull(); // dismissed
  expect(calls.at(-1)).toEqual([['Mail.Read'], true]);
  expect(await auth.getGraphToken(['Mail.Read'], { interactive: true })).toBeNull();
  expect(calls.at(-1)).toEqual([['Mail.Read'], false]); // not prompted again
  consented = true; // e.g. the administrator granted consent meanwhile
  expect(await auth.getGraphToken(['Mail.Read'], { interactive: true })).toBe('ok');
});
