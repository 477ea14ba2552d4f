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

const TITLE = String.raw`(?:Dr|Docteur|Pr|Professeur|Prof|Mme|Madame|M|Monsieur|Mr|Mrs|Ms)\.?`;
const DOUBLED_TITLE = new RegExp(String.raw`(?<![\p{L}])(?:Dr|Docteur|Pr|Professeur|Prof)\.?[ \t\u00a0]+(?=(?:Dr|Docteur|Pr|Professeur|Prof)\.?[ \t\u00a0]+\p{L})`, 'gu');

/**
 * « Dr Dr Paul Bernard » → « Dr Paul Bernard »: a template writes "Dr {{name}}" and the user typed the name with its
 * title. The title nearest the name (the one typed with it) is kept: « Dr Pr Martin » → « Pr Martin ».
 */
export function dedupeTitles(text: string): string {
  return text.replace(DOUBLED_TITLE, '');
}

/** A person's name without its leading title (« Dr Paul Bernard » → « Paul Bernard »), for comparisons. */
function bareName(name: string): string {
  return name.replace(new RegExp(String.raw`^(?:${TITLE}[ \t\u00a0]+)+`, 'u'), '').trim();
}

/** Closing formulas after which a French or English letter puts its signature. */
const CLOSING = /(cordialement|confraternellement|confraternelles|salutations|agr[ée]er|respectueusement|d[ée]vou[ée]|sinc[eè]res|bien à vous|regards|sincerely|faithfully|best wishes)[^\n]*$/i;
const MARKER_ONLY = /^(?:\*\*)?(?:[\p{L}.]+[ \t]+)?\[(?:à compléter|a completer|to complete)[^\]]*\](?:\*\*)?$/iu;

/**
 * Where the letter's own signature block starts and whether it names someone: the lines after the last closing
 * formula. `null` when the letter has no closing formula (then the settings' signature is added after it).
 */
export function letterSignature(markdown: string): { start: number; lines: string[]; named: boolean } | null {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let closing = -1;
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 12; i--) {
    if (CLOSING.test(lines[i].trim())) {
      closing = i;
      break;
    }
  }
  if (closing < 0) return null;
  const after = lines.slice(closing + 1).map((l) => l.trim()).filter((l) => l && !/^[-_*]{3,}$/.test(l) && !/^_.*_$/.test(l));
  // "Dr [à compléter]" is a place for a name, not a name.
  const named = after.length > 0 && !MARKER_ONLY.test(after[0]);
  return { start: closing + 1, lines: after, named };
}

/**
 * The signature block, once: the letter's own when it names its signatory, else the settings' signatory (in place of
 * an empty « Dr [à compléter] » block). Returns the letter's Markdown to render and the block to add after it.
 */
export function signLetter(markdown: string, settings: LetterheadSettings): { markdown: string; signature: string } {
  if (!settings.signatory) return { markdown, signature: '' };
  const own = letterSignature(markdown);
  const signatory = bareName(settings.signatory);
  if (own?.named || (signatory !== '' && markdown.slice(-400).includes(signatory))) return { markdown, signature: '' };
  const body = own ? markdown.replace(/\r\n?/g, '\n').split('\n').slice(0, own.start).join('\n') : markdown;
  const title = settings.signatoryTitle ? `<br>${escapeHtml(settings.signatoryTitle)}` : '';
  return { markdown: body, signature: `<p style="margin:18pt 0 0 50%">${escapeHtml(settings.signatory)}${title}</p>\n` };
}

/** The signature block to add after the letter ('' when the letter already has one naming its signatory). */
export function signatureHtml(settings: LetterheadSettings, letterText: string): string {
  return signLetter(letterText, settings).signature;
}

/** A whole letter ready for Word: letterhead, the body from Markdown (titles not doubled), one signature block. */
export function letterToWordHtml(markdown: string, settings: LetterheadSettings): string {
  const signed = signLetter(dedupeTitles(markdown), settings);
  return letterheadHtml(settings) + markdownToWordHtml(signed.markdown) + signed.signature;
}
