/**
 * A 300-page document in the Word preview: summarized in parts with a progress bar, the result saying that it covered
 * the whole document; Stop keeps the parts already done and says which sections they were. Offline it spends no
 * allowance, so the pane never asks first; with a model, the pane says before starting what share of the day's
 * allowance the job will use, and asks when it is large (nothing is sent until the user says so).
 */
import type { Page, Route } from 'playwright-core';
import { answerShown, eventually, modelSuite, previewSuite } from './slice-helpers';

jest.setTimeout(120_000);

/** ~300 pages (about 3 000 characters each) of a guideline in numbered sections. */
function longGuideline(pages = 300): string {
  const topics = ['antibioprophylaxie', 'hygiène des mains', 'prévention des chutes', 'douleur post-opératoire', 'identitovigilance', 'transfusion'];
  const out: string[] = [];
  for (let s = 1; out.join('\n').length < pages * 3000; s++) {
    const topic = topics[s % topics.length];
    out.push(`${s}. RECOMMANDATIONS — ${topic.toUpperCase()} (PARTIE ${s})`);
    for (let p = 0; p < 6; p++) {
      out.push(
        `Pour la ${topic}, l'équipe vérifie les critères ${s}.${p} avant toute décision. Il est recommandé de tracer chaque étape dans le dossier du patient dans un délai de ${p + 1} heures. ` +
          `Le groupe de travail a retenu un niveau de preuve ${['A', 'B', 'C'][p % 3]} pour cette mesure, après revue de ${10 + s} études. ` +
          `Les établissements doivent évaluer l'application de cette recommandation au moins une fois par an et en rendre compte à la commission médicale.`,
      );
    }
  }
  return out.join('\n\n');
}

/** As if pasted into the document field: one input event with the whole text (typing it is not the point here). */
async function pasteDocument(page: Page, text: string): Promise<void> {
  // The form may still be rendering (the prompt was just opened): wait for the field or, when a long text is already
  // there, for its size with a button to clear it; after the clear, for the field again ($eval does not wait).
  await page.waitForSelector('[data-testid=var-document], [data-testid=var-document-long]');
  if (await page.locator('[data-testid=var-document-long]').count()) await page.click('[data-testid=var-document-clear]');
  await page.waitForSelector('[data-testid=var-document]');
  await page.$eval(
    '[data-testid=var-document]',
    (el, value) => {
      const area = el as HTMLTextAreaElement;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(area, value);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
  await page.waitForSelector('[data-testid=var-document-long]');
}

/**
 * Holds the pane's model calls after the first `free` ones until `release`: the offline engine answers a part in
 * milliseconds, so without it a long job can end between the test seeing its progress and the test's next click.
 */
async function holdCallsAfter(page: Page, free: number): Promise<{ release: () => Promise<void> }> {
  let open!: () => void;
  const held = new Promise<void>((resolve) => (open = resolve));
  let calls = 0;
  const handler = async (route: Route): Promise<void> => {
    if (++calls > free) await held;
    // The pane may have given the call up meanwhile (Stop, another item): nothing to continue then.
    await route.continue().catch(() => undefined);
  };
  await page.route('**/v1/chat/completions', handler);
  return {
    release: async () => {
      open();
      await page.unroute('**/v1/chat/completions', handler);
    },
  };
}

/**
 * Waits for the answer with this status and for its text to be on screen: a long answer is rendered in several tasks
 * after the status changes (see streamed-answer.tsx), so reading it at once could read only its first blocks.
 */
/** The physician's guideline summary on the Word preview's document. */
async function openGuidelineSummary(page: Page): Promise<void> {
  await page.selectOption('[data-testid=role]', 'physician');
  await page.click('[data-testid=open-document]');
  await page.waitForSelector('[data-testid=pane][data-host=word]');
  await page.click('[data-testid=open-guideline-summary]');
}

describe('offline engine', () => {
  // A 300-page document is ~240 000 tokens, more than this day's allowance: offline it costs none, so it runs whole.
  const suite = previewSuite({ tokensPerDay: 100_000 }, async ({ preview }) => openGuidelineSummary(preview.page));

  test('a 300-page document is summarized in parts with progress, and the result says it covered everything', async () => {
    const { page } = suite.preview;
    const text = longGuideline();
    expect(text.length).toBeGreaterThan(900_000);
    await pasteDocument(page, text);
    // The form shows the size of such a text, not a 300-page text box.
    expect((await page.textContent('[data-testid=var-document-long]'))?.replace(/\s/g, '')).toContain(text.length.toLocaleString('fr-FR').replace(/\s/g, ''));
    await page.click('[data-testid=run-generate]');
    await page.waitForSelector('[data-testid=run-progress]');
    // Offline: no question about the allowance, which this job does not touch (the pane says so).
    expect(await page.textContent('[data-testid=run-message]')).toBe('Mode hors ligne : ce traitement ne consomme pas de quota.');
    await answerShown(page, '[data-testid=answer][data-status=done]', { timeout: 90_000 });
    expect(await page.locator('[data-testid=allowance-ask]').count()).toBe(0);
    const answer = (await page.textContent('[data-testid=answer-content]')) ?? '';
    expect(answer).toMatch(/tout le document a été couvert/);
    expect(answer).toContain('RECOMMANDATIONS');
    expect(await page.locator('[data-testid=answer-content] h3').count()).toBeGreaterThan(5);
  });

  test('Stop during a long summary keeps the parts already done and names the sections covered', async () => {
    const { page } = suite.preview;
    const calls = await holdCallsAfter(page, 2);
    await page.click('[data-testid=run-generate]');
    // Wait until at least one part is done, then stop.
    await eventually(async () => {
      const label = (await page.textContent('[data-testid=answer]')) ?? '';
      const done = Number(/partie (\d+) sur/.exec(label)?.[1] ?? 0);
      expect(done).toBeGreaterThanOrEqual(2);
    }, 60_000);
    await page.click('[data-testid=run-stop]');
    await calls.release();
    await answerShown(page, '[data-testid=answer][data-status=done]');
    expect(await page.textContent('[data-testid=run-message]')).toContain('parties déjà traitées');
    expect(await page.textContent('[data-testid=answer-content]')).toMatch(/Résumé partiel : \d+ section\(s\) couverte\(s\), jusqu’à : .*RECOMMANDATIONS/);
  });

  test('another item during a long summary: the job stops, the parts done stay with the document, marked interrupted', async () => {
    const { page } = suite.preview;
    const calls = await holdCallsAfter(page, 2);
    await page.click('[data-testid=run-generate]');
    await eventually(async () => {
      const label = (await page.textContent('[data-testid=answer]')) ?? '';
      expect(Number(/partie (\d+) sur/.exec(label)?.[1] ?? 0)).toBeGreaterThanOrEqual(2);
    }, 60_000);
    await page.click('[data-testid=mail-cardio-consultations]');
    await page.waitForSelector('[data-testid=pane][data-host=outlook]');
    await calls.release();
    // Nothing of it on the mail; the pane says where the parts done went.
    await eventually(async () => expect(await page.textContent('[data-testid=pane]')).toContain('Réponse interrompue : « '));
    expect(await page.locator('[data-testid=answer]').count()).toBe(0);
    await page.click('[data-testid=open-document]');
    await page.waitForSelector('[data-testid=pane][data-host=word]');
    const entry = page.locator('[data-testid=answer-history-entry][data-prompt-id=guideline-summary]').first();
    await entry.waitFor();
    expect(await entry.getAttribute('data-status')).toBe('interrupted');
    expect(await entry.textContent()).toContain('Réponse interrompue (le document a changé)');
    await entry.locator('[data-testid=answer-history-reopen]').click();
    await answerShown(page, '[data-testid=answer][data-status=done][data-interrupted=true]');
    expect(await page.textContent('[data-testid=answer-interrupted]')).toBe('Réponse interrompue (le document a changé)');
    expect(await page.textContent('[data-testid=answer-content]')).toMatch(/Résumé partiel : \d+ section\(s\) couverte\(s\), jusqu’à : .*RECOMMANDATIONS/);
  });
});

describe('with a model', () => {
  // The default allowance (500 000 tokens a day): a 300-page document would take about half of it.
  const suite = modelSuite({ tokensPerDay: 500_000, privacy: 'off' }, async ({ preview, upstream }) => {
    upstream.fallback = { type: 'reply', chunks: ['### Recommandations\n\n', 'Synthèse de cette partie.'] };
    await openGuidelineSummary(preview.page);
  });
  const chatRequests = () => suite.upstream.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

  test('a large share of the day: the pane says how much and asks before sending anything', async () => {
    const { page } = suite.preview;
    await pasteDocument(page, longGuideline());
    await page.click('[data-testid=run-generate]');
    const ask = page.locator('[data-testid=allowance-ask]');
    await ask.waitFor();
    const said = ((await ask.textContent()) ?? '').replace(/\s/g, ' ');
    const share = Number(/soit (\d+) % du quota du jour/.exec(said)?.[1]);
    // ~240 000 tokens of a 500 000 allowance: about half (the estimate, not a measure: a wide band).
    expect(share).toBeGreaterThanOrEqual(30);
    expect(share).toBeLessThanOrEqual(70);
    expect(said).toMatch(/traité en \d+ parties : environ [\d ]+ jetons/);
    expect(said).toContain('500 000 restants');
    // Asked, not started: nothing went to the model.
    expect(await page.locator('[data-testid=answer]').count()).toBe(0);
    expect(chatRequests()).toBe(0);

    await page.click('[data-testid=allowance-cancel]');
    expect(await ask.count()).toBe(0);
    await page.waitForTimeout(300);
    expect(chatRequests()).toBe(0);
    expect(await page.locator('[data-testid=answer]').count()).toBe(0);

    // Asked again, and this time started: the parts go to the model.
    await page.click('[data-testid=run-generate]');
    await ask.waitFor();
    await page.click('[data-testid=allowance-continue]');
    expect(await ask.count()).toBe(0);
    await answerShown(page, '[data-testid=answer][data-status=done]', { timeout: 90_000 });
    expect(chatRequests()).toBeGreaterThan(5);
    expect(await page.textContent('[data-testid=answer-content]')).toContain('Synthèse de cette partie.');
  });

  test('a small share: said before starting, not asked', async () => {
    const { page } = suite.preview;
    const before = chatRequests();
    // About 30 pages: over the length summarized in parts, a few percent of the day.
    await pasteDocument(page, longGuideline(30));
    await page.click('[data-testid=run-generate]');
    await answerShown(page, '[data-testid=answer][data-status=done]', { timeout: 60_000 });
    expect(await page.locator('[data-testid=allowance-ask]').count()).toBe(0);
    expect(((await page.textContent('[data-testid=run-message]')) ?? '').replace(/\s/g, ' ')).toMatch(/traité en \d+ parties : environ [\d ]+ jetons, soit \d+ % du quota du jour \([\d ]+ restants\)/);
    expect(chatRequests()).toBeGreaterThan(before);
  });
});
