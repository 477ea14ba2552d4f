/**
 * Outlook host adapter (read and compose), a thin layer over ./outlook-actions (the Office.js calls). Read mode:
 * the open mail, reply forms. Compose mode: the draft and its selection, insertion with setSelectedDataAsync.
 * Per-user storage: the mailbox roaming settings (follow the user from one computer to the next).
 */
import { composeBodyText, composeSelection, insertIntoCompose, officeCall, openReply, readOpenMail } from './outlook-actions';
import { HostError, type HostAdapter, type HostContext, type HostMode, type InsertOptions, type InsertableResult } from './types';

/** Read mode exposes `subject` as a string; compose mode as an object with getAsync. */
export function detectOutlookMode(): HostMode {
  const item = Office.context.mailbox?.item as { subject?: unknown } | null | undefined;
  if (!item) throw new HostError('No mail is open', 'no-item');
  return typeof item.subject === 'string' ? 'read' : 'compose';
}

export function createOutlookHost(mode: HostMode = detectOutlookMode()): HostAdapter {
  const settings = (): Office.RoamingSettings => Office.context.roamingSettings;
  return {
    kind: 'outlook',
    mode,
    canInsert: mode === 'compose',
    canReply: mode === 'read',
    displayLanguage: Office.context.displayLanguage,

    async readContext(): Promise<HostContext> {
      if (mode === 'read') {
        const mail = await readOpenMail();
        return {
          kind: 'mail',
          subject: mail.subject,
          sender: mail.sender,
          html: mail.html,
          conversationId: mail.conversationId,
          attachments: mail.attachments.filter((a) => !a.isInline).map(({ id, name, contentType, size }) => ({ id, name, contentType, size })),
        };
      }
      const item = Office.context.mailbox.item as Office.MessageCompose;
      const subject = await officeCall<string>((cb) => item.subject.getAsync(cb));
      const [text, selection] = await Promise.all([composeBodyText(), composeSelection().catch(() => '')]);
      return { kind: 'mail', subject, sender: null, text, conversationId: item.conversationId ?? null, attachments: [], selection };
    },

    async insert(result: InsertableResult, options: InsertOptions = {}): Promise<void> {
      if (mode !== 'compose') throw new HostError('Insertion needs a draft: use "Open reply" on a received mail', 'not-supported');
      // setSelectedDataAsync replaces the selection, or inserts at the cursor when nothing is selected.
      void options;
      await insertIntoCompose(result.html, 'selection');
    },

    async openReply(html: string, options: { all: boolean }): Promise<void> {
      if (mode !== 'read') throw new HostError('A reply form can only be opened from a received mail', 'not-supported');
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
