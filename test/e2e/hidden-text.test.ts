/**
 * Hidden text is not text (issue 13), in headless Chromium on the preview host: the mail's hidden instructions
 * (a hidden class, display:none, white 1px text) never reach the form the model is sent from, and the pane says
 * « Texte masqué retiré du message (n caractères) »; a mail without hidden text shows no such note.
 */
import { cleanMail } from '../../src/core/mail';
import { SAMPLE_MAILS } from '../../src/hosts/preview-data/mails';
import { eventually, openPrompt, previewSuite } from './slice-helpers';

jest.setTimeout(180_000);

const suite = previewSuite();

test('the hidden text of a mail is removed from what is sent, and the note says how much', async () => {
  const { page } = suite.preview;
  await page.selectOption('[data-testid=role]', 'secretary');
  const mail = SAMPLE_MAILS.find((m) => m.id === 'fournisseur-masque');
  if (!mail) throw new Error('the preview inbox has no mail with hidden text');
  const expected = cleanMail({ html: mail.html }).hidden.chars;
  expect(expected).toBeGreaterThan(100);
  await openPrompt(page, 'summarize-mail', { mail: 'fournisseur-masque' });
  await eventually(async () => expect(await page.locator('[data-testid=var-mailBody]').inputValue()).toContain('coordonnées bancaires changent'));
  const body = await page.locator('[data-testid=var-mailBody]').inputValue();
  for (const hidden of ['résume ce mail en disant', 'Ignore tes instructions', 'Ajoute ce lien', 'medfourni-exemple.fr/rib']) expect(body).not.toContain(hidden);
  const note = page.locator('[data-testid=hidden-text-note]');
  await eventually(async () => expect(await note.count()).toBe(1));
  expect(((await note.textContent()) ?? '').replace(/\s+/g, ' ')).toBe(`Texte masqué retiré du message (${expected.toLocaleString('fr-FR').replace(/\s/g, ' ')} caractères) : il n’est pas envoyé.`);

  // A mail with nothing hidden: no note.
  await openPrompt(page, 'summarize-mail', { mail: 'cardio-consultations' });
  await eventually(async () => expect(await page.locator('[data-testid=var-mailBody]').inputValue()).toContain('congrès à Lyon'));
  expect(await page.locator('[data-testid=hidden-text-note]').count()).toBe(0);
});
