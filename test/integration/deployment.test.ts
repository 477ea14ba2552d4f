/**
 * The deployment of the README, run for real: Debian's nginx as the TLS front with deploy/nginx/aide.conf, two Aide
 * servers started as deploy/systemd/aide.service starts them (its ExecStart, through an `aide` on PATH as a global
 * install gives, with an environment file), one PostgreSQL 15. The {{…}} values of the site file are replaced the way
 * the README tells an administrator to. Checks: an answer streams through nginx chunk by chunk; a request id goes
 * from nginx into Aide's logs; one Aide server killed mid-load, the other keeps serving and every event batch that was
 * acknowledged is in the database.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startPostgres, type PostgresServer } from '../helpers/postgres';
import { startOpenAIUpstream, type OpenAIUpstream } from '../helpers/openai-upstream';
import { freePort, requireBuilt, root, startCliServer, type CliServer } from '../helpers/cli-server';
import { ensureTls } from '../../src/server/tls';
import type { AideConfig } from '../../src/server/config';
import type { MetricEvent } from '../../src/core/metrics/events';
import { ev } from '../unit/metrics/fixtures';

const NGINX = process.env.AIDE_NGINX ?? '/usr/sbin/nginx';

/** What the README's `sed` line does: every {{NAME}} replaced, none left. */
function substitute(template: string, values: Record<string, string>): string {
  const out = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  const left = out.match(/\{\{[A-Z0-9_]+\}\}/g);
  if (left) throw new Error(`values missing for ${[...new Set(left)].join(', ')}`);
  return out;
}

/** The [Service] lines of the unit this test starts servers with. */
function readUnit(file: string): { execStart: string[]; environment: Record<string, string>; environmentFile: string } {
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim());
  const value = (key: string) => lines.filter((l) => l.startsWith(key + '=')).map((l) => l.slice(key.length + 1));
  const environment: Record<string, string> = {};
  for (const assignment of value('Environment')) {
    const [k, ...v] = assignment.split('=');
    environment[k!] = v.join('=');
  }
  return { execStart: value('ExecStart')[0]!.split(/\s+/), environment, environmentFile: value('EnvironmentFile')[0]! };
}

function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

let dir: string;
let postgres: PostgresServer;
let databaseUrl: string;
let upstream: OpenAIUpstream;
let nginx: ChildProcess;
let nginxLog = '';
let base: string;
let ca: string;
const aide: CliServer[] = [];

async function waitForPort(port: number, ms = 15000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > end) throw new Error(`nothing listens on ${port}:\n${nginxLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** When each piece of the body arrived, in ms after the request was sent, with its text. */
  pieces: Array<{ at: number; text: string }>;
}

/** One HTTPS request to nginx, trusting the test's certificate. */
function request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      base + pathname,
      { method, ca, headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers }, agent: false },
      (res) => {
        const pieces: Answer['pieces'] = [];
        res.on('data', (c: Buffer) => pieces.push({ at: Date.now() - started, text: c.toString() }));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: pieces.map((p) => p.text).join(''), pieces }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

beforeAll(async () => {
  requireBuilt();
  if (!fs.existsSync(NGINX)) throw new Error(`nginx is missing at ${NGINX}: apt-get install -y nginx (.ci/run does)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-deploy-'));
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase('aide_deploy');
  upstream = await startOpenAIUpstream();
  upstream.fallback = { type: 'reply', chunks: ['Premier point. ', 'Deuxième point. ', 'Troisième point. ', 'Quatrième point. ', 'Fin.'], delayMs: 250 };

  // The `aide` a global install puts on PATH: a link to bin/aide.js.
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.symlinkSync(path.join(root, 'bin', 'aide.js'), path.join(dir, 'bin', 'aide'));
  const PATH = [path.join(dir, 'bin'), path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter);

  const unit = readUnit(path.join(root, 'deploy', 'systemd', 'aide.service'));
  expect(unit.execStart).toEqual(['/usr/bin/env', 'aide', 'serve', '--http']);
  expect(unit.environmentFile).toBe('/etc/aide/aide.env');
  const ports = [await freePort(), await freePort()];
  const nginxPort = await freePort();
  for (const [i, port] of ports.entries()) {
    // The environment file of deploy/systemd/aide.env.example, with this test's values.
    const settings = parseEnvFile(fs.readFileSync(path.join(root, 'deploy', 'systemd', 'aide.env.example'), 'utf8'));
    Object.assign(settings, {
      AIDE_PORT: String(port),
      AIDE_DATA_DIR: path.join(dir, `aide-${i + 1}`),
      AIDE_PUBLIC_URL: `https://localhost:${nginxPort}`,
      AIDE_DATABASE_URL: databaseUrl,
      AIDE_AUTH: 'off', // the test has no Entra tenant (auth is covered by its own tests); loopback only
      AIDE_LLM_PROVIDER: 'compatible',
      AIDE_LLM_BASE_URL: upstream.url + '/v1',
      AIDE_LLM_MODEL: 'test-model',
      AIDE_LLM_API_KEY: '',
      AIDE_RATE_LIMIT_PER_MINUTE: '100000',
      AIDE_SHUTDOWN_TIMEOUT_MS: '5000',
    });
    delete settings.AIDE_AUTH_TENANT_ID;
    delete settings.AIDE_AUTH_CLIENT_ID;
    delete settings.AIDE_LLM_AZURE_DEPLOYMENT;
    expect(settings.AIDE_TRUST_PROXY).toBe('127.0.0.1');
    fs.mkdirSync(settings.AIDE_DATA_DIR!, { recursive: true });
    aide.push(await startCliServer([], { ...settings, ...unit.environment, PATH }, settings.AIDE_DATA_DIR!, unit.execStart));
  }

  const tls = await ensureTls({ dataDir: dir, host: 'localhost' } as AideConfig);
  ca = tls.cert;
  const site = substitute(fs.readFileSync(path.join(root, 'deploy', 'nginx', 'aide.conf'), 'utf8'), {
    SERVER_NAME: 'localhost',
    LISTEN: `127.0.0.1:${nginxPort}`,
    TLS_CERTIFICATE: path.join(dir, 'tls', 'localhost.crt'),
    TLS_CERTIFICATE_KEY: path.join(dir, 'tls', 'localhost.key'),
    AIDE_SERVER_1: `127.0.0.1:${ports[0]}`,
    AIDE_SERVER_2: `127.0.0.1:${ports[1]}`,
  });
  fs.writeFileSync(path.join(dir, 'aide.conf'), site);
  // What Debian's /etc/nginx/nginx.conf gives the site file, in the temporary directory (no root paths needed).
  const asRoot = process.getuid?.() === 0;
  fs.writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      ...(asRoot ? ['user root;'] : []),
      'daemon off;',
      'worker_processes 1;',
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log ${dir}/access.log;`,
      `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
      '  gzip on;', // as Debian's nginx.conf: the streaming location must turn it off
      `  include ${dir}/aide.conf;`,
      '}',
      '',
    ].join('\n'),
  );
  execFileSync(NGINX, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
  nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  nginx.stderr!.on('data', (c: Buffer) => (nginxLog += c.toString()));
  await waitForPort(nginxPort);
  base = `https://localhost:${nginxPort}`;
}, 120000);

afterAll(async () => {
  nginx?.kill('SIGQUIT');
  for (const server of aide) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await Promise.all(aide.map((s) => s.exited));
  await upstream?.close();
  await postgres?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the systemd unit passes systemd-analyze verify (where systemd is installed)', () => {
  const analyze = '/usr/bin/systemd-analyze';
  if (!fs.existsSync(analyze)) return; // a container without systemd: the unit is still what started the servers above
  const result = spawnSync(analyze, ['verify', path.join(root, 'deploy', 'systemd', 'aide.service')], { encoding: 'utf8' });
  expect(result.stderr.trim()).toBe('');
  expect(result.status).toBe(0);
});

const chat = { model: 'default', stream: true, messages: [{ role: 'user', content: 'Résume la note de service.' }] };

test('through nginx: ready, and an answer streams chunk by chunk (no buffering of server-sent events)', async () => {
  expect((await request('GET', '/readyz')).status).toBe(200);
  const answer = await request('POST', '/v1/chat/completions', chat);
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/text\/event-stream/);
  expect(answer.body.trim().endsWith('data: [DONE]')).toBe(true);
  const first = answer.pieces.find((p) => p.text.includes('Premier point'))!;
  const last = answer.pieces.find((p) => p.text.includes('Fin.'))!;
  // Five pieces 250 ms apart upstream: the first must reach the client about a second before the last.
  expect(answer.pieces.length).toBeGreaterThanOrEqual(5);
  expect(last.at - first.at).toBeGreaterThanOrEqual(700);
});

test('nginx’s request id is the one in Aide’s log line, and the client address is believed from nginx only', async () => {
  const answer = await request('GET', '/healthz', undefined, { 'x-forwarded-for': '198.51.100.9' });
  expect(answer.status).toBe(200);
  const id = answer.headers['x-request-id'] as string;
  expect(id).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id
  await new Promise((r) => setTimeout(r, 200));
  const line = aide.flatMap((s) => s.logs()).find((l) => l.reqId === id && l.msg === 'request');
  // nginx replaces the client's header with the address it saw; Aide trusts nginx (AIDE_TRUST_PROXY), so takes it.
  expect(line).toMatchObject({ path: '/healthz', status: 200, ip: '127.0.0.1' });
  expect(JSON.stringify(aide.flatMap((s) => s.logs()))).not.toContain('198.51.100.9');
});

test('one Aide server killed mid-load: the other keeps serving, and no acknowledged event is lost', async () => {
  const acknowledged = new Set<string>();
  let batches = 0;
  let failures = 0;
  let afterKill = 0;
  let killed = false;
  let stop = false;
  const worker = async (w: number) => {
    for (let n = 0; !stop; n++) {
      const events: MetricEvent[] = [];
      for (let i = 0; i < 5; i++) events.push(ev.open(`dev${w}`, 'secretary', 'summarize-mail', 'outlook', '2026-11-03'));
      try {
        const res = await request('POST', '/api/events', { events });
        batches++;
        const body = res.status === 200 ? (JSON.parse(res.body) as { accepted: number; duplicates: number }) : null;
        // Acknowledged: the server said it has every event of the batch (new or already stored).
        if (body && body.accepted + body.duplicates === events.length) {
          for (const e of events) acknowledged.add(e.id);
          if (killed) afterKill++;
        } else failures++;
      } catch {
        failures++;
      }
    }
  };
  const load = [0, 1, 2, 3].map(worker);
  await new Promise((r) => setTimeout(r, 1500));
  const victim = aide[0]!;
  victim.child.kill('SIGKILL');
  killed = true;
  expect(await victim.exited).toBeNull(); // killed by the signal, no exit code
  await new Promise((r) => setTimeout(r, 2500));
  const answer = await request('POST', '/v1/chat/completions', chat);
  stop = true;
  await Promise.all(load);

  // The figures of this run, for the deployment note.
  console.log(`deployment: ${batches} batches of 5 events through nginx, ${failures} failed, ${afterKill} acknowledged after the kill, ${acknowledged.size} events acknowledged`);
  expect(answer.status).toBe(200);
  expect(answer.body).toContain('Fin.');
  expect(afterKill).toBeGreaterThan(10);
  // nginx sends a batch the killed server never took to the other one: nothing fails, or almost nothing.
  expect(failures).toBeLessThanOrEqual(Math.ceil(batches * 0.02));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const stored = new Set((await client.query<{ id: string }>('SELECT id FROM metric_events')).rows.map((r) => r.id));
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(100);
  } finally {
    await client.end();
  }
  expect((await request('GET', '/readyz')).status).toBe(200);
}, 60000);
