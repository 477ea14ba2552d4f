/**
 * The prompt ids the server records as they are: the organisation's library (builtin + AIDE_PROMPTS_DIR, as served by
 * `/api/prompts`) and `personal`. Any other id is a prompt the user wrote or imported — its id is the user's words and
 * can hold a patient's name (`reponse-mme-claire-dubois`) — and is recorded as `personal` in the stored events and the
 * gateway's access log, whatever the pane sent (an old or modified pane may send the id itself).
 */
import { PERSONAL_PROMPT_ID } from '../../core/metrics/events';
import type { PromptLibraryService } from './routes';

/** `id` as it may be recorded: itself when the library has it (or it is `personal`), else `personal`. */
export type PromptIdRecorder = (id: string) => string;

export function promptIdRecorder(library: Pick<PromptLibraryService, 'current'>): PromptIdRecorder {
  // One set per library version (the ETag changes with every reload that changes the library).
  let known: { etag: string; ids: Set<string> } | null = null;
  return (id) => {
    const snapshot = library.current();
    if (known?.etag !== snapshot.etag) known = { etag: snapshot.etag, ids: new Set(snapshot.prompts.map((p) => p.id)) };
    return id === PERSONAL_PROMPT_ID || known.ids.has(id) ? id : PERSONAL_PROMPT_ID;
  };
}
