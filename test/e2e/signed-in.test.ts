/**
 * Signed in for real: a server with AIDE_AUTH=entra whose tenant keys come from a local issuer (test/helpers/
 * local-issuer.ts), and headless Chromium running MSAL's real code — the login host is routed to the local issuer,
 * nothing else is faked. On /preview the pane signs in with the redirect flow, then the vertical slice runs signed
 * in: the library loads, a prompt runs through the gateway, the answer is shown (offline polishing needs a model: discarded), the event is stored
 * in the database. No request of the page may get a 401, and every call to the server carries the bearer. Then the
 * dashboard, without and with the program-lead role.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startLocalIssuer, type LocalIssuer } from '../helpers/local-issuer';
import { startServer, type TestServer } from '../helpers/server';
import { ensureWebBundle, eventually } from './slice-helpers';

jest.setTimeout(180_000);

let issuer: LocalIssuer;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBundle();
  issuer = await startLocalIssuer();
  server = await startServer({ auth: 'entra', authTenantId: issuer.tenantId, authClientId: issuer.clientId, authJwksUrl: issuer.jwksUrl });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await issuer?.close();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** Responses of the Aide server with status 401. */
  refused: string[];
  /** Calls to the Aide server's APIs: path and whether they carried a bearer. */
  calls: { path: string; bearer: boolean }[];
}

async function signedInPage(): Promise<Watched> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(15_000);
  await issuer.route(context);
  const page = await context.newPage();
  const watched: Watched = { context, page, errors: [], refused: [], calls: [] };
  page.on('pageerror', (e) => watched.errors.push(String(e)));
  page.on('response', (r: Response) => {
    if (r.status() === 401) watched.refused.push(r.url());
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === server.url && /^\/(api\/(?!client-config)|v1\/)/.test(url.pathname)) watched.calls.push({ path: url.pathname, bearer: /^Bearer \S+\.\S+\.\S+$/.test(r.headers().authorization ?? '') });
  });
  return watched;
}

function events(): { type: string; prompt_id: string | null; outcome: string | null }[] {
  const db = new Database(path.join(server.dataDir, 'aide.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT type, prompt_id, outcome FROM metric_events').all() as { type: string; prompt_id: string | null; outcome: string | null }[];
  } finally {
    db.close();
  }
}

test('server side: without a token the APIs the pane calls answer 401', async () => {
  for (const url of ['/api/prompts', '/v1/models', '/api/dashboard/report']) expect((await fetch(server.url + url)).status).toBe(401);
  const config = (await (await fetch(server.url + '/api/client-config')).json()) as { auth: string; clientId: string; scopes: string[] };
  expect(config).toMatchObject({ auth: 'entra', clientId: issuer.clientId, scopes: [`api://${issuer.clientId}/access_as_user`] });
});

test('/preview signs in through MSAL (redirect), then the slice runs signed in: library, gateway, insert, event stored', async () => {
  issuer.user.roles = [];
  const w = await signedInPage();
  const { page } = w;
  await page.goto(`${server.url}/preview`);
  await page.waitForSelector('[data-testid=pane]');
  // The real sign-in happened: authorization code with PKCE at the (routed) Entra host, back on /preview.
  await eventually(() => expect(issuer.calls.filter((c) => c.endpoint === 'token').map((c) => c.grant)).toContain('authorization_code'));
  expect(issuer.calls.find((c) => c.endpoint === 'authorize')?.redirectUri).toBe(`${server.url}/preview`);

  await page.selectOption('[data-testid=role]', 'secretary');
  await page.click('[data-testid=mail-brouillon-reponse]');
  await page.waitForSelector('[data-testid=pane][data-mode=compose]');
  await page.click('[data-testid=back]').catch(() => undefined);
  await page.waitForSelector('[data-testid=gallery-list]');
  expect(await page.locator('[data-testid=gallery]').textContent()).not.toContain("n'a pas pu être chargée");
  await page.click('[data-testid=open-polish-draft]');
  await eventually(async () => expect(await page.locator('[data-testid=var-draft]').inputValue()).toContain('piece d'));
  const draftBefore = await page.innerHTML('[data-testid=mail-body]');
  const [response] = await Promise.all([page.waitForResponse('**/v1/chat/completions'), page.click('[data-testid=run-generate]')]);
  expect(response.status()).toBe(200);
  await page.waitForSelector('[data-testid=answer][data-status=done]');
  // Offline, polishing needs a model: its answer is not insertable (issue 13); the user discards it.
  expect(await page.locator('[data-testid=answer-insert]').count()).toBe(0);
  await page.click('[data-testid=answer-discard]');
  expect(await page.innerHTML('[data-testid=mail-body]')).toBe(draftBefore);

  // The event reached the database through the signed-in metrics client.
  await eventually(() => expect(events()).toContainEqual({ type: 'prompt_run', prompt_id: 'polish-draft', outcome: 'discarded' }), 15_000);

  expect(w.refused).toEqual([]);
  const paths = new Set(w.calls.map((c) => c.path));
  for (const p of ['/api/prompts', '/v1/chat/completions', '/api/events']) expect(paths).toContain(p);
  expect(w.calls.filter((c) => !c.bearer)).toEqual([]);
  expect(w.errors).toEqual([]);
  await w.context.close();
});

test('an access token refused by the server is renewed silently once; then the pane says the session has expired', async () => {
  issuer.user.roles = [];
  const w = await signedInPage();
  const { page } = w;
  await page.goto(`${server.url}/preview`);
  await page.selectOption('[data-testid=role]', 'secretary');
  await page.waitForSelector('[data-testid=gallery-list]');
  const refreshesBefore = issuer.calls.filter((c) => c.grant === 'refresh_token').length;

  // The gateway refuses the first token once (revoked, say): one renewal with the refresh token, one retry, success.
  let refuseNext = 1;
  await page.route('**/v1/chat/completions', async (route) => {
    if (refuseNext-- > 0) return route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { message: 'The access token has expired; sign in again.' } }) });
    return route.fallback();
  });
  await page.click('[data-testid=mail-cardio-consultations]');
  await page.click('[data-testid=back]').catch(() => undefined);
  await page.click('[data-testid=open-summarize-mail]');
  await page.click('[data-testid=run-generate]');
  await page.waitForSelector('[data-testid=answer][data-status=done]');
  expect(issuer.calls.filter((c) => c.grant === 'refresh_token').length).toBe(refreshesBefore + 1);

  // Refused again and again: one renewal, then a clear message — no loop.
  refuseNext = 1000;
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/chat/completions')) seen.push(r.url());
  });
  await page.click('[data-testid=run-generate]');
  await page.waitForSelector('[data-testid=run-message]:has-text("Votre session a expiré : reconnectez-vous")');
  await new Promise((r) => setTimeout(r, 500));
  expect(seen).toHaveLength(2);
  expect(w.errors).toEqual([]);
  await w.context.close();
});

async function openDashboard(roles: string[]): Promise<Watched> {
  issuer.user.roles = roles;
  const w = await signedInPage();
  await w.page.goto(`${server.url}/dashboard?role=secretary`);
  return w;
}

test('the dashboard without the program-lead role: signed in, refused with 403 and told why', async () => {
  const w = await openDashboard([]);
  await w.page.waitForSelector('[data-testid=forbidden-state]');
  expect(await w.page.textContent('[data-testid=forbidden-state]')).toMatch(/responsable de programme|Aide\.ProgramLead/);
  expect(w.refused).toEqual([]);
  expect(w.calls.length).toBeGreaterThan(0);
  expect(w.calls.filter((c) => !c.bearer)).toEqual([]);
  expect(w.errors).toEqual([]);
  await w.context.close();
});

test('the dashboard with the program-lead role: signed in, the report loads (filters kept through the sign-in)', async () => {
  const w = await openDashboard(['Aide.ProgramLead']);
  await w.page.waitForSelector('[data-testid=forbidden-state], [data-testid=error-state], [data-testid=summary], [data-testid=empty-state], main');
  await eventually(async () => expect(await w.page.locator('[data-testid=forbidden-state], [data-testid=error-state]').count()).toBe(0));
  await eventually(() => expect(w.calls.map((c) => c.path)).toContain('/api/dashboard/report'));
  expect(new URL(w.page.url()).searchParams.get('role')).toBe('secretary');
  const report = w.calls.filter((c) => c.path === '/api/dashboard/report');
  expect(report.every((c) => c.bearer)).toBe(true);
  expect(w.refused).toEqual([]);
  expect(w.errors).toEqual([]);
  await w.context.close();
});
