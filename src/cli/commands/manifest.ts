import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../io';
import { packageRoot } from '../../server/paths';
import { zip } from '../zip';

/** The base URL the shipped manifests point at (a local trial with `npm start`). */
export const DEV_BASE_URL = 'https://localhost:3000';
export const MANIFESTS = ['manifest.xml', 'manifest.word.xml'] as const;
/** The unified manifest (Outlook and Word in one app) and its English strings. */
export const UNIFIED_MANIFEST = 'manifest.json';
export const UNIFIED_STRINGS = 'manifest.en-us.json';
/** The app package's icons, at the relative paths manifest.json names. */
export const UNIFIED_ICONS = ['assets/icon-color-192.png', 'assets/icon-outline-32.png'] as const;
/** The Entra client id in the shipped manifest.json, replaced by `--client-id`. */
export const PLACEHOLDER_CLIENT_ID = '00000000-0000-0000-0000-000000000000';
/** The app package to upload to the Microsoft 365 admin center: the unified manifest, its strings and icons. */
export const APP_PACKAGE = 'aide-app.zip';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rewrites every URL of a manifest from the development base to a deployment's base URL. */
export function rewriteManifest(xml: string, baseUrl: string): string {
  const base = checkedBase(baseUrl);
  const escaped = base.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return xml.split(DEV_BASE_URL).join(escaped);
}

/**
 * The unified manifest for a deployment: URLs on the base URL, the host in validDomains and in the NAA redirect
 * (brk-multihub://host) and resource, and the Entra app's client id; without a client id (sign-in off) there is no
 * webApplicationInfo.
 */
export function rewriteUnifiedManifest(json: string, baseUrl: string, clientId: string | undefined): string {
  const base = checkedBase(baseUrl);
  const host = new URL(base).host;
  if (clientId !== undefined && !GUID.test(clientId))
    throw new CliError(
      `--client-id: expected the Entra application (client) id, a GUID like 1b2c3d4e-…; got ${clientId.slice(0, 60)}`,
      `--client-id : identifiant d'application (client) Entra attendu, un GUID comme 1b2c3d4e-… ; reçu ${clientId.slice(0, 60)}`,
    );
  const text = json.split(DEV_BASE_URL).join(base).split(new URL(DEV_BASE_URL).host).join(host);
  const manifest = JSON.parse(text.split(PLACEHOLDER_CLIENT_ID).join(clientId ?? PLACEHOLDER_CLIENT_ID)) as Record<string, unknown>;
  if (!clientId) delete manifest.webApplicationInfo;
  return JSON.stringify(manifest, null, 2) + '\n';
}

function checkedBase(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new CliError(
      `--base-url: not a URL: ${baseUrl} (expected e.g. https://aide.hospital.example)`,
      `--base-url : pas une URL : ${baseUrl} (attendu par exemple https://aide.hopital.example)`,
    );
  }
  if (url.protocol !== 'https:') throw new CliError(`--base-url: Office loads add-ins over HTTPS only (got ${url.protocol}//)`, `--base-url : Office ne charge les compléments qu'en HTTPS (reçu ${url.protocol}//)`);
  if (url.search || url.hash) throw new CliError('--base-url: give the base URL without query or fragment', "--base-url : donnez l'URL de base sans paramètres ni fragment");
  return url.toString().replace(/\/$/, '');
}

export function register(program: Command): void {
  program
    .command('manifest')
    .description('write the manifests for a deployment: the unified manifest (Outlook and Word, with its icons and English strings) and the two XML manifests')
    .requiredOption('--base-url <url>', 'the HTTPS address where Aide is served, e.g. https://aide.hospital.example')
    .option('--client-id <guid>', "the Entra app's client id for sign-in (default: AIDE_AUTH_CLIENT_ID)")
    .option('--out <dir>', 'directory to write the manifests into', 'manifests')
    .action((opts: { baseUrl: string; clientId?: string; out: string }) => {
      const outDir = path.resolve(opts.out);
      const clientId = opts.clientId ?? (process.env.AIDE_AUTH_CLIENT_ID || undefined);
      const read = (name: string) => fs.readFileSync(path.join(packageRoot, name), 'utf8');
      const copies: Array<[string, string | Buffer]> = [
        [UNIFIED_MANIFEST, rewriteUnifiedManifest(read(UNIFIED_MANIFEST), opts.baseUrl, clientId)],
        [UNIFIED_STRINGS, read(UNIFIED_STRINGS)],
        ...UNIFIED_ICONS.map((icon): [string, Buffer] => [icon, fs.readFileSync(path.join(packageRoot, icon))]),
        ...MANIFESTS.map((name): [string, string] => [name, rewriteManifest(read(name), opts.baseUrl)]),
      ];
      const unified = new Set<string>([UNIFIED_MANIFEST, UNIFIED_STRINGS, ...UNIFIED_ICONS]);
      copies.push([APP_PACKAGE, zip(copies.filter(([name]) => unified.has(name)).map(([name, content]) => ({ name, data: Buffer.from(content) })))]);
      try {
        for (const [name, content] of copies) {
          fs.mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
          fs.writeFileSync(path.join(outDir, name), content);
        }
      } catch (err) {
        throw new CliError(`cannot write to ${outDir}: ${(err as Error).message}`, `impossible d'écrire dans ${outDir} : ${(err as Error).message}`);
      }
      const lines = [
        `Wrote the manifests for ${opts.baseUrl} in ${outDir}:`,
        `  ${APP_PACKAGE}  the app package for the Microsoft 365 admin center: unified manifest, Outlook and Word (${UNIFIED_MANIFEST}, ${UNIFIED_STRINGS}, ${UNIFIED_ICONS.join(', ')})`,
        `  ${MANIFESTS[0]}  Outlook, XML (Office 2019/2021/LTSC, Outlook on Mac, sideloading)`,
        `  ${MANIFESTS[1]}  Word, XML (Office 2019/2021/LTSC, sideloading)`,
      ];
      if (!clientId) lines.push('  No --client-id (nor AIDE_AUTH_CLIENT_ID): the unified manifest declares no sign-in (webApplicationInfo), for trials only.');
      process.stdout.write(lines.join('\n') + '\n');
    });
}
