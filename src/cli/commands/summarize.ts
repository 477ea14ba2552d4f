/**
 * `aide summarize --role R [--prompt ID] [--lang fr|en] [--json] FILE|-`: the pane's "Summarize this mail", from the
 * command line. The mail (.eml, HTML or text) is cleaned with the mail core, the role's summarize prompt (or the one
 * named) is rendered with it, and the run goes through the configured engine (the gateway's chat service: privacy,
 * then the provider; the offline engine by default). The answer is printed as it streams; `--json` prints
 * `{prompt, version, engine, lang, text, warnings}` at the end, `warnings` being the instructions aimed at an assistant
 * found in what was sent, its hidden text and its links (`[{kind, excerpt, hidden?, href?}]`, as the pane shows them);
 * without `--json` they are said on standard error. The mail's sent date reaches the engine (dates are read against
 * it). Shared with `aide draft`: loading the library, running, printing.
 */
import type { Command } from 'commander';
import { CliError, inputName, printJson, readInputBytes } from '../io';
import { loadConfig, type AideConfig } from '../../server/config';
import { loadPromptLibrary } from '../../server/prompts/load';
import { createChatService } from '../../server/gateway/pipeline';
import { assembleThread, cleanMail, forwardedMessage, htmlToText, MailParseError, parseEml, rebuildThread, withForwarded } from '../../core/mail';
import { defaultPrompt, missingVariables, prepareRun, valuesFromSources, type SourceValues } from '../../core/llm/run';
import { isForRole, LANGS, ROLES, type Lang, type PromptDefinition, type Role } from '../../core/prompts/schema';
import type { ChatRequest } from '../../core/llm/types';
import { detectInjectionIn, type InjectionWarning } from '../../core/safety/injection';
import { detectFormat, decodeBytes } from './clean';

export interface RunCommandOptions {
  role?: string;
  prompt?: string;
  lang?: string;
  json?: boolean;
}

export function parseRole(value: string | undefined): Role {
  if (!value) throw new CliError(`--role is required: one of ${ROLES.join(', ')}`, `--role est obligatoire : ${ROLES.join(', ')}`);
  if (!(ROLES as readonly string[]).includes(value)) throw new CliError(`--role must be one of ${ROLES.join(', ')} (got "${value}")`, `--role doit valoir ${ROLES.join(', ')} (reçu « ${value} »)`);
  return value as Role;
}

export function parseLang(value: string | undefined): Lang {
  const lang = value ?? 'fr';
  if (!(LANGS as readonly string[]).includes(lang)) throw new CliError(`--lang must be one of ${LANGS.join(', ')} (got "${lang}")`, `--lang doit valoir ${LANGS.join(', ')} (reçu « ${lang} »)`);
  return lang as Lang;
}

/** The organisation's prompt library (shipped prompts and AIDE_PROMPTS_DIR); broken files are skipped, as on the server. */
export async function loadPrompts(config: AideConfig): Promise<PromptDefinition[]> {
  const library = await loadPromptLibrary(config);
  return library.prompts;
}

/** The named prompt, checked against the role; one clear line when it does not exist or belongs to another role. */
export function findPrompt(prompts: readonly PromptDefinition[], id: string, role: Role): PromptDefinition {
  const prompt = prompts.find((p) => p.id === id);
  if (!prompt) {
    const near = prompts.filter((p) => isForRole(p, role)).map((p) => p.id).sort();
    throw new CliError(
      `unknown prompt "${id}"${near.length ? ` (${role} prompts: ${near.join(', ')})` : ''}`,
      `prompt inconnu « ${id} »${near.length ? ` (prompts ${role} : ${near.join(', ')})` : ''}`,
    );
  }
  if (!isForRole(prompt, role)) throw new CliError(
      `prompt "${id}" is a ${prompt.role} prompt, not ${role} (see aide prompts list)`,
      `le prompt « ${id} » est un prompt ${prompt.role}, pas ${role} (voir aide prompts list)`,
    );
  return prompt;
}

export function checkRequired(prompt: PromptDefinition, values: Record<string, string>, lang: Lang): void {
  const missing = missingVariables(prompt, values, lang);
  if (missing.length)
    throw new CliError(
      `missing required variable${missing.length > 1 ? 's' : ''} for prompt "${prompt.id}": ${missing.map((m) => `${m.name} (${m.label})`).join(', ')}; pass --var name=value`,
      `variable${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} pour le prompt « ${prompt.id} » : ${missing.map((m) => `${m.name} (${m.label})`).join(', ')} ; indiquez --var nom=valeur`,
    );
}

/**
 * Runs a prepared request through the configured chat service and prints the answer as it streams (or, with json,
 * once complete). Ctrl-C cancels the run and keeps what was printed.
 */
export async function runAndPrint(config: AideConfig, prompt: PromptDefinition, request: ChatRequest, json: boolean, lang: Lang, warnings?: InjectionWarning[]): Promise<void> {
  if (warnings?.length && !json) process.stderr.write(warningLines(warnings, lang));
  const service = createChatService(config);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let text = '';
  try {
    for await (const delta of service.run(request, { signal: controller.signal })) {
      if (delta.type !== 'text') continue;
      text += delta.text;
      if (!json) process.stdout.write(delta.text);
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (controller.signal.aborted) process.exitCode = 130;
  if (json) printJson({ prompt: prompt.id, version: prompt.version, engine: service.engine.kind, lang, text, ...(warnings ? { warnings } : {}) });
  else if (!text.endsWith('\n')) process.stdout.write('\n');
}

const WARNING_HEADING = {
  fr: (n: number) => `Attention : ce message contient ${n > 1 ? `${n} passages qui ressemblent` : 'un passage qui ressemble'} à des instructions destinées à l’assistant (à ne pas suivre) :`,
  en: (n: number) => `Warning: this message contains ${n > 1 ? `${n} passages that look` : 'a passage that looks'} like instructions aimed at the assistant (not to be followed):`,
} as const;

/** The warnings as lines for standard error, in the run's language. */
export function warningLines(warnings: readonly InjectionWarning[], lang: Lang): string {
  const lines = [WARNING_HEADING[lang](warnings.length)];
  for (const w of warnings) lines.push(`  - [${w.kind}] ${w.excerpt}${w.href ? ` → ${w.href}` : ''}`);
  return lines.join('\n') + '\n';
}

/** What the host would fill from the open mail, and what the run needs beside it: its sent date, hidden text and HTML. */
export interface MailInput {
  sources: SourceValues;
  /** The mail's Date header (ISO), when it has one. */
  sentDate?: string;
  /** Text the mail hides from its reader (removed by the cleaner), for the injection warnings. */
  hidden: string[];
  html?: string;
}

/** What the host would fill from the open mail: cleaned body, rebuilt thread, subject, sender. */
export async function mailSources(file: string): Promise<SourceValues> {
  return (await readMailInput(file)).sources;
}

/** The warnings for a run: what is sent (every value), the mail's hidden text and its links. */
export function runWarnings(values: Record<string, string>, mail: Pick<MailInput, 'hidden' | 'html'>): InjectionWarning[] {
  return detectInjectionIn(Object.values(values), { hidden: mail.hidden, html: mail.html });
}

export async function readMailInput(file: string): Promise<MailInput> {
  let sentDate: string | undefined;
  const bytes = readInputBytes(file);
  const where = inputName(file);
  if (bytes.length === 0) throw new CliError(`${where.en} is empty`, `${where.fr} est vide`);
  const format = detectFormat(file, bytes.subarray(0, 8192).toString('utf8'));
  let body: { html?: string; text?: string };
  let sender: string | undefined;
  const sources: SourceValues = {};
  if (format === 'eml') {
    try {
      const mail = await parseEml(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      body = { html: mail.html, text: mail.text };
      if (mail.subject) sources['mail.subject'] = mail.subject;
      if (mail.from) sources['mail.sender'] = mail.from.name || mail.from.address;
      if (mail.from) sender = mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address;
      if (mail.date) sentDate = mail.date;
    } catch (err) {
      if (err instanceof MailParseError) throw new CliError(`${where.en}: ${err.message}`, `${where.fr} : ${err.fr}`);
      throw err;
    }
  } else if (format === 'html') body = { html: decodeBytes(bytes, 'html') };
  else body = { text: decodeBytes(bytes, 'text') };
  // The sender's display name marks their signature block, as in the pane and `aide clean`.
  const senderName = sender?.replace(/\s*<[^>]*>\s*$/, '').trim();
  const cleaned = cleanMail(body, { senderName: senderName && !senderName.includes('@') ? senderName : undefined });
  if (!cleaned.text.trim()) throw new CliError(
      `${where.en}: no text left to summarize once quoted history, signature and disclaimer are removed`,
      `${where.fr} : plus rien à résumer une fois l'historique cité, la signature et les mentions légales retirés`,
    );
  // A forward: the message forwarded is the content, under the note written above it (as in the pane).
  const forwarded = forwardedMessage(body, sources['mail.subject'], cleaned.removed.quoted);
  sources['mail.body'] = forwarded ? withForwarded(cleaned.text, forwarded) : cleaned.text;
  const thread = rebuildThread({ ...body, from: sender });
  if (thread.length > 0) sources['mail.thread'] = assembleThread(thread).text;
  // A Word-side prompt (a guideline, a case to summarize) takes the file as the document or selection, whole: the
  // mail cleaner's signature and quote heuristics have no business in a document.
  const whole = body.html ? htmlToText(body.html) : (body.text ?? '');
  sources.document = sources.selection = sources['mail.attachment'] = whole.trim() ? whole : cleaned.text;
  return { sources, ...(sentDate ? { sentDate } : {}), hidden: cleaned.hidden.fragments, ...(body.html ? { html: body.html } : {}) };
}

export function register(program: Command): void {
  program
    .command('summarize')
    .description("summarize a mail (.eml, HTML or text) with the role's summarize prompt, through the configured engine")
    .argument('<file>', 'the mail file, or - for standard input')
    .option('--role <role>', `the user's role: ${ROLES.join(', ')}`)
    .option('--prompt <id>', "a prompt id (default: the role's summarize prompt)")
    .option('--lang <lang>', `language of the answer: ${LANGS.join(', ')}`, 'fr')
    .option('--json', 'print JSON: {prompt, version, engine, lang, text, warnings}')
    .action(async (file: string, options: RunCommandOptions) => {
      const role = parseRole(options.role);
      const lang = parseLang(options.lang);
      const config = loadConfig();
      const prompts = await loadPrompts(config);
      const prompt = options.prompt ? findPrompt(prompts, options.prompt, role) : defaultPrompt(prompts, role, 'summarize', 'outlook');
      if (!prompt) throw new CliError(
          `no summarize prompt for role ${role} in the prompt library (see aide prompts list --role ${role})`,
          `aucun prompt de résumé pour le rôle ${role} dans la bibliothèque (voir aide prompts list --role ${role})`,
        );
      const mail = await readMailInput(file);
      const values = valuesFromSources(prompt, mail.sources);
      checkRequired(prompt, values, lang);
      const request = prepareRun(prompt, { lang, values, model: 'default', role, ...(mail.sentDate ? { sentDate: mail.sentDate } : {}) });
      await runAndPrint(config, prompt, request, options.json === true, lang, runWarnings(values, mail));
    });
}
