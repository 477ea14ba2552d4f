/**
 * `aide serve` as a user runs it (the built CLI in a child process): HTTPS with a self-signed certificate created on
 * first start, the URLs printed, the pages served, a clean stop on Ctrl-C (SIGINT).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'bin', 'aide.js');

function get(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function waitFor(child: ChildProcessWithoutNullStreams, pattern: RegExp, output: { text: string }): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + output.text)), 30000);
    const check = () => {
      const m = output.text.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout.on('data', (c: Buffer) => ((output.text += c.toString()), check()));
    child.stderr.on('data', (c: Buffer) => (output.text += c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.text}`)));
  });
}

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'index.js'))) throw new Error('Build first: npm run build (npm test does it)');
});

test('serves the pane, the preview, the dashboard and the gateway over HTTPS, then stops cleanly on SIGINT', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-serve-'));
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AIDE_')) delete env[key];
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir], { env, cwd: dataDir });
  const output = { text: '' };
  try {
    const [, base] = await waitFor(child, /Preview \(try it in a browser\)\s+(https:\/\/localhost:\d+)\/preview/, output);
    expect(output.text).toContain(`Data directory                 ${dataDir}`);
    expect(output.text).toMatch(/manifest\.xml \(Outlook\)/);
    expect(output.text).toContain('AIDE_AUTH=off');
    const certPath = path.join(dataDir, 'tls', 'localhost.crt');
    expect(fs.existsSync(certPath)).toBe(true);
    const ca = fs.readFileSync(certPath, 'utf8');
    expect((await get(`${base}/healthz`, ca)).status).toBe(200);
    for (const page of ['/taskpane.html', '/preview', '/dashboard']) {
      const res = await get(base + page, ca);
      expect(res.status).toBe(200);
      expect(res.body).toContain('<div id="root">');
    }
    const office = await get(`${base}/office-js/office.js`, ca);
    expect(office.status).toBe(200);
    const models = await get(`${base}/v1/models`, ca);
    expect(models.status).toBe(200);
    expect(models.body).toContain('aide-offline');
  } finally {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output.text).toContain('Aide stopped.');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a wrong setting stops the server with a message naming it', async () => {
  const env = { ...process.env, AIDE_LLM_PROVIDER: 'chatgpt' };
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { env, cwd: os.tmpdir() });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(stderr).toMatch(/AIDE_LLM_PROVIDER: .*"chatgpt"/);
});
