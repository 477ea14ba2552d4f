/**
 * The program lead's screen on the seeded demo pilot (real server, real SQLite, headless Chromium): the role × site
 * table at the top with people figures, per-site impact and « masqué » cells; prompts by their title; axe-core finds
 * no serious or critical violation; the printed summary fits on two A4 pages; the CSV for French Excel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server';
import { demoTruth, libraryPromptIds, seedDemo, type DemoSummary } from '../../src/server/metrics/demo';
import { openDatabase } from '../../src/server/db';
import { databaseUrl } from '../../src/server/config';
import { launchBrowser } from '../helpers/browser';
import { buildReport } from '../../src/server/metrics/report';
import { makeExport } from '../../src/core/metrics/compare';
import { storeEvents } from '../../src/server/metrics/ingest';
import { ev } from '../unit/metrics/fixtures';

const ROOT = path.join(__dirname, '..', '..');
let browser: Browser;
let server: TestServer;
let summary: DemoSummary;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'web', 'dashboard.html'))) throw new Error('build the bundles first: npm run build:web');
  browser = await launchBrowser();
  server = await startServer();
  const prompts = libraryPromptIds(path.join(ROOT, 'prompts'));
  const store = await openDatabase(databaseUrl(server.config));
  try {
    summary = await seedDemo(store.db, { users: 300, weeks: 16, sites: 2, prompts });
  } finally {
    await store.close();
  }
}, 180_000);

afterAll(async () => {
  await server?.close();
  await browser?.close();
});

const settled = (page: import('playwright-core').Page) => page.waitForSelector('main[aria-busy="false"]');
/** The charts arrive after the first render (lazy chunk): wait for every chart's SVG before checking them. */
const chartsDrawn = (page: import('playwright-core').Page) =>
  page.waitForFunction(() => !document.querySelector('[data-testid="chart-loading"]') && document.querySelectorAll('.aide-chart svg.recharts-surface').length >= 10, undefined, { timeout: 30_000 });

test('the role × site table comes first, counts people, and prompts are named by their title', async () => {
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.url}/dashboard?since=${summary.since}&until=${summary.until}`);
  await settled(page);
  expect((await page.locator('main h2').first().textContent())?.trim()).toBe('Synthèse');
  const headline = Number(((await page.locator('[data-tile="activeUsers"] [data-figure]').textContent()) ?? '').replace(/\s/g, ''));
  const truth = demoTruth(summary).all.perMonth;
  expect(Math.abs(headline / truth - 1)).toBeLessThan(0.1);
  await expect(page.locator('[data-tile="activeUsers"]').textContent()).resolves.toContain('Personnes actives par mois');
  const overview = page.getByTestId('overview');
  const table = overview.getByRole('table');
  expect(await table.isVisible()).toBe(true);
  // Every role, each site, and the per-site impact (benefit, time saved, comfort) rows.
  for (const text of ['Secrétariat', 'Médecin', 'Qualité', 'Ingénieur', 'chu-nord', 'chu-sud', 'Tous les sites', 'Tous les rôles']) await expect(table.textContent()).resolves.toContain(text);
  const siteRow = table.locator('tr', { hasText: 'chu-nord' }).filter({ hasText: 'Tous les rôles' });
  expect(await siteRow.locator('[data-figure]').count()).toBeGreaterThanOrEqual(8);
  // Prompts by title in the page's language, never by id.
  const top = page.getByTestId('top-prompts');
  await top.getByRole('button', { name: 'Afficher le tableau' }).click();
  const topText = (await top.getByRole('table').textContent()) ?? '';
  expect(topText).not.toMatch(/[a-z]+-[a-z]+-[a-z]+/);
  expect(topText.length).toBeGreaterThan(50);
  await page.close();
});

test('« masqué » for complementary suppression, « < 5 » for small groups, each with its reason', async () => {
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.url}/dashboard?sample=1&lang=fr`);
  await settled(page);
  const linked = page.getByTestId('overview').locator('[data-suppressed="linked"]').first();
  await expect(linked.textContent()).resolves.toBe('masqué');
  await linked.focus();
  await expect(page.getByRole('tooltip').textContent()).resolves.toContain('retrouver par soustraction');
  const small = page.getByTestId('overview').locator('[data-suppressed="small"]').first();
  await expect(small.textContent()).resolves.toBe('<\u00a05');
  await page.close();
});

test('axe-core: no serious or critical violation, in both languages', async () => {
  for (const lang of ['fr', 'en']) {
    // The dashboard's CSP allows no inline script: let the test inject axe-core anyway.
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${server.url}/dashboard?lang=${lang}`);
    await settled(page);
    await page.getByTestId('overview').waitFor();
    await chartsDrawn(page);
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> } }).axe;
      const result = await axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes[0]?.html.slice(0, 160) }));
    });
    expect({ lang, violations }).toEqual({ lang, violations: [] });
    // Every chart has a name and a table.
    const charts = page.locator('[role="img"].aide-chart');
    for (const chart of await charts.all()) expect(((await chart.getAttribute('aria-label')) ?? '').length).toBeGreaterThan(5);
    expect(await page.getByRole('button', { name: lang === 'fr' ? 'Afficher le tableau' : 'Show the table' }).count()).toBe(await charts.count());
    await page.close();
  }
});

test('print: the summary fits on two A4 pages, the details follow', async () => {
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.url}/dashboard?lang=fr`);
  await settled(page);
  await page.getByTestId('overview').waitFor();
  await chartsDrawn(page);
  const pages = async () => (((await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true })).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length);
  const whole = await pages();
  await page.addStyleTag({ content: '.aide-details { display: none !important; }' });
  const summaryPages = await pages();
  expect(summaryPages).toBeGreaterThanOrEqual(1);
  expect(summaryPages).toBeLessThanOrEqual(2);
  expect(whole).toBeGreaterThan(summaryPages);
  await page.close();
});

test('CSV for French Excel (";", UTF-8 BOM, decimal comma) or for scripts (",", point), by a choice', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/dashboard?lang=fr`);
  await settled(page);
  const link = page.getByTestId('csv-link');
  expect(await link.getAttribute('href')).toContain('format=excel-fr');
  const get = async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    return fs.readFileSync((await file.path())!);
  };
  const excel = await get();
  expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = excel.toString('utf8').slice(1);
  expect(text.split('\r\n')[0]).toBe('section;week;site;role;host;promptId;bucket;metric;value');
  expect(text).toMatch(/;\d+,\d+\r\n/);
  expect(text).not.toMatch(/;\d+\.\d+\r\n/);
  await page.selectOption('select[name="csv-format"]', 'script');
  expect(await link.getAttribute('href')).not.toContain('format=');
  const script = (await get()).toString('utf8').replace(/^\uFEFF/, '');
  expect(script.split('\r\n')[0]).toBe('section,week,site,role,host,promptId,bucket,metric,value');
  expect(script).toMatch(/,\d+\.\d+\r\n/);
  await context.close();
});

test('hospitals compared from their export files; a cell one hospital hid stays hidden; other periods refused unless asked', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-cmp-'));
  try {
    // Hospital A: the seeded pilot. Hospital B: 6 secretaries and 2 engineers (below k) in the same period.
    const storeA = await openDatabase(databaseUrl(server.config));
    const a = await makeExport(await buildReport(storeA.db, { since: summary.since, until: summary.until }, { k: 5 }), 'CHU Nord-Sud');
    await storeA.close();
    const storeB = await openDatabase(`sqlite:${path.join(dir, 'b.sqlite')}`);
    const events = [
      ...Array.from({ length: 6 }, (_, i) => ev.run(`bs${i}`, 'secretary', 'p', 'outlook', summary.since, 'inserted', { site: 'ch-b' })),
      ...Array.from({ length: 2 }, (_, i) => ev.run(`be${i}`, 'engineer', 'q', 'word', summary.since, 'copied', { site: 'ch-b' })),
    ];
    await storeEvents(storeB.db, events);
    const reportB = await buildReport(storeB.db, { since: summary.since, until: summary.until }, { k: 5 });
    const b = await makeExport(reportB, 'CH B');
    const bOther = await makeExport(await buildReport(storeB.db, { since: summary.until, until: summary.until }, { k: 5 }), 'CH B');
    await storeB.close();
    const files = { a: path.join(dir, 'a.json'), b: path.join(dir, 'b.json'), other: path.join(dir, 'b-other.json'), forged: path.join(dir, 'forged.json') };
    fs.writeFileSync(files.a, JSON.stringify(a));
    fs.writeFileSync(files.b, JSON.stringify(b));
    fs.writeFileSync(files.other, JSON.stringify(bOther));
    const forged = JSON.parse(JSON.stringify(b)) as typeof b;
    forged.report.overview.find((o) => o.site === '*' && o.role === 'engineer')!.activeUsers = 2;
    fs.writeFileSync(files.forged, JSON.stringify(forged));

    const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server.url}/dashboard?lang=en`);
    await settled(page);
    const input = page.getByTestId('compare-files');
    await input.setInputFiles([files.a, files.b]);
    const table = page.getByTestId('compare-table').getByRole('table');
    await table.waitFor();
    const headers = await table.locator('th').allTextContents();
    expect(headers.slice(1)).toEqual(['CHU Nord-Sud', 'CH B']);
    // B's engineers (2 devices): hidden in B's file, hidden here; A's figures shown.
    const engineers = table.locator('tr', { hasText: 'Engineer · People active / month' });
    const cells = engineers.locator('td');
    expect(await cells.nth(2).locator('[data-suppressed]').count()).toBe(1);
    expect(await cells.nth(1).textContent()).toMatch(/\d/);
    const people = table.locator('tr', { hasText: /^People active \/ month/ });
    await expect(people.locator('td').nth(2).textContent()).resolves.toBe(String(reportB.summary.activeUsers));
    // Another period: refused until the reader accepts it.
    await input.setInputFiles([files.a, files.other]);
    await expect(page.getByTestId('compare-error').textContent()).resolves.toContain('period differs');
    await page.getByLabel('Accept different periods').check();
    await table.waitFor();
    // An edited file is refused.
    await input.setInputFiles([files.a, files.forged]);
    await expect(page.getByTestId('compare-error').textContent()).resolves.toContain('content hash does not match');
    await page.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
