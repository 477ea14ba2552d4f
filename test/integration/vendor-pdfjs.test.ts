/**
 * The pdf.js worker the pane needs to read PDF attachments: served by the Aide server from the installed pdfjs-dist
 * (same version as the bundle), as JavaScript a module worker accepts; nothing else of the package is exposed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());

test('GET /vendor/pdfjs/pdf.worker.min.mjs is the installed legacy worker, as JavaScript', async () => {
  const res = await fetch(`${server.url}/vendor/pdfjs/pdf.worker.min.mjs`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
  const body = await res.text();
  const installed = fs.readFileSync(path.join(__dirname, '..', '..', 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.worker.min.mjs'), 'utf8');
  expect(body).toBe(installed);
});

test('only the worker files are served from the package', async () => {
  for (const p of ['/vendor/pdfjs/pdf.mjs', '/vendor/pdfjs/pdf.sandbox.mjs', '/vendor/pdfjs/../package.json', '/vendor/pdfjs/']) {
    expect([p, (await fetch(`${server.url}${p}`)).status]).toEqual([p, 404]);
  }
});
