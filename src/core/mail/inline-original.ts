/**
 * Answers typed inside a quoted original (issue 13): a secretary answering point by point in the text of the mail she
 * replies to, under its « De : / Envoyé : » block (Outlook, OWA), instead of between `>` quotes. Without this, the
 * whole block is history and the answers are lost with it.
 *
 * The answers are told from the original's own lines by structure, never by spelling:
 * - the original quoted with `>` (Outlook's "prefix each line") and lines without `>` between them;
 * - comment marks on their own lines: the replier's name in brackets (Outlook's "mark my comments with [name]"), the
 *   replier's initials or first name ("CM : …", "Chloé : …"); generic marks ("=>", "->", "Réponse :", other
 *   initials) count when they repeat or when the reply announces answers in the text;
 * - in HTML, text in another colour than the original's, in the replier's own colour or announced (html.ts marks
 *   those lines, this module receives them as `answerLines`);
 * - when the thread is known (the earlier message's full text), lines that are not in the earlier message.
 * Announced answers that none of these can locate ("réponses dans le texte" typed in the original's colour): the
 * original's body is kept whole, since its lines cannot be told apart — nothing the replier wrote is lost.
 *
 * What is kept is the inline-reply convention of the text rules (README, inline replies): the reply header's sender
 * and date lines, each block of the original an answer follows, as `>` lines, above its answer; the original's part
 * no answer follows (its closing, its signature) and the older history go.
 */
import { boundaryAt, isBlank, type Boundary, type Line } from './lines';
import { CLOSING_RE, isMobileTagline } from './patterns';
import { isNameLike, isSignatureLine, lineFeatures } from './signature';

export interface InlineOriginalOptions {
  /** The replier's display name (the host knows it): their bracketed name, initials or first name mark comments. */
  senderName?: string;
  /** Full texts of earlier messages of the thread, when known: lines of the original not in them are answers. */
  earlier?: string[];
  /** Lines of the original that the HTML drew as inserted (another colour), whitespace-normalised. */
  answerLines?: string[];
}

export interface AnsweredOriginal {
  /** First line after the original (its region ends at the next reply or forward header, or the end). */
  end: number;
  /** Per line of the region (`boundary.end` … `end`): typed by the replier. */
  inserted: boolean[];
  /** No answer could be located although the reply announces some: the region is kept whole. */
  whole: boolean;
}

/**
 * A sentence announcing answers written in the quoted text: « mes réponses ci-dessous en rouge », « j'ai répondu
 * dans votre message », "please find my answers inline", "see my comments below in blue". Bounded, one sentence.
 */
const ANSWER_OWN = [
  // « mes réponses », « nos commentaires », "my answers", "our comments"
  /(?:^|[^\p{L}])(?:mes|nos|my|our)\s+(?:r[ée]ponses|commentaires|remarques|pr[ée]cisions|annotations|compl[ée]ments|answers|comments|replies|responses|notes)(?![\p{L}])/iu,
  // « j'ai répondu », « je vous ai répondu », « nous avons complété », "I have answered", "I've replied"
  /(?:^|[^\p{L}])(?:j['’]ai|je\s+(?:t['’]|vous\s+|te\s+|lui\s+)?ai|nous\s+avons|on\s+a|je|I(?:['’]ve|\s+have)?)\s+(?:\p{L}+\s+){0,2}?(?:r[ée]pondu|r[ée]ponds|compl[ée]t[ée]|annot[ée]|comment[ée]|answered|replied|commented)(?![\p{L}])/iu,
  // « Réponses dans le texte », "Answers inline", "Comments below"
  /^\s*(?:r[ée]ponses|commentaires|answers|comments|replies)(?![\p{L}])/iu,
];
const ANSWER_PLACE =
  /(?:ci-dessous|ci-apr[èe]s|dans (?:le|votre|ton|vos|tes|ce) (?:texte|message|mail|courriel|corps)|directement dans|en (?:rouge|bleu|vert|violet|orange|gras|italique|couleur|majuscules)|entre (?:vos|tes|les) lignes|point par point|sous chaque (?:question|point|ligne)|au fil du (?:texte|message)|en regard|à la suite de chaque|in-?line|below|in (?:red|blue|green|bold|italics|capitals|caps|colou?r|the text|the body|your (?:message|e-?mail|mail))|between (?:the|your) lines|under each (?:question|point|item)|point by point)/i;

/**
 * A sentence in which the replier announces their own answers in the quoted text: « mes réponses ci-dessous en
 * rouge », « je vous ai répondu dans votre message », « Réponses dans le texte », "please find my answers inline".
 * « Ci-dessous la réponse de la clinique » (a forward) is not one. Bounded, one sentence at a time.
 */
export function announcesAnswers(text: string): boolean {
  for (const sentence of text.slice(0, 4000).split(/[.!?\n]+/)) {
    if (sentence.length <= 300 && ANSWER_PLACE.test(sentence) && ANSWER_OWN.some((re) => re.test(sentence))) return true;
  }
  return false;
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
export const normalizeLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Upper-case abbreviations that open ordinary lines ("NB :", "PS :", "RAS :", "IDE : …"): not initials. */
const NOT_INITIALS = new Set(['NB', 'PS', 'RE', 'TR', 'FW', 'FWD', 'OK', 'CC', 'CCI', 'RAS', 'IDE', 'AS', 'ASH', 'DR', 'PR', 'PJ', 'TEL', 'FAX', 'URL', 'NDLR', 'CR', 'ODJ', 'RDV', 'QSP', 'NA', 'TBD', 'FYI', 'ETA', 'AM', 'PM']);
const BRACKET_RE = /^\s*\[([^\][]{1,40})\]\s*\S/u;
const INITIALS_RE = /^\s*\(?(\p{Lu}{2,3})\)?\s?(?::|>|-|–)\s+\S/u;
const FIRST_NAME_RE = /^\s*(\p{Lu}[\p{Ll}'’-]+)\s?:\s+\S/u;
const ARROW_RE = /^\s*(?:=+>|-+>|→|⇒|➔|➜)\s*\S/u;
const LABEL_RE = /^\s*(?:r[ée]ponses?|r[ée]p\.?|answer|reply|response)\s*:\s*\S/iu;

/** The comment mark a line opens with: `strong` when it is the replier's own (name, initials). */
function markOf(content: string, sender: { tokens: string[]; initials: string[] }): { key: string; strong: boolean } | null {
  let m: RegExpExecArray | null;
  if ((m = BRACKET_RE.exec(content))) {
    const inner = m[1].trim();
    if (/^(?:cid|mailto|image|https?|externe?|external|urgent|important|info|pj|attachment)/i.test(inner)) return null;
    const words = fold(inner).split(/[^\p{L}'’-]+/u).filter(Boolean);
    const own = (sender.tokens.length > 0 && sender.tokens.every((t) => words.includes(t))) || sender.initials.includes(inner.replace(/[^\p{L}]/gu, '').toUpperCase());
    if (own) return { key: `b:${fold(inner)}`, strong: true };
    if (isNameLike(inner) || /^\p{Lu}{2,4}$/u.test(inner)) return { key: `b:${fold(inner)}`, strong: false };
    return null;
  }
  if ((m = INITIALS_RE.exec(content))) {
    const x = m[1];
    if (NOT_INITIALS.has(x)) return null;
    return { key: `i:${x}`, strong: sender.initials.includes(x) };
  }
  if ((m = FIRST_NAME_RE.exec(content)) && sender.tokens.includes(fold(m[1]))) return { key: `n:${fold(m[1])}`, strong: true };
  if (ARROW_RE.test(content)) return { key: 'arrow', strong: false };
  if (LABEL_RE.test(content)) return { key: 'label', strong: false };
  return null;
}

function senderMarks(name: string | undefined): { tokens: string[]; initials: string[] } {
  if (!name) return { tokens: [], initials: [] };
  const raw = name.replace(/[([<].*$/, '').split(/[^\p{L}'’-]+/u).filter((w) => w.length >= 2 && !/^(?:dr|pr|me|mme|mr|mrs|ms|m)$/i.test(w));
  if (raw.length < 1 || raw.length > 4) return { tokens: [], initials: [] };
  // "LEROY Isabelle" signs « IL » as often as « LI »: both orders.
  const letters = raw.map((w) => w[0].toUpperCase());
  const initials = raw.length >= 2 ? [letters.join(''), [...letters].reverse().join('')] : [];
  return { tokens: raw.map(fold), initials };
}

const MAX_REGION = 400;

/** A mobile tagline or a line of a signature block ("Poste 4130", "Cadre de santé"): the original's, not an answer. */
const signatureLike = (c: string): boolean => isMobileTagline(c.trim()) || isSignatureLine(lineFeatures(c));

/**
 * At a reply or forward header with the reply's own text above it: are there answers typed inside the original it
 * introduces? `top` is the text above the header (where a reply announces its answers).
 */
export function answersInOriginal(words: Line[], b: Boundary, top: string, options: InlineOriginalOptions): AnsweredOriginal | null {
  if (b.kind === 'attribution') return null;
  let end = b.end;
  while (end < words.length && end - b.end < MAX_REGION) {
    if (!isBlank(words[end].content) && end > b.end && boundaryAt(words, end)) break;
    end++;
  }
  const region = words.slice(b.end, end);
  const inserted = region.map(() => false);
  const texts = region.map((l, k) => ({ k, l })).filter(({ l }) => !isBlank(l.content));
  if (texts.length < 2) return null;
  const depth0 = b.start < words.length ? words[b.start].depth : 0;
  const announced = announcesAnswers(top);

  // The original quoted with `>` under its header: lines without `>` after the first quoted line are answers.
  if (texts[0].l.depth > depth0) {
    let any = false;
    for (const { k, l } of texts) if (l.depth === depth0 && texts[0].k < k) any = inserted[k] = true;
    return any ? { end, inserted, whole: false } : null;
  }
  const own = texts.filter(({ l }) => l.depth === depth0);

  // Comment marks.
  const sender = senderMarks(options.senderName);
  const marks = own.map(({ k, l }) => ({ k, mark: markOf(l.content, sender) }));
  const counts = new Map<string, number>();
  for (const { mark } of marks) if (mark) counts.set(mark.key, (counts.get(mark.key) ?? 0) + 1);
  let found = false;
  for (const { k, mark } of marks) {
    if (mark && (mark.strong || (counts.get(mark.key) ?? 0) >= 2 || announced)) found = inserted[k] = true;
  }

  // Lines the HTML drew in the replier's colour (not in the original's signature, under its closing formula).
  if (options.answerLines?.length) {
    const set = new Set(options.answerLines.map(normalizeLine));
    let closed = false;
    for (const { k, l } of own) {
      if (CLOSING_RE.test(l.content)) closed = true;
      if (!closed && set.has(normalizeLine(l.content)) && !signatureLike(l.content)) found = inserted[k] = true;
    }
  }

  // The thread is known: lines of the original that the earlier message does not have.
  if (options.earlier?.length) {
    const corpus = options.earlier.map((t) => fold(normalizeLine(t))).join('\n');
    const missing = own.filter(({ l }) => /\p{L}.*\p{L}/u.test(l.content) && !corpus.includes(fold(normalizeLine(l.content))));
    // Only when the earlier message is indeed this original (most of its lines are there).
    if (missing.length > 0 && missing.length * 2 <= own.length) for (const { k } of missing) found = inserted[k] = true;
  }

  if (found) {
    // An answer needs a question above it: marks before any line of the original are the reply's, not answers.
    const firstOriginal = own.find(({ k }) => !inserted[k]);
    if (!firstOriginal) return null;
    return { end, inserted, whole: false };
  }
  if (announced) return { end, inserted: region.map(() => true), whole: true };
  return null;
}

/**
 * The original rewritten in the inline convention: the header's sender and date lines, the original's lines as `>`
 * lines, the answers as written. `dropped` gets the header's other lines (separator, recipients, subject).
 */
export function renderAnsweredOriginal(words: Line[], b: Boundary, found: AnsweredOriginal, dropped: string[]): string {
  const out: string[] = [];
  // The header goes, as a reply header above answered `>` quotes does (README, inline replies).
  for (let i = b.start; i < b.end; i++) if (!isBlank(words[i].content)) dropped.push(words[i].raw);
  const depth0 = words[b.start].depth;
  for (let k = 0; k < found.inserted.length; k++) {
    const l = words[b.end + k];
    if (isBlank(l.content)) out.push('');
    else if (found.inserted[k] || l.depth > depth0) out.push(l.depth > depth0 && !found.inserted[k] ? l.raw : l.content);
    else out.push(`> ${l.content}`);
  }
  return out.join('\n');
}
