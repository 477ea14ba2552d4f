/**
 * The adoption dashboard in headless Chromium against a real Aide server (real HTTP, real SQLite), fed through the
 * real ingest route. Three sites: "nord" (6 devices) and "est" (7) are visible, "sud" (2 devices) is below k = 5 and
 * must appear as "< 5" on screen and nowhere in the CSV export.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server';
import { libraryPromptIds, seedDemo } from '../../src/server/metrics/demo';
import { openDatabase } from '../../src/server/db';
import { databaseUrl } from '../../src/server/config';
import { artifact, launchBrowser } from '../helpers/browser';
import { tokenMonthOf } from '../../src/core/metrics/periods';

const ROOT = path.join(__dirname, '..', '..');
const DASHBOARD_HTML = path.join(ROOT, 'dist', 'web', 'dashboard.html');

/** Rebuilds the browser bundles (npx webpack --mode production) when the dashboard or what it imports changed. */
function ensureBuilt(): void {
  const built = fs.existsSync(DASHBOARD_HTML) ? fs.statSync(DASHBOARD_HTML).mtimeMs : 0;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  // Only what the dashboard bundle imports: other helpers' edits elsewhere in src/core do not force a rebuild.
  const sources = ['src/dashboard', 'src/core/metrics', 'src/core/prompts'].map((d) => path.join(ROOT, d)).filter((d) => fs.existsSync(d));
  if (built > Math.max(...sources.map(newest))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
}

const token = () => randomBytes(16).toString('hex');

interface Device {
  token: string;
  site: string;
  role: 'secretary' | 'physician' | 'quality' | 'engineer';
}

const WEEK = 7 * 86_400_000;

/** The device's token for a time: renewed at every token month, as the pane does (src/core/metrics/periods.ts). */
const monthTokens = new Map<string, string>();
function tokenAt(device: Device, ms: number): string {
  const key = `${device.token}/${tokenMonthOf(ms)}`;
  if (!monthTokens.has(key)) monthTokens.set(key, tokenMonthOf(ms) === tokenMonthOf(Date.now()) ? device.token : token());
  return monthTokens.get(key)!;
}

/** One open + one run per entry of `weeksAgo` (0 = now), then one survey answer. */
function eventsFor(device: Device, weeksAgo: number[]): unknown[] {
  const common = (ago = 0) => ({
    id: randomUUID(),
    token: tokenAt(device, Date.now() - 60_000 - ago * WEEK),
    ts: new Date(Date.now() - 60_000 - ago * WEEK).toISOString(),
    site: device.site,
    appVersion: '0.1.0',
  });
  // A prompt of the library: the server records any other id as `personal`.
  const promptId = device.role === 'secretary' ? 'summarize-mail' : `${device.role}-summarize-mail`;
  const events: unknown[] = [];
  weeksAgo.forEach((ago, i) => {
    events.push({ type: 'prompt_open', ...common(ago), role: device.role, promptId, promptVersion: 1, host: 'outlook' });
    events.push({
      type: 'prompt_run',
      ...common(ago),
      role: device.role,
      promptId,
      promptVersion: 1,
      host: 'outlook',
      engine: 'offline',
      outcome: i % 2 === 0 ? 'inserted' : 'copied',
      ttftMs: 120,
      totalMs: 900,
      inputSize: '1to5k',
      outputSize: 'lt1k',
    });
  });
  events.push({ type: 'survey', ...common(), role: device.role, benefit: true, timeSaved: '30to60', comfort: 4 });
  return events;
}

async function postEvents(url: string, events: unknown[]): Promise<void> {
  for (let i = 0; i < events.length; i += 50) {
    const res = await fetch(url + '/api/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + 50) }),
    });
    const body = (await res.json()) as { accepted?: number; rejected?: unknown[] };
    // Status and body together, so a failure says why the server refused.
    expect({ status: res.status, rejected: body.rejected ?? [], body: res.ok ? null : body }).toEqual({ status: 200, rejected: [], body: null });
  }
}

/** The value shown in one summary tile (e.g. "activeUsers"). */
async function tile(page: Page, key: string): Promise<string> {
  const locator = page.locator(`[data-tile="${key}"] [data-figure], [data-tile="${key}"] [data-suppressed]`);
  await locator.first().waitFor();
  return ((await locator.first().textContent()) ?? '').replace(/\u00a0/g, ' ').trim();
}

async function settled(page: Page): Promise<void> {
  await page.waitForSelector('main[aria-busy="false"]');
}

/** Waits until a summary tile shows `expected` (a filter change reloads asynchronously); fails with the last value. */
async function expectTile(page: Page, key: string, expected: string): Promise<void> {
  let last = '';
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    await settled(page);
    last = await tile(page, key);
    if (last === expected) return;
  }
  expect(`${key}: ${last}`).toBe(`${key}: ${expected}`);
}

let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('adoption dashboard (headless Chromium)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ metricsK: 5, site: 'nord' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  test('empty state in French by default, then the figures once events arrive', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Loading: held back a moment so the spinner can be seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/dashboard/report?*', async (route) => (await held, route.continue()));
    await page.route('**/api/dashboard/report', async (route) => (await held, route.continue()));
    await page.goto(server.url + '/dashboard');
    await page.getByText('Chargement des chiffres…').waitFor();
    release();
    await page.getByTestId('empty-state').waitFor();
    expect(await page.locator('h1').textContent()).toBe("Tableau de bord d'adoption d'Aide");
    expect(await page.getByTestId('empty-state').textContent()).toContain('aide metrics seed-demo');

    const devices: Device[] = [
      ...Array.from({ length: 6 }, (): Device => ({ token: token(), site: 'nord', role: 'secretary' })),
      ...Array.from({ length: 7 }, (): Device => ({ token: token(), site: 'est', role: 'physician' })),
      ...Array.from({ length: 2 }, (): Device => ({ token: token(), site: 'sud', role: 'quality' })),
    ];
    // nord devices run once a week for the last 4 weeks (24 runs), est and sud once this week: run counts differ per
    // site so the filter shows in them, and nord has 6 weekly active devices over 4 weeks for the adoption rate.
    await postEvents(server.url, devices.flatMap((d) => eventsFor(d, d.site === 'nord' ? [0, 1, 2, 3] : [0])));

    await page.getByRole('button', { name: 'Actualiser' }).click();
    await settled(page);
    await expectTile(page, 'activeUsers', '15');

    // A server error is explained, with the server's message, and the page offers to try again.
    await page.goto(server.url + '/dashboard?since=2026-10-01&until=2026-09-01');
    const failure = page.getByTestId('error-state');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('Les chiffres n’ont pas pu être chargés');
    expect(await failure.textContent()).toContain('2026-10-01');
    await expect(failure.getByRole('button', { name: 'Réessayer' }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('filters change the figures and live in the URL; a small group shows "< 5" with an explanation', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(server.url + '/dashboard?lang=en');
    await settled(page);
    expect(await page.locator('h1').textContent()).toBe('Aide adoption dashboard');
    await expectTile(page, 'activeUsers', '15');

    await page.selectOption('select[name="site"]', 'nord');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('site')).toBe('nord');
    await expectTile(page, 'activeUsers', '6');
    await expectTile(page, 'runs', '24');

    await page.selectOption('select[name="site"]', 'est');
    await settled(page);
    await expectTile(page, 'activeUsers', '7');
    await expectTile(page, 'runs', '7');

    // Below k: never a number, "< 5", and the tooltip explains why.
    await page.selectOption('select[name="site"]', 'sud');
    await settled(page);
    await expectTile(page, 'activeUsers', '< 5');
    const hidden = page.locator('[data-tile="activeUsers"] [data-suppressed]');
    await hidden.focus();
    await expect(page.getByRole('tooltip').textContent()).resolves.toContain('Fewer than 5 distinct devices');
    // Every table is in the page (charts' alternatives): with only sud's 2 devices, no figure may be a non-zero number.
    expect(await page.locator('table').count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator('[data-suppressed]').count()).toBeGreaterThan(5);
    expect((await page.locator('[data-figure]').allTextContents()).filter((f) => /[1-9]/.test(f))).toEqual([]);

    // A URL opened directly applies its filters (bookmarks, shared links).
    await page.goto(server.url + '/dashboard?lang=en&site=nord&role=secretary');
    await settled(page);
    expect(await page.locator('select[name="site"]').inputValue()).toBe('nord');
    await expectTile(page, 'activeUsers', '6');

    // Back to every site: the sud row of the sites table is hidden, the others are shown.
    await page.selectOption('select[name="site"]', '');
    await page.selectOption('select[name="role"]', '');
    await settled(page);
    const sites = page.getByTestId('sites');
    await sites.getByRole('button', { name: 'Show the table' }).click();
    const sudRow = sites.locator('tr', { hasText: 'sud' });
    await expect(sudRow.locator('[data-suppressed]').first().textContent()).resolves.toBe('<\u00a05');
    expect(await sudRow.locator('[data-figure]').count()).toBe(0);
    // The other sites stay visible, except possibly one hidden as well so that sud cannot be recovered as
    // "total minus the others" (complementary suppression): at least one shows its true count.
    const shown = await Promise.all(
      [['nord', '6'], ['est', '7']].map(async ([site, count]) => ((await sites.locator('tr', { hasText: site! }).locator('td').nth(1).textContent()) ?? '').trim() === count),
    );
    expect(shown.some(Boolean)).toBe(true);
    await context.close();
  });

  test('headcount saved from the page drives the adoption rate', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(server.url + '/dashboard?lang=en&site=nord');
    await settled(page);
    await page.getByRole('button', { name: 'Edit headcounts' }).click();
    await page.locator('input[data-headcount="nord|secretary"]').fill('12');
    // A site with no data yet can be entered too.
    await page.locator('input[name="new-site"]').fill('ouest');
    await page.getByRole('button', { name: 'Add the site' }).click();
    await page.locator('input[data-headcount="ouest|physician"]').fill('40');
    await page.getByRole('button', { name: 'Save headcounts' }).click();
    await page.getByText('Headcounts saved.').waitFor();
    const read = async () => ((await (await fetch(server.url + '/api/dashboard/headcount')).json()) as { headcount: unknown[] }).headcount;
    expect(await read()).toEqual(
      expect.arrayContaining([
        { site: 'nord', role: 'secretary', headcount: 12 },
        { site: 'ouest', role: 'physician', headcount: 40 },
      ]),
    );
    // Editing again keeps what was entered before (the server replaces the whole table on save).
    await page.getByRole('button', { name: 'Edit headcounts' }).click();
    expect(await page.locator('input[data-headcount="ouest|physician"]').inputValue()).toBe('40');
    await page.locator('input[data-headcount="est|physician"]').fill('abc');
    expect(await page.getByRole('button', { name: 'Save headcounts' }).isDisabled()).toBe(true);
    await page.locator('input[data-headcount="est|physician"]').fill('14');
    await page.getByRole('button', { name: 'Save headcounts' }).click();
    await page.getByText('Headcounts saved.').waitFor();
    expect(await read()).toHaveLength(3);
    await settled(page);
    const card = page.getByTestId('adoption-rate');
    await card.getByRole('button', { name: 'Show the table' }).click();
    const row = card.locator('tr', { hasText: 'nord' }).filter({ hasText: 'Secretary' });
    await expect(row.textContent()).resolves.toContain('50%'); // 6 weekly active devices (mean of 4 weeks) / 12 enrolled
    await context.close();
  });

  test('CSV export carries the filters, downloads, and holds no suppressed figure', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(server.url + '/dashboard?lang=en');
    await settled(page);
    const link = page.getByTestId('csv-link');
    expect(await link.getAttribute('href')).toBe('/api/dashboard/report.csv');

    const download = async (): Promise<string[][]> => {
      const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const text = fs.readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
      return text
        .split(/\r?\n/)
        .filter(Boolean)
        .map((line) => line.split(','));
    };
    const positive = (v: string | undefined) => v !== undefined && /^\d+(\.\d+)?$/.test(v) && Number(v) > 0;

    const all = await download();
    const header = all[0]!;
    const siteCol = header.indexOf('site');
    expect(siteCol).toBeGreaterThanOrEqual(0);
    expect(all.length).toBeGreaterThan(10);
    // Visible figures are exported (so the next check is not vacuous)…
    expect(all.some((f) => ['nord', 'est'].includes(f[siteCol]!) && positive(f[f.length - 1]))).toBe(true);
    // …but nothing computed from sud's 2 devices.
    expect(all.filter((f) => f[siteCol] === 'sud' && positive(f[f.length - 1]))).toEqual([]);

    // Filtered to sud, every figure comes from 2 devices: the export may list zeros, never a hidden figure.
    await page.selectOption('select[name="site"]', 'sud');
    await settled(page);
    expect(await link.getAttribute('href')).toBe('/api/dashboard/report.csv?site=sud');
    const sud = await download();
    expect(sud[0]).toEqual(header);
    expect(sud.slice(1).filter((f) => positive(f[f.length - 1]))).toEqual([]);

    // With another filter, the link carries it too.
    await page.selectOption('select[name="site"]', 'nord');
    await settled(page);
    expect(await link.getAttribute('href')).toBe('/api/dashboard/report.csv?site=nord');

    await context.close();
  });

  test('with Entra: without the program lead role the page says so (fr and en); signing in goes to Entra', async () => {
    const guarded = await startServer({ auth: 'entra', authTenantId: '00000000-0000-0000-0000-000000000001', authClientId: '00000000-0000-0000-0000-000000000002' });
    try {
      const context = await browser.newContext({ locale: 'fr-FR' });
      const page = await context.newPage();
      // With Entra the page would redirect to login.microsoftonline.com (no internet here): present it as a page
      // that could not sign in, so the real server's 401 on the dashboard API is what the page has to explain.
      await page.route('**/api/client-config', (route) => route.fulfill({ json: { auth: 'off', clientId: null, tenantId: null, scopes: [] } }));
      await page.goto(guarded.url + '/dashboard');
      const message = page.getByTestId('forbidden-state');
      await message.waitFor();
      expect(await message.textContent()).toContain('responsable de programme');
      await page.getByRole('button', { name: 'English' }).click();
      await expect(message.textContent()).resolves.toContain('program lead role');
      await context.close();

      // As deployed (no route override): the page itself sends the reader to Entra sign-in for the Aide API scope,
      // to come back to /dashboard (the redirect URI to register). The sign-in page is stubbed: no internet here.
      const signIn = await browser.newPage();
      await signIn.route('https://login.microsoftonline.com/**', (route) =>
        route.request().isNavigationRequest() ? route.fulfill({ contentType: 'text/html', body: '<h1>sign-in</h1>' }) : route.abort(),
      );
      await signIn.goto(guarded.url + '/dashboard?site=nord');
      await signIn.waitForURL(/^https:\/\/login\.microsoftonline\.com\//, { timeout: 20_000 });
      const authorize = new URL(signIn.url());
      expect(authorize.pathname).toBe('/00000000-0000-0000-0000-000000000001/oauth2/v2.0/authorize');
      expect(authorize.searchParams.get('client_id')).toBe('00000000-0000-0000-0000-000000000002');
      expect(authorize.searchParams.get('scope')).toContain('api://00000000-0000-0000-0000-000000000002/access_as_user');
      expect(authorize.searchParams.get('redirect_uri')).toBe(guarded.url + '/dashboard');
      await signIn.close();
    } finally {
      await guarded.close();
    }
  });
});

describe('dashboard layout on the built-in sample (every view, print, keyboard)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  test('every view has its heading, a chart with a table alternative, and "< 5" cells; print shows tables, hides controls', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + '/dashboard?sample=1&lang=en');
    await settled(page);
    const h2 = await page.locator('main h2').allTextContents();
    expect(h2).toEqual(['Overview', 'Adoption', 'Usage', 'Impact', 'Usage intensity', 'Sites side by side', 'Funnel per prompt', 'Compare hospitals']);
    // Each chart is an image with a label, and its table toggle is a real button.
    const charts = page.locator('[role="img"].aide-chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(12);
    expect(await page.getByRole('button', { name: 'Show the table' }).count()).toBe(await charts.count());
    // Hidden figures: never a number, "< 5", and a note under the chart names the hidden rows.
    expect(await page.locator('[data-suppressed]').count()).toBeGreaterThan(0);
    for (const text of await page.locator('[data-suppressed]').allTextContents()) expect(text).toMatch(/^(<\u00a05|hidden)$/);
    await expect(page.getByTestId('retention').getByTestId('hidden-note').textContent()).resolves.toContain('Quality');

    // Keyboard: the table toggle works with Enter and exposes its state.
    const toggle = page.getByTestId('retention').getByRole('button', { name: 'Show the table' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('retention').getByRole('button', { name: 'Show the chart' }).getAttribute('aria-expanded')).resolves.toBe('true');
    const retentionTable = page.getByTestId('retention').getByRole('table');
    expect(await retentionTable.isVisible()).toBe(true);
    await expect(retentionTable.locator('tr', { hasText: 'Secretary' }).textContent()).resolves.toContain('70%');

    // French: same page, translated, decimal comma and spaced percent sign.
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe("Tableau de bord d'adoption d'Aide");
    await expect(page.locator('[data-tile="hoursSaved"]').textContent()).resolves.toContain('57,5\u00a0h');
    await expect(page.locator('[data-tile="acceptance"]').textContent()).resolves.toContain('71\u00a0%');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    // Print: controls hidden, every table printed next to its chart.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form[role="search"]').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    expect(await page.getByTestId('runs-per-host').getByRole('table').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('dashboard on the seeded demo pilot (aide metrics seed-demo)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
    // What `aide metrics seed-demo --users 300 --weeks 16 --sites 2` does, on the server's own SQLite file.
    const store = await openDatabase(databaseUrl(server.config));
    try {
      await seedDemo(store.db, { users: 300, weeks: 16, sites: 2, prompts: libraryPromptIds(path.join(__dirname, '..', '..', 'prompts')) });
    } finally {
      await store.close();
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  test('every view shows figures; screenshot for the README', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(server.url + '/dashboard?lang=en');
    await settled(page);
    await page.getByTestId('summary').waitFor();
    for (const id of ['weekly-active', 'adoption-rate', 'retention', 'top-prompts', 'runs-per-host', 'outcome-rates', 'benefit', 'time-saved', 'hours-saved', 'comfort', 'intensity', 'sites', 'funnel']) {
      const card = page.getByTestId(id);
      await card.getByRole('button', { name: 'Show the table' }).click();
      expect({ id, visible: await card.locator('[data-figure]').count() > 0 }).toEqual({ id, visible: true });
      await card.getByRole('button', { name: 'Show the chart' }).click();
    }
    expect(await page.locator('[data-tile="activeUsers"] [data-figure]').textContent()).toMatch(/^\d[\d,]*$/);
    await page.screenshot({ path: artifact('dashboard.png'), fullPage: true });
    await context.close();
  });
});
