/**
 * The server itself records a prompt id it does not know as `personal`, in the stored events and in the gateway's
 * access log, whatever the pane sent: an old or modified pane may send a personal prompt's own id, which is the user's
 * words (`reponse-mme-claire-dubois`). Builtin prompts and the organisation's (AIDE_PROMPTS_DIR) keep their ids; an
 * organisation prompt added while the server runs is known from then on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ev } from '../unit/metrics/fixtures';
import { startServer, type TestServer } from '../helpers/server';

const ROOT = path.join(__dirname, '..', '..');
let server: TestServer;
let adminDir: string;

/** An organisation prompt: a builtin file under another id. */
function writeOrgPrompt(id: string): void {
  const text = fs.readFileSync(path.join(ROOT, 'prompts', 'secretary', 'reminder.md'), 'utf8').replace(/^id: reminder$/m, `id: ${id}`);
  fs.mkdirSync(path.join(adminDir, 'secretary'), { recursive: true });
  fs.writeFileSync(path.join(adminDir, 'secretary', `${id}.md`), text);
}

beforeAll(async () => {
  adminDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-org-prompts-'));
  writeOrgPrompt('relance-chu');
  server = await startServer({ promptsDir: adminDir });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(adminDir, { recursive: true, force: true });
});

function storedPromptIds(): Record<string, string | null> {
  const db = new Database(path.join(server.dataDir, 'aide.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT id, prompt_id FROM metric_events').all() as { id: string; prompt_id: string | null }[];
    return Object.fromEntries(rows.map((r) => [r.id, r.prompt_id]));
  } finally {
    db.close();
  }
}

/** Every row of every table, as text. */
function databaseDump(): string {
  const db = new Database(path.join(server.dataDir, 'aide.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

function accessLogIds(): (string | null)[] {
  const file = path.join(server.dataDir, 'logs', 'access.log');
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { promptId: string | null }).promptId);
}

async function postEvents(events: unknown[]): Promise<{ accepted: number; rejected: unknown[] }> {
  const res = await fetch(`${server.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; rejected: unknown[] };
}

async function chat(promptId: string): Promise<void> {
  const res = await fetch(`${server.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'Résume : réunion lundi à 9 h.' }], aide: { promptId, promptVersion: 2 } }),
  });
  expect(res.status).toBe(200);
  await res.text();
}

test('stored events: a builtin or organisation prompt keeps its id; any other id is stored as "personal"', async () => {
  const sent = {
    builtin: ev.run('p1', 'secretary', 'summarize-mail', 'outlook', '2026-11-03', 'copied'),
    organisation: ev.open('p1', 'secretary', 'relance-chu', 'outlook', '2026-11-03'),
    personal: ev.run('p1', 'secretary', 'personal', 'outlook', '2026-11-03', 'inserted'),
    named: ev.run('p1', 'secretary', 'reponse-mme-claire-dubois', 'outlook', '2026-11-03', 'inserted'),
    namedOpen: ev.open('p1', 'secretary', 'reponse-mme-claire-dubois', 'outlook', '2026-11-03'),
    // Shaped like a library id, but no library has it (a prompt removed since, or a user's own id).
    unknown: ev.run('p1', 'physician', 'lettre-dupont-jean', 'word', '2026-11-03', 'copied'),
  };
  expect(await postEvents(Object.values(sent))).toMatchObject({ accepted: 6, rejected: [] });
  const stored = storedPromptIds();
  expect(stored[sent.builtin.id]).toBe('summarize-mail');
  expect(stored[sent.organisation.id]).toBe('relance-chu');
  expect(stored[sent.personal.id]).toBe('personal');
  expect(stored[sent.named.id]).toBe('personal');
  expect(stored[sent.namedOpen.id]).toBe('personal');
  expect(stored[sent.unknown.id]).toBe('personal');
  // Nowhere in the database: not in the events, not in the per-prompt aggregates.
  const dump = databaseDump();
  expect(dump).not.toContain('claire-dubois');
  expect(dump).not.toContain('dupont-jean');
});

test('access log: a builtin or organisation prompt keeps its id; any other id is logged as "personal"', async () => {
  for (const id of ['summarize-mail', 'relance-chu', 'reponse-mme-claire-dubois', 'personal']) await chat(id);
  expect(accessLogIds().slice(-4)).toEqual(['summarize-mail', 'relance-chu', 'personal', 'personal']);
  expect(fs.readFileSync(path.join(server.dataDir, 'logs', 'access.log'), 'utf8')).not.toContain('dubois');
});

test('an organisation prompt added while the server runs is recorded by its id once the library has it', async () => {
  const before = ev.open('p2', 'secretary', 'convocation-bloc', 'outlook', '2026-11-04');
  await postEvents([before]);
  expect(storedPromptIds()[before.id]).toBe('personal');
  writeOrgPrompt('convocation-bloc');
  // The library is watched: wait until it serves the new prompt.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const body = (await (await fetch(`${server.url}/api/prompts`)).json()) as { prompts: { id: string }[] };
    if (body.prompts.some((p) => p.id === 'convocation-bloc')) break;
    if (Date.now() > deadline) throw new Error('the library did not pick the new prompt up');
    await new Promise((r) => setTimeout(r, 100));
  }
  const after = ev.open('p2', 'secretary', 'convocation-bloc', 'outlook', '2026-11-04');
  await postEvents([after]);
  expect(storedPromptIds()[after.id]).toBe('convocation-bloc');
});
