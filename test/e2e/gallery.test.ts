/**
 * The gallery in headless Chromium on a real server: search, category and host filters, favourites and recent
 * (remembered across reloads), keyboard use, a personal prompt (duplicate, edit with schema errors shown by line,
 * save), export to a .md file and import back, the offline cache of the library, and switching language.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { eventually, previewSuite } from './slice-helpers';

jest.setTimeout(120_000);

const listed = (page: Page) => page.$$eval('[data-testid=gallery-list] > li', (items) => items.map((li) => li.getAttribute('data-prompt-id')));

const suite = previewSuite({}, async ({ preview }) => {
  await preview.page.selectOption('[data-testid=role]', 'secretary');
  await preview.page.waitForSelector('[data-testid=gallery-list]');
});

/** Each test starts from the gallery with no search and no filter (favourites and personal prompts persist). */
beforeEach(async () => {
  const { page } = suite.preview;
  if (await page.locator('[data-testid=back]').count()) await page.click('[data-testid=back]');
  await page.waitForSelector('[data-testid=gallery]');
  await page.fill('[data-testid=gallery-search]', '');
  await page.selectOption('[data-testid=gallery-category]', '');
});

test('search across titles and descriptions, category filter, host filter', async () => {
  const { page } = suite.preview;
  const all = await listed(page);
  expect(all).toContain('summarize-mail');
  expect(all.length).toBeGreaterThanOrEqual(5);

  await page.fill('[data-testid=gallery-search]', 'convocation');
  await eventually(async () => expect(await listed(page)).toContain('meeting-invitation'));
  expect(await listed(page)).not.toContain('summarize-mail');
  // Description words count too, accents and case aside.
  await page.fill('[data-testid=gallery-search]', 'ECHEANCES');
  await eventually(async () => expect((await listed(page)).length).toBeGreaterThan(0));
  expect((await listed(page)).length).toBeLessThan(all.length);
  await page.fill('[data-testid=gallery-search]', 'relance');
  await eventually(async () => expect(await listed(page)).toContain('reminder'));
  await page.fill('[data-testid=gallery-search]', 'zzzz introuvable');
  await eventually(async () => expect(await page.locator('[data-testid=gallery-list]').count()).toBe(0));
  await page.fill('[data-testid=gallery-search]', '');

  await page.selectOption('[data-testid=gallery-category]', 'summarize');
  await eventually(async () => expect((await listed(page)).sort()).toEqual(['summarize-mail', 'summarize-thread']));
  await page.selectOption('[data-testid=gallery-category]', '');

  // On the Word document, Outlook-only prompts leave the list unless the host filter is switched off.
  await page.click('[data-testid=open-document]');
  await eventually(async () => expect(await listed(page)).not.toContain('summarize-mail'));
  expect(await listed(page)).toContain('meeting-invitation');
  await page.click('[data-testid=gallery-host-only]');
  await eventually(async () => expect(await listed(page)).toContain('summarize-mail'));
  await page.click('[data-testid=gallery-host-only]');
  await page.click('[data-testid=mail-cardio-consultations]');
});

test('favourites and recent prompts are remembered across reloads; the gallery works from the keyboard', async () => {
  const { page } = suite.preview;
  const star = page.locator('[data-testid=favourite-summarize-thread]');
  expect(await star.getAttribute('aria-pressed')).toBe('false');
  await star.click();
  expect(await star.getAttribute('aria-pressed')).toBe('true');
  await page.click('[data-testid=gallery-favourites-only]');
  await eventually(async () => expect(await listed(page)).toEqual(['summarize-thread']));

  // Keyboard: Tab from the search box to the first prompt, Enter opens it.
  await page.click('[data-testid=gallery-favourites-only]');
  await page.focus('[data-testid=gallery-search]');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('data-testid')?.startsWith('open-'))) break;
  }
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  expect(focused).toMatch(/^open-/);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=run-panel]');
  const opened = await page.getAttribute('[data-testid=run-panel]', 'data-prompt-id');
  expect(`open-${opened}`).toBe(focused);
  await page.click('[data-testid=back]');

  await page.reload();
  await page.waitForSelector('[data-testid=gallery-list]');
  expect(await page.inputValue('[data-testid=role]')).toBe('secretary');
  expect(await page.getAttribute('[data-testid=favourite-summarize-thread]', 'aria-pressed')).toBe('true');
  expect(await page.textContent('[data-testid=gallery-recent]')).toContain(await page.textContent(`[data-testid=open-${opened}] .fui-Text`));
});

test('a personal prompt: duplicate, schema errors shown by line, save, export as .md, import back', async () => {
  const { page } = suite.preview;
  await page.click('[data-testid=open-summarize-mail]');
  await page.click('[data-testid=prompt-duplicate]');
  // The form opens first; the raw file is one click away. A copy says so in its title.
  expect(await page.inputValue('[data-testid=pf-title]')).toBe('Copie de Résumer un courriel');
  await page.click('[data-testid=pf-raw]');
  const editor = page.locator('[data-testid=prompt-editor-text]');
  const original = await editor.inputValue();
  expect(original).toContain('id: summarize-mail-perso');
  expect(original).toContain('fr: Copie de Résumer un courriel');
  expect(original).toContain('## fr: system');

  // A broken edit is refused with the line to fix.
  await editor.fill(original.replace(/^category: .*$/m, 'category: nimporte'));
  await page.click('[data-testid=prompt-editor-save]');
  const errors = page.locator('[data-testid=prompt-editor-errors]');
  await errors.waitFor();
  expect(await errors.textContent()).toMatch(/ligne \d+/);

  const edited = original.replace(/^(\s*fr:) Copie de Résumer un courriel$/m, '$1 Mon résumé de courriel');
  expect(edited).not.toBe(original);
  await editor.fill(edited);
  await page.click('[data-testid=prompt-editor-save]');
  await page.waitForSelector('[data-testid=run-panel][data-prompt-id=summarize-mail-perso]');
  expect(await page.textContent('[data-testid=run-panel] h2')).toBe('Mon résumé de courriel');

  // Export: the .md file, in the library's own format.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=prompt-export]')]);
  expect(download.suggestedFilename()).toBe('summarize-mail-perso.md');
  const exported = fs.readFileSync((await download.path())!, 'utf8');
  expect(exported).toContain('id: summarize-mail-perso');
  expect(exported).toContain('Mon résumé de courriel');

  // Delete it, then import the exported file (renamed by the browser, as often) and a colleague's variant.
  await page.click('[data-testid=prompt-delete]');
  await eventually(async () => expect(await listed(page)).not.toContain('summarize-mail-perso'));
  const colleague = exported.replace('id: summarize-mail-perso', 'id: resume-collegue').replace('Mon résumé de courriel', 'Résumé de ma collègue');
  await page.setInputFiles('[data-testid=gallery-import-file]', [
    { name: 'summarize-mail-perso (1).md', mimeType: 'text/markdown', buffer: Buffer.from(exported) },
    { name: 'resume-collegue.md', mimeType: 'text/markdown', buffer: Buffer.from(colleague) },
  ]);
  await page.waitForSelector('text=2 tâche(s) importée(s).');
  await eventually(async () => expect(await listed(page)).toEqual(expect.arrayContaining(['summarize-mail-perso', 'resume-collegue'])));
  expect(await page.textContent('[data-prompt-id=resume-collegue]')).toContain('Personnelle');

  // A broken file is reported with file and line, and nothing else is lost.
  await page.setInputFiles('[data-testid=gallery-import-file]', [{ name: 'casse.md', mimeType: 'text/markdown', buffer: Buffer.from('---\nid: Casse\n---\n') }]);
  await page.waitForSelector('text=/casse\\.md:\\d+/');
  expect(await listed(page)).toContain('resume-collegue');
});

test('the library is cached: with the server unreachable the gallery still lists the prompts, and says so', async () => {
  const { page } = suite.preview;
  await page.route('**/api/prompts', (route) => route.abort('connectionrefused'));
  await page.reload();
  await page.waitForSelector('[data-testid=gallery-list]');
  expect(await listed(page)).toContain('summarize-mail');
  expect(await page.textContent('[data-testid=gallery]')).toContain('Hors connexion');
  await page.unroute('**/api/prompts');
});

test('the weekly survey: after a few runs, once a week, answered anonymously', async () => {
  const { page } = suite.preview;
  await page.evaluate(() => localStorage.setItem('aide.runCount', '3'));
  await page.reload();
  const survey = page.locator('[data-testid=survey]');
  await survey.waitFor();
  await survey.locator('[data-testid=survey-benefit] input[value=yes]').check();
  await survey.locator('select').selectOption('1to2h');
  await survey.locator('[data-testid=survey-comfort] input[value="4"]').check();
  await page.click('[data-testid=survey-send]');
  await page.waitForSelector('text=Merci !');
  const db = path.join(suite.server.dataDir, 'aide.sqlite');
  await eventually(() => {
    const conn = new Database(db, { readonly: true });
    try {
      expect(conn.prepare("SELECT role, benefit, time_saved, comfort FROM metric_events WHERE type = 'survey'").all()).toEqual([
        { role: 'secretary', benefit: 1, time_saved: '1to2h', comfort: 4 },
      ]);
    } finally {
      conn.close();
    }
  });
  await page.reload();
  await page.waitForSelector('[data-testid=gallery-list]');
  expect(await survey.count()).toBe(0); // not again this week
});

test('the pane switches to English, and remembers it', async () => {
  const { page } = suite.preview;
  await page.selectOption('[data-testid=lang]', 'en');
  await page.waitForSelector('text=Search a task');
  await page.reload();
  await page.waitForSelector('[data-testid=pane][data-lang=en]');
  await page.selectOption('[data-testid=lang]', 'fr');
  await page.waitForSelector('text=Rechercher une tâche');
});
