import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../io';
import { packageRoot } from '../../server/paths';

/** The base URL the shipped manifests point at (a local trial with `npm start`). */
export const DEV_BASE_URL = 'https://localhost:3000';
export const MANIFESTS = ['manifest.xml', 'manifest.word.xml'] as const;

/** Rewrites every URL of a manifest from the development base to a deployment's base URL. */
export function rewriteManifest(xml: string, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new CliError(`--base-url: not a URL: ${baseUrl} (expected e.g. https://aide.hospital.example)`);
  }
  if (url.protocol !== 'https:') throw new CliError(`--base-url: Office loads add-ins over HTTPS only (got ${url.protocol}//)`);
  if (url.search || url.hash) throw new CliError('--base-url: give the base URL without query or fragment');
  const base = url.toString().replace(/\/$/, '');
  const escaped = base.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return xml.split(DEV_BASE_URL).join(escaped);
}

export function register(program: Command): void {
  program
    .command('manifest')
    .description('write copies of the Outlook and Word manifests for a deployment')
    .requiredOption('--base-url <url>', 'the HTTPS address where Aide is served, e.g. https://aide.hospital.example')
    .option('--out <dir>', 'directory to write manifest.xml and manifest.word.xml into', 'manifests')
    .action((opts: { baseUrl: string; out: string }) => {
      const outDir = path.resolve(opts.out);
      const written: string[] = [];
      const copies = MANIFESTS.map((name) => [name, rewriteManifest(fs.readFileSync(path.join(packageRoot, name), 'utf8'), opts.baseUrl)]);
      try {
        fs.mkdirSync(outDir, { recursive: true });
        for (const [name, xml] of copies) {
          fs.writeFileSync(path.join(outDir, name), xml);
          written.push(path.join(outDir, name));
        }
      } catch (err) {
        throw new CliError(`cannot write to ${outDir}: ${(err as Error).message}`);
      }
      process.stdout.write(`Wrote ${written.join(' and ')} for ${opts.baseUrl}\n`);
    });
}
