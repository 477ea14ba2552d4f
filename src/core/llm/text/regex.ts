/**
 * Word-bounded regular expressions that work with accented words: JavaScript's `\b` only knows ASCII letters, so
 * `\bà faire` or `\béchéance` never match after a space. These helpers use Unicode letter look-arounds instead.
 */
const BEFORE = '(?<![\\p{L}\\p{N}_])';
const AFTER = '(?![\\p{L}\\p{N}_])';

/** `source` (alternatives allowed) as a whole-word, Unicode, case-insensitive expression. */
export function wordRe(source: string, flags = 'i'): RegExp {
  const f = new Set((flags + 'u').split(''));
  return new RegExp(`${BEFORE}(?:${source})${AFTER}`, [...f].join(''));
}

/** `source` must start on a word boundary (its end is free, e.g. it ends with a space or "de"). */
export function startRe(source: string, flags = 'i'): RegExp {
  const f = new Set((flags + 'u').split(''));
  return new RegExp(`${BEFORE}(?:${source})`, [...f].join(''));
}
