/**
 * GET /api/prompts over real HTTP: the builtin library merged with an organisation directory, a strong ETag and 304,
 * a broken admin file reported (log and body) and skipped, and live reload of the admin directory that keeps the
 * last valid version of a file broken by an edit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PromptDefinition } from '../../src/core/prompts';
import { startServer, type TestServer } from '../helpers/server';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'prompts', 'org');

interface Body {
  etag: string;
  prompts: PromptDefinition[];
  errors: { file: string; line: number; message: string }[];
}

let server: TestServer;
let adminDir: string;
const logLines: string[] = [];

async function getPrompts(headers: Record<string, string> = {}): Promise<{ status: number; etag: string | null; body: Body | null }> {
  const res = await fetch(`${server.url}/api/prompts`, { headers });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? (JSON.parse(text) as Body) : null };
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('timed out waiting for the library to reload');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  adminDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-prompts-'));
  fs.cpSync(FIXTURE, adminDir, { recursive: true });
  server = await startServer(
    { promptsDir: adminDir },
    { logger: { level: 'info', stream: { write: (line: string) => void logLines.push(line) } } },
  );
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(adminDir, { recursive: true, force: true });
});

test('serves builtin and organisation prompts, the organisation overriding by id', async () => {
  const { status, etag, body } = await getPrompts();
  expect(status).toBe(200);
  expect(body).not.toBeNull();
  const ids = body!.prompts.map((p) => p.id);
  expect(ids.length).toBeGreaterThanOrEqual(43);
  expect(new Set(ids).size).toBe(ids.length);
  const summary = body!.prompts.find((p) => p.id === 'summarize-mail')!;
  expect(summary).toMatchObject({ version: 3, origin: 'organization', title: { fr: 'Résumer un courriel (version CHU)' } });
  expect(body!.prompts.find((p) => p.id === 'chu-bed-management-summary')?.origin).toBe('organization');
  expect(body!.prompts.find((p) => p.id === 'discharge-letter')?.origin).toBe('builtin');
  // Strong ETag, also in the body for clients that cannot read headers.
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(body!.etag).toBe(etag);
});

test('a broken admin file is skipped and reported as file:line, in the body and in the log', async () => {
  const { body } = await getPrompts();
  expect(body!.prompts.some((p) => p.id === 'broken-prompt')).toBe(false);
  const file = path.join(adminDir, 'quality', 'broken-prompt.md');
  expect(body!.errors).toEqual([{ file, line: 45, message: '{{patientName}} is used but not declared in variables' }]);
  expect(logLines.join('')).toContain(`${file}:45: {{patientName}} is used but not declared in variables`);
});

test('If-None-Match with the current ETag gives 304 with no body; a stale one gives 200', async () => {
  const first = await getPrompts();
  const again = await getPrompts({ 'if-none-match': first.etag! });
  expect(again.status).toBe(304);
  expect(again.body).toBeNull();
  expect(again.etag).toBe(first.etag);
  expect((await getPrompts({ 'if-none-match': 'W/' + first.etag! })).status).toBe(304);
  expect((await getPrompts({ 'if-none-match': '"stale"' })).status).toBe(200);
});

test('editing the admin directory reloads it; a file broken by an edit keeps its last valid version', async () => {
  const before = await getPrompts();

  // A new prompt appears without a restart.
  const added = fs
    .readFileSync(path.join(adminDir, 'secretary', 'chu-bed-management-summary.md'), 'utf8')
    .replace('id: chu-bed-management-summary', 'id: chu-added-later');
  fs.writeFileSync(path.join(adminDir, 'secretary', 'chu-added-later.md'), added);
  const withAdded = await waitFor(async () => {
    const r = await getPrompts();
    return r.body!.prompts.some((p) => p.id === 'chu-added-later') ? r : null;
  });
  expect(withAdded.etag).not.toBe(before.etag);

  // Breaking the override keeps serving its last valid version, and says so.
  const overridePath = path.join(adminDir, 'secretary', 'summarize-mail.md');
  fs.writeFileSync(overridePath, fs.readFileSync(overridePath, 'utf8').replace('hosts: [outlook]', 'hosts: [outlook'));
  const broken = await waitFor(async () => {
    const r = await getPrompts();
    return r.body!.errors.some((e) => e.file === overridePath) ? r : null;
  });
  const kept = broken.body!.prompts.find((p) => p.id === 'summarize-mail')!;
  expect(kept).toMatchObject({ version: 3, origin: 'organization' });
  expect(broken.body!.errors.find((e) => e.file === overridePath)!.message).toMatch(/last valid version is still served/);

  // Deleting the override brings the builtin prompt back.
  fs.rmSync(overridePath);
  const restored = await waitFor(async () => {
    const r = await getPrompts();
    const p = r.body!.prompts.find((x) => x.id === 'summarize-mail');
    return p?.origin === 'builtin' ? r : null;
  });
  expect(restored.body!.errors.some((e) => e.file === overridePath)).toBe(false);
});
