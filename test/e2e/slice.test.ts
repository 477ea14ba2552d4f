/**
 * The vertical slice in headless Chromium, on a real server (offline engine, real SQLite in a temp data dir):
 * /preview → role secretary → "Summarize a mail" on a sample mail → the answer streams in, labelled offline → Copy →
 * exactly one prompt_run event lands in SQLite → the dashboard API counts it (with 4 other device tokens, k = 5).
 * Word side: the sample document → a letter prompt → fill its form → generate → Insert → real structure in the page.
 * Outlook read: a drafted reply opens in the (preview) reply form, never sent.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { artifact } from '../helpers/browser';
import { answerShown, eventually, openPrompt, previewSuite, summarizeMail } from './slice-helpers';

jest.setTimeout(120_000);

interface EventRow {
  type: string;
  role: string | null;
  prompt_id: string | null;
  host: string | null;
  engine: string | null;
  outcome: string | null;
  input_size: string | null;
  token: string;
}

function runEvents(): EventRow[] {
  const db = new Database(path.join(suite.server.dataDir, 'aide.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT type, role, prompt_id, host, engine, outcome, input_size, token FROM metric_events WHERE type = 'prompt_run' ORDER BY ts").all() as EventRow[];
  } finally {
    db.close();
  }
}

async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let value: T | null | undefined | false = null;
    try {
      value = probe();
    } catch {
      value = null; // the database may not exist yet
    }
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const suite = previewSuite();

test('Outlook: summarize a sample mail as a secretary, copy, one anonymous event counted by the dashboard', async () => {
  const { page } = suite.preview;
  await page.selectOption('[data-testid=role]', 'secretary');
  const responded = page.waitForResponse('**/v1/chat/completions');
  const answer = await summarizeMail(page, 'cardio-consultations');
  const response = await responded;

  // The form was prefilled with the cleaned mail: the request is there, the signature and disclaimer are not.
  const body = page.locator('[data-testid=var-mailBody]');
  expect(await body.inputValue()).toContain('congrès à Lyon');
  expect(await body.inputValue()).not.toContain('secret médical');
  expect(await body.inputValue()).not.toContain('Bip : 4127');

  // Streamed: server-sent events, the answer in several chunks (the pane renders each as it comes: unit-tested).
  expect(response.headers()['content-type']).toContain('text/event-stream');
  const chunks = (await response.text()).split('\n').filter((l) => l.startsWith('data: {') && l.includes('"content"'));
  expect(chunks.length).toBeGreaterThan(1);
  expect(JSON.parse((await response.request().postData()) ?? '{}')).toMatchObject({ stream: true, aide: { promptId: 'summarize-mail', role: 'secretary', task: 'summarize' } });
  expect(await page.textContent('[data-testid=offline-label]')).toBe('Mode hors ligne — sans IA générative');
  expect(await page.textContent('[data-testid=ai-label]')).toBe('Texte généré par IA — à relire');
  expect(answer).toMatch(/consultations|Lyon|ETO/);
  expect(answer).not.toContain('**'); // rendered Markdown, not raw
  // Read mode: the answer can be copied or opened as a reply; there is nothing to insert into.
  expect(await page.locator('[data-testid=answer-insert]').count()).toBe(0);
  expect(await page.locator('[data-testid=answer-reply]').count()).toBe(1);

  await page.click('[data-testid=answer-copy]');
  await page.waitForSelector('[data-testid=run-message]:has-text("Copié")');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(clipboard.length).toBeGreaterThan(20);
  expect(clipboard).not.toMatch(/^#|\*\*/m);
  await page.locator('[data-testid=answer]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('pane-outlook.png') });

  // Exactly one prompt_run, with the role and outcome, and no content.
  const rows = await waitFor(() => {
    const r = runEvents();
    return r.length > 0 && r;
  });
  await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive within the flush delay
  expect(runEvents()).toHaveLength(1);
  expect(rows[0]).toMatchObject({ role: 'secretary', prompt_id: 'summarize-mail', host: 'preview', engine: 'offline', outcome: 'copied' });
  expect(['lt1k', '1to5k', '5to20k']).toContain(rows[0].input_size);
  expect(rows[0].token).toMatch(/^[0-9a-f]{32}$/);

  // Four other devices run prompts too: with 5 distinct tokens the dashboard may show the figures (k = 5).
  const now = new Date().toISOString();
  const others = Array.from({ length: 4 }, () => ({
    type: 'prompt_run',
    id: crypto.randomUUID(),
    token: crypto.randomBytes(16).toString('hex'),
    ts: now,
    site: 'default',
    appVersion: '0.1.0',
    role: 'secretary',
    promptId: 'summarize-mail',
    promptVersion: 1,
    host: 'outlook',
    engine: 'offline',
    outcome: 'inserted',
    ttftMs: 120,
    totalMs: 900,
    inputSize: '1to5k',
    outputSize: 'lt1k',
  }));
  const posted = await fetch(`${suite.server.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: others }) });
  expect(posted.ok).toBe(true);

  const report = (await (await fetch(`${suite.server.url}/api/dashboard/report?role=secretary`)).json()) as {
    summary: { runs: unknown; activeTokens: unknown };
    usage: { topPrompts: { role: string; promptId: string; runs: unknown }[] };
  };
  expect(report.summary.runs).toBe(5);
  expect(report.summary.activeTokens).toBe(5);
  expect(report.usage.topPrompts).toContainEqual({ role: 'secretary', promptId: 'summarize-mail', runs: 5 });
});

test('Outlook read: a drafted reply opens in the reply form (never sent)', async () => {
  const { page } = suite.preview;
  await openPrompt(page, 'medical-record-request-reply', { mail: 'patient-dossier', search: 'dossier' });
  await eventually(async () => expect(await page.locator('[data-testid=var-mailBody]').inputValue()).toContain('copie de mon dossier médical'));
  await page.fill('[data-testid=var-requesterName]', 'Martine Roux');
  await page.click('[data-testid=run-generate]');
  await answerShown(page);
  await page.click('[data-testid=answer-reply]');
  await page.waitForSelector('[data-testid=reply-form]');
  expect(await page.locator('[data-testid=reply-body] p').count()).toBeGreaterThan(0);
  expect(await page.textContent('[data-testid=run-message]')).toContain('envoyez-la vous-même');
});

test('Word: a letter prompt, its form filled, generated and inserted as real structure into the document', async () => {
  const { page } = suite.preview;
  await page.click('[data-testid=open-document]');
  await page.waitForSelector('[data-testid=preview-document]');
  await page.waitForSelector('[data-testid=pane][data-host=word]');
  // The user's letterhead, set once in the settings, frames the letters inserted into Word.
  await page.click('[data-testid=open-settings]');
  await page.fill('[data-testid=letterhead-establishment]', 'CHU de Valmont');
  await page.fill('[data-testid=letterhead-department]', 'Direction qualité et gestion des risques');
  await page.fill('[data-testid=letterhead-signatory]', 'Claire Dubois');
  await page.click('[data-testid=settings-close]');
  await page.fill('[data-testid=gallery-search]', 'convocation');
  await page.click('[data-testid=open-meeting-invitation]');
  await page.fill('[data-testid=var-meetingName]', 'Comité de retour d’expérience (CREX)');
  await page.fill('[data-testid=var-meetingDate]', 'jeudi 26 mars 2026 à 14 h');
  await page.fill('[data-testid=var-location]', 'salle du conseil, bâtiment A');
  await page.fill('[data-testid=var-agenda]', '1. Analyse de l’événement indésirable n° 2026-0412\n2. Plan d’actions\n3. Questions diverses');
  await page.fill('[data-testid=var-signerName]', 'Claire Dubois');
  await page.click('[data-testid=run-generate]');
  await answerShown(page);
  expect(await page.textContent('[data-testid=offline-label]')).toBe('Mode hors ligne — sans IA générative');

  const before = await page.locator('[data-testid=preview-document] [data-testid=inserted]').count();
  await page.click('[data-testid=answer-insert]');
  const inserted = page.locator('[data-testid=preview-document] [data-testid=inserted]');
  await eventually(async () => expect(await inserted.count()).toBe(before + 1));
  const block = inserted.last();
  expect(await block.locator('p').count()).toBeGreaterThan(3);
  expect(await block.locator('ol > li').count()).toBe(3);
  const text = (await block.innerText()).replace(/\s+/g, ' ');
  expect(text).toContain('Comité de retour d’expérience (CREX)');
  expect(text).toContain('Claire Dubois');
  expect(text).toContain('CHU de Valmont Direction qualité et gestion des risques');
  expect(text.split('Claire Dubois')).toHaveLength(2); // the signatory is already in the letter: no second signature
  expect(text).not.toMatch(/\{\{|\*\*|^#/m);
  expect(await block.locator('[data-testid=inserted-comment]').textContent()).toContain('Texte généré par IA — à relire');
  await block.scrollIntoViewIfNeeded();
  await page.locator('[data-testid=answer]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: artifact('pane-word.png') });

  // Missing information is listed before printing; the user can say whether the answer helped.
  expect(await page.textContent('[data-testid=answer-markers]')).toContain('[à compléter]');
  await page.click('[data-testid=feedback-yes]');
  await page.waitForSelector('[data-testid=feedback]:has-text("Merci")');

  const rows = await waitFor(() => {
    const r = runEvents().filter((e) => e.outcome === 'inserted' && e.prompt_id === 'meeting-invitation');
    return r.length > 0 && r;
  });
  expect(rows).toHaveLength(1);
  const feedback = await waitFor(() => {
    const db = new Database(path.join(suite.server.dataDir, 'aide.sqlite'), { readonly: true });
    try {
      const r = db.prepare("SELECT useful FROM metric_events WHERE type = 'feedback'").all() as { useful: number }[];
      return r.length > 0 && r;
    } finally {
      db.close();
    }
  });
  expect(feedback).toEqual([{ useful: 1 }]);
});

test('Outlook compose offline: polishing the draft needs a model, so its answer can be neither inserted nor copied', async () => {
  const { page } = suite.preview;
  await openPrompt(page, 'polish-draft', { mail: 'brouillon-reponse' });
  await page.waitForSelector('[data-testid=pane][data-mode=compose]');
  await eventually(async () => expect(await page.locator('[data-testid=var-draft]').inputValue()).toContain('piece d'));
  const draftBefore = await page.innerHTML('[data-testid=mail-body]');
  await page.click('[data-testid=run-generate]');
  await answerShown(page);
  // The offline answer explains that rewriting needs a model: it is not a text for the draft.
  expect(await page.locator('[data-testid=answer-insert]').count()).toBe(0);
  expect(await page.locator('[data-testid=answer-copy]').count()).toBe(0);
  expect(await page.textContent('[data-testid=answer-needs-model]')).toContain('ni insérée ni copiée');
  expect(await page.innerHTML('[data-testid=mail-body]')).toBe(draftBefore);
});

test('the ribbon Summarize command (from another page of the add-in) opens the summary and starts it', async () => {
  const { page, context } = suite.preview;
  await page.click('[data-testid=mail-gestion-lits]');
  await page.click('[data-testid=back]').catch(() => undefined);
  const commands = await context.newPage();
  await commands.goto(`${suite.server.url}/healthz`);
  await commands.evaluate(() => localStorage.setItem('aide.command', JSON.stringify({ action: 'summarize', at: Date.now() })));
  await answerShown(page, '[data-testid=run-panel][data-prompt-id=summarize-mail] [data-testid=answer][data-status=done]');
  expect(await page.textContent('[data-testid=answer-content]')).toMatch(/lits|urgences|13 h/i);
  expect(await commands.evaluate(() => localStorage.getItem('aide.command'))).toBeNull(); // handled once
  await commands.close();
  await page.click('[data-testid=answer-discard]');
  expect(await page.locator('[data-testid=answer]').count()).toBe(0);
});

test('Outlook: the whole conversation, rebuilt from the quoted history, and the pane says which messages it used', async () => {
  const { page } = suite.preview;
  await openPrompt(page, 'summarize-thread', { mail: 'thread-formation' });
  await page.waitForSelector('text=Fil reconstruit à partir de l\'historique cité');
  expect(await page.textContent('[data-testid=prompt-form]')).toContain('3 message(s) utilisé(s)');
  await page.click('[data-testid=run-generate]');
  await answerShown(page);
  expect(await page.textContent('[data-testid=answer-content]')).toMatch(/AFGSU|session|avril/);
});

test('outside Office, the task pane page says where it runs and links to the preview', async () => {
  const page = await suite.preview.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${suite.server.url}/taskpane.html`);
  await page.waitForSelector('[data-testid=not-in-office]', { timeout: 20_000 });
  expect(await page.getAttribute('[data-testid=not-in-office] a', 'href')).toBe('/preview');
  expect(await page.textContent('[data-testid=not-in-office]')).toContain('Outlook ou Word');
  expect(errors).toEqual([]);
  await page.close();
});
