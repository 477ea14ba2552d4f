/**
 * Sentence splitting for French and English mail and document text, as the offline engine needs it: a period after
 * "M.", "Mme.", "Dr.", "cf.", "p. ex.", an initial ("J. Dupont") or inside a date ("12.03.2026") does not end a
 * sentence; list items, greetings and lines ending with ":" stand alone; a blank line always ends a sentence.
 */

export interface Sentence {
  text: string;
  /** Position in the text, in order (0-based). */
  index: number;
  /** Which paragraph (blank-line separated block) it came from. */
  paragraph: number;
  /** A list item ("- …", "1. …", "• …"). */
  listItem: boolean;
}

/** Words after which a period is an abbreviation, not an end of sentence (lowercase, without the period). */
const ABBREVIATIONS = new Set([
  // civilités and titles
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mlles', 'dr', 'drs', 'pr', 'prof', 'me', 'mgr', 'mr', 'mrs', 'ms', 'st', 'ste', 'jr', 'sr',
  // French
  'cf', 'etc', 'ex', 'p', 'pp', 'env', 'n', 'no', 'nº', 'tél', 'tel', 'fax', 'av', 'bd', 'boul', 'art', 'al', 'chap', 'vol',
  'réf', 'ref', 'min', 'max', 'sq', 'suiv', 'cad', 'hosp', 'serv', 'dépt', 'dept', 'sect', 'éd', 'ed', 'janv', 'févr',
  'fév', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim', 'ch', 'cp', 'bp',
  // English
  'e.g', 'i.e', 'eg', 'ie', 'vs', 'approx', 'dept', 'est', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'dec',
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'inc', 'ltd', 'co', 'corp', 'fig', 'ph.d', 'phd', 'a.m', 'p.m',
]);

const LIST_ITEM = /^\s*(?:[-*•▪►–—]|\d{1,2}[.)]|[a-z][.)]|\(\w\))\s+\S/;
/** A short line that is a greeting or a heading rather than the start of a sentence running onto the next line. */
const STANDALONE =
  /^\s*(?:(?:bonjour|bonsoir|madame|monsieur|cher|chère|chers|chères|dear|hello|hi)\b.{0,60}[,!:]?|(?:objet|subject|re|de|from|à|to|cc|envoyé|sent|date|expéditeur)\s*:.*|#{1,6}\s.*|(?:bien\s+)?cordialement.{0,20}|bien\s+à\s+vous.{0,20}|(?:best|kind)\s+regards.{0,20}|regards.{0,20}|sincerely.{0,20})\s*$/i;

/** Splits text into sentences (see the module comment for the rules). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const blocks = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split(/\n[ \t]*\n+/);
  blocks.forEach((block, paragraph) => {
    for (const unit of joinLines(block)) {
      splitUnit(unit.text).forEach((piece, i) => {
        const clean = piece.replace(/\s+/g, ' ').trim();
        if (clean && /[\p{L}\p{N}]/u.test(clean)) out.push({ text: clean, index: out.length, paragraph, listItem: unit.listItem && i === 0 });
      });
    }
  });
  return out;
}

/** Joins the lines of one paragraph into units: wrapped lines become one, list items and standalone lines stay apart. */
function joinLines(block: string): { text: string; listItem: boolean }[] {
  const units: { text: string; listItem: boolean }[] = [];
  let current: { text: string; listItem: boolean } | null = null;
  for (const raw of block.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const listItem = LIST_ITEM.test(line);
    const standalone = STANDALONE.test(line);
    // A wrapped list item continues only in lowercase; a capitalised line after it starts a new sentence.
    const continues =
      current !== null && !listItem && !standalone && !(current.listItem && /^[\p{Lu}\d]/u.test(line)) && !/^\s*#{1,6}\s/.test(current.text);
    if (continues && current) current.text += ' ' + line;
    else {
      current = { text: line, listItem };
      units.push(current);
      if (standalone) current = null;
    }
    if (current && /:$/.test(line)) current = null;
  }
  return units;
}

/** Splits one unit at sentence-ending punctuation that is not an abbreviation, an initial or a number. */
function splitUnit(unit: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  const boundary = /([.!?…]+)(["»”’)\]]*)(\s+)(?=["«“(\[]?\s?[\p{Lu}\p{N}])/gu;
  for (const match of unit.matchAll(boundary)) {
    const at = match.index ?? 0;
    const punct = match[1];
    if (punct === '.' && isAbbreviation(unit.slice(start, at))) continue;
    const end = at + punct.length + match[2].length;
    pieces.push(unit.slice(start, end));
    start = end + match[3].length;
  }
  pieces.push(unit.slice(start));
  return pieces;
}

function isAbbreviation(before: string): boolean {
  const word = /([\p{L}.º]+)$/u.exec(before)?.[1];
  // A number before the period ends the sentence ("… en 2026. Merci"); dates like 12.03.2026 have no space to split at.
  if (!word) return false;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  // Initials: "J. Dupont", "J.-P. Martin"; dotted abbreviations like "p.ex", "c.-à-d".
  if (/^\p{Lu}$/u.test(word)) return true;
  if (/^(?:\p{L}{1,2}\.)+\p{L}{0,2}$/u.test(word)) return true;
  return false;
}
