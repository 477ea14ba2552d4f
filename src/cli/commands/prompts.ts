/**
 * `aide prompts list` and `aide prompts check`: what an administrator runs before dropping files into
 * AIDE_PROMPTS_DIR, and what CI runs on the shipped library.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { HOSTS, parsePromptFile, ROLES, searchPrompts, type HostKind, type PromptIssue, type Role } from '../../core/prompts';
import { loadConfig } from '../../server/config';
import { formatIssue, loadPromptDir, loadPromptLibrary } from '../../server/prompts/load';
import { CliError, printJson } from '../io';

/** AIDE_PROMPTS_DIR (or promptsDir from AIDE_CONFIG); a configuration broken elsewhere must not stop a check. */
function configuredPromptsDir(): string | undefined {
  try {
    return loadConfig().promptsDir;
  } catch {
    return process.env.AIDE_PROMPTS_DIR || undefined;
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`, `${option} doit valoir ${allowed.join(', ')} (reçu « ${value} »)`);
  return value as T;
}

function printIssues(issues: PromptIssue[], stream: NodeJS.WritableStream): void {
  for (const issue of issues) stream.write(formatIssue(issue) + '\n');
}

function pad(text: string, width: number): string {
  return text.length >= width ? text + ' ' : text + ' '.repeat(width - text.length);
}

export function register(program: Command): void {
  const prompts = program.command('prompts').description('List and check the role prompt libraries');

  prompts
    .command('list')
    .description('List the prompts (builtin library merged with the organisation directory)')
    .option('--json', 'print the full prompt definitions as JSON')
    .option('--role <role>', `only the prompts offered to this role: its library and the common actions (${ROLES.join(', ')})`)
    .option('--host <host>', `only prompts for this host (${HOSTS.join(', ')})`)
    .option('--dir <dir>', 'organisation prompt directory (default: AIDE_PROMPTS_DIR)')
    .action((options: { json?: boolean; role?: string; host?: string; dir?: string }) => {
      const role = oneOf<Role>(options.role, ROLES, '--role');
      const host = oneOf<HostKind>(options.host, HOSTS, '--host');
      const dir = options.dir ?? configuredPromptsDir();
      if (options.dir && !fs.existsSync(options.dir)) throw new CliError(`--dir ${options.dir}: no such directory`, `--dir ${options.dir} : dossier introuvable`);
      const library = loadPromptLibrary({ promptsDir: dir });
      // Broken files are skipped; say so on stderr so that a JSON consumer on stdout is not disturbed.
      printIssues(library.errors, process.stderr);
      const found = searchPrompts(library.prompts, { role, host });
      if (options.json) return printJson(found);
      const idWidth = Math.max(2, ...found.map((p) => p.id.length)) + 1;
      process.stdout.write(pad('ID', idWidth) + pad('ROLE', 11) + pad('HOSTS', 14) + pad('CATEGORY', 10) + pad('OFFLINE', 10) + pad('ORIGIN', 13) + 'TITLE\n');
      for (const p of found) {
        process.stdout.write(
          pad(p.id, idWidth) + pad(p.role, 11) + pad(p.hosts.join(','), 14) + pad(p.category, 10) + pad(p.offline, 10) + pad(p.origin, 13) + p.title.fr + '\n',
        );
      }
      process.stdout.write(`${found.length} prompt${found.length === 1 ? '' : 's'}\n`);
    });

  prompts
    .command('check')
    .description('Check prompt files; print every problem as file:line: message and exit 1 if there is any')
    .argument('[dir]', 'directory (or single file) to check (default: the builtin library and AIDE_PROMPTS_DIR)')
    .action((dir: string | undefined) => {
      let issues: PromptIssue[];
      let count: number;
      if (dir) {
        if (!fs.existsSync(dir)) throw new CliError(`${dir}: no such file or directory`, `${dir} : fichier ou dossier introuvable`);
        if (fs.statSync(dir).isFile()) {
          // One file (e.g. a prompt a colleague exported): its name may differ from its id.
          const parsed = parsePromptFile(fs.readFileSync(dir, 'utf8'), dir, { checkPath: false });
          issues = parsed.ok ? [] : parsed.errors;
          count = parsed.ok ? 1 : 0;
          printIssues(issues, process.stdout);
          if (issues.length > 0) throw new CliError(`${issues.length} problem${issues.length === 1 ? '' : 's'} found`, `${issues.length} problème${issues.length === 1 ? '' : 's'} trouvé${issues.length === 1 ? '' : 's'}`);
          process.stdout.write('1 prompt checked, no problem\n');
          return;
        }
        const loaded = loadPromptDir(path.resolve(dir), 'organization', dir);
        issues = loaded.errors;
        count = loaded.entries.length;
      } else {
        const library = loadPromptLibrary({ promptsDir: configuredPromptsDir() });
        issues = library.errors;
        count = library.prompts.length;
      }
      printIssues(issues, process.stdout);
      if (issues.length > 0) throw new CliError(
          `${issues.length} problem${issues.length === 1 ? '' : 's'} found (${count} valid prompt${count === 1 ? '' : 's'})`,
          `${issues.length} problème${issues.length === 1 ? '' : 's'} trouvé${issues.length === 1 ? '' : 's'} (${count} prompt${count === 1 ? '' : 's'} valide${count === 1 ? '' : 's'})`,
        );
      process.stdout.write(`${count} prompt${count === 1 ? '' : 's'} checked, no problem\n`);
    });
}
