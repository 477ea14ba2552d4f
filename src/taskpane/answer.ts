/**
 * The answer in its three shapes: the Markdown the user edits, sanitized HTML for the pane's display, Word/Outlook-
 * ready HTML for insertion (real headings, lists and tables, see core/word/markdown), and plain text for the clipboard.
 *
 * Model output is untrusted, and identifiers are put back into it before it is shown: anything in it that makes the
 * browser fetch something (an image, a video poster, a CSS `url()`, a prefetch link…) would carry a patient's name out
 * of the hospital. So the display keeps only formatting elements and no attribute that loads a resource or that
 * could reuse the page's own classes to draw over it (no class, id, style, name); images become their alt text, as
 * in Word; raw HTML is shown as text (plain formatting tags excepted); links keep only http(s)/mailto targets and
 * open nothing by themselves. The page's CSP would stop a leak anyway (src/server/security.ts); this is the first line.
 */
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { escapeHtml, letterToWordHtml, markdownToWordHtml, type LetterheadSettings } from '../core/word/markdown';
import type { InsertableResult } from '../hosts/types';

/** Formatting only: nothing here loads, embeds, submits or runs anything. */
export const ANSWER_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'mark', 'sub', 'sup', 'small',
  'code', 'pre', 'kbd', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'a', 'span',
];
/** `href` on links only (checked below); table spans, list start, a tooltip. No src, srcset, poster, background, style, class, id, name. */
export const ANSWER_ATTRIBUTES = ['href', 'title', 'colspan', 'rowspan', 'start', 'align'];

/** Raw HTML tags kept as such: plain formatting, no attribute at all. */
const HARMLESS_TAG = /^<\/?(?:br|b|i|em|strong|u|s|del|sub|sup|mark|small|p|hr)\s*\/?>$/i;
const IMG_TAG = /^<img\b[^>]*>$/i;
const ALT = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

const answerMarked = new Marked({
  gfm: true,
  renderer: {
    // `![alt](url)` and `![alt][ref]`: the alt text, never an <img>.
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
    // Raw HTML in the answer is never parsed as HTML (not even by the sanitizer, whose parsing the page's CSP would
    // report): plain formatting tags stay, an inline <img> becomes its alt text, anything else is shown as text — as
    // Word insertion does.
    html(token: Tokens.HTML | Tokens.Tag): string {
      const raw = token.text.trim();
      if (HARMLESS_TAG.test(raw)) return raw.replace(/\s+/g, '').toLowerCase();
      if (IMG_TAG.test(raw)) {
        const alt = ALT.exec(raw);
        return escapeHtml(alt ? (alt[1] ?? alt[2] ?? alt[3] ?? '') : '');
      }
      const text = escapeHtml(token.text);
      return 'block' in token && token.block ? `<p>${text}</p>\n` : text;
    },
  },
});

let hooked = false;

/** Raw `<img>` in the model's HTML also becomes its alt text (DOMPurify would otherwise just drop it). */
function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'img' || !node.parentNode) return;
    const alt = (node as Element).getAttribute?.('alt') ?? '';
    node.parentNode.replaceChild(node.ownerDocument!.createTextNode(alt), node);
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (element.tagName === 'A') {
      // A link is only followed when clicked, in a new window, and says nothing about where it was clicked.
      element.setAttribute('rel', 'noopener noreferrer');
      element.setAttribute('target', '_blank');
    } else element.removeAttribute?.('href');
  });
}

/** Characters handed to the Markdown parser and to the sanitizer (how the streamed answer's incrementality is measured). */
export interface RenderCounts {
  parsed: number;
  sanitized: number;
}

export function renderAnswerHtml(markdown: string, counts?: RenderCounts): string {
  installHooks();
  const html = answerMarked.parse(markdown, { async: false }) as string;
  if (counts) {
    counts.parsed += markdown.length;
    counts.sanitized += html.length;
  }
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: ANSWER_TAGS,
    ALLOWED_ATTR: [...ANSWER_ATTRIBUTES, 'target', 'rel'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
  });
}

/** Markdown → readable plain text (for the clipboard and plain-text hosts). */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[^*])\*(?!\s)(.+?)\*/g, '$1$2')
    .replace(/^\s*[-*+]\s+/gm, '• ')
    .replace(/`([^`]+)`/g, '$1')
    .trim();
}

/** The result to insert; a letter gets the user's letterhead and signature block around it. */
export function toInsertable(markdown: string, letterhead?: LetterheadSettings): InsertableResult {
  const html = letterhead ? letterToWordHtml(markdown, letterhead) : markdownToWordHtml(markdown);
  return { markdown, html: DOMPurify.sanitize(html), text: markdownToPlain(markdown) };
}
