/**
 * A very long streamed answer is rendered incrementally: 300 KB of Markdown (headings, paragraphs, lists, tables,
 * code blocks) in 4-character chunks, the gateway's SSE wire format, all of it there at once (the hardest case for
 * the page: nothing to wait for between chunks, the gateway's own pace is measured by its tests).
 * What is held is deterministic: the characters handed to the Markdown parser and the sanitizer over the whole
 * stream (counted by the page, src/taskpane/streamed-answer.tsx) are the answer once plus, per frame, at most the
 * growing block — linear in the answer, where re-rendering the text so far at each frame is quadratic — and no
 * frame renders more than a budget and a block. Times are not budgets here (a shared machine): the longest task is
 * printed; `npm run bench web` measures them at CPU ×4.
 * (Issue 15: before, each chunk re-rendered everything — tasks up to 4.9 s.)
 */
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { longAnswer, sseOf } from '../helpers/long-answer';
import { RENDER_BUDGET, splitBlocks } from '../../src/taskpane/streamed-answer';
import { ensureWebBundle, openPreview, type PreviewPage } from './slice-helpers';
import type { Browser } from 'playwright-core';

jest.setTimeout(300_000);

const ANSWER = longAnswer(300_000);
/** What the gateway sends for it, in 4-character chunks. */
const { body: SSE, chunks: CHUNKS } = sseOf(ANSWER, 4);
/** The answer's largest block: the most a frame may render again (the growing block, and the line after it). */
const LARGEST_BLOCK = Math.max(...splitBlocks(ANSWER).map((b) => b.length));

let server: TestServer;
let browser: Browser;
let preview: PreviewPage;

beforeAll(async () => {
  ensureWebBundle();
  server = await startServer();
  browser = await launchBrowser();
  preview = await openPreview(browser, server.url);
  await preview.page.route('**/v1/chat/completions', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, body: SSE }));
  await preview.page.selectOption('[data-testid=role]', 'secretary');
});

afterAll(async () => {
  await preview?.context.close();
  await browser?.close();
  await server?.close();
});

test(`a ${Math.round(ANSWER.length / 1000)} KB answer in ${CHUNKS} chunks is rendered in linear work (each block once, the growing block per frame), and all of it shown`, async () => {
  const { page } = preview;
  await page.click('[data-testid=open-summarize-mail]');
  await page.waitForSelector('[data-testid=run-generate]');
  // Long tasks from here on: opening the prompt is not what is measured.
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
  await page.click('[data-testid=run-generate]', { noWaitAfter: true, timeout: 60_000 });
  const ended = await page.waitForSelector('[data-testid=answer]:is([data-status=done], [data-status=error], [data-status=cancelled])', { timeout: 240_000 });
  const status = await ended.getAttribute('data-status');
  if (status !== 'done') console.log(await page.textContent('[data-testid=pane]'));
  expect(status).toBe('done');
  // A long answer's last blocks may still be rendered in the next tasks (a budget per task).
  await page.waitForSelector('[data-testid=answer-content]:not([data-rendering])');
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const work = await page.locator('[data-testid=answer-content]').evaluate((el) => {
    const d = (el as HTMLElement).dataset;
    return { parsed: Number(d.parsedChars), sanitized: Number(d.sanitizedChars), passes: Number(d.renderPasses), longestPass: Number(d.longestPass), finished: Number(d.finishedBlocks), finishedRenders: Number(d.finishedRenders), html: el.innerHTML.length };
  });
  console.log(
    `stream-render: ${work.passes} frames, ${work.finished} finished blocks parsed ${work.finishedRenders} times; Markdown parsed ${work.parsed} characters for ${ANSWER.length} (×${(work.parsed / ANSWER.length).toFixed(2)}), HTML sanitized ${work.sanitized} for ${work.html} shown (×${(work.sanitized / work.html).toFixed(2)}); most in one frame ${work.longestPass} (largest block ${LARGEST_BLOCK}); longest task ${Math.max(0, ...longTasks)} ms, ${longTasks.length} over 50 ms, ${longTasks.filter((d) => d > 200).length} over 200 ms`,
  );
  // Each finished block is parsed once, never again; each frame parses again at most its growing block (and the line
  // being written).
  // (All blocks but the last two: the last line has no line break, so the block before it is not known to be over.)
  expect(work.finished).toBeGreaterThanOrEqual(splitBlocks(ANSWER).length - 2);
  expect(work.finishedRenders).toBe(work.finished);
  expect(work.parsed).toBeGreaterThanOrEqual(ANSWER.length - splitBlocks(ANSWER).length);
  expect(work.parsed - ANSWER.length).toBeLessThanOrEqual(work.passes * 2 * LARGEST_BLOCK);
  // No frame renders the text so far: a budget of finished blocks, the block that crosses it, the growing block.
  expect(work.longestPass).toBeLessThanOrEqual(RENDER_BUDGET + 4 * LARGEST_BLOCK);
  // The sanitizer sees what the parser made of those same characters, no more.
  expect(work.sanitized).toBeLessThanOrEqual(work.html * (work.parsed / ANSWER.length) * 1.5);
  // Times are not budgets in tests (a shared machine, and CI differs): the longest task is printed above, and
  // `npm run bench web` measures it at CPU ×4; what is held here is the work counted above, which is deterministic.
  const shown = await page.locator('[data-testid=answer-content]').evaluate((el) => ({ text: el.textContent ?? '', h2: el.querySelectorAll('h2').length, tables: el.querySelectorAll('table').length, code: el.querySelectorAll('pre').length }));
  expect(shown.text).toContain(ANSWER.slice(ANSWER.lastIndexOf('FIN DE LA RÉPONSE')));
  const sections = (ANSWER.match(/^## /gm) ?? []).length;
  expect(shown.h2).toBe(sections);
  expect(shown.tables).toBe(Math.floor(sections / 5));
  expect(shown.code).toBe(Math.floor(sections / 9));
  expect(preview.errors).toEqual([]);
});
