/**
 * Shared by the signed-in e2e tests (signed-in*.test.ts): a server with AIDE_AUTH=entra whose tenant keys come from
 * a local issuer (test/helpers/local-issuer.ts), headless Chromium, and a browser context that routes the login host
 * to the issuer and watches every request of its pages (the pane, the dashboard, an Office dialog alike): each 401
 * of the Aide server, and whether each API call carried a bearer.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { ConfigInput } from '../../src/server/config';
import { launchBrowser } from '../helpers/browser';
import { startLocalIssuer, type LocalIssuer } from '../helpers/local-issuer';
import { startServer, type TestServer } from '../helpers/server';
import { ensureWebBundle } from './slice-helpers';

export interface SignedInSuite {
  issuer: LocalIssuer;
  server: TestServer;
  browser: Browser;
}

/** The hooks of a signed-in e2e file: issuer, server (AIDE_AUTH=entra on the issuer's keys) and browser; fields set in beforeAll. */
export function signedInSuite(server: ConfigInput = {}): SignedInSuite {
  const suite = {} as SignedInSuite;
  beforeAll(async () => {
    ensureWebBundle();
    suite.issuer = await startLocalIssuer();
    suite.server = await startServer({ auth: 'entra', authTenantId: suite.issuer.tenantId, authClientId: suite.issuer.clientId, authJwksUrl: suite.issuer.jwksUrl, ...server });
    suite.browser = await launchBrowser();
    // A stale bundle is rebuilt first: minutes on a loaded machine.
  }, 600_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
    await suite.issuer?.close();
  });
  return suite;
}

export interface Watched {
  context: BrowserContext;
  /** The context's first page (open it where the test needs). */
  page: Page;
  /** Uncaught errors of any page of the context. */
  errors: string[];
  /** Responses of the Aide server with status 401. */
  refused: string[];
  /** Calls to the Aide server's APIs (everything but /api/client-config): path and whether they carried a bearer. */
  calls: { path: string; bearer: boolean }[];
}

const API = /^\/(api\/(?!client-config)|v1\/)/;
const BEARER = /^Bearer \S+\.\S+\.\S+$/;

/** A French browser context signed in through the local issuer, every page of it watched (popups and dialogs too). */
export async function signedInContext(suite: SignedInSuite, prepare?: (context: BrowserContext) => Promise<void>): Promise<Watched> {
  const context = await suite.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(15_000);
  await suite.issuer.route(context);
  await prepare?.(context);
  const watched = { context, errors: [], refused: [], calls: [] } as unknown as Watched;
  const origin = suite.server.url;
  const watch = (page: Page) => page.on('pageerror', (e) => watched.errors.push(`${page.url()}: ${String(e)}`));
  context.on('page', watch);
  context.on('response', (r: Response) => {
    if (r.status() === 401 && new URL(r.url()).origin === origin) watched.refused.push(r.url());
  });
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === origin && API.test(url.pathname)) watched.calls.push({ path: url.pathname, bearer: BEARER.test(r.headers().authorization ?? '') });
  });
  watched.page = await context.newPage();
  return watched;
}

/** Asserts what every signed-in test asserts at its end: no 401, every API call with a bearer, no page error. */
export function expectSignedInThroughout(w: Watched, mustCall: string[] = []): void {
  expect(w.refused).toEqual([]);
  const paths = new Set(w.calls.map((c) => c.path));
  for (const p of mustCall) expect(paths).toContain(p);
  expect(w.calls.length).toBeGreaterThan(0);
  expect(w.calls.filter((c) => !c.bearer)).toEqual([]);
  expect(w.errors).toEqual([]);
}

export interface StoredEvent {
  type: string;
  prompt_id: string | null;
  host: string | null;
  outcome: string | null;
}

/** The events the server stored (its SQLite database). */
export function storedEvents(server: TestServer): StoredEvent[] {
  const db = new Database(path.join(server.dataDir, 'aide.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT type, prompt_id, host, outcome FROM metric_events').all() as StoredEvent[];
  } finally {
    db.close();
  }
}
