/**
 * The one place where the pane meets the other teams' modules (prompts, auth). Components import from this file
 * only, so a change of module is a one-line change here.
 */
import { getAccessToken as getHostToken } from '../hosts/auth';
import { parsePromptFile as parseFile, type ParseResult, type PromptDefinition } from '../core/prompts';

export { renderPrompt, searchPrompts, serializePrompt, contentVariableOf, senderVariableOf, mergePrompts } from '../core/prompts';
export type { ParseResult } from '../core/prompts';

/**
 * A prompt file written or imported by the user: checked with the library's schema, but its file name may differ
 * from the id ("prompt (1).md" after a download), and it is a personal prompt whatever its origin field says.
 */
export function parsePromptFile(text: string, file: string): ParseResult {
  const parsed = parseFile(text, file, { origin: 'personal', checkPath: false });
  return parsed.ok ? { ok: true, prompt: { ...parsed.prompt, origin: 'personal' } as PromptDefinition } : parsed;
}

// ---- auth (src/hosts/auth.ts) ----

/** The bearer for the gateway: the signed-in user's token, or a placeholder when the server runs with AIDE_AUTH=off. */
export async function getAccessToken(): Promise<string> {
  return (await getHostToken()) ?? 'aide-auth-off';
}

export { authFetch, clearAccessToken, onSignedIn, SignInError } from '../hosts/auth';
