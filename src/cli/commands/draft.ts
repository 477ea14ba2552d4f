/**
 * `aide draft --role R --prompt ID --var name=value … [--var-file name=FILE] [--lang fr|en] [--json]`: a letter or document from a prompt and
 * the form's values, through the configured engine (offline: the prompt's letter skeleton filled, `[à compléter]`
 * where a value is missing). An unknown prompt, an unknown variable or a missing required one: one clear line, exit 1.
 */
import type { Command } from 'commander';
import { CliError, readInput } from '../io';
import { loadConfig } from '../../server/config';
import { invalidChoices, prepareRun } from '../../core/llm/run';
import { LANGS, ROLES } from '../../core/prompts/schema';
import { checkRequired, findPrompt, loadPrompts, parseLang, parseRole, runAndPrint, type RunCommandOptions } from './summarize';

/** `--var name=value`, repeatable; the value may contain "=" and newlines. */
export function collectVar(spec: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = spec.indexOf('=');
  if (at <= 0) throw new CliError(`--var and --var-file expect name=value (got "${spec}")`, `--var et --var-file attendent nom=valeur (reçu « ${spec} »)`);
  const name = spec.slice(0, at).trim();
  return { ...previous, [name]: spec.slice(at + 1) };
}

export function register(program: Command): void {
  program
    .command('draft')
    .description('draft a letter or document from a prompt and its variables, through the configured engine')
    .option('--role <role>', `the user's role: ${ROLES.join(', ')}`)
    .option('--prompt <id>', 'the prompt id (see aide prompts list)')
    .option('--var <name=value>', 'a variable of the prompt (repeatable)', collectVar, {} as Record<string, string>)
    .option('--var-file <name=file>', 'a variable read from a file, or - for standard input (long texts: notes, a mail)', collectVar, {} as Record<string, string>)
    .option('--lang <lang>', `language of the draft: ${LANGS.join(', ')}`, 'fr')
    .option('--json', 'print JSON: {prompt, version, engine, lang, text}')
    .action(async (options: RunCommandOptions & { var: Record<string, string>; varFile: Record<string, string> }) => {
      const role = parseRole(options.role);
      const lang = parseLang(options.lang);
      if (!options.prompt) throw new CliError(`--prompt is required (see aide prompts list --role ${role})`, `--prompt est obligatoire (voir aide prompts list --role ${role})`);
      const config = loadConfig();
      const prompt = findPrompt(await loadPrompts(config), options.prompt, role);
      const values: Record<string, string> = { ...options.var };
      for (const [name, file] of Object.entries(options.varFile)) values[name] = readInput(file);
      const known = new Set(prompt.variables.map((v) => v.name));
      const unknown = Object.keys(values).filter((name) => !known.has(name));
      if (unknown.length)
        throw new CliError(
          `prompt "${prompt.id}" has no variable ${unknown.map((n) => `"${n}"`).join(', ')} (its variables: ${[...known].join(', ') || 'none'})`,
          `le prompt « ${prompt.id} » n'a pas de variable ${unknown.map((n) => `« ${n} »`).join(', ')} (ses variables : ${[...known].join(', ') || 'aucune'})`,
        );
      const bad = invalidChoices(prompt, values)[0];
      if (bad) throw new CliError(
          `--var ${bad.name} must be one of ${bad.allowed.join(', ')} (got "${values[bad.name]}")`,
          `--var ${bad.name} doit valoir ${bad.allowed.join(', ')} (reçu « ${values[bad.name]} »)`,
        );
      checkRequired(prompt, values, lang);
      await runAndPrint(config, prompt, prepareRun(prompt, { lang, values, model: 'default', role }), options.json === true, lang);
    });
}
