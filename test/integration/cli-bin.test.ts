/**
 * The CLI as installed: `npm link`, a global install, `node_modules/.bin/aide` and `npx aide` all run a symlink to
 * bin/aide.js found on PATH. The test makes that symlink in a temporary bin directory and runs `aide` through it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { packageVersion } from '../../src/server/paths';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');
let dir: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'index.js'))) throw new Error('Build first: npm run build (npm test does it)');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-bin-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  // What npm does for "bin": {"aide": "bin/aide.js"}: a link named `aide` (no .js) to the launcher.
  fs.symlinkSync(path.join(root, 'bin', 'aide.js'), path.join(dir, 'bin', 'aide'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = () => ({ ...process.env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` });

test('`aide --version` through the linked bin prints the version', async () => {
  const { stdout } = await run('aide', ['--version'], { env: env(), cwd: dir });
  expect(stdout.trim()).toBe(packageVersion);
});

test('`aide manifest` through the linked bin writes the manifests; a usage error exits non-zero', async () => {
  const out = path.join(dir, 'manifests');
  const { stdout } = await run('aide', ['manifest', '--base-url', 'https://aide.hopital.example', '--out', out], { env: env(), cwd: dir });
  expect(stdout).toMatch(/Wrote/);
  expect(fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8')).toContain('https://aide.hopital.example/');
  await expect(run('aide', ['manifest'], { env: env(), cwd: dir })).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/--base-url/) });
});
