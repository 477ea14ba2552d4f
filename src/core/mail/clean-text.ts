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
import { boundaryAt, isBlank, toLines, type Boundary, type Line } from './lines';
import { ATTRIBUTION_START_RE, isAttribution } from './patterns';
import {
  BANNER_RE,
  CLOSING_LEAD_RE,
  CLOSING_RE,
  CONTACT_RE,
  DECORATION_RE,
  DISCLAIMER_CUE_RE,
  DISCLAIMER_STRONG_RE,
  MOBILE_RE,
  SIG_DELIMITER_RE,
} from './patterns';
import { answersInOriginal, renderAnsweredOriginal, type AnsweredOriginal, type InlineOriginalOptions } from './inline-original';
import { isNameLike, isSignatureBlock, isSignatureLine, lineFeatures, type LineFeatures } from './signature';
import type { CleanedMail } from './types';

type Part = 'quoted' | 'signature' | 'disclaimer';

export interface CleanOptions extends Omit<InlineOriginalOptions, 'senderName'> {
  /**
   * The sender's display name, when the host knows it (Outlook, Graph, the .eml From): a short block at the end that
   * starts with it ("Marie Dupont / Cadre de santé / Pôle urgences") is the signature, with or without a closing formula.
   */
  senderName?: string;
  /** Internal: a part of a mail being cleaned on its own (no second look for answers inside an original). */
  nested?: boolean;
}

/** A greeting line opening a mail, in the languages of the reply headers (short, not a question). */
const GREETING_RE =
  /^(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|dear|good (?:morning|afternoon|evening)|cher|chère|chers|chères|madame|monsieur|mesdames|messieurs|docteur|hallo|guten (?:tag|morgen)|liebe[rs]?|sehr geehrte[rs]?|hola|estimad[oa]s?|buongiorno|buonasera|ciao|gentile|olá|ola|caro|cara|beste|geachte|hej|hei)(?![\p{L}])[^?]{0,50}$/iu;

/**
 * Does the quote (lines `from` … `to`) hold a whole earlier message rather than a snippet chosen to be answered: it
 * opens with a greeting, has a closing formula, a sign-off or a mobile tagline, or more than six lines.
 */
function quotesWholeMessage(lines: Line[], from: number, to: number): boolean {
  const text = lines.slice(from, to).filter((l) => l.depth > 0 && !isBlank(l.content));
  if (text.length > 6) return true;
  if (text.length && GREETING_RE.test(text[0].content.trim())) return true;
  const last = text.length ? text[text.length - 1].content.trim() : '';
  return text.some((l) => CLOSING_RE.test(l.content) || MOBILE_RE.test(l.content.trim())) || (text.length > 1 && NAME_SIGNOFF_RE.test(last) && !NOT_A_NAME.has(last.toLowerCase()));
}

const rawOf = (lines: Line[], from: number, to: number): string =>
  lines
    .slice(from, to)
    .map((l) => l.raw)
    .join('\n');

const joinParts = (...parts: string[]): string => parts.filter((p) => p.trim() !== '').join('\n\n');

/**
 * A reply whose answers are inside the original: the reply above the header cleaned as a mail of its own (its
 * signature goes), then the original in the inline convention (its unanswered end goes), the older history removed.
 */
function withAnsweredOriginal(words: Line[], b: Boundary, found: AnsweredOriginal, interleaved: string[], options: CleanOptions): CleanedMail {
  const top = cleanText(rawOf(words, 0, b.start), { ...options, nested: true });
  const dropped: string[] = [];
  // In the original, its own author's name marks its signature (kept whole when no answer could be located).
  const author = b.from?.replace(/<[^>]*>|\[mailto:[^\]]*\]/gi, '').replace(/["']/g, '').trim();
  const answered = cleanText(renderAnsweredOriginal(words, b, found, dropped), { nested: true, senderName: author && !author.includes('@') ? author : undefined });
  const history = rawOf(words, found.end, words.length).trim();
  const answers = found.inserted.filter((x, k) => x && !isBlank(words[b.end + k].content)).length;
  return {
    text: joinParts(top.text, answered.text),
    removed: {
      quoted: joinParts(...interleaved, top.removed.quoted, dropped.join('\n'), answered.removed.quoted, history),
      signature: joinParts(top.removed.signature, answered.removed.signature),
      disclaimer: joinParts(top.removed.disclaimer, answered.removed.disclaimer),
    },
    hidden: { chars: 0, fragments: [] },
    answersInOriginal: answers,
  };
}

export function cleanText(input: string, options: CleanOptions = {}): CleanedMail {
  const sender = nameTokens(options.senderName);
  const all = toLines(input);
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

  // 2. Reply and forward headers. The first one with text above it is a hard boundary: everything after it is
  //    earlier mail. Reply headers followed by `>` lines are soft: an answered quote stays with its header (inline
  //    reply: the questions are the context of the answers, the header says who asked); a quote nothing answers goes
  //    with its header (step 3). With nothing written above it, a header introduces the mail's only content:
  //    - a forward or header block alone (a mail that is just a forward): the forwarded text is the message;
  //    - "On … wrote:" + one quote + text below and no further quote: a bottom-posted reply, quote and header go;
  //    - otherwise (inline answers, code, a quote alone) the header stays with the quotes.
  const dropped: [number, number][] = [];
  let cut = words.length;
  let textAbove = false;
  /** Everything above so far is a greeting ("Bonjour Sophie,", "Hi Tom,"). */
  let greetingOnly = true;
  const nextWords = (k: number): number => {
    while (k < words.length && isBlank(words[k].content)) k++;
    return k;
  };
  for (let i = 0; i < words.length; i++) {
    if (words[i].depth > 0 || isBlank(words[i].content)) {
      if (!isBlank(words[i].content)) textAbove = true;
      if (!isBlank(words[i].content)) greetingOnly = false;
      continue;
    }
    const b = boundaryAt(words, i);
    if (!b) {
      if (!GREETING_RE.test(words[i].content.trim())) greetingOnly = false;
      textAbove = true;
      continue;
    }
    const after = nextWords(b.end);
    const quoteFollows = after < words.length && words[after].depth > 0;
    // The quote after a reply header: where it ends, whether text follows it, and whether a further quote is answered.
    const shape = (): { q: number; textBelow: boolean; moreQuotes: boolean } => {
      let q = after;
      while (q < words.length && (words[q].depth > 0 || isBlank(words[q].content))) q++;
      // Another quote counts only if something answers it (a quote at the very end is history, removed below).
      let moreQuotes = false;
      let textBelow = false;
      let quoteSeen = false;
      for (let k = q; k < words.length; k++) {
        if (isBlank(words[k].content)) continue;
        // Up to the next reply or forward header only: what follows it is earlier mail, whatever its shape (and
        // stopping there keeps cleaning the cleaned text a no-op).
        if (words[k].depth === 0 && k > q && boundaryAt(words, k)) break;
        if (words[k].depth > 0) quoteSeen = true;
        else {
          textBelow = true;
          if (quoteSeen) moreQuotes = true;
        }
      }
      return { q, textBelow, moreQuotes };
    };
    // Only a greeting above ("Bonjour Sophie,"), then the header, one quote of the whole earlier message (its
    // greeting, its sign-off) and the reply under it: bottom-posted as if nothing were above (the greeting stays, the
    // quote and its header go). A quoted snippet (the one question answered) is an inline reply and stays.
    let greetedBottomPost = false;
    if (textAbove && greetingOnly && b.kind === 'attribution' && quoteFollows) {
      const sh = shape();
      greetedBottomPost = sh.textBelow && !sh.moreQuotes && quotesWholeMessage(words, after, sh.q);
    }
    if (!textAbove || greetedBottomPost) {
      let end = b.end;
      let keepsQuote = false;
      if (b.kind === 'attribution' && quoteFollows) {
        // Answers between quotes (inline): the header says who asked, it stays with the questions (as
        // github/email_reply_parser shows it; discourse/email_reply_trimmer drops it: a documented difference).
        const { q, textBelow, moreQuotes } = shape();
        // Bottom-posted: one quote, the reply under it: the quote and its header go.
        if (textBelow && !moreQuotes) end = q;
        else {
          keepsQuote = true;
          end = b.start;
        }
      }
      if (end > b.start) dropped.push([b.start, end]);
      textAbove = keepsQuote || greetedBottomPost;
      greetingOnly = false;
      i = Math.max(end, b.end) - 1;
      continue;
    }
    // Followed by `>` lines: a soft quote, handled below (answered, it is an inline reply and stays with its header;
    // at the end, it is history and goes with its header).
    if (b.kind === 'attribution' && quoteFollows) {
      i = b.end - 1;
      continue;
    }
    // Answers typed inside the original under this header (inline-original.ts): kept in the inline convention.
    const found = options.nested ? null : answersInOriginal(words, b, rawOf(words, 0, b.start), options);
    if (found) return withAnsweredOriginal(words, b, found, interleaved, options);
    cut = b.start;
    break;
  }
  const history = [
    ...dropped.map(([a, z]) =>
      words
        .slice(a, z)
        .map((l) => l.raw)
        .join('\n'),
    ),
    words
      .slice(cut)
      .map((l) => l.raw)
      .join('\n'),
  ]
    .map((h) => h.trim())
    .filter(Boolean)
    .join('\n\n');
  const lines: Line[] = [];
  for (let i = 0, d = 0; i < cut; i++) {
    while (d < dropped.length && dropped[d][1] <= i) d++;
    if (d < dropped.length && i >= dropped[d][0] && i < dropped[d][1]) continue;
    lines.push(words[i]);
  }
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
    const signature = signatureStart(lines, start, end, sender);
    if (signature >= 0) {
      take('signature', signature, end);
      end = signature;
      continue;
    }
    break;
  }

  // 4. An external-sender banner at the top is a notice, not the message (every one of them: a mail relayed by two
  //    gateways carries two, and cleaning the cleaned text must change nothing).
  while (start < end && isBlank(lines[start].content)) start++;
  for (let guard = 0; guard < 8; guard++) {
    const bannerEnd = bannerLinesEnd(lines, start, paragraphEnd(lines, start, end));
    if (!(bannerEnd > start && bannerEnd - start <= 4 && BANNER_RE.test(lines[start].content))) break;
    take('disclaimer', start, bannerEnd);
    start = bannerEnd;
    while (start < end && isBlank(lines[start].content)) start++;
  }

  // 5. An inline reply (answered quotes kept): the reply's own sign-off written above the first quote ("Thomas",
  //    "Cordialement, / Nom / Titre") is its signature, as it would be at the end of the mail.
  let kept = lines.slice(start, end);
  const firstQuote = kept.findIndex((l) => l.depth > 0);
  if (firstQuote > 0) {
    const quoteAt = includeAttributionAbove(kept, firstQuote, 0);
    let top = quoteAt;
    // Until nothing more goes, as at the end of a mail (a sign-off, then the decoration line above it).
    for (let guard = 0; guard < 20; guard++) {
      while (top > 0 && isBlank(kept[top - 1].content)) top--;
      const sig = top > 1 ? signatureStart(kept, 0, top, sender) : -1;
      if (sig <= 0) break;
      const chunk = rawOf(kept, sig, top).trim();
      if (chunk) removed.signature.push(chunk);
      top = sig;
    }
    if (top < quoteAt) kept = [...kept.slice(0, top), { depth: 0, content: '', raw: '' }, ...kept.slice(quoteAt)];
  }
  // 6. The reply header above an answered quote goes (the inline convention, README): the quoted questions stay
  //    as `>` lines above their answers; who asked is the mail being answered, which the reader has.
  if (kept.some((l) => l.depth > 0)) {
    const out: Line[] = [];
    for (let i = 0; i < kept.length; i++) {
      const l = kept[i];
      const b = l.depth === 0 && !isBlank(l.content) && ATTRIBUTION_START_RE.test(l.content) ? boundaryAt(kept, i) : null;
      if (b && b.kind === 'attribution') {
        let k = b.end;
        while (k < kept.length && isBlank(kept[k].content) && kept[k].depth === 0) k++;
        if (k < kept.length && kept[k].depth > 0) {
          removed.quoted.push(rawOf(kept, i, b.end).trim());
          i = k - 1;
          continue;
        }
      }
      out.push(l);
    }
    kept = out;
    // As in step 4, the message starts at its first line with words: a header gone here may leave an empty `>` line
    // first (cleaning the cleaned text must change nothing).
    let first = 0;
    while (first < kept.length && isBlank(kept[first].content)) first++;
    if (first > 0) kept = kept.slice(first);
  }
  let text = tidy(kept.map((l) => l.raw).join('\n'));
  // A mail that is only a quote (no line of its own, no reply header): the quote is its content.
  // (A quote made only of reply headers, as in chains of empty forwards, has no content.)
  if (!text && cut === words.length && !dropped.length && words.every((l) => l.depth > 0 || isBlank(l.content)) && words.some((l) => !isBlank(l.content) && !isAttribution(l.content)))
    text = tidy(words.map((l) => l.raw).join('\n'));
  return {
    text,
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
  return (
    text
      .split('\n')
      .map((l) => l.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      // Blank lines go at both ends, but the first line keeps its indent: " > x" trimmed to "> x" would be read as a
      // quote by the next pass (cleaning the cleaned text must change nothing).
      .replace(/^(?:[ \t]*\n)+/, '')
      .trimEnd()
  );
}

/** If an attribution line (possibly wrapped, possibly followed by blank lines) sits right above `s`, include it. */
function includeAttributionAbove(lines: Line[], s: number, floor: number): number {
  let k = s;
  while (k > floor && lines[k - 1].depth === 0 && isBlank(lines[k - 1].content)) k--;
  // The longest header that ends right there ("Le 4 janv. 2016, \"Neil\"\n<n@x.org>\na écrit :", not its last two lines).
  let found = s;
  for (let n = 1; n <= 6 && k - n >= floor; n++) {
    const b = lines[k - n].depth === 0 ? boundaryAt(lines, k - n) : null;
    if (b && b.kind === 'attribution' && b.end >= k) found = k - n;
  }
  return found;
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

/**
 * The banner's own lines in its paragraph: a line goes with it when it is a banner line too or when the line above
 * does not end a sentence (a wrapped notice); the text under it ("Bonjour,") is the message.
 */
function bannerLinesEnd(lines: Line[], start: number, paragraphEnd: number): number {
  let e = start + 1;
  while (e < paragraphEnd && (BANNER_RE.test(lines[e].content) || !/[.!?:…)\]]\s*$/.test(lines[e - 1].content))) e++;
  return Math.min(e, paragraphEnd);
}

function paragraphEnd(lines: Line[], start: number, end: number): number {
  let e = start;
  // One quote depth: a quoted line right under a banner is not part of it.
  while (e < end && e - start < 8 && !isBlank(lines[e].content) && lines[e].depth === lines[start].depth) e++;
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

/** A first name, initials, « Marie L. » (a dot only after an initial: « Voici. » is a sentence). */
const NAME_SIGNOFF_RE = /^(?:(?:Dr|Pr|Me|M\.|Mme)\s+)?(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]{0,20})(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]{0,20})){0,2}$/u;
const NOT_A_NAME = new Set(['merci', 'merci beaucoup', 'bonjour', 'bonsoir', 'ok', 'oui', 'non', 'parfait', 'super', 'bravo', 'thanks', 'thank you', 'cheers', 'urgent', 'important', 'idem', 'vu', 'reçu', 'noté', 'entendu', 'top', 'cool', 'bien reçu']);

/** A line under a closing formula or a sender's name: short, or long but made of signature features (an address). */
const looksLikeSignatureLine = (c: string): boolean => c.trim().length <= 100 || isSignatureLine(lineFeatures(c));

/**
 * The start of a trailing block of signature lines (name, title, service, contact details; blank lines allowed
 * between them), or -1: the topmost line from which the lines down to `end` form a signature block. At most 12 lines
 * are looked at, so the bottom-up loop stays linear.
 */
function featureBlockStart(lines: Line[], floor: number, end: number): number {
  const run: { at: number; f: LineFeatures }[] = [];
  let blanks = 0;
  for (let i = end - 1; i > floor && run.length < 12; i--) {
    if (lines[i].depth > 0) break;
    if (isBlank(lines[i].content)) {
      if (++blanks > 1) break;
      continue;
    }
    blanks = 0;
    const f = lineFeatures(lines[i].content);
    if (!isSignatureLine(f)) break;
    run.push({ at: i, f });
  }
  run.reverse();
  // A line announcing what follows ("Les participants :", "Adresse du rendez-vous :") makes the block content.
  const above = run.length ? previousText(lines, floor, run[0].at) : -1;
  if (above >= 0 && /:\s*$/.test(lines[above].content)) return -1;
  for (let k = 0; k + 1 < run.length; k++) {
    if (isSignatureBlock(run.slice(k).map((r) => r.f))) return withClosingAbove(lines, floor, run[k].at);
  }
  // One line on its own saying who and what ("Marion Perrin, IDE – Médecine interne"), after a blank line.
  const last = run[run.length - 1];
  if (last && last.at === end - 1 && last.f.name && (last.f.title || last.f.org) && last.at > floor && isBlank(lines[last.at - 1].content)) return withClosingAbove(lines, floor, last.at);
  return -1;
}

/** The last non-blank line above `at` (same depth 0), or -1. */
function previousText(lines: Line[], floor: number, at: number): number {
  let j = at - 1;
  while (j > floor && lines[j].depth === 0 && isBlank(lines[j].content)) j--;
  return j >= floor && lines[j].depth === 0 && !isBlank(lines[j].content) ? j : -1;
}

/** A closing formula right above a signature block goes with it ("Cordialement,\n\nMarie Dupont…"). */
function withClosingAbove(lines: Line[], floor: number, at: number): number {
  const j = previousText(lines, floor, at);
  return j >= 0 && CLOSING_RE.test(lines[j].content) ? j : at;
}

/** The start of a trailing signature, or -1. `end` is past the last non-blank line. */
function signatureStart(lines: Line[], floor: number, end: number, sender: string[] = []): number {
  const last = lines[end - 1].content;
  // A block of short lines starting with the sender's own name (not the first line of the mail: "Marie Dupont a
  // demandé…" opening a message is text).
  if (sender.length) {
    for (let i = end - 1, seen = 0; i > floor && seen < 10; i--) {
      if (lines[i].depth > 0) break;
      if (isBlank(lines[i].content)) continue;
      seen++;
      if (startsWithName(lines[i].content, sender)) {
        let ok = true;
        for (let k = i; k < end && ok; k++) ok = looksLikeSignatureLine(lines[k].content);
        // A service or title line right above the name ("Service des relations avec les usagers") opens the block;
        // the closing formula right above goes with it.
        let top = i;
        for (let n = 0; n < 2 && top - 1 > floor && lines[top - 1].depth === 0 && !isBlank(lines[top - 1].content); n++) {
          const f = lineFeatures(lines[top - 1].content);
          if (f.sentence || f.name || !(f.org || f.title)) break;
          top--;
        }
        if (ok) return withClosingAbove(lines, floor, top);
        break;
      }
    }
  }
  // Mobile taglines and trailing decoration.
  if (MOBILE_RE.test(last) || DECORATION_RE.test(last)) return end - 1;
  // "-- " delimiter near the end: everything after it.
  for (let i = end - 1, seen = 0; i >= floor && seen < 25; i--) {
    if (lines[i].depth > 0) break;
    if (SIG_DELIMITER_RE.test(lines[i].content)) return i;
    if (!isBlank(lines[i].content)) seen++;
  }
  // Closing formula followed by a short block of short lines (name, title, service, phones); or the formula and the
  // name on one line ("Cordialement, Julien Petit") with the block under it.
  for (let i = end - 1, seen = 0; i >= floor && seen <= 14; i--) {
    if (lines[i].depth > 0) break;
    const c = lines[i].content;
    if (isBlank(c)) continue;
    const lead = CLOSING_LEAD_RE.exec(c);
    if (CLOSING_RE.test(c) || (lead && i < end - 1 && isNameLike(lead[1]))) {
      // The formula opens the signature block; alone at the end ("Cheers", "Best Regards") it is the message's last
      // words and stays, and nothing above it is a signature either.
      if (i === end - 1) return -1;
      let ok = true;
      for (let k = i + 1; k < end && ok; k++) ok = looksLikeSignatureLine(lines[k].content);
      if (ok) return i;
      break;
    }
    seen++;
  }
  // A block made of signature lines: a name or a service, then titles, services, phones, addresses.
  const block = featureBlockStart(lines, floor, end);
  if (block >= 0) return block;
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
      // The first line is a name, a title or a service ("Contacts utiles" above two numbers is content).
      const f = lineFeatures(name);
      const nameLike = name.split(/\s+/).length <= 6 && !/[.?!:;]$/.test(name) && !/^[-*•]/.test(name) && (f.name || f.title || f.org);
      if (hasContact && nameLike) return p;
    }
  }
  return -1;
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** "Dupont, Marie (CHU Nord)" → ["dupont", "marie"]: the words of a display name, without what is in brackets. */
function nameTokens(name: string | undefined): string[] {
  if (!name) return [];
  const words = fold(name.replace(/[([<].*$/, ''))
    .split(/[^\p{L}'’-]+/u)
    .filter((w) => w.length >= 2 && !/^(?:dr|pr|me|mme|mr|mrs|ms|m)$/.test(w));
  return words.length >= 1 && words.length <= 5 ? words : [];
}

/** Does the line open with the sender's name (any order, after a title such as "Dr")? */
function startsWithName(line: string, name: string[]): boolean {
  const words = fold(line)
    .split(/[^\p{L}'’-]+/u)
    .filter(Boolean)
    .slice(0, name.length + 2);
  if (words.length > name.length + 3) return false;
  return name.every((w) => words.includes(w)) && (name.length > 1 || words.length <= 3);
}
