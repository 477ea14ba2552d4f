/**
 * `npm run bench web`: what each page costs a user opening it. For every page: the bytes on the wire (compressed, as
 * headless Chromium asks for them), the number of requests, and the time to the first useful render — the pane
 * (/preview): the role selector and the gallery's prompts; the dashboard: the headline figures; the sign-in dialog
 * and the pane's Office page (/taskpane.html): bytes only (they need Office to render; Office.js is not counted).
 * Cold cache (a new browser context per load), CPU throttled 4× through the DevTools protocol. Times are given as a
 * ratio to a plain static page (one HTML file and one heading) measured in the same run, since absolute times on a
 * shared machine are not stable; the median of RUNS loads is kept.
 * Builds the pages first when the sources changed since the last build (scripts/build-state.js).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { packageRoot } from '../src/server/paths';
import { launchBrowser } from '../test/helpers/browser';
import { longAnswer, sseOf } from '../test/helpers/long-answer';

const RUNS = Number(process.env.AIDE_BENCH_RUNS ?? 5);
/** Streams are long at CPU ×4: fewer runs (the median is kept). */
const STREAM_RUNS = Number(process.env.AIDE_BENCH_STREAM_RUNS ?? 1);
/** The streamed answer measured, and the baseline streamed in the same run (a tenth of it). */
const STREAM_CHARS = 300_000;
const STREAM_BASELINE_CHARS = 30_000;
const CPU_SLOWDOWN = 4;

/** Issue 15: bytes on the wire before the first render, and the nearest peers' main bundles (gzip). */
const TARGETS_KB: Record<string, number> = { pane: 180, dashboard: 250, 'sign-in dialog': 40 };

interface Load {
  bytes: number;
  requests: number;
  /** ms from navigation start to the first useful render. */
  firstRender: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

function ensureBuild(): void {
  const state = require(path.join(packageRoot, 'scripts', 'build-state.js')) as { webIsStale(): string | null };
  const stale = state.webIsStale();
  if (!stale) {
    console.log('using the existing build of the pages (dist/web is newer than every source)');
    return;
  }
  console.log(`building the pages (${stale})…`);
  execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The reference page: one small HTML file, one heading, from a bare Node server. */
function plainServer(): Promise<{ url: string; close(): Promise<void> }> {
  const html = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Plain</title></head><body><h1 id="ready">Aide</h1></body></html>';
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) });
    }),
  );
}

/** Marks the moment every selector matches (a MutationObserver from the very first script of the page). */
function watchFor(selectors: string[]): void {
  const w = window as unknown as { __firstUseful?: number };
  const check = () => {
    if (w.__firstUseful === undefined && selectors.every((s) => document.querySelector(s))) w.__firstUseful = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

async function measure(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string, ready: string[], storage: Record<string, string> = {}): Promise<Load> {
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  let requests = 0;
  let counting = true;
  cdp.on('Network.requestWillBeSent', () => {
    if (counting) requests++;
  });
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    if (counting) bytes += e.encodedDataLength;
  });
  await page.addInitScript(
    ({ entries, selectors }) => {
      for (const [k, v] of entries) localStorage.setItem(k, v);
      (window as unknown as { __watch: string[] }).__watch = selectors;
    },
    { entries: Object.entries(storage), selectors: ready },
  );
  await page.addInitScript(`(${watchFor.toString()})(window.__watch)`);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstUseful?: number }).__firstUseful !== undefined, undefined, { timeout: 120_000, polling: 50 });
  counting = false;
  const firstRender = await page.evaluate(() => (window as unknown as { __firstUseful: number }).__firstUseful);
  await context.close();
  return { bytes, requests, firstRender };
}

interface StreamLoad {
  /** ms from the click on Generate to the whole answer on screen. */
  total: number;
  /** The longest task of the page meanwhile (Long Tasks API), ms. */
  longestTask: number;
  /** Markdown characters the page parsed for it (its own count, see src/taskpane/streamed-answer.tsx). */
  parsed: number;
}

/** The baseline: the page fetches the same SSE body and reads it to the end, doing nothing with it. */
async function readAlone(page: Page, context: BrowserContext): Promise<StreamLoad> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return page.evaluate(async () => {
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask' });
    const started = performance.now();
    const res = await fetch('/v1/chat/completions', { method: 'POST' });
    const reader = res.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read());
    const total = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    return { total, longestTask: Math.max(0, ...tasks), parsed: 0 };
  });
}

/**
 * An answer of `chars` characters streamed into the pane in 4-character chunks, all of it there at once (the SSE
 * body is served by the route: the page's own work is measured, not a provider's pace), CPU ×4.
 */
async function measureStream(browser: Awaited<ReturnType<typeof launchBrowser>>, base: string, chars: number, readOnly = false): Promise<StreamLoad> {
  const answer = longAnswer(chars);
  const { body } = sseOf(answer, 4);
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('aide.role', JSON.stringify('secretary')));
    await page.route('**/v1/chat/completions', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body }));
    await page.goto(`${base}/preview`);
    if (readOnly) return await readAlone(page, context);
    await page.click('[data-testid=open-summarize-mail]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid=run-generate]', { timeout: 120_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __started: number };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
      w.__started = performance.now();
    });
    await page.click('[data-testid=run-generate]', { noWaitAfter: true });
    await page.waitForSelector('[data-testid=answer][data-status=done] [data-testid=answer-content]:not([data-rendering])', { timeout: 1_200_000, state: 'attached' });
    return await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __started: number };
      const content = document.querySelector<HTMLElement>('[data-testid=answer-content]')!;
      return { total: performance.now() - w.__started, longestTask: Math.max(0, ...w.__longTasks), parsed: Number(content.dataset.parsedChars) };
    });
  } finally {
    await context.close();
  }
}

/** A page's HTML and the scripts it names, fetched as Chromium asks (br), Office.js left out: its first bytes. */
async function declaredBytes(base: string, page: string): Promise<{ bytes: number; requests: number }> {
  const get = (url: string) =>
    new Promise<Buffer>((resolve, reject) =>
      http
        .get(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve(Buffer.concat(parts)));
        })
        .on('error', reject),
    );
  const html = await get(base + page);
  const scripts = [...html.toString('utf8').matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!).filter((s) => !s.startsWith('/office-js/'));
  let bytes = html.length;
  for (const s of scripts) bytes += (await get(base + s)).length;
  return { bytes, requests: scripts.length + 1 };
}

export async function run(): Promise<void> {
  ensureBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-bench-web-'));
  const config = loadConfig({ protocol: 'http', host: '127.0.0.1', port: 0, logLevel: 'warn', auth: 'off', dataDir }, {});
  const app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const plain = await plainServer();
  const browser = await launchBrowser();
  try {
    const pages = [
      { name: 'plain static page', url: plain.url, ready: ['#ready'] },
      { name: 'pane', url: `${base}/preview`, ready: ['[data-testid=role]', '[data-testid=gallery] [data-testid^=open-]'], storage: { 'aide.role': JSON.stringify('secretary') } },
      { name: 'dashboard', url: `${base}/dashboard?sample=1`, ready: ['[data-testid=summary] [data-tile]'] },
    ];
    const results = new Map<string, Load>();
    // Interleaved (plain, pane, dashboard, plain, …) so that a slow moment of the machine hits every page alike.
    const loads = new Map<string, Load[]>(pages.map((p) => [p.name, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const p of pages) loads.get(p.name)!.push(await measure(browser, p.url, p.ready, p.storage));
    }
    for (const [name, list] of loads) {
      results.set(name, { bytes: median(list.map((l) => l.bytes)), requests: median(list.map((l) => l.requests)), firstRender: median(list.map((l) => l.firstRender)) });
    }
    const plainTime = results.get('plain static page')!.firstRender;
    const office = await declaredBytes(base, '/taskpane.html');
    const dialog = await declaredBytes(base, '/auth-dialog.html');
    const kb = (b: number) => (b / 1024).toFixed(1);
    console.log(`\nheadless Chromium, cold cache, CPU ×${CPU_SLOWDOWN}, median of ${RUNS} loads; bytes = compressed, on the wire (headers included)`);
    console.log('page                              | KB on the wire | requests | first useful render | × plain page | target');
    console.log('----------------------------------|----------------|----------|---------------------|--------------|-------');
    const row = (label: string, bytes: number, requests: number, time: number | null, target?: number) =>
      console.log(
        `${label.padEnd(34)}| ${kb(bytes).padStart(14)} | ${String(requests).padStart(8)} | ${(time === null ? '—' : `${time.toFixed(0)} ms`).padStart(19)} | ${(time === null ? '—' : (time / plainTime).toFixed(1)).padStart(12)} | ${target ? `≤ ${target} KB ${bytes <= target * 1024 ? 'met' : 'NOT met'}` : ''}`,
      );
    const p = results.get('plain static page')!;
    row('plain static page', p.bytes, p.requests, p.firstRender);
    const pane = results.get('pane')!;
    row('pane (/preview: roles + gallery)', pane.bytes, pane.requests, pane.firstRender);
    row('pane in Office (/taskpane.html)¹', office.bytes, office.requests, null, TARGETS_KB.pane);
    const dash = results.get('dashboard')!;
    row('dashboard (headline figures)', dash.bytes, dash.requests, dash.firstRender, TARGETS_KB.dashboard);
    row('sign-in dialog¹', dialog.bytes, dialog.requests, null, TARGETS_KB['sign-in dialog']);
    console.log('¹ the HTML and the scripts it names, Brotli, Office.js excluded (these pages render only inside Office)');
    console.log('  /preview adds the preview host (sample mailbox and document) and the API calls (client config, prompt library).');

    // Streaming. Baselines measured in the same run: the page only reading the same SSE body (what the browser itself
    // costs: 300 KB in 4-character chunks is 13 MB of events), and the pane streaming a tenth of the answer.
    // Incremental rendering keeps the longest task near the bare read's and makes the total grow with the answer
    // (×10 for ×10), not with its square (×100).
    const streams = new Map<string, StreamLoad[]>([['read', []], ['small', []], ['large', []]]);
    for (let i = 0; i < STREAM_RUNS; i++) {
      streams.get('read')!.push(await measureStream(browser, base, STREAM_CHARS, true));
      streams.get('small')!.push(await measureStream(browser, base, STREAM_BASELINE_CHARS));
      streams.get('large')!.push(await measureStream(browser, base, STREAM_CHARS));
    }
    const stream = (key: string): StreamLoad => {
      const list = streams.get(key)!;
      return { total: median(list.map((l) => l.total)), longestTask: median(list.map((l) => l.longestTask)), parsed: median(list.map((l) => l.parsed)) };
    };
    const [read, small, large] = [stream('read'), stream('small'), stream('large')];
    console.log(`\nstreamed answer, 4-character chunks, all there at once, CPU ×${CPU_SLOWDOWN}, median of ${STREAM_RUNS}`);
    console.log('                                         | total    | longest task | Markdown parsed (× answer) | total ×     | longest task × bare read | target');
    console.log('-----------------------------------------|----------|--------------|----------------------------|-------------|--------------------------|-------');
    const streamRow = (label: string, load: StreamLoad, chars: number | null, vs: string, target: string) =>
      console.log(
        `${label.padEnd(41)}| ${`${(load.total / 1000).toFixed(1)} s`.padStart(8)} | ${`${load.longestTask.toFixed(0)} ms`.padStart(12)} | ${(chars ? `${load.parsed} (×${(load.parsed / chars).toFixed(2)})` : '—').padStart(26)} | ${vs.padStart(11)} | ${(load.longestTask / read.longestTask).toFixed(1).padStart(24)} | ${target}`,
      );
    streamRow(`SSE body of ${STREAM_CHARS / 1000} KB read alone (baseline)`, read, null, '—', '');
    streamRow(`pane, ${STREAM_BASELINE_CHARS / 1000} KB answer`, small, STREAM_BASELINE_CHARS, `${(small.total / read.total).toFixed(1)} read`, '');
    streamRow(`pane, ${STREAM_CHARS / 1000} KB answer`, large, STREAM_CHARS, `${(large.total / small.total).toFixed(1)} 30 KB`, `no task over 200 ms: ${large.longestTask <= 200 ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
    await plain.close();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
