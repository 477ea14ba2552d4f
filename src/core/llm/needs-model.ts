/**
 * Which prompts the offline engine cannot do: writing new text (rewrite, correct, simplify, translate, draft a free
 * reply…) needs a generative model. Offline, the gallery marks them and their answer — an explanation plus what the
 * engine can still give — is neither inserted nor copied. Kept apart so the gallery imports nothing else.
 */
import type { PromptDefinition } from '../prompts/schema';

export function needsModel(prompt: Pick<PromptDefinition, 'offline'>, offline: boolean): boolean {
  return offline && (prompt.offline === 'rewrite' || prompt.offline === 'none');
}
