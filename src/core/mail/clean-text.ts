/**
 * Visible new text of a plain-text mail: quoted history, signature and disclaimer removed.
 *
 * The rules follow what readers do, and what github/email_reply_parser formalised for `>` quoting:
 * - everything after an Outlook header block, "-----Message d'origine-----", a forward marker, or an attribution
 *   ("Le … a écrit :") that is not followed by `>` lines, is earlier mail;
 * - `>`-quoted blocks at the bottom are earlier mail; `>` blocks followed by new text (inline and bottom-posted
 *   replies) are kept, because the reply makes no sense without them;
 * - from the bottom up, signatures (delimiter "-- ", closing formula + short block, mobile taglines, contact
 *   blocks) and disclaimers are removed until real text is reached.
 */
import { boundaryAt, isBlank, toLines, type Line } from './lines';
import {
  BANNER_RE,
  CLOSING_RE,
  CONTACT_RE,
  DECORATION_RE,
  DISCLAIMER_CUE_RE,
  DISCLAIMER_STRONG_RE,
  MOBILE_RE,
  SIG_DELIMITER_RE,
} from './patterns';
import type { CleanedMail } from './types';

type Part = 'quoted' | 'signature' | 'disclaimer';

export function cleanText(text: string): CleanedMail {
  const all = toLines(text);
  const removed: Record<Part, string[]> = { quoted: [], signature: [], disclaimer: [] };

  // 1. `>` blocks that carry no words at all (">>>>>>") quote nothing: set aside first, so that the rules below
  //    see the same neighbours on every pass (cleaning cleaned text changes nothing).
  const words: Line[] = [];
  const interleaved: string[] = [];
  for (let i = 0; i < all.length; ) {
    if (all[i].depth > 0) {
      let j = i;
      let hasWords = false;
      while (j < all.length && all[j].depth > 0) {
        if (!isBlank(all[j].content)) hasWords = true;
        j++;
      }
      if (hasWords) for (let k = i; k < j; k++) words.push(all[k]);
      else
        interleaved.push(
          all
            .slice(i, j)
            .map((l) => l.raw)
            .join('\n'),
        );
      i = j;
    } else words.push(all[i++]);
  }

  // 2. The first hard boundary: everything after it is earlier mail.
  let cut = words.length;
  for (let i = 0; i < words.length; i++) {
    if (words[i].depth > 0) continue;
    const b = boundaryAt(words, i);
    if (!b) continue;
    if (b.kind === 'attribution') {
      let j = b.end;
      while (j < words.length && words[j].depth === 0 && isBlank(words[j].content)) j++;
      // Followed by `>` lines: a soft quote, handled below (it may be an inline reply). Otherwise a cut.
      if (j < words.length && words[j].depth > 0) {
        i = b.end - 1;
        continue;
      }
    }
    cut = b.start;
    break;
  }
  const history = words
    .slice(cut)
    .map((l) => l.raw)
    .join('\n')
    .trim();
  const lines = words.slice(0, cut);
  const take = (part: Part, from: number, to: number): void => {
    const chunk = lines
      .slice(from, to)
      .map((l) => l.raw)
      .join('\n')
      .trim();
    // Parts are found bottom-up; pushed here and reversed once at the end (unshift would be quadratic).
    if (chunk) removed[part].push(chunk);
  };

  // 3. From the bottom up: quoted blocks, disclaimers, signatures, until real text.
  let start = 0;
  let end = lines.length;
  for (let guard = 0; guard < lines.length + 1; guard++) {
    while (end > start && lines[end - 1].depth === 0 && isBlank(lines[end - 1].content)) end--;
    if (end <= start) break;
    const last = lines[end - 1];
    if (last.depth > 0) {
      let s = end;
      while (s > start && (lines[s - 1].depth > 0 || isBlank(lines[s - 1].content))) s--;
      s = includeAttributionAbove(lines, s, start);
      take('quoted', s, end);
      end = s;
      continue;
    }
    const disclaimer = disclaimerStart(lines, start, end);
    if (disclaimer >= 0) {
      take('disclaimer', disclaimer, end);
      end = disclaimer;
      continue;
    }
    const signature = signatureStart(lines, start, end);
    if (signature >= 0) {
      take('signature', signature, end);
      end = signature;
      continue;
    }
    break;
  }

  // 4. An external-sender banner at the top is a notice, not the message.
  while (start < end && isBlank(lines[start].content)) start++;
  const bannerEnd = paragraphEnd(lines, start, end);
  if (bannerEnd > start && bannerEnd - start <= 4 && BANNER_RE.test(lines[start].content)) {
    take('disclaimer', start, bannerEnd);
    start = bannerEnd;
  }

  return {
    text: tidy(
      lines
        .slice(start, end)
        .map((l) => l.raw)
        .join('\n'),
    ),
    removed: {
      quoted: [...interleaved, ...removed.quoted.reverse(), history].filter(Boolean).join('\n\n'),
      signature: removed.signature.reverse().join('\n\n'),
      disclaimer: removed.disclaimer.reverse().join('\n\n'),
    },
    hidden: { chars: 0, fragments: [] },
  };
}

/** Trailing spaces off, at most one blank line in a row, no blank lines around. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** If an attribution line (possibly wrapped, possibly followed by blank lines) sits right above `s`, include it. */
function includeAttributionAbove(lines: Line[], s: number, floor: number): number {
  let k = s;
  while (k > floor && lines[k - 1].depth === 0 && isBlank(lines[k - 1].content)) k--;
  for (let n = 1; n <= 4 && k - n >= floor; n++) {
    const b = lines[k - n].depth === 0 ? boundaryAt(lines, k - n) : null;
    if (b && b.kind === 'attribution' && b.end >= k) return k - n;
  }
  return s;
}

/**
 * Start of the paragraph ending at `end`, looking back at most `max` lines (-1 when longer): the bottom-up loop
 * runs once per removed part, so an unbounded look-back would make 100 000 trailing lines quadratic.
 */
function paragraphStart(lines: Line[], floor: number, end: number, max = Infinity): number {
  let s = end;
  // A paragraph is one quote depth: a `>` line right above a notice is not part of the notice.
  while (s > floor && !(lines[s - 1].depth === 0 && isBlank(lines[s - 1].content)) && lines[s - 1].depth === lines[end - 1].depth) {
    if (end - s >= max) return -1;
    s--;
  }
  return s;
}

function paragraphEnd(lines: Line[], start: number, end: number): number {
  let e = start;
  while (e < end && e - start < 8 && !isBlank(lines[e].content)) e++;
  return e;
}

/** The start of a trailing disclaimer paragraph, or -1. */
function disclaimerStart(lines: Line[], floor: number, end: number): number {
  const s = paragraphStart(lines, floor, end, 60);
  if (s < 0 || s >= end) return -1;
  const para = lines
    .slice(s, end)
    .map((l) => l.content)
    .join(' ');
  if (para.length > 4000) return -1;
  const strong = DISCLAIMER_STRONG_RE.some((re) => re.test(para));
  let cues = 0;
  for (const re of DISCLAIMER_CUE_RE) if (re.test(para)) cues++;
  if (!(strong || cues >= 3)) return -1;
  // A decoration line just above ("*****") belongs to the notice.
  let k = s;
  while (k > floor && (isBlank(lines[k - 1].content) || DECORATION_RE.test(lines[k - 1].content)) && lines[k - 1].depth === 0) {
    if (DECORATION_RE.test(lines[k - 1].content)) {
      while (k > floor && lines[k - 1].depth === 0 && (isBlank(lines[k - 1].content) || DECORATION_RE.test(lines[k - 1].content))) k--;
      return k;
    }
    k--;
  }
  return s;
}

const NAME_SIGNOFF_RE = /^(?:(?:Dr|Pr|Me|M\.|Mme)\s+)?\p{Lu}[\p{L}'’-]{0,20}\.?(?:\s+\p{Lu}[\p{L}'’-]{0,20}\.?){0,2}$/u;
const NOT_A_NAME = new Set(['merci', 'merci beaucoup', 'bonjour', 'bonsoir', 'ok', 'oui', 'non', 'parfait', 'super', 'bravo', 'thanks', 'thank you', 'cheers', 'urgent', 'important', 'idem', 'vu', 'reçu', 'noté', 'entendu', 'top', 'cool', 'bien reçu']);

const looksLikeSignatureLine = (c: string): boolean => c.trim().length <= 100;

/** The start of a trailing signature, or -1. `end` is past the last non-blank line. */
function signatureStart(lines: Line[], floor: number, end: number): number {
  const last = lines[end - 1].content;
  // Mobile taglines and trailing decoration.
  if (MOBILE_RE.test(last) || DECORATION_RE.test(last)) return end - 1;
  // "-- " delimiter near the end: everything after it.
  for (let i = end - 1, seen = 0; i >= floor && seen < 25; i--) {
    if (lines[i].depth > 0) break;
    if (SIG_DELIMITER_RE.test(lines[i].content)) return i;
    if (!isBlank(lines[i].content)) seen++;
  }
  // Closing formula followed by a short block of short lines (name, title, service, phones).
  for (let i = end - 1, seen = 0; i >= floor && seen <= 14; i--) {
    if (lines[i].depth > 0) break;
    const c = lines[i].content;
    if (isBlank(c)) continue;
    if (CLOSING_RE.test(c)) {
      for (let k = i + 1; k < end; k++) if (!looksLikeSignatureLine(lines[k].content)) return -1;
      return i;
    }
    seen++;
  }
  // A lone first name or initials closing the mail ("Anne", "Marie L.", "ML"), after a blank line or "Merci,".
  if (end - 1 > floor && NAME_SIGNOFF_RE.test(last.trim()) && !NOT_A_NAME.has(last.trim().toLowerCase().replace(/[.!]$/, ''))) {
    const before = lines[end - 2];
    if (before.depth === 0 && (isBlank(before.content) || /,\s*$/.test(before.content))) return end - 1;
  }
  // A paragraph that starts like email_reply_parser's signatures ("-Name", "__ mailing list footer").
  const p = paragraphStart(lines, floor, end, 12);
  if (p > floor && p < end) {
    const first = lines[p].content;
    if (/^-[A-Za-zÀ-ÿ]/.test(first) || /^_{2,}/.test(first)) return p;
    // A contact block: short lines, one with a phone, extension or address, the first like a name.
    if (end - p <= 9 && lines.slice(p, end).every((l) => looksLikeSignatureLine(l.content) && l.content.trim().length <= 90)) {
      const hasContact = lines.slice(p, end).some((l) => CONTACT_RE.test(l.content));
      const name = first.trim();
      const nameLike = name.split(/\s+/).length <= 6 && !/[.?!:;]$/.test(name) && !/^[-*•]/.test(name);
      if (hasContact && nameLike) return p;
    }
  }
  return -1;
}
