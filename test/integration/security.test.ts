/**
 * Hardened serving, on a real server: every response carries nosniff, no-referrer and a CSP fitting the page (Office
 * hosts may frame the pane, nobody the dashboard); source maps only when AIDE_SERVE_SOURCE_MAPS asks; a slowly
 * dribbled body is cut by the request timeout; with sign-in off a Host that is not a loopback name is refused (DNS
 * rebinding); isLoopback looks at addresses, not at how a name starts.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startServer, type TestServer } from '../helpers/server';
import { isLoopback, loadConfig } from '../../src/server/config';
import { packageRoot } from '../../src/server/paths';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ requestTimeoutMs: 1500 });
});
afterAll(async () => server?.close());

function directives(csp: string | null): Map<string, string> {
  return new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values.join(' ')]));
}

const web = path.join(packageRoot, 'dist', 'web');
const built = fs.existsSync(path.join(web, 'taskpane.html'));

test.each(['/healthz', '/api/client-config', '/api/prompts', '/preview', '/dashboard', '/taskpane.html', '/nothing-here', '/office-js/office.js'])('%s: nosniff, no-referrer, a CSP', async (url) => {
  const res = await fetch(server.url + url);
  await res.arrayBuffer();
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('content-security-policy')).toBeTruthy();
});

(built ? test : test.skip)('pages: self only, images self or data:, Office hosts may frame the pane, nobody the dashboard', async () => {
  const pane = directives((await fetch(server.url + '/taskpane.html')).headers.get('content-security-policy'));
  expect(pane.get('default-src')).toBe("'self'");
  expect(pane.get('script-src')).toBe("'self'");
  expect(pane.get('img-src')).toBe("'self' data:");
  expect(pane.get('connect-src')).toBe("'self' https://graph.microsoft.com");
  expect(pane.get('frame-ancestors')).toContain('https://*.officeapps.live.com');
  expect(pane.get('frame-ancestors')).toContain('https://outlook.office.com'.replace('outlook.', '*.'));
  const dashboard = directives((await fetch(server.url + '/dashboard')).headers.get('content-security-policy'));
  expect(dashboard.get('frame-ancestors')).toBe("'none'");
  expect(dashboard.get('connect-src')).toBe("'self'");
  const api = directives((await fetch(server.url + '/api/client-config')).headers.get('content-security-policy'));
  expect(api.get('default-src')).toBe("'none'");
});

(built ? test : test.skip)('source maps are not served unless AIDE_SERVE_SOURCE_MAPS asks', async () => {
  const map = fs.readdirSync(web).find((f) => f.startsWith('commands.') && f.endsWith('.js.map'));
  expect(map).toBeDefined();
  const status = async (url: string) => {
    const res = await fetch(url);
    await res.arrayBuffer(); // read to the end: the server closes cleanly afterwards
    return res.status;
  };
  expect(await status(`${server.url}/${map}`)).toBe(404);
  expect(await status(`${server.url}/${map!.replace(/\.map$/, '')}`)).toBe(200);
  const withMaps = await startServer({ serveSourceMaps: true });
  try {
    expect(await status(`${withMaps.url}/${map}`)).toBe(200);
  } finally {
    await withMaps.close();
  }
});

test('with sign-in on, the sign-in host is allowed for connections and frames', async () => {
  // Each step is bounded and named: this test once hit jest's 60 s timeout on a loaded CI host, and a hang must say
  // which step it was (start, a request, or the close).
  const entra = await step('start', startServer({ auth: 'entra', authTenantId: 't', authClientId: 'c', authJwksUrl: 'http://127.0.0.1:9/keys', authAuthority: 'https://login.microsoftonline.us' }));
  try {
    const page = await step('GET /preview', fetch(entra.url + '/preview', { signal: AbortSignal.timeout(STEP_MS) }));
    await page.arrayBuffer(); // read whole: a body left unread holds the connection
    const csp = directives(page.headers.get('content-security-policy'));
    expect(csp.get('connect-src')).toBe("'self' https://login.microsoftonline.us");
    expect(csp.get('frame-src')).toBe('https://login.microsoftonline.us');
    const config = (await step('GET /api/client-config', fetch(entra.url + '/api/client-config', { signal: AbortSignal.timeout(STEP_MS) }).then((r) => r.json()))) as { authority: string };
    expect(config.authority).toBe('https://login.microsoftonline.us');
    // Any Host is fine when sign-in is on (a real deployment has a real name).
    const healthz = await step('raw GET /healthz', raw(entra.url, 'GET /healthz HTTP/1.1\r\nHost: aide.chu-nord.fr\r\nConnection: close\r\n\r\n'));
    expect(healthz.split('\r\n')[0]).toContain('200');
  } finally {
    await step('close', entra.close());
  }
});

const STEP_MS = 15_000;
/** `work`, or an error naming the step when it takes longer than STEP_MS. */
async function step<T>(name: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step "${name}" took more than ${STEP_MS} ms`)), STEP_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends raw bytes and returns what came back (the status line first). */
function raw(url: string, data: string, hold?: (socket: net.Socket) => void): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => (hold ? hold(socket) : socket.write(data)));
    let out = '';
    socket.on('data', (c) => (out += c.toString()));
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

test.each(['evil.example', '127.evil.invalid', 'aide.local:3000', '10.0.0.5'])('sign-in off: Host %s is refused (DNS rebinding)', async (host) => {
  const answer = await raw(server.url, `GET /api/prompts HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  expect(answer.split('\r\n')[0]).toContain('421');
  expect(answer).toContain('AIDE_AUTH=off');
});

test.each(['localhost:3000', '127.0.0.1', '[::1]:3000'])('sign-in off: Host %s is served', async (host) => {
  const answer = await raw(server.url, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  expect(answer.split('\r\n')[0]).toContain('200');
});

test('a body dribbled slower than the request timeout is cut', async () => {
  const started = Date.now();
  const answer = await raw(server.url, '', (socket) => {
    socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"model":"');
    const timer = setInterval(() => (socket.writable ? socket.write('a') : clearInterval(timer)), 200);
    socket.on('close', () => clearInterval(timer));
  });
  const elapsed = Date.now() - started;
  expect(elapsed).toBeLessThan(10_000);
  expect(answer.split('\r\n')[0]).toMatch(/408|^$/);
});

test('isLoopback: addresses, not prefixes', () => {
  for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(host)).toBe(true);
  for (const host of ['127.evil.invalid', '127.0.0.1.nip.io', '0.0.0.0', '10.0.0.1', 'aide.local', '::', 'localhost.evil']) expect(isLoopback(host)).toBe(false);
  expect(() => loadConfig({ auth: 'off', host: '127.evil.invalid' }, {})).toThrow(/loopback/);
});
