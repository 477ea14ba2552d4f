/**
 * Both manifests validate offline against the official add-in manifest XML schemas (copies in ../shared/schemas),
 * as shipped and as rewritten by `aide manifest --base-url`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index';
import { MANIFESTS, rewriteManifest } from '../../src/cli/commands/manifest';

const root = path.join(__dirname, '..', '..');
const xsd = path.join(root, '..', 'shared', 'schemas', 'office-addin-manifest', 'OfficeAppManifestV1_1.xsd');

function validate(file: string): { ok: boolean; output: string } {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
  if (result.error) throw new Error('xmllint is missing: install it with `apt-get install -y libxml2-utils` (.ci/run does)');
  return { ok: result.status === 0, output: result.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(xsd)) throw new Error(`The manifest schemas are missing at ${xsd} (../shared/ must sit beside the checkout)`);
  execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
});

test.each(MANIFESTS)('%s validates against the add-in manifest schema', (name) => {
  const { ok, output } = validate(path.join(root, name));
  expect(output).toContain('validates');
  expect(ok).toBe(true);
});

test('the schema check can fail: a manifest missing its Id is rejected', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-manifest-'));
  const broken = path.join(dir, 'broken.xml');
  fs.writeFileSync(broken, fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8').replace(/<Id>[^<]+<\/Id>/, ''));
  expect(validate(broken).ok).toBe(false);
});

test('Outlook manifest offers read and compose surfaces with a task pane button and a Summarize button', () => {
  const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  expect(xml).toContain('xsi:type="MailApp"');
  expect(xml).toContain('MessageReadCommandSurface');
  expect(xml).toContain('MessageComposeCommandSurface');
  expect(xml).toContain('taskpane.html?action=summarize');
  expect(xml).toMatch(/DefaultValue="Résumer"[\s\S]*Value="Summarize"/);
});

test('aide manifest --base-url writes valid copies pointing at the deployment', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-manifest-'));
  const code = await main(['manifest', '--base-url', 'https://aide.hospital.example', '--out', out]);
  expect(code).toBe(0);
  for (const name of MANIFESTS) {
    const xml = fs.readFileSync(path.join(out, name), 'utf8');
    expect(xml).not.toContain('localhost:3000');
    expect(xml).toContain('https://aide.hospital.example/taskpane.html');
    expect(validate(path.join(out, name)).ok).toBe(true);
  }
});

test('aide manifest refuses a non-HTTPS base URL with one clear line', () => {
  expect(() => rewriteManifest('<x/>', 'http://aide.example')).toThrow(/HTTPS only/);
  expect(() => rewriteManifest('<x/>', 'not a url')).toThrow(/not a URL/);
});
