/** The cleaning the pane, the CLI and the thread builder share: one mail's visible new text, HTML first. */
import { cleanText, type CleanOptions } from './clean-text';
import { htmlToTextDetailed } from './html';
import { announcesAnswers } from './inline-original';
import type { CleanedMail, MailBody } from './types';

const join = (...parts: string[]): string => parts.filter((p) => p.trim() !== '').join('\n\n');

/** The visible new text of a mail: HTML when there is some (it carries the quoting structure), else text. */
export function cleanMail(body: MailBody, options: CleanOptions = {}): CleanedMail {
  if (body.html && body.html.trim()) {
    const html = htmlToTextDetailed(body.html, { clean: true });
    // Answers typed inside the Outlook history (in the replier's colour, or announced above): the history is read with
    // the reply, and kept if the text rules find answers in it (else the reply alone, as before).
    if (html.original && (html.original.answers.length || announcesAnswers(html.text))) {
      const both = cleanText(`${html.text}\n\n${html.original.text}`, { ...options, answerLines: html.original.answers });
      if (both.answersInOriginal)
        return {
          ...both,
          removed: { ...both.removed, signature: join(html.signature, both.removed.signature) },
          hidden: html.hidden,
        };
    }
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
