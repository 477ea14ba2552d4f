/**
 * Mail cleaning: the text a summary should be made from. Pure TypeScript (browser and Node).
 * - `parseEml`: MIME `.eml` → subject, addresses, HTML/text bodies, attachments.
 * - `htmlToText`: HTML → text with a real parser.
 * - `cleanMail`: the visible new text of one mail (quoted history, signature, disclaimer removed, and returned).
 * - `rebuildThread`: the conversation recovered from the quoted history of one mail, oldest first.
 * - `assembleThread`: messages → the text sent to the model, de-duplicated, condensed oldest first over budget.
 */
import { cleanText } from './clean-text';
import { htmlToTextDetailed } from './html';
import type { CleanedMail, MailBody } from './types';

export * from './types';
export { parseEml, MailParseError, repairC1, type ParseEmlOptions } from './eml';
export { htmlToText, htmlToTextDetailed, type HtmlText } from './html';
export { parseColor, contrast } from './hidden';
export { cleanText, tidy } from './clean-text';
export { rebuildThread, assembleThread, condense, type AssembleOptions, type ThreadSource } from './thread';

const join = (...parts: string[]): string => parts.filter((p) => p.trim() !== '').join('\n\n');

/** The visible new text of a mail: HTML when there is some (it carries the quoting structure), else text. */
export function cleanMail(body: MailBody): CleanedMail {
  if (body.html && body.html.trim()) {
    const html = htmlToTextDetailed(body.html, { clean: true });
    const text = cleanText(html.text);
    // An HTML part with nothing readable (an image, an empty template) while the text part has words: use the text.
    // Not when the HTML hid text: the reader sees the HTML, and the text part may carry what it hid.
    if (!text.text && body.text && body.text.trim() && !html.quoted && !html.signature && html.hidden.chars === 0) return cleanText(body.text);
    return {
      text: text.text,
      removed: {
        quoted: join(text.removed.quoted, html.quoted),
        signature: join(html.signature, text.removed.signature),
        disclaimer: text.removed.disclaimer,
      },
      hidden: html.hidden,
    };
  }
  return cleanText(body.text ?? '');
}
