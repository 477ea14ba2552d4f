/**
 * Prompt files in the pane (import, export, the editor): the YAML front matter parser and writer. Loaded on first
 * use (src/taskpane/lazy.tsx), not with the gallery.
 */
import { parsePromptFile as parseFile, type ParseResult } from '../core/prompts/parse';
import type { Lang, PromptDefinition } from '../core/prompts/schema';
import { translatePromptError } from './prompt-errors';

export { serializePrompt } from '../core/prompts/serialize';

/**
 * A prompt file written or imported by the user: checked with the library's schema, but its file name may differ
 * from the id ("prompt (1).md" after a download), and it is a personal prompt whatever its origin field says.
 */
export function parsePromptFile(text: string, file: string): ParseResult {
  const parsed = parseFile(text, file, { origin: 'personal', checkPath: false });
  return parsed.ok ? { ok: true, prompt: { ...parsed.prompt, origin: 'personal' } as PromptDefinition } : parsed;
}

/** What is wrong in a personal prompt's file, in the user's language, with the file and line. */
export interface PersonalPromptError {
  file: string;
  line: number;
  message: string;
}

export type PersonalPromptCheck = { ok: true; prompt: PromptDefinition } | { ok: false; errors: PersonalPromptError[] };

/**
 * The one check of a personal prompt, however it was written (the raw editor, the prompt form, an imported file):
 * the file is read and validated as the library's prompt files are, the prompt marked personal, and each error
 * given in the user's language. Saving it is `withPersonalPrompts` (prefs.ts).
 */
export function checkPersonalPrompt(text: string, file: string, lang: Lang): PersonalPromptCheck {
  const parsed = parsePromptFile(text, file);
  if (parsed.ok) return parsed;
  return { ok: false, errors: parsed.errors.map((e) => ({ file: e.file, line: e.line, message: translatePromptError(e.message, lang) })) };
}
