/** The cleaning the pane, the CLI and the thread builder share: one mail's visible new text, HTML first. */
import { cleanText, type CleanOptions } from './clean-text';
import { htmlToTextDetailed } from './html';
import type { CleanedMail, MailBody } from './types';

const join = (...parts: string[]): string => parts.filter((p) => p.trim() !== '').join('\n\n');

/** The visible new text of a mail: HTML when there is some (it carries the quoting structure), else text. */
export function cleanMail(body: MailBody, options: CleanOptions = {}): CleanedMail {
  if (body.html && body.html.trim()) {
    const html = htmlToTextDetailed(body.html, { clean: true });
    const text = cleanText(html.text, options);
    // An HTML part with nothing readable (an image, an empty template) while the text part has words: use the text.
    // Not when the HTML hid text: the reader sees the HTML, and the text part may carry what it hid.
    if (!text.text && body.text && body.text.trim() && !html.quoted && !html.signature && html.hidden.chars === 0) return cleanText(body.text, options);
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
  return cleanText(body.text ?? '', options);
}
