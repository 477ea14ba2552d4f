/**
 * One interface for every host the task pane runs in (Outlook read / compose, Word, the browser preview). The pane
 * never calls Office.js itself: it reads the context and inserts results through a HostAdapter.
 */

import type { MailMessage } from '../core/mail/types';

export type HostKindName = 'outlook' | 'word';
export type HostMode = 'read' | 'compose' | 'document';

export interface MailAttachmentInfo {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export interface MailContext {
  kind: 'mail';
  subject: string;
  sender: { name: string; address: string } | null;
  /** Display names of the recipients and cc (read mode), so that the gateway hides them wherever they are named. */
  participants?: string[];
  html?: string;
  text?: string;
  conversationId: string | null;
  attachments: MailAttachmentInfo[];
  /** Read mode: when the mail was sent (ISO 8601); the offline engine reads the mail's dates against it. */
  date?: string;
  /** In compose mode: the text selected in the draft ('' when none). */
  selection?: string;
}

export interface DocumentContext {
  kind: 'document';
  /** The selected text ('' when nothing is selected). */
  selection: string;
  /** The whole document as text. */
  document: string;
  /** The document's author (its properties), hidden by the gateway wherever named. */
  author?: string;
}

export type HostContext = MailContext | DocumentContext;

/** The bytes of one attachment of the open mail, as the host gives them. */
export interface AttachmentContent {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** The open mail's conversation, and where it was read from (the pane tells the user). */
export interface Conversation {
  /** 'graph': every message of the conversation from the mailbox; 'quoted-history': rebuilt from the open mail. */
  source: 'graph' | 'quoted-history';
  /** Oldest first, each with its own text. */
  messages: MailMessage[];
  /**
   * Why Graph was not used: no conversation id, no Graph token (not signed in, not configured, consent refused),
   * Graph failed or refused, or this host has no Graph at all (the browser preview).
   */
  fallbackReason?: 'no-conversation' | 'not-signed-in' | 'graph-error' | 'no-graph';
  /** True when only the most recent messages were read (very long conversations). */
  truncated: boolean;
}

/** A result in the three shapes a host may want: the editable Markdown, Word/Outlook-ready HTML, plain text. */
export interface InsertableResult {
  markdown: string;
  html: string;
  text: string;
}

export interface InsertOptions {
  /** Word: insert at the cursor or replace the selection; Outlook compose: selection or whole body. */
  mode?: 'cursor' | 'replace';
  /** Word: insert as tracked changes (default true). */
  trackChanges?: boolean;
  /** Word: the review comment added to the inserted text, null for none. */
  comment?: string | null;
  /** Word: label before the original text kept in the comment when replacing. */
  originalLabel?: string;
}

/**
 * The item (mail, draft, document) an answer was made from. An answer acts only on its own item: the adapter refuses
 * to insert or open a reply when its item is no longer the one open (a pinned Outlook pane follows the selection).
 */
export interface ItemIdentity {
  kind: 'mail' | 'draft' | 'document';
  /** Stable within the pane's life: Outlook's item id, the preview's mail id, a per-document id in Word. */
  id: string;
  conversationId?: string | null;
  /** What the user sees of it (the mail's subject), to name it in the history and in messages. */
  label: string;
}

export function sameItem(a: ItemIdentity | null | undefined, b: ItemIdentity | null | undefined): boolean {
  return !!a && !!b && a.kind === b.kind && a.id === b.id;
}

export interface HostAdapter {
  readonly kind: HostKindName;
  readonly mode: HostMode;
  /** True when the host can insert into the current item (Word, Outlook compose). */
  readonly canInsert: boolean;
  /** True when the host can open a reply form (Outlook read). */
  readonly canReply: boolean;
  readContext(): Promise<HostContext>;
  insert(result: InsertableResult, options?: InsertOptions): Promise<void>;
  openReply(html: string, options: { all: boolean }): Promise<void>;
  /** Per-user storage (Office roaming settings, or localStorage). Values are strings; null when absent. */
  getRoaming(key: string): string | null;
  setRoaming(key: string, value: string | null): Promise<void>;
  /** The Office display language (e.g. fr-FR), when the host knows it. */
  readonly displayLanguage?: string;
  /** Mail read mode: the whole conversation of the open mail, oldest first (Graph, else the quoted history). */
  readConversation?(): Promise<Conversation>;
  /** Mail read mode: the bytes of one of the open mail's attachments (an id from `MailContext.attachments`). */
  readAttachment?(id: string): Promise<AttachmentContent>;
  /** The signed-in user's job title from the directory (Graph `/me`), null when unknown or unavailable. */
  readJobTitle?(): Promise<string | null>;
  /** The item this adapter reads and acts on (fixed for the adapter's life; a new item means a new adapter). */
  readonly item: ItemIdentity;
  /** False when the item open in the host is no longer this adapter's (then insert and openReply refuse). */
  isCurrent(): boolean;
}

/** Raised by insert / openReply when the item open in the host is no longer the one the answer belongs to. */
export function itemChangedError(): HostError {
  return new HostError('The open item changed: this answer belongs to another item', 'item-changed');
}

export class HostError extends Error {
  constructor(
    message: string,
    readonly code: 'not-supported' | 'no-item' | 'office' | 'storage' | 'item-changed',
  ) {
    super(message);
    this.name = 'HostError';
  }
}

/** A key-value store (the browser's localStorage has this shape). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage when usable (private windows and some WebViews refuse it), else memory for this session. */
export function browserStore(): KeyValueStore {
  try {
    const ls = globalThis.localStorage;
    const probe = '__aide_probe__';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return ls;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (k) => memory.get(k) ?? null,
      setItem: (k, v) => void memory.set(k, v),
      removeItem: (k) => void memory.delete(k),
    };
  }
}
