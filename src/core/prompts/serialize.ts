/**
 * Writing a prompt back as its file (`<id>.md`): what the pane exports to share a prompt with a team, and what an
 * administrator drops into AIDE_PROMPTS_DIR. `parsePromptFile(serializePrompt(p))` gives `p` back.
 */
import { stringify } from 'yaml';
import { LANGS, type PromptDefinition, type PromptVariable } from './schema';

/** Front matter keys in the order an author reads them. */
function frontMatter(prompt: PromptDefinition): Record<string, unknown> {
  const variables = prompt.variables.map((v: PromptVariable) => {
    const out: Record<string, unknown> = { name: v.name, label: v.label, type: v.type };
    if (v.required) out.required = true;
    if (v.default !== undefined) out.default = v.default;
    if (v.choices) out.choices = v.choices;
    if (v.source) out.source = v.source;
    if (v.placeholder) out.placeholder = v.placeholder;
    return out;
  });
  const out: Record<string, unknown> = {
    id: prompt.id,
    version: prompt.version,
    role: prompt.role,
    hosts: prompt.hosts,
    category: prompt.category,
    output: prompt.output,
    offline: prompt.offline,
    minutesSaved: prompt.minutesSaved,
    title: prompt.title,
    description: prompt.description,
  };
  if (prompt.tags.length > 0) out.tags = prompt.tags;
  if (variables.length > 0) out.variables = variables;
  return out;
}

const HEADING_LIKE = /^##[ \t]+(fr|en)[ \t]*:[ \t]*(system|user|letter)[ \t]*$/m;

export class SerializeError extends Error {}

export function serializePrompt(prompt: PromptDefinition): string {
  const parts = ['---', stringify(frontMatter(prompt), { lineWidth: 0 }).trimEnd(), '---', ''];
  const section = (lang: string, kind: string, text: string) => {
    // A line looking like a section heading inside a template would split it when read back.
    if (HEADING_LIKE.test(text)) throw new SerializeError(`the ${lang} ${kind} template contains a line "## ${lang}: …" that would be read as a section heading`);
    parts.push(`## ${lang}: ${kind}`, '', text.replace(/\r\n?/g, '\n').trim(), '');
  };
  for (const lang of LANGS) {
    section(lang, 'system', prompt.templates[lang].system);
    section(lang, 'user', prompt.templates[lang].user);
    const letter = prompt.letter?.[lang];
    if (letter && letter.trim()) section(lang, 'letter', letter);
  }
  return parts.join('\n');
}
