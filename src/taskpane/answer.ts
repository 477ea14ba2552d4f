/**
 * The answer in its three shapes: the Markdown the user edits, sanitized HTML for the pane's display (marked +
 * DOMPurify: model output is untrusted), Word/Outlook-ready HTML for insertion (real headings, lists and tables, see
 * core/word/markdown), and plain text for the clipboard.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { letterToWordHtml, markdownToWordHtml, type LetterheadSettings } from '../core/word/markdown';
import type { InsertableResult } from '../hosts/types';

export function renderAnswerHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'], FORBID_ATTR: ['style'] });
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
