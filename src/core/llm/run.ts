/**
 * Preparing one run of a prompt, the same way in the pane and in the CLI: the form's values (with the prompt's
 * defaults) → the rendered messages → a ChatRequest carrying the `aide` extension the gateway logs (prompt id and
 * version, role, lang: never content) and the offline engine works from (task, variables, letter, which variable is
 * the content and which the sender).
 *
 *   const values = valuesFromSources(prompt, { 'mail.body': cleaned.text, 'mail.subject': mail.subject });
 *   const missing = missingVariables(prompt, values, lang);   // show them in the form, or refuse (CLI)
 *   const request = prepareRun(prompt, { lang, values });      // then engine.stream / gateway / openai SDK
 */
import { metricPromptId } from '../metrics/events';
import { contentVariableOf, renderPrompt, senderVariableOf } from '../prompts/render';
import type { HostKind, Lang, PromptDefinition, PromptVariable, Role } from '../prompts/schema';
import { OFFLINE_MODEL, type ChatRequest } from './types';

export type SourceValues = Partial<Record<NonNullable<PromptVariable['source']>, string>>;

export interface RunOptions {
  lang: Lang;
  /** The form's values, by variable name (unknown names are ignored). */
  values: Record<string, string>;
  /** Model to ask for; the gateway maps it to the configured one (default: the offline model id). */
  model?: string;
  stream?: boolean;
  /** Today's date for `{{today}}` in the rendered messages (tests inject it). */
  today?: Date;
  /** The user's role (the role of a common action's run); default: the prompt's own role. */
  role?: Role;
  /** When the text was written (mail sent date, thread's latest message, document date): see `AideExtension.sentDate`. */
  sentDate?: string;
  /** Display names of the people the context names (sender, recipients, cc, author): the gateway hides them. */
  participants?: string[];
}

export interface MissingVariable {
  name: string;
  /** The label in the run's language, for a message a person can act on. */
  label: string;
}

/** The declared variables' values: given ones trimmed of surrounding blank lines, else the default, else absent. */
export function resolveValues(prompt: PromptDefinition, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of prompt.variables) {
    const given = values[v.name];
    if (given !== undefined && given.trim() !== '') out[v.name] = given.replace(/^\s*\n|\n\s*$/g, '');
    else if (v.default !== undefined && v.default !== '') out[v.name] = v.default;
  }
  return out;
}

/** Required variables without a value (after defaults), with their labels in `lang`. */
export function missingVariables(prompt: PromptDefinition, values: Record<string, string>, lang: Lang): MissingVariable[] {
  const resolved = resolveValues(prompt, values);
  return prompt.variables.filter((v) => v.required && !(v.name in resolved)).map((v) => ({ name: v.name, label: v.label[lang] }));
}

/** Values given for `choice` variables that are not among the choices (the CLI refuses them; the form cannot send them). */
export function invalidChoices(prompt: PromptDefinition, values: Record<string, string>): { name: string; allowed: string[] }[] {
  return prompt.variables
    .filter((v) => v.type === 'choice' && values[v.name] !== undefined && values[v.name].trim() !== '')
    .filter((v) => !(v.choices ?? []).some((c) => c.value === values[v.name].trim()))
    .map((v) => ({ name: v.name, allowed: (v.choices ?? []).map((c) => c.value) }));
}

/** Values the host can fill from what it has open (mail body, subject, sender, selection…), by each variable's source. */
export function valuesFromSources(prompt: PromptDefinition, sources: SourceValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of prompt.variables) {
    const value = v.source ? sources[v.source] : undefined;
    if (value !== undefined && value.trim() !== '') out[v.name] = value;
  }
  return out;
}

/** The values as the offline engine writes them into a letter: a choice shows its label in the run's language. */
function offlineValues(prompt: PromptDefinition, values: Record<string, string>, lang: Lang): Record<string, string> {
  const out: Record<string, string> = { ...values };
  for (const v of prompt.variables) {
    const label = v.type === 'choice' ? v.choices?.find((c) => c.value === values[v.name])?.label[lang] : undefined;
    if (label) out[v.name] = label;
  }
  return out;
}

/** The ChatRequest for one run (does not check required values: call `missingVariables` first). */
export function prepareRun(prompt: PromptDefinition, options: RunOptions): ChatRequest {
  const values = resolveValues(prompt, options.values);
  const letter = prompt.letter?.[options.lang];
  const content = contentVariableOf(prompt);
  const sender = senderVariableOf(prompt);
  const role = options.role ?? (prompt.role === 'common' ? undefined : prompt.role);
  return {
    model: options.model ?? OFFLINE_MODEL,
    messages: renderPrompt(prompt, options.lang, values, options.today ? { today: options.today } : {}),
    stream: options.stream ?? true,
    aide: {
      // The access log records it: a personal prompt's id is the user's words (see metricPromptId).
      promptId: metricPromptId(prompt),
      promptVersion: prompt.version,
      ...(role ? { role } : {}),
      lang: options.lang,
      task: prompt.offline,
      variables: offlineValues(prompt, values, options.lang),
      ...(letter ? { letter } : {}),
      ...(content ? { contentVariable: content } : {}),
      ...(sender ? { senderVariable: sender } : {}),
      ...(options.sentDate ? { sentDate: options.sentDate } : {}),
      ...(options.participants?.length ? { participants: options.participants.slice(0, 200).map((p) => p.slice(0, 200)) } : {}),
    },
  };
}

/**
 * The prompt a role uses by default for a category on a host (e.g. "summarize this mail" in Outlook): one whose
 * offline task matches the category when there is one, then one filled from the mail body, then the first by id.
 */
export function defaultPrompt(
  prompts: readonly PromptDefinition[],
  role: Role,
  category: PromptDefinition['category'] = 'summarize',
  host: HostKind = 'outlook',
): PromptDefinition | undefined {
  const candidates = prompts
    .filter((p) => p.role === role && p.category === category && p.hosts.includes(host))
    .sort((a, b) => a.id.localeCompare(b.id));
  const score = (p: PromptDefinition) =>
    (p.offline === category ? 2 : 0) + (p.variables.some((v) => v.source === 'mail.body') ? 1 : 0) + (p.origin === 'builtin' ? 0.5 : 0);
  return candidates.sort((a, b) => score(b) - score(a))[0];
}
