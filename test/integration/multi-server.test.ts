/**
 * Two Aide servers on one real PostgreSQL 15: one allowance per user across both (requests per minute and tokens
 * per day), per-browser allowances with sign-in off (X-Aide-Client-Id), GET /api/limits, the offline engine spending
 * no tokens, and the organisation library served with the same ETag by both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres, type PostgresServer } from '../helpers/postgres';
import { startServer, type TestServer } from '../helpers/server';
import { startOpenAIUpstream, type OpenAIUpstream } from '../helpers/openai-upstream';
import type { ConfigInput } from '../../src/server/config';

let postgres: PostgresServer;
let upstream: OpenAIUpstream;
const servers: TestServer[] = [];
let dbCount = 0;

beforeAll(async () => {
  postgres = await startPostgres();
  upstream = await startOpenAIUpstream();
}, 60000);
afterAll(async () => {
  await upstream?.close();
  await postgres?.stop();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Two servers on a fresh database, as two machines behind one proxy would be. */
async function pair(overrides: ConfigInput = {}): Promise<[TestServer, TestServer]> {
  const databaseUrl = await postgres.createDatabase(`aide_multi_${++dbCount}`);
  const a = await startServer({ databaseUrl, ...overrides });
  servers.push(a);
  const b = await startServer({ databaseUrl, ...overrides });
  servers.push(b);
  return [a, b];
}

const ask = { model: 'default', messages: [{ role: 'user', content: 'Résume ce message.' }] };

async function post(server: TestServer, headers: Record<string, string> = {}, body: unknown = ask) {
  const res = await fetch(server.url + '/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads both answer and error bodies
}

async function limitsOf(server: TestServer, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + '/api/limits', { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { perMinute: { limit: number; remaining: number }; perDay: { limit: number; used: number; resetsAt: string } };
}

test('16 requests spread over two servers with a limit of 10 a minute: 10 answered, 6 refused', async () => {
  const [a, b] = await pair({ rateLimitPerMinute: 10 });
  const statuses = await Promise.all(Array.from({ length: 16 }, (_, i) => post(i % 2 ? a : b).then((r) => r.status)));
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  expect(await limitsOf(a)).toMatchObject({ perMinute: { limit: 10, remaining: 0 } });
  expect((await limitsOf(b)).perMinute.remaining).toBe(0);
});

test('sign-in off: each browser (X-Aide-Client-Id) has its own allowance; a malformed id is refused', async () => {
  const [a, b] = await pair({ rateLimitPerMinute: 2 });
  const alice = { 'x-aide-client-id': 'pane-alice-0123456789' };
  const bob = { 'x-aide-client-id': 'pane-bob-abcdefghijk' };
  expect((await post(a, alice)).status).toBe(200);
  expect((await post(b, alice)).status).toBe(200);
  const refused = await post(a, alice);
  expect(refused.status).toBe(429);
  expect(refused.body.error).toMatchObject({ code: 'requests_per_minute_exceeded', resetsAt: expect.any(String), messages: { fr: expect.stringMatching(/par minute/), en: expect.stringMatching(/per minute/) } });
  expect((await post(b, bob)).status).toBe(200); // another tester is not locked out
  expect((await post(a)).status).toBe(200); // nor the CLI's trial user
  expect((await limitsOf(b, bob)).perMinute.remaining).toBe(1);
  const bad = await post(a, { 'x-aide-client-id': 'short' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('invalid_client_id');
  expect((await fetch(a.url + '/api/limits', { headers: { 'x-aide-client-id': 'x'.repeat(65) } })).status).toBe(400);
});

test('the offline engine spends no token allowance', async () => {
  const [a] = await pair({ tokensPerDay: 1000 });
  for (let i = 0; i < 3; i++) expect((await post(a, {}, { ...ask, messages: [{ role: 'user', content: 'Résume : ' + 'texte long. '.repeat(400) }] })).status).toBe(200);
  expect((await limitsOf(a)).perDay).toMatchObject({ limit: 1000, used: 0 });
});

test('tokens per day are one allowance across servers: spent on one, refused on the other with resetsAt', async () => {
  upstream.fallback = { type: 'reply', chunks: ['x'], usage: { prompt_tokens: 900, completion_tokens: 200, total_tokens: 1100 } };
  const [a, b] = await pair({ tokensPerDay: 1000, llmProvider: 'openai', llmBaseUrl: upstream.url + '/v1', llmApiKey: 'sk-test', llmModel: 'gpt-test', privacy: 'off' });
  expect((await post(a)).status).toBe(200);
  // The spend is written after the answer: wait until the other server sees it.
  for (let i = 0; i < 50 && (await limitsOf(b)).perDay.used === 0; i++) await new Promise((r) => setTimeout(r, 20));
  const status = await limitsOf(b);
  expect(status.perDay.used).toBe(1100);
  const refused = await post(b);
  expect(refused.status).toBe(429);
  expect(refused.body.error).toMatchObject({ code: 'tokens_per_day_exceeded', resetsAt: status.perDay.resetsAt });
  expect(refused.body.error.resetsAt).toMatch(/T00:00:00\.000Z$/);
  expect(refused.body.error.messages.fr).toMatch(/quota quotidien/);
});

describe('the organisation library through PostgreSQL', () => {
  const FIXTURE = path.join(__dirname, '..', 'fixtures', 'prompts', 'org');
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-org-'));
    dirs.push(dir);
    return dir;
  };
  async function library(server: TestServer) {
    const res = await fetch(server.url + '/api/prompts');
    const body = (await res.json()) as { prompts: Array<{ id: string; version: number; origin: string }> };
    return { etag: res.headers.get('etag'), ids: body.prompts.filter((p) => p.origin === 'organization').map((p) => `${p.id}@${p.version}`).sort() };
  }
  async function until(probe: () => Promise<boolean>, ms = 10000) {
    const end = Date.now() + ms;
    while (!(await probe())) {
      if (Date.now() > end) throw new Error('the servers did not converge');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test('servers with different disks serve one library and one ETag; an edit on one reaches the other; a stale disk does not win', async () => {
    const databaseUrl = await postgres.createDatabase(`aide_multi_${++dbCount}`);
    const edited = tempDir();
    fs.cpSync(FIXTURE, edited, { recursive: true });
    const a = await startServer({ databaseUrl, promptsDir: edited });
    servers.push(a);
    const b = await startServer({ databaseUrl }); // no directory of its own
    servers.push(b);
    const first = await library(a);
    expect(first.ids).toEqual(['chu-bed-management-summary@1', 'summarize-mail@3']);
    expect(await library(b)).toEqual(first);

    // An administrator edits a file on a's disk: both servers serve the new version, with one new ETag.
    const file = path.join(edited, 'secretary', 'summarize-mail.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^version: 3$/m, 'version: 4'));
    await until(async () => (await library(b)).ids.includes('summarize-mail@4'));
    const second = await library(a);
    expect(second.ids).toContain('summarize-mail@4');
    expect(second.etag).not.toBe(first.etag);
    expect(await library(b)).toEqual(second);

    // A server started later with an older copy of the directory serves the stored library, not its disk.
    const stale = tempDir();
    fs.cpSync(FIXTURE, stale, { recursive: true });
    const old = new Date(Date.now() - 3600_000);
    for (const f of [stale, path.join(stale, 'secretary'), path.join(stale, 'quality'), ...['secretary/summarize-mail.md', 'secretary/chu-bed-management-summary.md', 'quality/broken-prompt.md'].map((p) => path.join(stale, p))])
      fs.utimesSync(f, old, old);
    const c = await startServer({ databaseUrl, promptsDir: stale });
    servers.push(c);
    expect(await library(c)).toEqual(second);
    expect(await library(a)).toEqual(second);
  }, 60000);
});
