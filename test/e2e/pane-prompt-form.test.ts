/**
 * Writing a prompt without YAML, in headless Chromium: the form (title, description, role, application, category,
 * instructions, fields with name / label / type / required / prefill source, kind of answer), an error shown next to
 * its field in French, saved, run on a sample mail, exported as the library's file format and imported back.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { answerShown, eventually, previewSuite } from './slice-helpers';

jest.setTimeout(120_000);

const listed = (page: Page) => page.$$eval('[data-testid=gallery-list] > li', (items) => items.map((li) => li.getAttribute('data-prompt-id')));

const suite = previewSuite({}, async ({ preview }) => {
  await preview.page.selectOption('[data-testid=role]', 'secretary');
  await preview.page.click('[data-testid=mail-patient-dossier]');
  await preview.page.waitForSelector('[data-testid=gallery-list]');
});

test('a prompt written with the form: field errors in French, run, export, import back', async () => {
  const { page } = suite.preview;
  await page.click('[data-testid=gallery-new]');
  await page.waitForSelector('[data-testid=prompt-form-editor]');
  await page.fill('[data-testid=pf-title]', 'Accusé de réception simple');
  await page.fill('[data-testid=pf-description]', 'Un accusé de réception court pour une demande reçue par mail.');
  await page.selectOption('[data-testid=pf-role]', 'secretary');
  await page.selectOption('[data-testid=pf-category]', 'reply');
  await page.selectOption('[data-testid=pf-output]', 'letter');
  await page.fill('[data-testid=pf-instructions]', 'Rédige un accusé de réception court et courtois, sans rien promettre.');
  // The first field: the mail itself, prefilled.
  await page.fill('[data-testid=pf-field-0-label]', 'Mail reçu');
  await page.selectOption('[data-testid=pf-field-0-source]', 'mail.body');
  // A second field, with a name that is not a valid one: refused next to the field, in French.
  await page.click('[data-testid=pf-add-field]');
  await page.fill('[data-testid=pf-field-1-label]', 'Nom du demandeur');
  await page.fill('[data-testid=pf-field-1-name]', 'nom demandeur');
  await page.selectOption('[data-testid=pf-field-1-type]', 'person');
  await page.check('[data-testid=pf-field-1-required]');
  await page.click('[data-testid=pf-save]');
  const fieldError = page.locator('[data-testid=pf-field-1] [role=alert], [data-testid=pf-field-1] .fui-Field__validationMessage');
  await fieldError.first().waitFor();
  expect(await fieldError.first().textContent()).toContain('Lettres et chiffres seulement');
  expect(await page.textContent('[data-testid=pf-errors]')).toBe('Corrigez les champs signalés en rouge.');
  await page.fill('[data-testid=pf-field-1-name]', 'nomDemandeur');
  await page.click('[data-testid=pf-save]');

  // Saved: its run panel opens on the open mail, the mail prefilled.
  await page.waitForSelector('[data-testid=run-panel][data-prompt-id=accuse-de-reception-simple]');
  await eventually(async () => expect(await page.locator('[data-testid=var-content]').inputValue()).toContain('copie de mon dossier médical'));
  await page.fill('[data-testid=var-nomDemandeur]', 'Martine Roux');
  // The request carries the form's instructions and fields (the offline engine answers that it needs a model).
  const [request] = await Promise.all([page.waitForRequest('**/v1/chat/completions'), page.click('[data-testid=run-generate]')]);
  const sent = request.postData() ?? '';
  expect(sent).toContain('Rédige un accusé de réception court et courtois');
  expect(sent).toContain('Nom du demandeur : Martine Roux');
  await answerShown(page);
  // A reply prompt: its main button opens the reply.
  expect(await page.getAttribute('[data-testid=answer-actions]', 'data-primary')).toBe('reply');

  // Exported in the library's own format, the form's words in it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=prompt-export]')]);
  expect(download.suggestedFilename()).toBe('accuse-de-reception-simple.md');
  const exported = fs.readFileSync((await download.path())!, 'utf8');
  expect(exported).toMatch(/^---\nid: accuse-de-reception-simple\n/);
  expect(exported).toContain('category: reply');
  expect(exported).toContain('Rédige un accusé de réception court et courtois');
  expect(exported).toContain('{{nomDemandeur}}');
  expect(exported).toContain('source: mail.body');

  // Deleted, then imported back: the same prompt again.
  await page.click('[data-testid=prompt-delete]');
  await eventually(async () => expect(await listed(page)).not.toContain('accuse-de-reception-simple'));
  await page.setInputFiles('[data-testid=gallery-import-file]', [{ name: 'accuse-de-reception-simple.md', mimeType: 'text/markdown', buffer: Buffer.from(exported) }]);
  await page.waitForSelector('text=1 tâche(s) importée(s).');
  await eventually(async () => expect(await listed(page)).toContain('accuse-de-reception-simple'));

  // Opened again in the form, the instructions come back as written (not the generated template).
  await page.click('[data-testid=open-accuse-de-reception-simple]');
  await page.click('[data-testid=prompt-edit]');
  expect(await page.inputValue('[data-testid=pf-instructions]')).toBe('Rédige un accusé de réception court et courtois, sans rien promettre.');
  expect(await page.inputValue('[data-testid=pf-field-1-name]')).toBe('nomDemandeur');
  await page.click('[data-testid=pf-cancel]');
});

test('an import error is in French in the French pane', async () => {
  const { page } = suite.preview;
  if (await page.locator('[data-testid=back]').count()) await page.click('[data-testid=back]');
  await page.setInputFiles('[data-testid=gallery-import-file]', [{ name: 'casse.md', mimeType: 'text/markdown', buffer: Buffer.from('---\nid: Casse\n---\n') }]);
  await page.waitForSelector('text=/casse\\.md:\\d+/');
  const text = (await page.textContent('[data-testid=gallery]')) ?? '';
  expect(text).toContain('un identifiant est fait de mots en minuscules');
  expect(text).not.toContain('is missing');
});
