/**
 * Privacy on the wire: what the upstream receives (placeholders only), what the client gets back (the real values,
 * also when a placeholder arrives split across chunks), the `block` policy, and the canary test: no identifier or
 * text of the request appears in any log line (Fastify's logger at trace level, and the access log).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import OpenAI from 'openai';
import { startServer, type TestServer } from '../helpers/server';
import { startOpenAIUpstream, type OpenAIUpstream, type RecordedRequest } from '../helpers/openai-upstream';
import { nirKey } from '../../src/core/privacy';
import type { ConfigInput } from '../../src/server/config';

let upstream: OpenAIUpstream;
const servers: TestServer[] = [];
beforeEach(async () => {
  upstream = await startOpenAIUpstream();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await upstream.close();
});

async function gateway(overrides: ConfigInput = {}, logLines?: string[]): Promise<TestServer> {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines?.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const server = await startServer(
    { llmProvider: 'openai', llmBaseUrl: upstream.url + '/v1', llmApiKey: 'sk-test', llmModel: 'gpt-test', ...overrides },
    logLines ? { logger: { stream, level: 'trace' } } : {},
  );
  servers.push(server);
  return server;
}

const nir13 = '1850775123456';
const NIR = `${nir13.slice(0, 1)} ${nir13.slice(1, 3)} ${nir13.slice(3, 5)} ${nir13.slice(5, 7)} ${nir13.slice(7, 10)} ${nir13.slice(10)} ${String(nirKey(nir13)).padStart(2, '0')}`;
const MAIL = `Bonjour Dr Martin,\nMme Josiane Lefebvre (NIR ${NIR}) souhaite être rappelée au 06 12 34 56 78 ou par mail à josiane.lefebvre@example.fr.\nCordialement,\nM. Paul Girard`;
const VALUES = ['Martin', 'Josiane Lefebvre', NIR, '06 12 34 56 78', 'josiane.lefebvre@example.fr', 'Paul Girard'];

/** The upstream answers by naming the placeholders it received, each split in two across chunks. */
function echoPlaceholdersSplit(request: RecordedRequest): string[] {
  const text = (request.body.messages ?? []).map((m) => m.content).join('\n');
  const placeholders = [...new Set(text.match(/\[[A-Z_]+_\d+\]/g) ?? [])];
  const chunks = ['Réponse : '];
  for (const p of placeholders) chunks.push(p.slice(0, 4), p.slice(4) + ' ; ');
  return chunks;
}

test('pseudonymize: the upstream receives placeholders only; the client gets the real values back, also across chunk splits', async () => {
  upstream.fallback = { type: 'reply', chunks: echoPlaceholdersSplit };
  const server = await gateway({ privacy: 'pseudonymize' });
  const client = new OpenAI({ baseURL: server.url + '/v1', apiKey: 'aide-local', maxRetries: 0 });
  const stream = await client.chat.completions.create({
    model: 'default',
    stream: true,
    messages: [
      { role: 'system', content: 'Tu résumes les mails pour Dr Martin.' },
      { role: 'user', content: MAIL },
    ],
  });
  const pieces: string[] = [];
  for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) pieces.push(chunk.choices[0].delta.content);
  const answer = pieces.join('');

  const sent = JSON.stringify(upstream.requests[0]!.body);
  for (const value of VALUES) expect(sent).not.toContain(value);
  expect(sent).toContain('[PERSONNE_');
  expect(sent).toContain('[NIR_1]');
  expect(sent).toContain('[TEL_1]');
  expect(sent).toContain('[EMAIL_1]');
  // One map for all messages: "Dr Martin" in the system prompt and in the mail is one placeholder.
  const system = upstream.requests[0]!.body.messages![0]!.content;
  const martin = /\[PERSONNE_\d+\]/.exec(system)![0];
  expect(upstream.requests[0]!.body.messages![1]!.content).toContain(martin);

  expect(answer).not.toMatch(/\[[A-Z_]+_\d+\]/);
  for (const value of [NIR, '06 12 34 56 78', 'josiane.lefebvre@example.fr']) expect(answer).toContain(value);
  expect(answer).toMatch(/Lefebvre/);
  expect(answer).toMatch(/Martin/);
  // No half placeholder was ever shown.
  for (const piece of pieces) expect(piece).not.toMatch(/\[[A-Z_]*$|^[A-Z_]*\d*\]/);

  const log = fs.readFileSync(path.join(server.dataDir, 'logs', 'access.log'), 'utf8');
  expect(JSON.parse(log.trim()).pseudonymized).toBeGreaterThanOrEqual(5);
});

test('pseudonymize is the default for a provider outside the hospital; off for one on premises', async () => {
  upstream.fallback = { type: 'reply', chunks: ['ok'] };
  const outside = await gateway({ privacy: undefined });
  await new OpenAI({ baseURL: outside.url + '/v1', apiKey: 'x', maxRetries: 0 }).chat.completions.create({ model: 'default', messages: [{ role: 'user', content: MAIL }] });
  expect(JSON.stringify(upstream.requests[0]!.body)).not.toContain('06 12 34 56 78');

  const inside = await gateway({ privacy: undefined, llmProvider: 'compatible', llmOnPremises: true, llmApiKey: undefined });
  await new OpenAI({ baseURL: inside.url + '/v1', apiKey: 'x', maxRetries: 0 }).chat.completions.create({ model: 'default', messages: [{ role: 'user', content: MAIL }] });
  expect(JSON.stringify(upstream.requests[1]!.body)).toContain('06 12 34 56 78');
});

test('block: refused with the identifier types found (never their values); nothing reaches the upstream', async () => {
  const server = await gateway({ privacy: 'block' });
  const res = await fetch(server.url + '/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: MAIL }] }),
  });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('identifiers_found');
  expect(body.error.message).toMatch(/NIR/);
  expect(body.error.message).toMatch(/TEL/);
  expect(body.error.message).toMatch(/EMAIL/);
  for (const value of VALUES) expect(body.error.message).not.toContain(value);
  expect(upstream.requests).toHaveLength(0);

  upstream.fallback = { type: 'reply', chunks: ['ok'] };
  const clean = await fetch(server.url + '/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'Quelle est la procédure de commande de fournitures ?' }] }),
  });
  expect(clean.status).toBe(200);
});

test('canary: no identifier nor text of any request appears in any log line (trace-level logger, access log)', async () => {
  const CANARY_TEXT = 'canari-zx81-texte-du-mail';
  const canaryMail = `${MAIL}\n${CANARY_TEXT}`;
  const canaries = [...VALUES, CANARY_TEXT, nir13];
  const lines: string[] = [];
  const server = await gateway({ privacy: 'pseudonymize', llmMaxInputChars: 1000, rateLimitPerMinute: 1000, llmMaxRetries: 0 }, lines);
  const url = server.url + '/v1/chat/completions';
  const send = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.text());
  const request = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ model: 'default', messages: [{ role: 'user', content: canaryMail }], aide: { promptId: 'resume', promptVersion: 1, variables: { body: canaryMail } }, ...extra });

  // Success (stream and not), upstream errors before and after the first token, every refusal of our own.
  upstream.enqueue(
    { type: 'reply', chunks: echoPlaceholdersSplit },
    { type: 'reply', chunks: echoPlaceholdersSplit },
    { type: 'error', status: 400, message: `Invalid content: ${canaryMail}` },
    { type: 'error', status: 500, message: canaryMail },
    { type: 'drop', afterChunks: 1, chunks: [CANARY_TEXT, 'x'] },
  );
  await send(request());
  await send(request({ stream: true, stream_options: { include_usage: true } }));
  await send(request());
  await send(request());
  await send(request({ stream: true }));
  await send(request({ model: CANARY_TEXT }));
  await send(request({ messages: [{ role: 'user', content: canaryMail.repeat(5) }] }));
  await send(request({ messages: [{ role: CANARY_TEXT, content: canaryMail }] }));
  await send(request({ aide: { promptId: CANARY_TEXT + ' ' + MAIL } }));
  await send(`{"model":"default","messages":[{"role":"user","content":"${CANARY_TEXT} ${NIR}"`); // broken JSON
  await fetch(server.url + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: canaryMail });

  const accessLog = fs.readFileSync(path.join(server.dataDir, 'logs', 'access.log'), 'utf8').split('\n').filter(Boolean);
  expect(accessLog.length).toBeGreaterThanOrEqual(9);
  expect(lines.length).toBeGreaterThan(0); // the logger did run (at least the provider warnings)
  for (const line of [...lines, ...accessLog]) for (const canary of canaries) expect(line).not.toContain(canary);
  // Also no phone digits in any spacing, nor the e-mail's local part.
  for (const line of [...lines, ...accessLog]) {
    expect(line).not.toMatch(/0612345678|josiane/i);
  }
});

// Safe by construction where the detectors are unsure (issue 12): the names of the people the pane knows (the
// `aide.participants` of the request) are hidden wherever they appear, whatever the rules say, and never reach the
// upstream; `AIDE_PRIVACY=block` refuses a number shaped like a NIR even when no detector took it for one.
// No title, no lexicon first name, no context: the rules alone leave these names in clear.
const PARTICIPANTS_MAIL = 'kowalczyk a rappelé hier soir, voir avec Zbyszek pour le planning.';

test('pseudonymize: every occurrence of a participant is hidden, and the participants list never goes upstream', async () => {
  upstream.fallback = { type: 'reply', chunks: ['ok'] };
  const server = await gateway({ privacy: 'pseudonymize' });
  const res = await fetch(server.url + '/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
    body: JSON.stringify({
      model: 'default',
      messages: [{ role: 'user', content: PARTICIPANTS_MAIL }],
      aide: { promptId: 'x', participants: ['Kowalczyk, Zbyszek (CHU Nancy)', 'Secrétariat Cardiologie'] },
    }),
  });
  expect(res.status).toBe(200);
  const sent = JSON.stringify(upstream.requests[0]!.body);
  expect(sent).not.toMatch(/kowalczyk/i);
  expect(sent).not.toContain('Zbyszek');
  expect(sent).toContain('[PERSONNE_');
  // The display name's affiliation and a service mailbox's words are not names: the text keeps them.
  expect(sent).not.toContain('participants');
  expect(sent).toContain('planning');

  // Without the participants the same text goes in clear (the test can fail: the names are found only this way).
  await new OpenAI({ baseURL: server.url + '/v1', apiKey: 'x', maxRetries: 0 }).chat.completions.create({ model: 'default', messages: [{ role: 'user', content: PARTICIPANTS_MAIL }] });
  expect(JSON.stringify(upstream.requests[1]!.body)).toContain('Zbyszek');
});

test('block: a NIR-shaped number with a wrong key and no context is refused', async () => {
  const server = await gateway({ privacy: 'block' });
  const post = (content: string) =>
    fetch(server.url + '/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content }] }),
    });
  const res = await post('Référence du bon : 1 85 07 75 123 456 - 00, merci de vérifier.');
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('identifiers_found');
  expect(body.error.message).toMatch(/NIR/);
  expect(body.error.message).not.toContain('123 456');
  expect(upstream.requests).toHaveLength(0);

  upstream.fallback = { type: 'reply', chunks: ['ok'] };
  expect((await post('Commande de 12 boîtes de gants, lot 2024 03 15.')).status).toBe(200);
});
