/**
 * Signed in for real: a server with AIDE_AUTH=entra whose tenant keys come from a local issuer (test/helpers/
 * local-issuer.ts), and headless Chromium running MSAL's real code — the login host is routed to the local issuer,
 * nothing else is faked. On /preview the pane signs in with the redirect flow, then the vertical slice runs signed
 * in: the library loads, a prompt runs through the gateway, the answer is shown (offline polishing needs a model: discarded), the event is stored
 * in the database. No request of the page may get a 401, and every call to the server carries the bearer. Then the
 * dashboard, without and with the program-lead role.
 */
import { answerShown, eventually } from './slice-helpers';
import { expectSignedInThroughout, signedInContext, signedInSuite, storedEvents, type Watched } from './signed-in-helpers';

jest.setTimeout(180_000);

const suite = signedInSuite();

test('server side: without a token the APIs the pane calls answer 401', async () => {
  const { server, issuer } = suite;
  for (const url of ['/api/prompts', '/v1/models', '/api/dashboard/report']) expect((await fetch(server.url + url)).status).toBe(401);
  const config = (await (await fetch(server.url + '/api/client-config')).json()) as { auth: string; clientId: string; scopes: string[] };
  expect(config).toMatchObject({ auth: 'entra', clientId: issuer.clientId, scopes: [`api://${issuer.clientId}/access_as_user`] });
});

test('/preview signs in through MSAL (redirect), then the slice runs signed in: library, gateway, insert, event stored', async () => {
  const { server, issuer } = suite;
  issuer.user.roles = [];
  const w = await signedInContext(suite);
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
  await answerShown(page);
  // Offline, polishing needs a model: its answer is not insertable (issue 13); the user discards it.
  expect(await page.locator('[data-testid=answer-insert]').count()).toBe(0);
  await page.click('[data-testid=answer-discard]');
  expect(await page.innerHTML('[data-testid=mail-body]')).toBe(draftBefore);

  // The event reached the database through the signed-in metrics client.
  await eventually(() => expect(storedEvents(server)).toContainEqual({ type: 'prompt_run', prompt_id: 'polish-draft', host: 'preview', outcome: 'discarded' }), 15_000);

  expectSignedInThroughout(w, ['/api/prompts', '/v1/chat/completions', '/api/events']);
  await w.context.close();
});

test('an access token refused by the server is renewed silently once; then the pane says the session has expired', async () => {
  const { server, issuer } = suite;
  issuer.user.roles = [];
  const w = await signedInContext(suite);
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
  await answerShown(page);
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
  suite.issuer.user.roles = roles;
  const w = await signedInContext(suite);
  await w.page.goto(`${suite.server.url}/dashboard?role=secretary`);
  return w;
}

test('the dashboard without the program-lead role: signed in, refused with 403 and told why', async () => {
  const w = await openDashboard([]);
  await w.page.waitForSelector('[data-testid=forbidden-state]');
  expect(await w.page.textContent('[data-testid=forbidden-state]')).toMatch(/responsable de programme|Aide\.ProgramLead/);
  expectSignedInThroughout(w);
  await w.context.close();
});

test('the dashboard with the program-lead role: signed in, the report loads (filters kept through the sign-in)', async () => {
  const w = await openDashboard(['Aide.ProgramLead']);
  await w.page.waitForSelector('[data-testid=forbidden-state], [data-testid=error-state], [data-testid=summary], [data-testid=empty-state], main');
  await eventually(async () => expect(await w.page.locator('[data-testid=forbidden-state], [data-testid=error-state]').count()).toBe(0));
  await eventually(() => expect(w.calls.map((c) => c.path)).toContain('/api/dashboard/report'));
  expect(new URL(w.page.url()).searchParams.get('role')).toBe('secretary');
  expectSignedInThroughout(w, ['/api/dashboard/report']);
  await w.context.close();
});
