/**
 * Issue 6 in headless Chromium on a real server (offline engine): every Word prompt of every role (and the common
 * actions) drafts into the preview document as real structure — no raw Markdown, no template tags — added as a
 * tracked change with the review comment; a selection action replaces the selection and keeps the original visible
 * as a tracked deletion.
 */
import type { Page } from 'playwright-core';
import { ROLES, type PromptDefinition, type PromptVariable, type Role } from '../../src/core/prompts/schema';
import { artifact } from '../helpers/browser';
import { startOpenAIUpstream, type OpenAIUpstream } from '../helpers/openai-upstream';
import { startServer } from '../helpers/server';
import { answerShown, eventually, openPreview, previewSuite } from './slice-helpers';

jest.setTimeout(300_000);

let library: PromptDefinition[];

const suite = previewSuite({}, async ({ server, preview }) => {
  const response = await fetch(`${server.url}/api/prompts`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { prompts: PromptDefinition[] };
  library = body.prompts;
  const { page } = preview;
  await page.click('[data-testid=open-document]');
  await page.waitForSelector('[data-testid=pane][data-host=word]');
  await page.selectOption('[data-testid=role]', 'secretary');
});

/** A plausible value for a required field the host did not fill. */
function sampleValue(v: PromptVariable): string | null {
  switch (v.type) {
    case 'date':
      return '2026-03-12';
    case 'person':
      return 'Dr Jean Martin';
    case 'choice':
      return null; // a required choice always has a value selected
    case 'longtext':
      return [
        'Réunion du 12 mars avec le service de cardiologie.',
        '',
        '- Panne de la pompe à perfusion n° 12 signalée le 10 mars.',
        '- Remplacement prévu avant le 20 mars.',
        '',
        'Merci de prévenir les équipes de nuit.',
      ].join('\n');
    default:
      return 'Organisation des astreintes';
  }
}

async function toGallery(page: Page): Promise<void> {
  if (await page.locator('[data-testid=back]').count()) await page.click('[data-testid=back]');
  await page.waitForSelector('[data-testid=gallery]');
  await page.fill('[data-testid=gallery-search]', '');
  await page.selectOption('[data-testid=gallery-category]', '');
}

/** Opens the prompt, fills what is required and empty, generates; returns once the answer is complete. */
async function generate(page: Page, prompt: PromptDefinition): Promise<void> {
  await toGallery(page);
  await page.click(`[data-testid=open-${prompt.id}]`);
  await page.waitForSelector('[data-testid=run-panel]');
  for (const v of prompt.variables.filter((x) => x.required)) {
    const field = page.locator(`[data-testid=var-${v.name}]`);
    if (!(await field.count())) continue; // a long prefilled text is shown as its size (var-NAME-long)
    const value = sampleValue(v);
    if (value !== null && (await field.inputValue()).trim() === '') await field.fill(value);
  }
  await page.click('[data-testid=run-generate]');
  try {
    await answerShown(page, '[data-testid=answer][data-status=done]', { timeout: 60_000 });
  } catch (err) {
    await page.screenshot({ path: artifact(`word-prompt-${prompt.id}-failed.png`) });
    throw new Error(`${prompt.id}: no complete answer (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
}

async function insertedBlocks(page: Page): Promise<number> {
  return page.locator('[data-testid=preview-document] [data-testid=inserted]').count();
}

test.each(ROLES.map((r) => [r]))('every Word prompt of the %s library drafts into the document as structure, tracked, with the review comment', async (role) => {
  const { page } = suite.preview;
  // A fresh sample document for each library (what the offline engine inserts would otherwise pile up).
  await page.reload();
  await page.click('[data-testid=open-document]');
  await page.waitForSelector('[data-testid=pane][data-host=word]');
  await page.selectOption('[data-testid=role]', role);
  await toGallery(page);
  const prompts = library.filter((p) => p.role === (role as Role) && p.hosts.includes('word'));
  expect(prompts.length).toBeGreaterThanOrEqual(4);
  for (const prompt of prompts) {
    await generate(page, prompt);
    if (prompt.offline === 'rewrite' || prompt.offline === 'none') {
      // Offline, a task that needs a model answers with an explanation: it can be neither inserted nor copied.
      expect({ id: prompt.id, insert: await page.locator('[data-testid=answer-insert]').count(), copy: await page.locator('[data-testid=answer-copy]').count() }).toEqual({ id: prompt.id, insert: 0, copy: 0 });
      await page.waitForSelector('[data-testid=answer-needs-model]');
      continue;
    }
    const before = await insertedBlocks(page);
    await page.click('[data-testid=answer-insert]');
    await eventually(async () => expect({ id: prompt.id, blocks: await insertedBlocks(page) }).toEqual({ id: prompt.id, blocks: before + 1 }));
    const block = page.locator('[data-testid=preview-document] [data-testid=inserted]').last();
    expect({ id: prompt.id, tracked: await block.getAttribute('data-tracked') }).toEqual({ id: prompt.id, tracked: 'true' });
    expect(await block.locator('[data-testid=inserted-comment]').textContent()).toContain('Texte généré par IA — à relire');
    const text = await block.innerText();
    // Real structure: paragraphs, headings, lists or tables — never Markdown syntax or template tags.
    expect({ id: prompt.id, raw: text.match(/^\s*#{1,6}\s|\*\*|^\s*[-*]\s|\{\{|\}\}|^\s*\|.*\|\s*$/m)?.[0] ?? null }).toEqual({ id: prompt.id, raw: null });
    expect({ id: prompt.id, elements: (await block.locator('p, li, h1, h2, h3, h4, table').count()) > 0 }).toEqual({ id: prompt.id, elements: true });
  }
});

test('a rewrite of the selection replaces it as a tracked change through a model, and the original stays visible', async () => {
  // The offline engine cannot rewrite: this runs through the gateway against an OpenAI-protocol server.
  const upstream: OpenAIUpstream = await startOpenAIUpstream();
  const modelServer = await startServer({ llmProvider: 'openai', llmBaseUrl: upstream.url + '/v1', llmApiKey: 'sk-test', llmModel: 'gpt-test', privacy: 'off' });
  const other = await openPreview(suite.browser, modelServer.url);
  try {
    const { page } = other;
    await page.click('[data-testid=open-document]');
    await page.waitForSelector('[data-testid=pane][data-host=word]');
    await page.selectOption('[data-testid=role]', 'quality');
    await toGallery(page);
    // Select one paragraph of the sample document, as a user would in Word; it stays selected while the pane is used.
    const paragraph = page.locator('[data-testid=preview-document] p', { hasText: 'référent hygiène' }).first();
    const original = (await paragraph.innerText()).trim();
    await paragraph.click({ clickCount: 3 });
    const corrected = 'Chaque cadre de santé désigne un référent en hygiène et transmet son nom à l’EOH (poste 6230) avant le 18 mars.';
    upstream.enqueue({ type: 'reply', chunks: [corrected.slice(0, 40), corrected.slice(40)] });
    await page.click('[data-testid=open-correct-selection]');
    await page.waitForSelector('[data-testid=run-panel]');
    expect((await page.inputValue('[data-testid=var-text]')).trim()).toBe(original);
    await page.click('[data-testid=run-generate]');
    await answerShown(page);
    expect(JSON.stringify(upstream.requests.at(-1)?.body)).toContain('référent hygiène'); // the selection was sent
    const before = await insertedBlocks(page);
    await page.click('[data-testid=answer-insert]');
    await eventually(async () => expect(await insertedBlocks(page)).toBe(before + 1));
    const block = page.locator('[data-testid=preview-document] [data-testid=inserted]').last();
    expect(await block.getAttribute('data-tracked')).toBe('true');
    // The replaced text is kept as a tracked deletion, not lost, and the paragraph is no longer there on its own.
    expect((await block.locator('[data-testid=replaced]').innerText()).trim()).toBe(original);
    expect((await block.innerText()).replace(/\s+/g, ' ')).toContain(corrected);
    expect(await page.locator('[data-testid=preview-document] [data-block]', { hasText: 'référent hygiène' }).count()).toBe(0);
    await block.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('word-selection-replaced.png') });
    expect(other.errors).toEqual([]);
  } finally {
    await other.context.close();
    await modelServer.close();
    await upstream.close();
  }
});
