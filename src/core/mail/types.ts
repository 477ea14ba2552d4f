/** Shared shapes of the mail-cleaning core (the contract other areas code against: keep the names). */

export interface MailAddress {
  name: string;
  address: string;
}

export interface MailAttachment {
  filename: string;
  mimeType: string;
  size: number;
  content: Uint8Array;
}

export interface ParsedMail {
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  date: string | null;
  html?: string;
  text?: string;
  attachments: MailAttachment[];
  /** Problems met while reading that did not stop it (unknown charset, truncated part…), in plain words. */
  warnings: string[];
}

/** One message of a conversation: its own new text, once. */
export interface MailMessage {
  from?: string;
  date?: string;
  subject?: string;
  text: string;
}

export interface MailBody {
  html?: string;
  text?: string;
}

export interface RemovedParts {
  /** Quoted history (earlier messages, forwarded chains), as text. Empty when none. */
  quoted: string;
  signature: string;
  disclaimer: string;
}

/** Text a reader of the mail never sees (hidden styles, comments, long image descriptions): removed, never sent. */
export interface HiddenText {
  /** Characters removed (whitespace runs counted as one). */
  chars: number;
  /** The removed pieces, in order (at most 100, each cut at 2 000 characters), for the injection detector. */
  fragments: string[];
}

export interface CleanedMail {
  /** The visible new text of the mail. */
  text: string;
  removed: RemovedParts;
  /** Hidden text removed from the HTML before anything else (none for a plain-text mail). */
  hidden: HiddenText;
  /**
   * Lines the replier typed inside the quoted original (under its « De : / Envoyé : » block) and that the text keeps,
   * in the inline-reply convention; absent when there were none.
   */
  answersInOriginal?: number;
}

export interface AssembledThread {
  text: string;
  /** Indices (into the input) of the messages present in `text`, in full or condensed, oldest first. */
  used: number[];
  /** Indices of the messages that were shortened to fit the budget. */
  condensed: number[];
  /** Indices of the messages left out: exact duplicates, empty ones, or (last resort) over budget. */
  omitted: number[];
  /** Indices left out because they repeated an earlier message word for word. */
  duplicates: number[];
}
