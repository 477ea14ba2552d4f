/**
 * Prompt files in the pane (import, export, the editor): the YAML front matter parser and writer. Loaded on first
 * use (src/taskpane/lazy.tsx), not with the gallery.
 */
import { parsePromptFile as parseFile, type ParseResult } from '../core/prompts/parse';
import type { PromptDefinition } from '../core/prompts/schema';

export { serializePrompt } from '../core/prompts/serialize';

/**
 * A prompt file written or imported by the user: checked with the library's schema, but its file name may differ
 * from the id ("prompt (1).md" after a download), and it is a personal prompt whatever its origin field says.
 */
export function parsePromptFile(text: string, file: string): ParseResult {
  const parsed = parseFile(text, file, { origin: 'personal', checkPath: false });
  return parsed.ok ? { ok: true, prompt: { ...parsed.prompt, origin: 'personal' } as PromptDefinition } : parsed;
}
