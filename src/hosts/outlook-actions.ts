/**
 * Outlook, read and compose: Office.js callbacks wrapped in promises. Reads the open mail (subject, sender, HTML body,
 * conversation id, attachments), reads an attachment's bytes, opens the reply / reply-all form with a drafted HTML
 * body (never sends), and puts text into a draft in place of the selection or as the whole body.
 */

export interface OpenMail {
  subject: string;
  sender: { name: string; address: string } | null;
  /** When the mail was received (ISO), null when Outlook does not say. */
  date: string | null;
  html: string;
  conversationId: string | null;
  attachments: { id: string; name: string; contentType: string; size: number; isInline: boolean }[];
}

export class OutlookError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Calls an Office async API and resolves with its value, or rejects with its error. */
export function officeCall<T>(invoke: (callback: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    invoke((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new OutlookError(result.error?.message ?? 'Outlook refused the operation', String(result.error?.code ?? 'unknown')));
    });
  });
}

function item(): Office.MessageRead & Office.MessageCompose {
  const current = Office.context.mailbox?.item as (Office.MessageRead & Office.MessageCompose) | null | undefined;
  if (!current) throw new OutlookError('No mail is open', 'no-item');
  return current;
}

export async function readOpenMail(): Promise<OpenMail> {
  const mail = item();
  const html = await officeCall<string>((cb) => mail.body.getAsync(Office.CoercionType.Html, cb));
  const from = mail.from as Office.EmailAddressDetails | undefined;
  return {
    subject: typeof mail.subject === 'string' ? mail.subject : '',
    sender: from ? { name: from.displayName, address: from.emailAddress } : null,
    date: mail.dateTimeCreated instanceof Date ? mail.dateTimeCreated.toISOString() : null,
    html,
    conversationId: mail.conversationId ?? null,
    attachments: openMailAttachments(),
  };
}

/** The open mail's file and item attachments (cloud links have no bytes to read). */
export function openMailAttachments(): OpenMail['attachments'] {
  return (item().attachments ?? [])
    .filter((a) => a.attachmentType !== Office.MailboxEnums.AttachmentType.Cloud)
    .map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, size: a.size, isInline: a.isInline }));
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The bytes of an attachment (a mail attached as .eml comes back as its MIME text). */
export async function readAttachment(id: string): Promise<Uint8Array> {
  const mail = item();
  const content = await officeCall<Office.AttachmentContent>((cb) => mail.getAttachmentContentAsync(id, cb));
  switch (content.format) {
    case Office.MailboxEnums.AttachmentContentFormat.Base64:
      return base64ToBytes(content.content);
    case Office.MailboxEnums.AttachmentContentFormat.Eml:
    case Office.MailboxEnums.AttachmentContentFormat.ICalendar:
      return new TextEncoder().encode(content.content);
    default:
      throw new OutlookError('This attachment is a link to a cloud file: open it and copy its text', 'cloud-attachment');
  }
}

/** Opens Outlook's reply (or reply-all) form with the drafted HTML; the user reviews and sends it themselves. */
export function openReply(html: string, all: boolean): void {
  const mail = item();
  if (all) mail.displayReplyAllForm({ htmlBody: html });
  else mail.displayReplyForm({ htmlBody: html });
}

/** The text selected in the draft being composed ('' when nothing is selected). */
export async function composeSelection(): Promise<string> {
  const mail = item();
  const selected = await officeCall<{ data: string; sourceProperty: string }>((cb) =>
    (mail as unknown as { getSelectedDataAsync: (type: Office.CoercionType, cb: Callback<{ data: string; sourceProperty: string }>) => void }).getSelectedDataAsync(
      Office.CoercionType.Text,
      cb,
    ),
  );
  return selected.sourceProperty === 'body' ? selected.data : '';
}

/** The whole draft body as text. */
export async function composeBodyText(): Promise<string> {
  const mail = item();
  return officeCall<string>((cb) => mail.body.getAsync(Office.CoercionType.Text, cb));
}

/** Inserts into the draft: in place of the selection (or at the cursor), or replacing the whole body. */
export async function insertIntoCompose(html: string, where: 'selection' | 'body'): Promise<void> {
  const mail = item();
  const options = { coercionType: Office.CoercionType.Html };
  if (where === 'body') await officeCall<void>((cb) => mail.body.setAsync(html, options, cb));
  else await officeCall<void>((cb) => mail.body.setSelectedDataAsync(html, options, cb));
}
