/**
 * The `aide` command. Each sub-command lives in commands/<name>.ts and registers itself here.
 * Errors print one clear line on stderr and exit non-zero.
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './io';
import { ConfigError } from '../server/config';
import { packageVersion } from '../server/paths';
import * as serve from './commands/serve';
import * as manifest from './commands/manifest';
import * as clean from './commands/clean';
import * as pseudonymize from './commands/pseudonymize';
import * as summarize from './commands/summarize';
import * as draft from './commands/draft';
import * as prompts from './commands/prompts';
import * as metrics from './commands/metrics';

export function buildProgram(): Command {
  const program = new Command('aide')
    .description('Aide: role-specific AI assistant for hospital writing in Outlook and Word')
    .version(packageVersion)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
    .showHelpAfterError(false);
  for (const command of [serve, manifest, clean, pseudonymize, summarize, draft, prompts, metrics]) command.register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed by commander.
      return err.exitCode;
    }
    const message = err instanceof CliError || err instanceof ConfigError ? err.message : (err as Error).message ?? String(err);
    process.stderr.write(`aide: ${message}\n`);
    return 1;
  }
}

/** Runs the command line of this process (what bin/aide.js calls, however it was reached: npx, a link, a global install). */
export function run(): void {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

// `node dist/src/cli/index.js …` directly; the launcher calls run() itself (through a symlink argv[1] is the link's name).
if (require.main === module) run();
