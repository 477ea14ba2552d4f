/** Shared by the pane's e2e tests: make sure the web bundle is current, and open /preview in a fresh browser context. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ConfigInput } from '../../src/server/config';
import { launchBrowser } from '../helpers/browser';
import { startOpenAIUpstream, type OpenAIUpstream } from '../helpers/openai-upstream';
import { startServer, type TestServer } from '../helpers/server';

const ROOT = path.join(__dirname, '..', '..');

/** dist/web was built from today's sources (the build records their digest: scripts/build-state.js). */
function isFresh(): boolean {
  const state = require(path.join(ROOT, 'scripts', 'build-state.js')) as { staleReason(kind: 'web'): string | null };
  return state.staleReason('web') === null;
}

/**
 * Rebuilds dist/web when it is missing or older than the browser sources (`npm test` builds first anyway). Test files
 * run in parallel workers: a lock directory makes one of them build while the others wait, since webpack empties
 * dist/web before writing it.
 */
export function ensureWebBundle(): void {
  if (isFresh()) return;
  const lock = path.join(ROOT, 'dist', '.web-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than 3 minutes was left by a killed run.
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 180_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!isFresh()) execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export interface PreviewPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** /preview in French, clipboard allowed, page errors collected (a test fails on any). */
export async function openPreview(browser: Browser, baseUrl: string, locale = 'fr-FR'): Promise<PreviewPage> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl}/preview`);
  await page.waitForSelector('[data-testid=pane]');
  return { context, page, errors };
}

export interface PreviewSuite {
  server: TestServer;
  browser: Browser;
  preview: PreviewPage;
}

/**
 * The hooks of a pane e2e file: before all, a current web bundle, a real server, headless Chromium and /preview open
 * (then `setup`); after each test, no page error; after all, everything closed. The fields are set in `beforeAll`.
 */
export function previewSuite(server: ConfigInput = {}, setup?: (suite: PreviewSuite) => Promise<void>): PreviewSuite {
  const suite = {} as PreviewSuite;
  beforeAll(async () => {
    ensureWebBundle();
    suite.server = await startServer(server);
    suite.browser = await launchBrowser();
    suite.preview = await openPreview(suite.browser, suite.server.url);
    await setup?.(suite);
  });
  afterEach(() => {
    expect(suite.preview.errors).toEqual([]);
  });
  afterAll(async () => {
    await suite.preview?.context.close();
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

export interface ModelSuite extends PreviewSuite {
  /** The local OpenAI-wire server the gateway calls (its `fallback` answers every request unless told otherwise). */
  upstream: OpenAIUpstream;
}

/**
 * `previewSuite` with a model: the gateway's provider is a local OpenAI-wire upstream, started before the server
 * (model `gpt-test`); `server` adds or overrides settings (e.g. privacy, limits).
 */
export function modelSuite(server: ConfigInput = {}, setup?: (suite: ModelSuite) => Promise<void>): ModelSuite {
  const suite = {} as ModelSuite;
  beforeAll(async () => {
    suite.upstream = await startOpenAIUpstream();
  });
  afterAll(async () => suite.upstream?.close());
  previewSuite(
    {
      llmProvider: 'compatible',
      // Read when the server starts, once the upstream above listens.
      get llmBaseUrl() {
        return suite.upstream.url + '/v1';
      },
      llmModel: 'gpt-test',
      ...server,
    },
    async (started) => {
      Object.assign(suite, started);
      await setup?.(suite);
    },
  );
  return suite;
}

/** Retries an assertion until it passes (the page updates asynchronously), then rethrows the last failure. */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Opens a prompt from the gallery (going back first when a prompt is open), on the sample mail `mail` when given, the
 * gallery searched for `search` (else its search cleared); resolves once its panel is there.
 */
export async function openPrompt(page: Page, promptId: string, options: { mail?: string; search?: string } = {}): Promise<void> {
  if (await page.locator('[data-testid=back]').count()) await page.click('[data-testid=back]');
  if (options.mail) await page.click(`[data-testid=mail-${options.mail}]`);
  await page.fill('[data-testid=gallery-search]', options.search ?? '');
  await page.click(`[data-testid=open-${promptId}]`);
  await page.waitForSelector(`[data-testid=run-panel][data-prompt-id="${promptId}"]`);
}

/**
 * Waits until the answer matched by `answer` (e.g. `[data-testid=answer][data-status=done]`) is entirely on screen:
 * a long answer is rendered in several tasks after its status says done (its content carries `data-rendering`
 * meanwhile), so reading it right after the status would read only its first blocks on a loaded host.
 */
export async function answerShown(page: Page, answer = '[data-testid=answer][data-status=done]', options: { timeout?: number } = {}): Promise<void> {
  await page.waitForSelector(`${answer} [data-testid=answer-content]:not([data-rendering])`, options);
}

/**
 * Open a sample mail → « Résumer ce mail » → wait for its form to be prefilled from the mail → Generate → wait for
 * the whole answer. Resolves to the answer's text.
 */
export async function summarizeMail(page: Page, mailId: string): Promise<string> {
  await openPrompt(page, 'summarize-mail', { mail: mailId });
  await eventually(async () => expect((await page.locator('[data-testid=var-mailBody]').inputValue()).trim()).not.toBe(''));
  await page.click('[data-testid=run-generate]');
  await answerShown(page);
  return (await page.textContent('[data-testid=answer-content]')) ?? '';
}
