/**
 * Outlook host adapter (read and compose), a thin layer over ./outlook-actions (the Office.js calls). Read mode:
 * the open mail, reply forms. Compose mode: the draft and its selection, insertion with setSelectedDataAsync.
 * Per-user storage: the mailbox roaming settings (follow the user from one computer to the next).
 * Read mode also gives the whole conversation (Microsoft Graph with a Mail.Read token, else the quoted history),
 * the bytes of an attachment, and the user's job title (Graph `/me`).
 */
import { getGraphToken, GRAPH_MAIL_SCOPES, GRAPH_PROFILE_SCOPES } from './auth';
import { readConversation, readJobTitle } from './graph';
import { composeBodyText, composeSelection, insertIntoCompose, officeCall, openMailAttachments, openReply, readAttachment, readOpenMail } from './outlook-actions';
import { HostError, itemChangedError, type AttachmentContent, type Conversation, type HostAdapter, type HostContext, type HostMode, type InsertOptions, type InsertableResult, type ItemIdentity } from './types';

/** How the adapter reaches Microsoft Graph (tests point it at a local Graph and give their own token). */
export interface OutlookGraphOptions {
  /** A Graph token for the scopes, or null (default: nested app authentication, see ./auth). */
  getToken?: (scopes: string[], options: { interactive: boolean }) => Promise<string | null>;
  graphBaseUrl?: string;
  fetchOptions?: Record<string, unknown>;
}

/** Read mode exposes `subject` as a string; compose mode as an object with getAsync. */
export function detectOutlookMode(): HostMode {
  const item = Office.context.mailbox?.item as { subject?: unknown } | null | undefined;
  if (!item) throw new HostError('No mail is open', 'no-item');
  return typeof item.subject === 'string' ? 'read' : 'compose';
}

let draftCount = 0;

/**
 * The open item's identity. Read mode: Outlook's item id. Compose: a draft has no id until saved, and each compose
 * window has its own pane, so the draft is named once per adapter (the item object itself is compared in isCurrent).
 */
export function outlookItemIdentity(mode: HostMode): ItemIdentity {
  const item = Office.context.mailbox?.item as { itemId?: string; conversationId?: string; subject?: unknown } | null | undefined;
  if (!item) throw new HostError('No mail is open', 'no-item');
  const conversationId = item.conversationId ?? null;
  if (mode === 'read') return { kind: 'mail', id: item.itemId ?? `mail:${++draftCount}`, conversationId, label: typeof item.subject === 'string' ? item.subject : '' };
  return { kind: 'draft', id: item.itemId ?? `draft:${++draftCount}`, conversationId, label: '' };
}

/**
 * Calls `listener` when a pinned pane's selected item changes (Office.EventType.ItemChanged). Returns the function that
 * removes the handler (removeHandlerAsync removes every handler of the event: the pane registers one only).
 */
export function onOutlookItemChanged(listener: () => void): () => void {
  const mailbox = Office.context.mailbox as Office.Mailbox & { addHandlerAsync?: Office.Mailbox['addHandlerAsync'] };
  if (!mailbox?.addHandlerAsync) return () => undefined;
  mailbox.addHandlerAsync(Office.EventType.ItemChanged, () => listener());
  return () => mailbox.removeHandlerAsync?.(Office.EventType.ItemChanged);
}

export function createOutlookHost(mode: HostMode = detectOutlookMode(), graph: OutlookGraphOptions = {}): HostAdapter {
  const settings = (): Office.RoamingSettings => Office.context.roamingSettings;
  const token = graph.getToken ?? ((scopes: string[], options: { interactive: boolean }) => getGraphToken(scopes, options));
  const identity = outlookItemIdentity(mode);
  const itemObject = Office.context.mailbox.item;
  // A pinned pane: after ItemChanged, Office.context.mailbox.item is another mail. Compared by id in read mode (the
  // item object may be a fresh proxy for the same mail), by object for a draft (no id until saved).
  const isCurrent = (): boolean => {
    const now = Office.context.mailbox?.item as { itemId?: string } | null | undefined;
    if (!now) return false;
    if (mode === 'read' && now.itemId) return now.itemId === identity.id;
    return now === itemObject;
  };
  const guard = () => {
    if (!isCurrent()) throw itemChangedError();
  };
  return {
    kind: 'outlook',
    mode,
    item: identity,
    isCurrent,
    canInsert: mode === 'compose',
    canReply: mode === 'read',
    displayLanguage: Office.context.displayLanguage,

    async readContext(): Promise<HostContext> {
      guard();
      if (mode === 'read') {
        const mail = await readOpenMail();
        return {
          kind: 'mail',
          subject: mail.subject,
          sender: mail.sender,
          participants: displayNames(Office.context.mailbox.item as Office.MessageRead),
          html: mail.html,
          conversationId: mail.conversationId,
          ...(mail.date ? { date: mail.date } : {}),
          attachments: mail.attachments.filter((a) => !a.isInline).map(({ id, name, contentType, size }) => ({ id, name, contentType, size })),
        };
      }
      const item = Office.context.mailbox.item as Office.MessageCompose;
      const subject = await officeCall<string>((cb) => item.subject.getAsync(cb));
      const [text, selection] = await Promise.all([composeBodyText(), composeSelection().catch(() => '')]);
      return { kind: 'mail', subject, sender: null, text, conversationId: item.conversationId ?? null, attachments: [], selection };
    },

    async readConversation(): Promise<Conversation> {
      if (mode !== 'read') throw new HostError('The conversation is read from a received mail', 'not-supported');
      guard();
      const mail = await readOpenMail();
      return readConversation({
        conversationId: mail.conversationId,
        // The user asked for the thread: the host may show its consent prompt once.
        getToken: () => token(GRAPH_MAIL_SCOPES, { interactive: true }),
        openMail: { html: mail.html, from: mail.sender ? mail.sender.name || mail.sender.address : undefined, date: mail.date ?? undefined, subject: mail.subject },
        graphBaseUrl: graph.graphBaseUrl,
        fetchOptions: graph.fetchOptions,
      });
    },

    async readAttachment(id: string): Promise<AttachmentContent> {
      if (mode !== 'read') throw new HostError('Attachments are read from a received mail', 'not-supported');
      guard();
      const info = openMailAttachments().find((a) => a.id === id);
      if (!info) throw new HostError('This attachment is no longer in the mail', 'no-item');
      return { filename: info.name, contentType: info.contentType, content: await readAttachment(id) };
    },

    // Silent only: a suggestion made when the pane opens must not pop a consent prompt.
    readJobTitle: () => readJobTitle({ getToken: () => token(GRAPH_PROFILE_SCOPES, { interactive: false }), graphBaseUrl: graph.graphBaseUrl, fetchOptions: graph.fetchOptions }),

    async insert(result: InsertableResult, options: InsertOptions = {}): Promise<void> {
      if (mode !== 'compose') throw new HostError('Insertion needs a draft: use "Open reply" on a received mail', 'not-supported');
      guard();
      // setSelectedDataAsync replaces the selection, or inserts at the cursor when nothing is selected.
      void options;
      await insertIntoCompose(result.html, 'selection');
    },

    async openReply(html: string, options: { all: boolean }): Promise<void> {
      if (mode !== 'read') throw new HostError('A reply form can only be opened from a received mail', 'not-supported');
      guard();
      openReply(html, options.all);
    },

    getRoaming(key: string): string | null {
      const value: unknown = settings().get(key);
      return typeof value === 'string' ? value : null;
    },

    async setRoaming(key: string, value: string | null): Promise<void> {
      if (value === null) settings().remove(key);
      else settings().set(key, value);
      await officeCall<void>((cb) => settings().saveAsync(cb));
    },
  };
}

/** The display names of a received mail's recipients and cc (Office gives them as arrays of EmailAddressDetails). */
function displayNames(mail: Office.MessageRead): string[] {
  const names: string[] = [];
  for (const list of [mail.to, mail.cc]) for (const a of Array.isArray(list) ? list : []) if (a?.displayName) names.push(a.displayName);
  return names;
}
