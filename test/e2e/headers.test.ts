/**
 * The CSP measured, not guessed: every page of the add-in (the task pane with Office.js, the ribbon commands, the
 * sign-in dialog, the preview, the dashboard) loads in headless Chromium under the server's CSP with no violation;
 * and the CSP does block what it must (an image from elsewhere injected into the page).
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { ensureWebBundle } from './slice-helpers';

jest.setTimeout(180_000);

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  ensureWebBundle();
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function violationsOf(path: string, ready: string | null, act?: (page: import('playwright-core').Page) => Promise<void>): Promise<string[]> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const response = await page.goto(server.url + path);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  if (ready) await page.waitForSelector(ready, { timeout: 30_000 });
  else await page.waitForLoadState('networkidle');
  await act?.(page);
  await page.waitForTimeout(300);
  const found = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  await context.close();
  // Measured: the only `eval` reports come from feature probes of libraries (zod's JIT check, pdf.js's
  // isEvalSupported: `try { new Function('') } catch { fallback }`); both fall back, so 'unsafe-eval' is not granted.
  return found.filter((v) => v !== 'script-src eval');
}

test.each([
  ['/taskpane.html', '[data-testid=not-in-office]'],
  ['/preview', '[data-testid=pane]'],
  ['/dashboard', '[data-testid=pane], main, [role=alert], h1'],
  ['/commands.html', null],
  ['/auth-dialog.html', null],
])('%s runs under its CSP with no violation', async (path, ready) => {
  expect(await violationsOf(path, ready)).toEqual([]);
});

test('the CSP blocks an image from elsewhere (the second line behind the answer sanitizer)', async () => {
  const found = await violationsOf('/preview', '[data-testid=pane]', async (page) => {
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://attacker.example/leak.png';
      document.body.append(img);
    });
  });
  expect(found).toEqual(['img-src https://attacker.example/leak.png']);
});
