/**
 * The task pane inside Outlook, signed in for real: `/taskpane.html` with Office.js replaced by an Outlook stand-in
 * (test/helpers/office-mock.ts: a compose item, no nested app authentication), against a server with AIDE_AUTH=entra
 * whose tenant keys come from the local issuer. The product's own path for an Office without nested app
 * authentication runs: src/hosts/auth.ts tries nestedToken, falls back to dialogToken, which opens the real dialog
 * page (`/auth-dialog.html`) through `displayDialogAsync`; there MSAL's real redirect flow signs in against the local
 * issuer (authorization code with PKCE) and the token comes back to the pane by `messageParent`. Then the vertical
 * slice: the library loads, a prompt runs through the gateway, the answer is inserted into the draft, the event is
 * stored. No request of any page may get a 401, and every API call carries the bearer.
 */
import { mockOutlook, type OfficeMock } from '../helpers/office-mock';
import { answerShown, eventually } from './slice-helpers';
import { expectSignedInThroughout, signedInContext, signedInSuite, storedEvents, type Watched } from './signed-in-helpers';

jest.setTimeout(180_000);

const suite = signedInSuite();

const DRAFT = {
  subject: 'RE: Planning des astreintes de décembre',
  html:
    '<p>Bonjour,</p><p>Le planning des astreintes de décembre est validé : le service de cardiologie assure les week-ends du 6 et du 20, ' +
    'la réanimation ceux du 13 et du 27. Les échanges de garde doivent être signalés au secrétariat avant le 1er décembre.</p><p>Cordialement</p>',
  selection:
    'Le planning des astreintes de décembre est validé : le service de cardiologie assure les week-ends du 6 et du 20, la réanimation ceux du 13 et du 27. ' +
    'Les échanges de garde doivent être signalés au secrétariat avant le 1er décembre.',
};

/** A signed-in browser context whose pages are Outlook compose windows on the draft (no user role in the token). */
async function outlookCompose(): Promise<{ w: Watched; office: OfficeMock }> {
  suite.issuer.user.roles = [];
  let office!: OfficeMock;
  const w = await signedInContext(suite, async (context) => {
    office = await mockOutlook(context, { compose: { ...DRAFT } });
  });
  return { w, office };
}

test('/taskpane.html in Outlook (Office.js mocked, no nested app auth): signs in through the Office dialog, then library, gateway, insert, event stored', async () => {
  const { server, issuer } = suite;
  const { w, office } = await outlookCompose();
  const { page } = w;
  const tokensBefore = issuer.calls.filter((c) => c.grant === 'authorization_code').length;
  await page.goto(`${server.url}/taskpane.html`);
  await page.waitForSelector('[data-testid=pane][data-host=outlook][data-mode=compose]', { timeout: 30_000 });

  // Sign-in went through the Office dialog: nested app authentication was asked for and is absent, so the pane opened
  // the dialog page, which signed in at the (routed) Entra host and sent the token back by messageParent.
  await eventually(() => expect(office.dialogs).toHaveLength(1), 20_000);
  const dialog = office.dialogs[0]!;
  expect(new URL(dialog.url).pathname).toBe('/auth-dialog.html');
  expect(new URL(dialog.url).origin).toBe(server.url);
  await eventually(() => expect(dialog.messages).toHaveLength(1), 20_000);
  expect(JSON.parse(dialog.messages[0]!)).toMatchObject({ type: 'token', token: expect.stringMatching(/^\S+\.\S+\.\S+$/) });
  await eventually(() => expect(dialog.closed).toBe(true));
  expect(await office.asked(page)).toContain('NestedAppAuth');
  expect(issuer.calls.filter((c) => c.grant === 'authorization_code').length).toBe(tokensBefore + 1);
  expect(issuer.calls.filter((c) => c.endpoint === 'authorize').at(-1)?.redirectUri).toBe(`${server.url}/auth-dialog.html`);

  // The library loaded signed in.
  await page.selectOption('[data-testid=role]', 'secretary');
  await page.waitForSelector('[data-testid=gallery-list]');
  expect(await page.locator('[data-testid=pane]').textContent()).not.toContain("n'a pas pu être chargée");
  await page.fill('[data-testid=gallery-search]', 'sélection');
  await page.click('[data-testid=open-summarize-selection]');
  await page.waitForSelector('[data-testid=run-panel]');

  // A prompt runs through the gateway with the bearer; the answer goes into the draft, where the selection was.
  const [response] = await Promise.all([page.waitForResponse('**/v1/chat/completions'), page.click('[data-testid=run-generate]')]);
  expect(response.status()).toBe(200);
  expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ aide: { promptId: 'summarize-selection' } });
  await answerShown(page);
  await page.click('[data-testid=answer-insert]');
  await eventually(async () => expect(await page.textContent('[data-testid=answer-insert]')).toBe('Inséré ✓'));
  const inserted = await office.inserted(page);
  expect(inserted).toHaveLength(1);
  expect(inserted[0]).toMatchObject({ coercionType: 'html', where: 'selection' });
  expect(inserted[0]!.html).toMatch(/astreintes|cardiologie|réanimation|garde/);

  // The event reached the database through the signed-in metrics client, recorded for Outlook.
  await eventually(() => expect(storedEvents(server)).toContainEqual({ type: 'prompt_run', prompt_id: 'summarize-selection', host: 'outlook', outcome: 'inserted' }), 20_000);

  expectSignedInThroughout(w, ['/api/prompts', '/v1/chat/completions', '/api/events']);
  // One sign-in for the whole slice: no second dialog.
  expect(office.dialogs).toHaveLength(1);
  await w.context.close();
});

test('the user closes the sign-in window: the pane says to sign in, opens no other window by itself, and « Se connecter » signs in', async () => {
  const { server, issuer } = suite;
  const { w, office } = await outlookCompose();
  // The first window stays on the sign-in page (the authorization request is never answered) until the user closes it.
  let atSignInPage!: () => void;
  const reached = new Promise<void>((resolve) => (atSignInPage = resolve));
  office.onDialog = async (dialog, index) => {
    if (index === 0) await dialog.route('**/oauth2/v2.0/authorize**', () => atSignInPage());
  };
  const { page } = w;
  await page.goto(`${server.url}/taskpane.html`);
  await reached;
  await office.dialogs[0]!.page.close();

  await page.selectOption('[data-testid=role]', 'secretary');
  await page.waitForSelector('[data-testid=gallery] >> text=Connectez-vous pour afficher les tâches de votre établissement.');
  expect(await page.locator('[data-testid=gallery] [data-testid^=open-]').count()).toBe(0);
  await page.waitForTimeout(1000);
  expect(office.dialogs).toHaveLength(1); // no window opened by itself, no loop

  await page.click('[data-testid=notice-action]');
  await eventually(() => expect(office.dialogs).toHaveLength(2), 20_000);
  await eventually(() => expect(office.dialogs[1]!.messages).toHaveLength(1), 20_000);
  await page.waitForSelector('[data-testid=open-summarize-selection]');
  expect(await page.locator('[data-testid=notice-action]').count()).toBe(0);
  expectSignedInThroughout(w, ['/api/prompts']);
  await w.context.close();
});
