/**
 * Sign-in on the server: Entra ID access tokens minted here with a locally generated RSA key, the key set (JWKS)
 * served by the test itself on a real HTTP port. Every refusal answers 401 with its reason; a valid token reaches the
 * gateway, and its oid goes to the access log.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import OpenAI from 'openai';
import { startServer, type TestServer } from '../helpers/server';
import { startOpenAIUpstream, type OpenAIUpstream } from '../helpers/openai-upstream';
import { loadConfig } from '../../src/server/config';
import { expectedAudiences } from '../../src/server/auth';

const TENANT = '11111111-2222-3333-4444-555555555555';
const OTHER_TENANT = '99999999-2222-3333-4444-555555555555';
const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const OID = '0f0f0f0f-0000-4000-8000-000000000001';

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let signingKey: Key;
let strangerKey: Key;
let jwksServer: http.Server;
let jwksUrl: string;
let upstream: OpenAIUpstream;
let server: TestServer;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  jwksServer = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/discovery/v2.0/keys`;
  upstream = await startOpenAIUpstream();
  upstream.fallback = { type: 'reply', chunks: ['signed ', 'in'] };
  server = await startServer({
    auth: 'entra',
    authTenantId: TENANT,
    authClientId: CLIENT_ID,
    authJwksUrl: jwksUrl,
    llmProvider: 'openai',
    llmBaseUrl: upstream.url + '/v1',
    llmApiKey: 'sk-test',
    llmModel: 'gpt-test',
    privacy: 'off',
  });
});

afterAll(async () => {
  await server?.close();
  await upstream?.close();
  await new Promise((resolve) => jwksServer?.close(resolve));
});

interface TokenOptions {
  key?: Key;
  kid?: string;
  tid?: string;
  iss?: string;
  aud?: string;
  exp?: number | string;
  oid?: string | null;
  idtyp?: string;
}

async function token(options: TokenOptions = {}): Promise<string> {
  const tid = options.tid ?? TENANT;
  const claims: Record<string, unknown> = { tid, roles: ['Aide.User'], scp: 'access_as_user', ver: '2.0' };
  if (options.oid !== null) claims.oid = options.oid ?? OID;
  if (options.idtyp) claims.idtyp = options.idtyp;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key', typ: 'JWT' })
    .setIssuer(options.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
    .setAudience(options.aud ?? CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '10m')
    .sign(options.key ?? signingKey);
}

async function call(authorization?: string): Promise<{ status: number; message: string; wwwAuthenticate: string | null }> {
  const res = await fetch(server.url + '/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'Bonjour' }] }),
  });
  const body = (await res.json()) as { error?: { message: string; code: string }; choices?: unknown[] };
  return { status: res.status, message: body.error?.message ?? '', wwwAuthenticate: res.headers.get('www-authenticate') };
}

test('a valid token passes: 200 through the SDK, the oid in the access log', async () => {
  const client = new OpenAI({ baseURL: server.url + '/v1', apiKey: await token(), maxRetries: 0 });
  const completion = await client.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: 'Bonjour' }] });
  expect(completion.choices[0]!.message.content).toBe('signed in');
  const v1 = await token({ iss: `https://sts.windows.net/${TENANT}/`, aud: `api://${CLIENT_ID}` });
  expect((await call(`Bearer ${v1}`)).status).toBe(200); // Entra's v1 token form for the same API
  const lines = fs.readFileSync(path.join(server.dataDir, 'logs', 'access.log'), 'utf8').trim().split('\n');
  expect(JSON.parse(lines[0]!).user).toBe(OID);
});

test.each<[string, () => Promise<string | undefined>, RegExp]>([
  ['missing', async () => undefined, /no access token was sent/],
  ['not a bearer', async () => 'Basic dXNlcjpwYXNz', /must be "Bearer <access token>"/],
  ['malformed', async () => 'Bearer not.a.jwt', /malformed/],
  ['expired', async () => `Bearer ${await token({ exp: Math.floor(Date.now() / 1000) - 3600 })}`, /expired/],
  ['wrong audience', async () => `Bearer ${await token({ aud: 'api://some-other-app' })}`, /another application.*some-other-app/],
  ['wrong issuer', async () => `Bearer ${await token({ iss: 'https://evil.example/v2.0' })}`, /issued by "https:\/\/evil\.example\/v2\.0"/],
  ['wrong key (unknown kid)', async () => `Bearer ${await token({ key: strangerKey, kid: 'stranger' })}`, /not among Entra ID's published keys/],
  ['wrong key (same kid)', async () => `Bearer ${await token({ key: strangerKey })}`, /signature is invalid/],
  ['wrong tenant', async () => `Bearer ${await token({ tid: OTHER_TENANT })}`, new RegExp(`tenant ${OTHER_TENANT}.*not allowed`)],
  ['application token', async () => `Bearer ${await token({ idtyp: 'app' })}`, /application, not a signed-in person/],
  ['no oid', async () => `Bearer ${await token({ oid: null })}`, /no user object id/],
])('%s → 401 with the reason', async (_name, header, reason) => {
  const before = upstream.requests.length;
  const res = await call(await header());
  expect(res.status).toBe(401);
  expect(res.message).toMatch(reason);
  expect(res.wwwAuthenticate).toMatch(/^Bearer error="invalid_token"/);
  expect(upstream.requests.length).toBe(before);
});

test('/v1/models also needs a user; the SDK sees a 401 AuthenticationError', async () => {
  const res = await fetch(server.url + '/v1/models');
  expect(res.status).toBe(401);
  const client = new OpenAI({ baseURL: server.url + '/v1', apiKey: 'garbage', maxRetries: 0 });
  await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  const ok = new OpenAI({ baseURL: server.url + '/v1', apiKey: await token(), maxRetries: 0 });
  expect((await ok.models.list()).data.map((m) => m.id)).toEqual(['gpt-test']);
});

test('allowed tenants: a second tenant listed in AIDE_AUTH_ALLOWED_TENANTS is accepted', async () => {
  const multi = await startServer({
    auth: 'entra',
    authTenantId: TENANT,
    authClientId: CLIENT_ID,
    authJwksUrl: jwksUrl,
    authAllowedTenants: `${TENANT},${OTHER_TENANT}`,
    llmProvider: 'openai',
    llmBaseUrl: upstream.url + '/v1',
    llmApiKey: 'sk-test',
    llmModel: 'gpt-test',
    privacy: 'off',
  });
  try {
    const res = await fetch(multi.url + '/v1/models', { headers: { authorization: `Bearer ${await token({ tid: OTHER_TENANT })}` } });
    expect(res.status).toBe(200);
  } finally {
    await multi.close();
  }
});

test('AIDE_AUTH=off is refused off loopback and announced with a warning on start', async () => {
  expect(() => loadConfig({ auth: 'off', host: '0.0.0.0' }, {})).toThrow(/loopback/);
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const local = await startServer({ auth: 'off' }, { logger: { stream, level: 'info' } });
  await local.close();
  expect(lines.join('')).toMatch(/AIDE_AUTH=off: sign-in is disabled/);
});

test('audience: the client id in both Entra forms passes; any other audience, none or an array without it is refused', async () => {
  expect((await call(`Bearer ${await token({ aud: CLIENT_ID })}`)).status).toBe(200);
  expect((await call(`Bearer ${await token({ aud: `api://${CLIENT_ID}` })}`)).status).toBe(200);
  const other = await call(`Bearer ${await token({ aud: '99999999-bbbb-cccc-dddd-eeeeeeeeeeee' })}`);
  expect(other.status).toBe(401);
  expect(other.message).toMatch(/another application/);
  expect((await call(`Bearer ${await token({ aud: `api://${CLIENT_ID}/access_as_user` })}`)).status).toBe(401); // a scope is not an audience
  expect((await call(`Bearer ${await token({ aud: CLIENT_ID.toUpperCase() })}`)).status).toBe(401); // exact match only
  // With AIDE_AUTH_AUDIENCE set, only that audience: the bare client id no longer passes.
  const config = loadConfig({ auth: 'entra', host: '127.0.0.1', authTenantId: TENANT, authClientId: CLIENT_ID, authAudience: 'api://aide.chu.example' }, {});
  expect(expectedAudiences(config)).toEqual(['api://aide.chu.example']);
});
