/**
 * A 300-page document in the Word preview: summarized in parts with a progress bar, the result saying that it covered
 * the whole document; Stop keeps the parts already done and says which sections they were.
 */
import { eventually, previewSuite } from './slice-helpers';

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

// A 300-page document is ~225 000 tokens: more than the default daily allowance per user (AIDE_TOKENS_PER_DAY),
// which a hospital raises when its staff summarize long documents.
const suite = previewSuite({ tokensPerDay: 50_000_000 }, async ({ preview }) => {
  const { page } = preview;
  await page.selectOption('[data-testid=role]', 'physician');
  await page.click('[data-testid=open-document]');
  await page.waitForSelector('[data-testid=pane][data-host=word]');
});

test('a 300-page document is summarized in parts with progress, and the result says it covered everything', async () => {
  const { page } = suite.preview;
  await page.click('[data-testid=open-guideline-summary]');
  const text = longGuideline();
  expect(text.length).toBeGreaterThan(900_000);
  // As if pasted: one input event with the whole text (typing 900 000 characters is not the point here).
  await page.$eval(
    '[data-testid=var-document]',
    (el, value) => {
      const area = el as HTMLTextAreaElement;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(area, value);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
  // The form shows the size of such a text, not a 300-page text box.
  await page.waitForSelector('[data-testid=var-document-long]');
  expect((await page.textContent('[data-testid=var-document-long]'))?.replace(/\s/g, '')).toContain(text.length.toLocaleString('fr-FR').replace(/\s/g, ''));
  await page.click('[data-testid=run-generate]');
  await page.waitForSelector('[data-testid=run-progress]');
  await page.waitForSelector('[data-testid=answer][data-status=done]', { timeout: 90_000 });
  const answer = (await page.textContent('[data-testid=answer-content]')) ?? '';
  expect(answer).toMatch(/tout le document a été couvert/);
  expect(answer).toContain('RECOMMANDATIONS');
  expect(await page.locator('[data-testid=answer-content] h3').count()).toBeGreaterThan(5);
});

test('Stop during a long summary keeps the parts already done and names the sections covered', async () => {
  const { page } = suite.preview;
  await page.click('[data-testid=run-generate]');
  // Wait until at least one part is done, then stop.
  await eventually(async () => {
    const label = (await page.textContent('[data-testid=answer]')) ?? '';
    const done = Number(/partie (\d+) sur/.exec(label)?.[1] ?? 0);
    expect(done).toBeGreaterThanOrEqual(2);
  }, 60_000);
  await page.click('[data-testid=run-stop]');
  await page.waitForSelector('[data-testid=answer][data-status=done]');
  expect(await page.textContent('[data-testid=run-message]')).toContain('parties déjà traitées');
  expect(await page.textContent('[data-testid=answer-content]')).toMatch(/Résumé partiel : \d+ section\(s\) couverte\(s\), jusqu’à : .*RECOMMANDATIONS/);
});
