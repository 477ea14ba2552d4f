/**
 * Forwards, for "this mail": the note written above a forward (« Pour info », "FYI") is not what the user asks to
 * summarize or answer; the message forwarded is. The pane and `aide summarize` read it from the rebuilt history.
 */
import { FORWARD_RE } from './patterns';
import { rebuildThread } from './thread';
import type { MailBody, MailMessage } from './types';

/** A forward's subject, in the languages of the mail clients: « TR : », "Fwd:", "WG:", « RV: », "I:", "Doorst:". */
const FORWARD_SUBJECT_RE = /^\s*(?:\[[^\]]{0,40}\]\s*)?(?:TR|Tr|tr|FWD?|Fwd?|fwd?|WG|Wg|RV|Rv|I|ENC|Enc|Doorst|VS|VB|PD)\s?:/;

/**
 * The message a forward carries (subject « TR : … », "Fwd: …", or a forward marker heading the removed history
 * `quoted`): the most recent message of the rebuilt history, with its sender, date and subject; null for a reply or
 * a mail with no history.
 */
export function forwardedMessage(body: MailBody, subject: string | undefined, quoted: string): MailMessage | null {
  const firstQuoted = quoted.trimStart().split('\n', 1)[0] ?? '';
  if (!FORWARD_SUBJECT_RE.test(subject ?? '') && !FORWARD_RE.test(firstQuoted)) return null;
  const messages = rebuildThread({ html: body.html, text: body.text, subject });
  const forwarded = messages.length >= 2 ? messages[messages.length - 2]! : null;
  return forwarded && forwarded.text.trim() ? forwarded : null;
}

/** The note above a forward, then the forwarded message under a bilingual marker with its sender, date, subject. */
export function withForwarded(note: string, forwarded: MailMessage): string {
  const head = ['---------- Message transféré / Forwarded message ----------'];
  if (forwarded.from) head.push(`De / From : ${forwarded.from}`);
  if (forwarded.date) head.push(`Date : ${forwarded.date}`);
  if (forwarded.subject) head.push(`Objet / Subject : ${forwarded.subject}`);
  return [note.trim(), `${head.join('\n')}\n\n${forwarded.text.trim()}`].filter(Boolean).join('\n\n');
}
