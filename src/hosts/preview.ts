/**
 * The preview host: the task pane in a plain browser, without Office. A workspace holds a sample inbox and a sample
 * Word document; choosing a mail or the document switches the pane's host (Outlook read or compose / Word). Inserting
 * renders the result's HTML into the document (after the block the user last clicked, like Word's cursor), into the
 * draft being composed, or into a reply form preview — so a browser test can check the structure.
 * No Office, no DOM access: the page (src/taskpane/preview-shell.tsx) renders the workspace state.
 * There is no mailbox behind the preview, hence no Microsoft Graph: the whole conversation is the one rebuilt from
 * the quoted history of the open mail, and says so; attachments are the sample files' real bytes.
 */
import { rebuildThread } from '../core/mail';
import { SAMPLE_DOCUMENT_BLOCKS } from './preview-data/document';
import { SAMPLE_MAILS, type SampleMail } from './preview-data/mails';
import { browserStore, HostError, itemChangedError, sameItem, type AttachmentContent, type Conversation, type HostAdapter, type HostContext, type InsertOptions, type InsertableResult, type ItemIdentity, type KeyValueStore } from './types';

export type PreviewItem = { type: 'mail'; id: string } | { type: 'document' };

export interface DocumentBlock {
  id: string;
  html: string;
  /** Set on blocks inserted by Aide: shown as a tracked insertion with its review comment. */
  inserted?: { tracked: boolean; comment: string | null; replaced: string | null };
}

export interface PreviewState {
  item: PreviewItem;
  mails: SampleMail[];
  document: DocumentBlock[];
  /** Index of the block after which the next insertion goes (the "cursor"). */
  cursor: number;
  /** Compose bodies of the drafts, by mail id. */
  drafts: Record<string, string>;
  /** The reply form opened from a received mail (never sent). */
  reply: { mailId: string; all: boolean; html: string } | null;
}

type Listener = (state: PreviewState) => void;

export class PreviewWorkspace {
  private state: PreviewState;
  private listeners = new Set<Listener>();
  private nextId = 1;
  /** The page sets this to return the text the user selected in the mail or the document. */
  selectionProvider: () => string = () => '';
  /** The page sets this to the document block holding the selection (null when none or when it spans blocks). */
  selectionBlock: () => number | null = () => null;

  constructor(mails: SampleMail[] = SAMPLE_MAILS, documentBlocks: string[] = SAMPLE_DOCUMENT_BLOCKS) {
    this.state = {
      item: { type: 'mail', id: mails.find((m) => m.folder === 'inbox')?.id ?? mails[0].id },
      mails,
      document: documentBlocks.map((html, i) => ({ id: `b${i}`, html })),
      cursor: documentBlocks.length - 1,
      drafts: Object.fromEntries(mails.filter((m) => m.compose).map((m) => [m.id, m.html])),
      reply: null,
    };
  }

  getState(): PreviewState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<PreviewState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  select(item: PreviewItem): void {
    if (item.type === 'mail' && !this.state.mails.some((m) => m.id === item.id)) throw new HostError(`No sample mail ${item.id}`, 'no-item');
    this.update({ item, reply: null });
  }

  setCursor(index: number): void {
    this.update({ cursor: Math.max(0, Math.min(index, this.state.document.length - 1)) });
  }

  currentMail(): SampleMail | null {
    const item = this.state.item;
    return item.type === 'mail' ? (this.state.mails.find((m) => m.id === item.id) ?? null) : null;
  }

  documentText(): string {
    return this.state.document.map((b) => htmlToPlain(b.html)).join('\n\n');
  }

  /**
   * Inserts after the cursor block, or — replacing a selection (`meta.replaced`) inside block `selectionBlock` — in
   * that block's place: the block's other text is kept before and after, and the replaced text stays visible as a
   * tracked deletion in the inserted block (like Word with change tracking on).
   */
  insertIntoDocument(html: string, meta: DocumentBlock['inserted'], selectionBlock: number | null = null): void {
    const block: DocumentBlock = { id: `ins${this.nextId++}`, html, inserted: meta };
    const target = selectionBlock === null ? undefined : this.state.document[selectionBlock];
    if (meta?.replaced && target && !target.inserted) {
      const [before, after] = splitAround(target.html, meta.replaced);
      if (before !== null && after !== null) {
        const kept = (part: string, suffix: string): DocumentBlock[] => (htmlToPlain(part).trim() ? [{ id: `${target.id}${suffix}`, html: part }] : []);
        const parts = [...kept(before, 'a'), block, ...kept(after, 'b')];
        const document = [...this.state.document.slice(0, selectionBlock!), ...parts, ...this.state.document.slice(selectionBlock! + 1)];
        this.update({ document, cursor: selectionBlock! + parts.indexOf(block) });
        return;
      }
    }
    const at = this.state.cursor + 1;
    const document = [...this.state.document.slice(0, at), block, ...this.state.document.slice(at)];
    this.update({ document, cursor: at });
  }

  insertIntoDraft(mailId: string, html: string): void {
    this.update({ drafts: { ...this.state.drafts, [mailId]: (this.state.drafts[mailId] ?? '') + html } });
  }

  openReply(mailId: string, html: string, all: boolean): void {
    this.update({ reply: { mailId, all, html } });
  }

  closeReply(): void {
    this.update({ reply: null });
  }

  /** The identity of the item chosen now (like Office.context.mailbox.item in a pinned pane). */
  currentItem(): ItemIdentity {
    const item = this.state.item;
    if (item.type === 'document') return { kind: 'document', id: 'document', label: '' };
    const mail = this.currentMail();
    return { kind: mail?.compose ? 'draft' : 'mail', id: item.id, conversationId: mail?.conversationId ?? null, label: mail?.subject ?? '' };
  }

  /** The host adapter for the item currently chosen (a new adapter after each switch). */
  host(store: KeyValueStore = browserStore()): HostAdapter {
    return createPreviewHost(this, store);
  }
}

/**
 * The block's HTML before and after the selected text, each closed into its own element (a paragraph selected in
 * part becomes two paragraphs around the insertion); [null, null] when the text does not occur as such in the HTML
 * (a selection across formatting), and then the caller inserts after the block instead.
 */
export function splitAround(html: string, selected: string): [string | null, string | null] {
  const open = /^\s*<(p|h[1-6]|li|div)(\s[^>]*)?>/i.exec(html);
  const escaped = selected.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const variants = [escaped, escaped.replace(/\u00a0/g, '&nbsp;')];
  for (const v of variants) {
    const at = v ? html.indexOf(v) : -1;
    if (at < 0) continue;
    const head = html.slice(0, at);
    const tail = html.slice(at + v.length);
    if (!open) return [head, tail];
    const tag = open[1];
    const close = `</${tag}>`;
    return [head + close, open[0].trim() + tail];
  }
  return [null, null];
}

/** Rough HTML → text for the sample document (the samples are simple, trusted HTML). */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h\d|div|tr)>/gi, '\n')
    .replace(/<li>/gi, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function createPreviewHost(workspace: PreviewWorkspace, store: KeyValueStore = browserStore()): HostAdapter {
  const item = workspace.getState().item;
  const mail = workspace.currentMail();
  const kind = item.type === 'document' ? 'word' : 'outlook';
  const mode = item.type === 'document' ? 'document' : mail?.compose ? 'compose' : 'read';
  const identity = workspace.currentItem();
  // Like a pinned Outlook pane: the workspace may have moved to another item while this adapter is still in use.
  const isCurrent = () => sameItem(identity, workspace.currentItem());
  const guard = () => {
    if (!isCurrent()) throw itemChangedError();
  };
  return {
    kind,
    mode,
    item: identity,
    isCurrent,
    canInsert: mode !== 'read',
    canReply: mode === 'read',
    displayLanguage: typeof navigator !== 'undefined' ? navigator.language : undefined,

    async readContext(): Promise<HostContext> {
      const selection = workspace.selectionProvider();
      if (item.type === 'document') return { kind: 'document', selection, document: workspace.documentText() };
      if (!mail) throw new HostError('No mail is open', 'no-item');
      const draft = mail.compose ? (workspace.getState().drafts[mail.id] ?? '') : undefined;
      return {
        kind: 'mail',
        subject: mail.subject,
        sender: mail.compose ? null : mail.from,
        ...(draft !== undefined ? { text: htmlToPlain(draft) } : { html: mail.html }),
        conversationId: mail.conversationId,
        ...(mail.compose ? {} : { date: mail.date }),
        attachments: mail.attachments.map(({ id, name, contentType, size }) => ({ id, name, contentType, size })),
        ...(mail.compose ? { selection } : {}),
      };
    },

    ...(mode === 'read'
      ? {
          async readConversation(): Promise<Conversation> {
            if (!mail) throw new HostError('No mail is open', 'no-item');
            return { source: 'quoted-history', messages: rebuildThread({ html: mail.html, from: mail.from.name, date: mail.date, subject: mail.subject }), fallbackReason: 'no-graph', truncated: false };
          },
          async readAttachment(id: string): Promise<AttachmentContent> {
            const found = mail?.attachments.find((a) => a.id === id);
            if (!found) throw new HostError(`No attachment ${id} in this mail`, 'no-item');
            return { filename: found.name, contentType: found.contentType, content: found.content.slice() };
          },
        }
      : {}),

    async insert(result: InsertableResult, options: InsertOptions = {}): Promise<void> {
      guard();
      if (item.type === 'document') {
        const selection = workspace.selectionProvider();
        const replacing = options.mode === 'replace' && selection.trim() !== '';
        workspace.insertIntoDocument(
          result.html,
          {
            tracked: options.trackChanges ?? true,
            comment: options.comment === undefined ? 'Texte généré par IA — à relire' : options.comment,
            replaced: replacing ? selection : null,
          },
          replacing ? workspace.selectionBlock() : null,
        );
        return;
      }
      if (!mail?.compose) throw new HostError('Insertion needs a draft: use "Open reply" on a received mail', 'not-supported');
      workspace.insertIntoDraft(mail.id, result.html);
    },

    async openReply(html: string, options: { all: boolean }): Promise<void> {
      if (!mail || mail.compose) throw new HostError('A reply form can only be opened from a received mail', 'not-supported');
      guard();
      workspace.openReply(mail.id, html, options.all);
    },

    getRoaming: (key) => store.getItem(key),
    async setRoaming(key, value) {
      if (value === null) store.removeItem(key);
      else store.setItem(key, value);
    },
  };
}
