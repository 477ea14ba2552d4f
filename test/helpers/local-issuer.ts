/**
 * A local stand-in for Entra ID, so that sign-in tests run the real MSAL code in the browser with no network: OpenID
 * metadata, the key set (JWKS), the authorization endpoint (signs the configured user in at once and sends the
 * browser back to the redirect URI with a code) and the token endpoint (authorization code with PKCE, refresh token).
 * The RSA signing key is made here, per test run.
 *
 * The browser reaches it at Entra's own address: `issuer.route(context)` routes https://login.microsoftonline.com
 * to it with Playwright (so MSAL runs exactly as in production, https authority included). The Aide server reads the
 * keys over plain HTTP on loopback: `AIDE_AUTH_JWKS_URL = issuer.jwksUrl`. Tokens carry the issuer Entra v2 uses
 * (https://login.microsoftonline.com/{tid}/v2.0), the client id as audience, the user's oid, tid and roles.
 *
 *   const issuer = await startLocalIssuer();
 *   issuer.user.roles = ['Aide.ProgramLead'];
 *   await issuer.route(context);
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { BrowserContext, Route } from 'playwright-core';

export const LOGIN_HOST = 'https://login.microsoftonline.com';

export interface IssuedUser {
  oid: string;
  name: string;
  username: string;
  roles: string[];
}

export interface LocalIssuer {
  /** Plain HTTP on loopback (the Aide server's side). */
  url: string;
  jwksUrl: string;
  tenantId: string;
  clientId: string;
  /** The person the next sign-in (and renewal) is for; change `roles` between tests. */
  user: IssuedUser;
  /** Access token lifetime in seconds (short to test renewals). */
  accessTokenSeconds: number;
  /** Every call the browser made: authorize, token (with its grant type), metadata, keys. */
  calls: { endpoint: string; grant?: string; redirectUri?: string }[];
  /** An access token for the current user, as the token endpoint would issue it. */
  accessToken(overrides?: Record<string, unknown>): Promise<string>;
  /** Routes the login host of this browser context to the issuer. */
  route(context: BrowserContext): Promise<void>;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string;
  scope: string;
  user: IssuedUser;
}

const json = (status: number, value: unknown): Answer => ({
  status,
  headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
});

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export async function startLocalIssuer(options: { tenantId?: string; clientId?: string } = {}): Promise<LocalIssuer> {
  const tenantId = options.tenantId ?? '11111111-2222-3333-4444-555555555555';
  const clientId = options.clientId ?? 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = 'local-' + randomBytes(4).toString('hex');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, { user: IssuedUser; scope: string }>();
  const base = `${LOGIN_HOST}/${tenantId}`;
  const issuerName = `${base}/v2.0`;

  async function sign(claims: Record<string, unknown>, seconds: number): Promise<string> {
    // Like Entra's `uti`: each token is unique, even two issued in the same second (RS256 signatures are deterministic,
    // so without it a renewal within the second would hand back the very token the server just refused).
    return new SignJWT({ uti: randomUUID(), ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuerName)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${seconds}s`)
      .sign(privateKey);
  }

  const issuer: LocalIssuer = {
    url: '',
    jwksUrl: '',
    tenantId,
    clientId,
    user: { oid: randomUUID(), name: 'Claire Test', username: 'claire.test@chu.example', roles: [] },
    accessTokenSeconds: 3600,
    calls: [],
    accessToken: (overrides = {}) =>
      sign({ aud: clientId, tid: tenantId, oid: issuer.user.oid, sub: issuer.user.oid, scp: 'access_as_user', roles: issuer.user.roles, ver: '2.0', ...overrides }, issuer.accessTokenSeconds),
    route: async (context) => {
      await context.route((url) => url.origin === LOGIN_HOST, (route) => fulfil(route));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  async function tokens(user: IssuedUser, scope: string, nonce: string | null): Promise<Answer> {
    const refresh = b64url(randomBytes(24));
    refreshTokens.set(refresh, { user, scope });
    const now = Math.floor(Date.now() / 1000);
    const idToken = await sign(
      { aud: clientId, tid: tenantId, oid: user.oid, sub: user.oid, name: user.name, preferred_username: user.username, ver: '2.0', auth_time: now, ...(nonce ? { nonce } : {}) },
      3600,
    );
    return json(200, {
      token_type: 'Bearer',
      scope,
      expires_in: issuer.accessTokenSeconds,
      ext_expires_in: issuer.accessTokenSeconds,
      access_token: await sign({ aud: clientId, tid: tenantId, oid: user.oid, sub: user.oid, scp: 'access_as_user', roles: user.roles, ver: '2.0' }, issuer.accessTokenSeconds),
      refresh_token: refresh,
      id_token: idToken,
      client_info: b64url(JSON.stringify({ uid: user.oid, utid: tenantId })),
    });
  }

  /** One request to the issuer, whichever way it came (the browser through the route, the server over HTTP). */
  async function handle(method: string, url: URL, body: string): Promise<Answer> {
    const path = url.pathname.replace(`/${tenantId}`, '');
    if (method === 'OPTIONS')
      return { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': '*' }, body: '' };
    if (path === '/v2.0/.well-known/openid-configuration') {
      issuer.calls.push({ endpoint: 'metadata' });
      return json(200, {
        issuer: issuerName,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        tenant_region_scope: 'EU',
      });
    }
    if (path === '/discovery/v2.0/keys') {
      issuer.calls.push({ endpoint: 'keys' });
      return json(200, { keys: [jwk] });
    }
    if (path === '/oauth2/v2.0/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      issuer.calls.push({ endpoint: 'authorize', redirectUri });
      if (q.get('client_id') !== clientId) return json(400, { error: 'unauthorized_client', error_description: 'unknown client id' });
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return json(400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      const code = b64url(randomBytes(24));
      codes.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, nonce: q.get('nonce') ?? '', scope: q.get('scope') ?? '', user: { ...issuer.user, roles: [...issuer.user.roles] } });
      const response = new URLSearchParams({ code, state: q.get('state') ?? '', client_info: b64url(JSON.stringify({ uid: issuer.user.oid, utid: tenantId })) });
      const separator = q.get('response_mode') === 'query' ? '?' : '#';
      return { status: 302, headers: { location: `${redirectUri}${separator}${response.toString()}` }, body: '' };
    }
    if (path === '/oauth2/v2.0/token' && method === 'POST') {
      const form = new URLSearchParams(body);
      const grant = form.get('grant_type') ?? '';
      issuer.calls.push({ endpoint: 'token', grant });
      if (form.get('client_id') !== clientId) return json(400, { error: 'unauthorized_client' });
      if (grant === 'authorization_code') {
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!pending) return json(400, { error: 'invalid_grant', error_description: 'unknown or used code' });
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (challenge !== pending.challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE verifier mismatch' });
        if (form.get('redirect_uri') !== pending.redirectUri) return json(400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
        return tokens(pending.user, apiScopes(pending.scope), pending.nonce);
      }
      if (grant === 'refresh_token') {
        const known = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!known) return json(400, { error: 'invalid_grant', error_description: 'unknown refresh token' });
        // A renewal carries the person's current roles (an administrator may have changed them meanwhile).
        return tokens({ ...known.user, roles: [...issuer.user.roles] }, known.scope, null);
      }
      return json(400, { error: 'unsupported_grant_type' });
    }
    if (path === '/oauth2/v2.0/logout') return { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>signed out</title>' };
    return json(404, { error: 'not_found', error_description: url.pathname });
  }

  /** The scopes an access token is issued for: the API's, not the OpenID ones MSAL adds. */
  function apiScopes(scope: string): string {
    const api = scope.split(' ').filter((s) => s && !['openid', 'profile', 'offline_access', 'email'].includes(s));
    return (api.length ? api : [`api://${clientId}/access_as_user`]).join(' ');
  }

  async function fulfil(route: Route): Promise<void> {
    const request = route.request();
    const answer = await handle(request.method(), new URL(request.url()), request.postData() ?? '');
    await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  }

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      void handle(req.method ?? 'GET', new URL(req.url ?? '/', LOGIN_HOST), body).then((answer) => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer.jwksUrl = `${issuer.url}/${tenantId}/discovery/v2.0/keys`;
  return issuer;
}
