/**
 * The unified manifest (manifest.json: Outlook and Word in one app) validates offline with @microsoft/app-manifest
 * against the schema version it names (bundled in the package), as shipped and as written by `aide manifest`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { main } from '../../src/cli/index';
import { unzip } from '../../src/cli/zip';
import { APP_PACKAGE, PLACEHOLDER_CLIENT_ID, UNIFIED_ICONS, UNIFIED_MANIFEST, UNIFIED_STRINGS, rewriteUnifiedManifest } from '../../src/cli/commands/manifest';

const root = path.join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the manifest is read as plain JSON and walked
type Json = any;
const read = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8'));
const shipped = (): Json => read(path.join(root, UNIFIED_MANIFEST));

/** The schema the manifest names, from the package's bundled copies (never fetched). */
function schemaFor(manifest: Json, file = 'MicrosoftTeams.schema.json'): Json {
  const version = /\/teams\/(v[\d.]+)\//.exec(manifest.$schema)?.[1];
  if (!version) throw new Error(`unexpected $schema ${manifest.$schema}`);
  const dir = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams', version);
  return read(path.join(dir, file));
}

async function validate(manifest: Json): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schemaFor(manifest));
}

function pngSize(file: string): [number, number] {
  const header = fs.readFileSync(file).subarray(0, 24);
  expect(header.subarray(1, 4).toString()).toBe('PNG');
  return [header.readUInt32BE(16), header.readUInt32BE(20)];
}

test('manifest.json validates against its schema; the check can fail', async () => {
  const manifest = shipped();
  expect(manifest.manifestVersion).toBe(/v([\d.]+)\//.exec(manifest.$schema)![1]);
  expect(await validate(manifest)).toEqual([]);
  const broken = shipped();
  broken.extensions[0].requirements.scopes = ['mail', 'spreadsheet'];
  delete broken.id;
  const errors = await validate(broken);
  expect(errors.join('\n')).toMatch(/scopes/);
  expect(errors.join('\n')).toMatch(/id/);
});

test('one app for Outlook and Word: scopes, task panes, « Résumer » in read mode, NAA, icons', () => {
  const manifest = shipped();
  const extension = manifest.extensions[0];
  expect(extension.requirements.scopes).toEqual(['mail', 'document']);
  const runtimes = extension.runtimes as Json[];
  const summarize = runtimes.find((r) => r.actions.some((a: Json) => a.id === 'SummarizeMail'));
  expect(summarize.code.page).toBe('https://localhost:3000/taskpane.html?action=summarize');
  expect(runtimes.find((r) => r.requirements.scopes.includes('document')).code.page).toBe('https://localhost:3000/taskpane.html');
  const readRibbon = extension.ribbons.find((r: Json) => r.contexts.includes('mailRead'));
  const controls = readRibbon.tabs[0].groups[0].controls as Json[];
  expect(controls.find((c) => c.actionId === 'SummarizeMail').label).toBe('Résumer');
  expect(extension.ribbons.some((r: Json) => r.requirements.scopes.includes('document'))).toBe(true);
  expect(extension.ribbons.some((r: Json) => r.contexts.includes('mailCompose'))).toBe(true);
  expect(manifest.webApplicationInfo.nestedAppAuthInfo[0]).toEqual({ redirectUri: 'brk-multihub://localhost:3000', scopes: [`api://${PLACEHOLDER_CLIENT_ID}/access_as_user`] });
  expect(pngSize(path.join(root, manifest.icons.color))).toEqual([192, 192]);
  expect(pngSize(path.join(root, manifest.icons.outline))).toEqual([32, 32]);
  expect(UNIFIED_ICONS).toEqual([manifest.icons.color, manifest.icons.outline]);
  for (const icon of JSON.stringify(manifest).match(/https:\/\/localhost:3000\/assets\/[\w.-]+/g)!)
    expect(fs.existsSync(path.join(root, new URL(icon).pathname))).toBe(true);
});

test('French by default, English in manifest.en-us.json for every name, label and tooltip', () => {
  const manifest = shipped();
  expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'fr-fr', additionalLanguages: [{ languageTag: 'en-us', file: UNIFIED_STRINGS }] });
  const strings = read(path.join(root, UNIFIED_STRINGS));
  const schema = schemaFor(manifest, 'MicrosoftTeams.Localization.schema.json');
  // The package's validator cannot compile this schema (its patterns are not valid Unicode regular expressions):
  // each key is checked against the schema's own properties and patterns instead.
  const patterns = Object.keys(schema.patternProperties).map((p) => new RegExp(p));
  for (const key of Object.keys(strings)) expect(key in schema.properties || patterns.some((p) => p.test(key)) ? key : `not allowed: ${key}`).toBe(key);
  const at = (key: string): Json => key.split(/\.|\[|\]\.?/).filter(Boolean).reduce((o: Json, k) => o?.[k], manifest);
  for (const [key, value] of Object.entries(strings)) {
    if (key === '$schema') continue;
    expect(typeof at(key)).toBe('string'); // names a French string that exists
    expect(value).not.toBe('');
  }
  const labels = JSON.stringify(manifest).match(/"(label|title|description|displayName)":"/g)!.length;
  expect(Object.keys(strings).filter((k) => /\.(label|title|description|displayName)$/.test(k))).toHaveLength(labels);
  expect(strings['extensions[0].ribbons[0].tabs[0].groups[0].controls[1].label']).toBe('Summarize');
});

test('aide manifest --base-url writes a valid unified manifest for the deployment, its strings, icons and both XML manifests', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-unified-'));
  const clientId = '1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c8d';
  expect(await main(['manifest', '--base-url', 'https://aide.chu.example', '--client-id', clientId, '--out', out])).toBe(0);
  for (const name of [UNIFIED_MANIFEST, UNIFIED_STRINGS, ...UNIFIED_ICONS, 'manifest.xml', 'manifest.word.xml']) expect(fs.existsSync(path.join(out, name))).toBe(true);
  const manifest = read(path.join(out, UNIFIED_MANIFEST));
  expect(await validate(manifest)).toEqual([]);
  expect(JSON.stringify(manifest)).not.toContain('localhost');
  expect(manifest.validDomains).toEqual(['aide.chu.example']);
  expect(manifest.webApplicationInfo).toEqual({
    id: clientId,
    resource: `api://aide.chu.example/${clientId}`,
    nestedAppAuthInfo: [{ redirectUri: 'brk-multihub://aide.chu.example', scopes: [`api://${clientId}/access_as_user`] }],
  });
  expect(manifest.extensions[0].runtimes[1].code.page).toBe('https://aide.chu.example/taskpane.html?action=summarize');
  // The app package holds exactly the unified manifest's files, as written beside it.
  const packaged = unzip(fs.readFileSync(path.join(out, APP_PACKAGE)));
  expect(packaged.map((e) => e.name)).toEqual([UNIFIED_MANIFEST, UNIFIED_STRINGS, ...UNIFIED_ICONS]);
  for (const entry of packaged) expect(entry.data.equals(fs.readFileSync(path.join(out, entry.name)))).toBe(true);
  // Info-ZIP's own check, where it is installed (Debian's `unzip`), so the reader above is not the only judge.
  if (fs.existsSync('/usr/bin/unzip')) expect(execFileSync('/usr/bin/unzip', ['-tq', path.join(out, APP_PACKAGE)], { encoding: 'utf8' })).toMatch(/No errors detected/);
  fs.rmSync(out, { recursive: true, force: true });
});

test('without a client id the manifest declares no sign-in; a wrong one is refused', async () => {
  const json = fs.readFileSync(path.join(root, UNIFIED_MANIFEST), 'utf8');
  const trial = JSON.parse(rewriteUnifiedManifest(json, 'https://aide.chu.example/', undefined));
  expect(trial.webApplicationInfo).toBeUndefined();
  expect(await validate(trial)).toEqual([]);
  expect(() => rewriteUnifiedManifest(json, 'https://aide.chu.example', 'not-a-guid')).toThrow(/--client-id: expected the Entra application/);
  expect(() => rewriteUnifiedManifest(json, 'http://aide.chu.example', undefined)).toThrow(/HTTPS only/);
});
