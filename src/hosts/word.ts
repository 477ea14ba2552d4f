/**
 * Word host adapter: reads the selection and the document text, inserts results as reviewed AI text (tracked
 * changes + review comment, see ./word-insert). Word has no per-user roaming settings (document settings travel
 * with the file, which is wrong for a user's prompts), so per-user data lives in the add-in's localStorage, which
 * Office keeps per user and per add-in.
 */
import { getGraphToken, GRAPH_PROFILE_SCOPES } from './auth';
import { readJobTitle } from './graph';
import { insertReviewed } from './word-insert';
import { browserStore, HostError, type HostAdapter, type HostContext, type InsertOptions, type InsertableResult, type KeyValueStore } from './types';

/** Cap on the document text read at once (a 300-page document is ~1 M characters; the chunked summary handles it). */
const MAX_DOCUMENT_CHARS = 2_000_000;

export function createWordHost(store: KeyValueStore = browserStore()): HostAdapter {
  // Word gives each document window its own pane: the item never changes under it. The URL names it (empty for a
  // document never saved).
  const url = (Office.context.document as { url?: string } | undefined)?.url ?? '';
  return {
    kind: 'word',
    mode: 'document',
    item: { kind: 'document', id: url ? `document:${url}` : 'document', label: url.split(/[\\/]/).pop() ?? '' },
    isCurrent: () => true,
    canInsert: true,
    canReply: false,
    displayLanguage: Office.context.displayLanguage,

    async readContext(): Promise<HostContext> {
      return Word.run(async (context) => {
        const selection = context.document.getSelection();
        const body = context.document.body;
        // The author (WordApi 1.3): hidden by the gateway wherever the document names them; absent on older hosts.
        const properties = context.document.properties as Word.DocumentProperties | undefined;
        selection.load('text');
        body.load('text');
        properties?.load('author');
        await context.sync();
        const author = properties?.author?.trim();
        return { kind: 'document', selection: selection.text ?? '', document: (body.text ?? '').slice(0, MAX_DOCUMENT_CHARS), ...(author ? { author } : {}) };
      });
    },

    async insert(result: InsertableResult, options: InsertOptions = {}): Promise<void> {
      await insertReviewed(result.html, {
        mode: options.mode ?? 'cursor',
        trackChanges: options.trackChanges ?? true,
        comment: options.comment === undefined ? 'Texte généré par IA — à relire' : options.comment,
        originalLabel: options.originalLabel ?? "Texte d'origine :",
      });
    },

    async openReply(): Promise<void> {
      throw new HostError('Word has no reply form', 'not-supported');
    },

    // The job title suggests a role; silent only (no consent prompt when the pane opens).
    readJobTitle: () => readJobTitle({ getToken: () => getGraphToken(GRAPH_PROFILE_SCOPES, { interactive: false }) }),

    getRoaming: (key) => store.getItem(key),
    async setRoaming(key, value) {
      if (value === null) store.removeItem(key);
      else store.setItem(key, value);
    },
  };
}
