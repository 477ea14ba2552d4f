/**
 * Where a prompt's main text comes from in Outlook read mode: the open mail, its whole conversation (Graph through
 * the host adapter, else the quoted history), or one of its attachments (bytes through the host adapter, text
 * extracted by core/attachments). pdf.js and mammoth are loaded by core/attachments only when a PDF or a DOCX is
 * read (dynamic imports: their own bundle chunks), so the pane's first load stays small.
 */
import { rebuildThread } from '../core/mail';
import type { PromptDefinition } from '../core/prompts/schema';
import { extractAttachmentText, precheckAttachment, type AttachmentKind } from '../core/attachments/extract';
import { contentVariableOf } from '../core/prompts/render';
import type { Conversation, HostAdapter, HostContext, MailAttachmentInfo, MailContext } from '../hosts/types';
import { translate } from './i18n';

export type SourceKey = 'mail' | 'thread' | `attachment:${string}`;

export type SourceChoice = { key: 'mail' | 'thread' } | { key: `attachment:${string}`; attachment: MailAttachmentInfo };

/** Where pdf.js's worker is served (src/server/app.ts serves node_modules/pdfjs-dist/legacy/build there). */
export const PDF_WORKER_PATH = '/vendor/pdfjs/pdf.worker.min.mjs';

/** The prompt's main variable, when it takes the open mail or its conversation (the ones a source can replace). */
export function mailContentVariable(prompt: Pick<PromptDefinition, 'variables'>): string | null {
  const name = contentVariableOf(prompt);
  const variable = prompt.variables.find((v) => v.name === name);
  return variable && (variable.source === 'mail.body' || variable.source === 'mail.thread') ? variable.name : null;
}

/** The sources offered for this prompt on this host; none when there is nothing to choose (compose, Word). */
export function sourceChoices(prompt: Pick<PromptDefinition, 'variables'>, context: HostContext | null, host: Pick<HostAdapter, 'mode' | 'readAttachment'>): SourceChoice[] {
  if (!context || context.kind !== 'mail' || host.mode !== 'read' || !mailContentVariable(prompt)) return [];
  const attachments: SourceChoice[] = host.readAttachment ? context.attachments.map((a) => ({ key: `attachment:${a.id}` as const, attachment: a })) : [];
  return [{ key: 'mail' }, { key: 'thread' }, ...attachments];
}

/** The source a prompt starts with: its conversation when it asks for one, else the open mail. */
export function defaultSource(prompt: Pick<PromptDefinition, 'variables'>): SourceKey {
  const name = mailContentVariable(prompt);
  return prompt.variables.find((v) => v.name === name)?.source === 'mail.thread' ? 'thread' : 'mail';
}

/** The conversation rebuilt from the open mail's quoted history, the open mail itself last with its sender. */
export function quotedHistoryConversation(context: MailContext, fallbackReason?: Conversation['fallbackReason']): Conversation {
  const from = context.sender ? context.sender.name || context.sender.address : undefined;
  const messages = rebuildThread({ html: context.html, text: context.text, from, subject: context.subject });
  return { source: 'quoted-history', messages, ...(fallbackReason ? { fallbackReason } : {}), truncated: false };
}

/** The open mail's conversation from the host; a host without Graph rebuilds it here and says why. */
export async function readThread(host: Pick<HostAdapter, 'readConversation'>, context: MailContext): Promise<Conversation> {
  return host.readConversation ? host.readConversation() : quotedHistoryConversation(context, 'no-graph');
}

export type AttachmentRead =
  | { ok: true; name: string; kind: AttachmentKind; text: string; pages?: number; truncated: boolean }
  | { ok: false; message: { fr: string; en: string } };

const both = (key: Parameters<typeof translate>[1], vars: Record<string, string>): { fr: string; en: string } => ({ fr: translate('fr', key, vars), en: translate('en', key, vars) });

/**
 * The text of one attachment: refused at once from its name and size when it cannot be read (no download), else
 * its bytes from the host, then the text extracted. Every failure is a message in both languages, never a throw.
 */
export async function readAttachmentText(host: Pick<HostAdapter, 'readAttachment'>, attachment: MailAttachmentInfo, options: { pdfWorkerSrc?: string } = {}): Promise<AttachmentRead> {
  const refused = precheckAttachment({ filename: attachment.name, mimeType: attachment.contentType, size: attachment.size });
  if (refused && !refused.ok) return { ok: false, message: refused.message };
  if (!host.readAttachment) return { ok: false, message: both('source.attachment.notSupported', {}) };
  let file;
  try {
    file = await host.readAttachment(attachment.id);
  } catch (err) {
    return { ok: false, message: both('source.attachment.hostError', { name: attachment.name, message: err instanceof Error ? err.message : String(err) }) };
  }
  const result = await extractAttachmentText({ filename: file.filename, mimeType: file.contentType, content: file.content }, { pdfWorkerSrc: options.pdfWorkerSrc });
  if (!result.ok) return { ok: false, message: result.message };
  return { ok: true, name: file.filename, kind: result.kind, text: result.text, pages: result.pages, truncated: result.truncated };
}
