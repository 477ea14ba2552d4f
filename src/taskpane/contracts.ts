/**
 * The one place where the pane meets the other teams' modules (prompts, auth). Components import from this file
 * only, so a change of module is a one-line change here.
 */
import { getAccessToken as getHostToken } from '../hosts/auth';

export { renderPrompt, searchPrompts, serializePrompt, contentVariableOf, senderVariableOf, mergePrompts } from '../core/prompts';
export type { ParseResult } from '../core/prompts';
// Prompt files (YAML) live in their own module so that the pane loads the parser on first use (see lazy.tsx).
export { checkPersonalPrompt, parsePromptFile, type PersonalPromptError } from './prompt-files';

// ---- auth (src/hosts/auth.ts) ----

/** The bearer for the gateway: the signed-in user's token, or a placeholder when the server runs with AIDE_AUTH=off. */
export async function getAccessToken(): Promise<string> {
  return (await getHostToken()) ?? 'aide-auth-off';
}

export { authFetch, clearAccessToken, onSignedIn, SignInError } from '../hosts/auth';
