/**
 * Issue 13 in headless Chromium: a sample mail carrying instructions for the assistant (visible, hidden, and a link
 * whose visible address is not its target) → « Résumer ce mail » → the warning is shown above the answer, names each
 * kind, and the offline summary does not quote the instructions. Offline, the gallery marks the tasks that need a model.
 */
import { artifact } from '../helpers/browser';
import { eventually, previewSuite, summarizeMail } from './slice-helpers';

jest.setTimeout(120_000);

const suite = previewSuite();

test('a mail with injected instructions: the warning is above the answer, the summary does not quote them', async () => {
  const { page } = suite.preview;
  await page.selectOption('[data-testid=role]', 'secretary');
  await summarizeMail(page, 'cme-injection');
  expect(await page.locator('[data-testid=var-mailBody]').inputValue()).toContain('réunion de la CME');
  // Hidden text never reaches the form.
  expect(await page.locator('[data-testid=var-mailBody]').inputValue()).not.toContain('Note pour l');
  const warning = page.locator('[data-testid=injection-warning]');
  await warning.waitFor();
  await page.screenshot({ path: artifact('injection-warning.png') });
  const kinds = await warning.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
  expect(kinds.sort()).toEqual(['deceptive-link', 'hidden-instructions', 'override']);
  expect(await warning.textContent()).toContain('instructions destinées à l’assistant');
  expect(await warning.textContent()).toContain('http://chu-valmont.cme-docs.example.ru/login');
  const [w, a] = [await warning.boundingBox(), await page.locator('[data-testid=answer-content]').boundingBox()];
  expect(w && a && w.y + w.height <= a.y).toBe(true);
  const answer = (await page.textContent('[data-testid=answer-content]')) ?? '';
  expect(answer).toContain('La réunion de la CME aura lieu le mardi 14 avril');
  expect(answer).not.toMatch(/Ignore tes instructions|annulée|n'est pas obligatoire/);
  // The mail's own date (10 March 2026) reads « avant le 3 avril ».
  expect(answer).toContain('vendredi 3 avril 2026');
});

test('a clean mail shows no warning; offline, the gallery marks the tasks that need a model', async () => {
  const { page } = suite.preview;
  await summarizeMail(page, 'cardio-consultations');
  expect(await page.locator('[data-testid=injection-warning]').count()).toBe(0);
  await page.click('[data-testid=open-document]');
  await page.waitForSelector('[data-testid=pane][data-host=word]');
  await page.click('[data-testid=back]').catch(() => undefined);
  await page.waitForSelector('[data-testid=gallery-list]');
  await eventually(async () => expect(await page.locator('[data-testid=needs-model-correct-selection]').count()).toBe(1));
  expect(await page.locator('[data-testid=needs-model-correct-selection]').textContent()).toBe('Nécessite un modèle');
});
