/**
 * Operating Aide: /healthz and /readyz (no sign-in, no detail), request ids in structured JSON logs that never hold
 * mail text, X-Forwarded-* trusted only from AIDE_TRUST_PROXY, and the drain on SIGTERM of the built CLI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startServer, type TestServer } from '../helpers/server';
import { startPostgres } from '../helpers/postgres';
import { startOpenAIUpstream } from '../helpers/openai-upstream';
import { freePort, requireBuilt, startCliServer } from '../helpers/cli-server';
import { loadConfig } from '../../src/server/config';
import type { ConfigInput } from '../../src/server/config';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A server whose log lines are collected as parsed JSON. */
async function logged(overrides: ConfigInput = {}) {
  const lines: Array<Record<string, unknown>> = [];
  let raw = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const server = await startServer({ logLevel: 'info', ...overrides }, { logger: { level: 'info', stream } });
  servers.push(server);
  return { server, lines, raw: () => raw };
}

test('/healthz and /readyz answer without sign-in and say nothing more than their status', async () => {
  const { server } = await logged();
  const health = await fetch(server.url + '/healthz');
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const ready = await fetch(server.url + '/readyz');
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
  expect(ready.headers.get('cache-control')).toBe('no-store');
});

test('/readyz is 503 when PostgreSQL is unreachable, with no reason given', async () => {
  const postgres = await startPostgres();
  try {
    const { server } = await logged({ databaseUrl: await postgres.createDatabase('aide_ready') });
    expect((await fetch(server.url + '/readyz')).status).toBe(200);
    await postgres.stop();
    await new Promise((r) => setTimeout(r, 1100)); // past the probe's one-second cache
    const res = await fetch(server.url + '/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready' });
    expect((await fetch(server.url + '/healthz')).status).toBe(200); // the process itself is still up
  } finally {
    await postgres.stop();
  }
}, 60000);

test('one JSON log line per request with its request id (the proxy’s when sane), never the mail text', async () => {
  const { server, lines, raw } = await logged();
  const secret = 'Madame Berthe Lambert, née le 12/03/1950, demande son dossier';
  const res = await fetch(server.url + '/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'nginx-0123456789abcdef' },
    body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: secret }] }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-request-id')).toBe('nginx-0123456789abcdef');
  const bad = await fetch(server.url + '/healthz', { headers: { 'x-request-id': 'no spaces allowed\there' } });
  const generated = bad.headers.get('x-request-id')!;
  expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  await new Promise((r) => setTimeout(r, 50));
  const requests = lines.filter((l) => l.msg === 'request');
  expect(requests.find((l) => l.reqId === 'nginx-0123456789abcdef')).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200 });
  expect(requests.find((l) => l.reqId === generated)).toMatchObject({ path: '/healthz', status: 200 });
  expect(raw()).not.toContain('Lambert');
  expect(raw()).not.toContain('12/03/1950');
});

test('X-Forwarded-For is believed from AIDE_TRUST_PROXY addresses only; a wrong setting stops the start', async () => {
  const forwarded = { 'x-forwarded-for': '203.0.113.7' };
  const trusted = await logged({ trustProxy: '127.0.0.1,10.0.0.0/8' });
  const other = await logged({ trustProxy: '10.0.0.0/8' });
  const none = await logged();
  for (const s of [trusted, other, none]) await fetch(s.server.url + '/healthz', { headers: forwarded });
  await new Promise((r) => setTimeout(r, 50));
  const ipOf = (s: { lines: Array<Record<string, unknown>> }) => s.lines.find((l) => l.msg === 'request')?.ip;
  expect(ipOf(trusted)).toBe('203.0.113.7');
  expect(ipOf(other)).toBe('127.0.0.1');
  expect(ipOf(none)).toBe('127.0.0.1');
  expect(() => loadConfig({ trustProxy: '10.0.0.0/33' }, {})).toThrow(/AIDE_TRUST_PROXY: expected IP addresses or CIDR ranges/);
  expect(() => loadConfig({ trustProxy: 'proxy.local' }, {})).toThrow(/AIDE_TRUST_PROXY/);
});

test('SIGTERM: the built CLI stops accepting, lets the stream in flight finish, then exits 0', async () => {
  requireBuilt();
  const upstream = await startOpenAIUpstream();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-drain-'));
  try {
    upstream.fallback = { type: 'reply', chunks: ['un ', 'deux ', 'trois ', 'quatre ', 'cinq'], delayMs: 300 };
    const port = await freePort();
    const server = await startCliServer(['--http', '--port', String(port), '--host', '127.0.0.1'], {
      AIDE_DATA_DIR: dir,
      AIDE_LLM_PROVIDER: 'compatible',
      AIDE_LLM_BASE_URL: upstream.url + '/v1',
      AIDE_LLM_MODEL: 'test-model',
      AIDE_SHUTDOWN_TIMEOUT_MS: '10000',
    }, dir);
    const res = await fetch(server.url + '/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'default', stream: true, messages: [{ role: 'user', content: 'Compte.' }] }),
    });
    const reader = res.body!.getReader();
    let text = '';
    const first = await reader.read();
    text += Buffer.from(first.value!).toString();
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(server.url + '/healthz')).rejects.toThrow(); // no longer accepting connections
    for (let step = await reader.read(); !step.done; step = await reader.read()) text += Buffer.from(step.value).toString();
    expect(text).toContain('cinq');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/SIGTERM received/);
    expect(server.logs().some((l) => l.msg === 'draining')).toBe(true);
  } finally {
    await upstream.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60000);
