/**
 * Static serving (src/server/static.ts) on a temporary directory: encoding chosen from Accept-Encoding, the build's
 * precompressed files used as they are, others compressed once, cache headers by file kind, ETag revalidation,
 * and nothing served from outside the root.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { cacheControlFor, chooseEncoding, staticFiles } from '../../../src/server/static';

test('the encoding: Brotli when accepted, else gzip, else none; q=0 refuses; * accepts', () => {
  expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
  expect(chooseEncoding('gzip, deflate')).toBe('gzip');
  expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
  expect(chooseEncoding('identity')).toBe('identity');
  expect(chooseEncoding(undefined)).toBe('identity');
  expect(chooseEncoding('*')).toBe('br');
  expect(chooseEncoding('*;q=0')).toBe('identity');
  expect(chooseEncoding(' BR ;q=1')).toBe('br');
});

test('cache headers by file kind', () => {
  expect(cacheControlFor('/x/taskpane.1a2b3c4d.js')).toBe('public, max-age=31536000, immutable');
  expect(cacheControlFor('/x/run.0f0f0f0f.js')).toBe('public, max-age=31536000, immutable');
  expect(cacheControlFor('/x/taskpane.html')).toBe('no-cache');
  expect(cacheControlFor('/x/office.js')).toBe('public, max-age=3600');
});

describe('served files', () => {
  let dir: string;
  let app: FastifyInstance;
  let base: string;
  const script = 'const greeting = "bonjour";\n'.repeat(400);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-static-'));
    fs.mkdirSync(path.join(dir, 'web'));
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'web', 'page.html'), '<!doctype html><title>x</title>' + ' '.repeat(2000));
    fs.writeFileSync(path.join(dir, 'web', 'app.1a2b3c4d.js'), script);
    // The build's Brotli file, recognisable: the server must send it, not compress again.
    fs.writeFileSync(path.join(dir, 'web', 'app.1a2b3c4d.js.br'), zlib.brotliCompressSync(Buffer.from(script)));
    fs.writeFileSync(path.join(dir, 'lib', 'office.js'), script);
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the web');
    app = Fastify();
    await app.register(staticFiles, {
      mounts: [
        { prefix: '/lib/', root: path.join(dir, 'lib') },
        { prefix: '/', root: path.join(dir, 'web') },
      ],
      pages: { '/page': 'page.html' },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      http
        .get(base + url, { headers }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
        })
        .on('error', reject);
    });
  }

  test('a hashed script: the build’s .br as is, gzip made once, plain on request; immutable; Vary', async () => {
    const br = await get('/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.equals(fs.readFileSync(path.join(dir, 'web', 'app.1a2b3c4d.js.br')))).toBe(true);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers.vary).toBe('accept-encoding');
    const gz = await get('/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script);
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    const plain = await get('/app.1a2b3c4d.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  test('a file the build did not compress (Office.js) is compressed on request; HTML is no-cache; ETag gives 304', async () => {
    const office = await get('/lib/office.js', { 'accept-encoding': 'br' });
    expect(office.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(office.body).toString()).toBe(script);
    expect(office.headers['cache-control']).toBe('public, max-age=3600');
    const again = await get('/lib/office.js', { 'accept-encoding': 'br', 'if-none-match': String(office.headers.etag) });
    expect(again.status).toBe(304);
    const page = await get('/page', { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(zlib.gunzipSync(page.body).toString()).toContain('<title>x</title>');
  });

  test('nothing outside the roots, no hidden files, no directories: 404 with a message', async () => {
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/lib/..%2f..%2fsecret.txt', '/lib/', '/.hidden', '/nope.js', '/%E0%A4%A']) {
      const res = await get(url);
      // A malformed escape is refused by Fastify itself (400) before any file lookup.
      expect([url, res.status]).toEqual([url, url.startsWith('/%E0') ? 400 : 404]);
      expect(res.body.toString()).not.toContain('not for the web');
    }
  });
});
