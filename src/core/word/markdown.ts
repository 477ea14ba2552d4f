/**
 * Markdown (what models return) → HTML that Word's `insertHtml` turns into real structure: headings, paragraphs,
 * nested bulleted and numbered lists, tables with borders, bold and italic — never raw Markdown in the document.
 * Raw HTML inside the Markdown is shown as text, not interpreted (model output is untrusted), links keep only
 * http(s)/mailto targets, images become their alt text. `[à compléter]` / `[to complete]` markers are highlighted so
 * that none is missed before printing.
 */
import { Marked, type Tokens } from 'marked';

export const MISSING_MARKERS = ['[à compléter]', '[to complete]'] as const;
const MARKER_RE = /\[(?:à compléter|a completer|to complete)(?:[^\]]{0,80})?\]/gi;

const CELL = 'border:1px solid #8a8a8a;padding:4px 6px;vertical-align:top';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function safeHref(href: string): string | null {
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

function createMarked(): Marked {
  return new Marked({
    gfm: true,
    breaks: false,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        const text = escapeHtml(token.text.trim());
        return 'block' in token && token.block ? `<p>${text}</p>\n` : text;
      },
      heading({ tokens, depth }: Tokens.Heading): string {
        const level = Math.min(depth, 4);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, tokens }: Tokens.Link): string {
        const text = this.parser.parseInline(tokens);
        const target = safeHref(href);
        return target ? `<a href="${escapeHtml(target)}">${text}</a>` : text;
      },
      image({ text }: Tokens.Image): string {
        return escapeHtml(text);
      },
      table(token: Tokens.Table): string {
        const head = token.header
          .map((cell) => `<th style="${CELL};background-color:#f2f2f2;text-align:${cell.align ?? 'left'}">${this.parser.parseInline(cell.tokens)}</th>`)
          .join('');
        const rows = token.rows
          .map((row) => '<tr>' + row.map((cell) => `<td style="${CELL};text-align:${cell.align ?? 'left'}">${this.parser.parseInline(cell.tokens)}</td>`).join('') + '</tr>')
          .join('\n');
        return `<table style="border-collapse:collapse;width:100%"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>\n`;
      },
      code({ text }: Tokens.Code): string {
        return `<p style="font-family:Consolas,monospace">${escapeHtml(text).replace(/\n/g, '<br>')}</p>\n`;
      },
    },
  });
}

const marked = createMarked();

/** Word-ready HTML for a Markdown answer. */
export function markdownToWordHtml(markdown: string): string {
  const html = marked.parse(markdown.replace(/\r\n?/g, '\n'), { async: false }) as string;
  return highlightMarkers(html);
}

/** Wraps each missing-information marker in a highlighted span (also usable on plain HTML). */
export function highlightMarkers(html: string): string {
  return html.replace(MARKER_RE, (m) => `<span style="background-color:#ffff00" data-aide-marker="1">${m}</span>`);
}

/** The markers still present in a text, with their line, for the "before printing" check. */
export function findMissingMarkers(text: string): { line: number; marker: string; context: string }[] {
  const found: { line: number; marker: string; context: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const m of line.matchAll(MARKER_RE)) found.push({ line: i + 1, marker: m[0], context: line.trim().slice(0, 120) });
  });
  return found;
}

export interface LetterheadSettings {
  establishment?: string;
  department?: string;
  address?: string;
  phone?: string;
  email?: string;
  signatory?: string;
  signatoryTitle?: string;
}

/** The letterhead block (top left, French administrative layout) from the user's settings; empty when unset. */
export function letterheadHtml(settings: LetterheadSettings): string {
  const lines = [
    settings.establishment && `<strong>${escapeHtml(settings.establishment)}</strong>`,
    settings.department && escapeHtml(settings.department),
    settings.address && escapeHtml(settings.address).replace(/\n/g, '<br>'),
    settings.phone && `Tél. ${escapeHtml(settings.phone)}`,
    settings.email && escapeHtml(settings.email),
  ].filter(Boolean);
  return lines.length ? `<p style="margin:0 0 18pt 0">${lines.join('<br>')}</p>\n` : '';
}

/** The signature block, unless the letter already ends with the signatory's name. */
export function signatureHtml(settings: LetterheadSettings, letterText: string): string {
  if (!settings.signatory || letterText.includes(settings.signatory)) return '';
  const title = settings.signatoryTitle ? `<br>${escapeHtml(settings.signatoryTitle)}` : '';
  return `<p style="margin:18pt 0 0 50%">${escapeHtml(settings.signatory)}${title}</p>\n`;
}

/** A whole letter ready for Word: letterhead, the body from Markdown, the signature. */
export function letterToWordHtml(markdown: string, settings: LetterheadSettings): string {
  return letterheadHtml(settings) + markdownToWordHtml(markdown) + signatureHtml(settings, markdown);
}
