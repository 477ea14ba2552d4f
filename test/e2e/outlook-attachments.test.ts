/**
 * Outlook read mode in headless Chromium, on a real server (offline engine): the "text to use" of a prompt can be an
 * attachment of the open mail — a real PDF read by pdf.js in its worker (served by the Aide server), loaded only
 * then — or the whole conversation, which the preview (no mailbox, no Graph) rebuilds from the quoted history and
 * says so. An attachment Aide cannot read gives a clear message and nothing is sent.
 */
import type { Request } from 'playwright-core';
import { artifact } from '../helpers/browser';
import { answerShown, eventually, previewSuite } from './slice-helpers';

jest.setTimeout(120_000);

const requests: string[] = [];

const suite = previewSuite({}, async ({ preview }) => {
  preview.page.on('request', (r: Request) => requests.push(new URL(r.url()).pathname));
  await preview.page.selectOption('[data-testid=role]', 'secretary');
});

async function openPrompt(mailId: string, promptId: string): Promise<void> {
  const { page } = suite.preview;
  await page.click(`[data-testid=mail-${mailId}]`);
  await page.click('[data-testid=back]').catch(() => undefined);
  await page.fill('[data-testid=gallery-search]', '');
  await page.click(`[data-testid=open-${promptId}]`);
  await page.waitForSelector('[data-testid=source-select]');
}

test('a PDF attachment is read by pdf.js (loaded on demand) and summarized; the answer comes from the PDF', async () => {
  const { page } = suite.preview;
  await openPrompt('qualite-fei', 'summarize-mail');
  // The pane did not load pdf.js to open the prompt.
  expect(requests.some((p) => p.includes('pdf.worker'))).toBe(false);
  const options = await page.locator('[data-testid=source-select] option').allTextContents();
  expect(options).toEqual(['Ce mail', 'Toute la conversation', 'Pièce jointe : FEI-2026-0412.pdf', 'Pièce jointe : CR_CREX_mars.pdf', 'Pièce jointe : Photo_etiquettes_tubes.png']);

  const body = page.locator('[data-testid=var-mailBody]');
  await eventually(async () => expect(await body.inputValue()).toContain("erreur d'identitovigilance"));
  await page.selectOption('[data-testid=source-select]', 'attachment:cr-crex-mars.pdf');
  await page.waitForSelector('[data-testid=source-note]:has-text("CR_CREX_mars.pdf")');
  expect(await page.textContent('[data-testid=source-note]')).toMatch(/Pièce jointe « CR_CREX_mars\.pdf » lue : 1 page\(s\), [\d\s  ]+ caractères\./);
  // The form now holds the PDF's text, accents and typographic apostrophes intact, not the mail's.
  const text = await body.inputValue();
  expect(text).toContain('retard de transmission d\'un résultat critique de kaliémie');
  expect(text).toContain('numéro de garde de nuit erroné dans l’annuaire du laboratoire');
  expect(text).not.toContain("erreur d'identitovigilance");
  expect(await page.textContent('[data-testid=prompt-form]')).toContain('Rempli depuis la pièce jointe');
  expect(requests.filter((p) => p === '/vendor/pdfjs/pdf.worker.min.mjs')).toHaveLength(1);

  const [response] = await Promise.all([page.waitForResponse('**/v1/chat/completions'), page.click('[data-testid=run-generate]')]);
  await answerShown(page);
  const sent = JSON.parse(response.request().postData() ?? '{}') as { messages: { content: string }[] };
  expect(sent.messages.map((m) => m.content).join('\n')).toContain('kaliémie');
  const answer = (await page.textContent('[data-testid=answer-content]')) ?? '';
  expect(answer).toMatch(/kaliémie|annuaire des gardes|CREX|ALARM/);
  expect(answer).not.toMatch(/identitovigilance/); // from the PDF, not from the mail body
  await page.locator('[data-testid=answer]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('pane-outlook-attachment.png') });
});

test('an image attachment: a clear message, no download, no run', async () => {
  const { page } = suite.preview;
  await page.click('[data-testid=answer-discard]').catch(() => undefined);
  const before = requests.filter((p) => p.endsWith('/v1/chat/completions')).length;
  await page.selectOption('[data-testid=source-select]', 'attachment:photo-etiquettes.png');
  await page.waitForSelector('[data-testid=source-error]');
  expect(await page.textContent('[data-testid=source-error]')).toBe(
    'Aide ne sait pas lire « Photo_etiquettes_tubes.png » : seuls les PDF, Word (.docx), textes, pages HTML et mails (.eml) sont pris en charge. Enregistrez-le en PDF ou en .docx.',
  );
  expect(await page.locator('[data-testid=var-mailBody]').inputValue()).toBe('');
  expect(await page.isDisabled('[data-testid=run-generate]')).toBe(true);
  await page.locator('[data-testid=source-error]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('pane-outlook-attachment-unreadable.png') });
  await new Promise((r) => setTimeout(r, 300));
  expect(requests.filter((p) => p.endsWith('/v1/chat/completions')).length).toBe(before);

  // Back to the mail: the error goes, the mail's text comes back, Generate is enabled again.
  await page.selectOption('[data-testid=source-select]', 'mail');
  await eventually(async () => expect(await page.locator('[data-testid=var-mailBody]').inputValue()).toContain("erreur d'identitovigilance"));
  expect(await page.locator('[data-testid=source-error]').count()).toBe(0);
  expect(await page.isDisabled('[data-testid=run-generate]')).toBe(false);
});

test('a text attachment of the thread mail, in English', async () => {
  const { page } = suite.preview;
  await openPrompt('thread-formation', 'summarize-mail');
  await page.selectOption('[data-testid=lang]', 'en');
  await page.selectOption('[data-testid=source-select]', 'attachment:programme-afgsu.txt');
  await page.waitForSelector('[data-testid=source-note]:has-text("Programme_AFGSU2_avril.txt")');
  expect(await page.textContent('[data-testid=source-note]')).toMatch(/^Attachment “Programme_AFGSU2_avril\.txt” read: [\d,]+ characters\.$/);
  expect(await page.locator('[data-testid=var-mailBody]').inputValue()).toContain('salle de simulation 2');
  await page.selectOption('[data-testid=lang]', 'fr');
});

test('the whole thread: rebuilt from the quoted history, the pane says so, why, and which messages it used', async () => {
  const { page } = suite.preview;
  await openPrompt('thread-formation', 'summarize-thread');
  expect(await page.inputValue('[data-testid=source-select]')).toBe('thread');
  await page.waitForSelector('[data-testid=source-note]');
  expect(await page.getAttribute('[data-testid=source-note]', 'data-source')).toBe('quoted-history');
  expect(await page.textContent('[data-testid=source-note-summary]')).toBe(
    "Fil reconstruit à partir de l'historique cité du mail ouvert, 3 message(s). Microsoft Graph n'est pas disponible ici (aperçu sans Office, sans boîte aux lettres) : les messages non cités dans ce mail manquent.",
  );
  const listed = await page.locator('[data-testid=source-note-messages] li').allTextContents();
  expect(listed).toHaveLength(3);
  expect(listed[0]).toContain('Sandrine Morel');
  expect(listed[0]).toContain('mardi 10 mars 2026 09:12');
  expect(listed[1]).toContain('Secrétariat de cardiologie');
  expect(listed[2]).toMatch(/^Sandrine Morel · 13 mars 2026/); // the open mail itself, newest
  expect(await page.textContent('[data-testid=prompt-form]')).toContain('3 message(s) utilisé(s), dont 0 résumé(s)');
  const thread = await page.locator('[data-testid=var-thread]').inputValue();
  expect(thread.indexOf('Trois agents de votre service')).toBeLessThan(thread.indexOf('je confirme donc les deux sessions'));

  await page.click('[data-testid=run-generate]');
  await answerShown(page);
  expect(await page.textContent('[data-testid=answer-content]')).toMatch(/AFGSU|session|avril/);
  await page.locator('[data-testid=source-note]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('pane-outlook-thread.png') });
});
