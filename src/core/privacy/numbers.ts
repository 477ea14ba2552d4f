/**
 * Numbers read by their grammar, not by one spelling: digits in groups of any size, separated by any of the
 * separators people and mail programs write (space, tab, no-break space U+00A0, narrow no-break space U+202F, thin
 * space U+2009, dot, dash, slash, or nothing), one separator character at most between two groups besides spaces
 * (`017 - 28`, `096 / 23`, `01.42.15`, `0 969 32 15 48`). Everything here is a bounded loop over char codes.
 */

/** A run of digit groups: where each group starts and ends, and the digits themselves. */
export interface DigitGroups {
  digits: string;
  /** starts[k], ends[k]: the k-th group; a group is a run of digits with nothing between them. */
  starts: number[];
  ends: number[];
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Spaces written between groups of digits: space, tab, U+00A0, U+202F, U+2009, U+2007 (figure space); and the
 * invisible characters that may stand there (zero-width space, word joiner, byte-order mark, soft hyphen), which
 * detectIdentifiers leaves out before its rules but `nirShapedNumbers` reads in place. */
export function isNumberSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007 || c === 0x200b || c === 0x2060 || c === 0xfeff || c === 0xad;
}

/** A separator character between groups: . - / (and the en dash of word processors); only "." for 'dot'; "." and
 * dashes, no slash, for 'phone' (a slash separates two numbers or a date's parts). */
function isNumberMark(c: number, marks: 'all' | 'dot' | 'phone'): boolean {
  return c === 46 || (marks !== 'dot' && (c === 45 || c === 0x2013 || (marks === 'all' && c === 47)));
}

/**
 * The groups of digits from `at` (a digit), up to `maxDigits` digits, stopping at the first gap that is not a
 * separator (a letter, a line break, two marks, more than three spaces). `marks`: which of . - / may separate.
 */
export function readDigitGroups(text: string, at: number, maxDigits: number, marks: 'all' | 'dot' | 'phone' | 'none' = 'all'): DigitGroups {
  const starts: number[] = [];
  const ends: number[] = [];
  let digits = '';
  let p = at;
  const len = text.length;
  while (p < len && digits.length < maxDigits) {
    const s = p;
    const room = maxDigits - digits.length;
    while (p < len && p - s < room && isDigit(text.charCodeAt(p))) p++;
    if (p === s) break;
    digits += text.slice(s, p);
    starts.push(s);
    ends.push(p);
    if (p < len && isDigit(text.charCodeAt(p))) break; // maxDigits reached inside a group
    // The gap: up to 3 spaces, maybe one mark, up to 3 spaces, then a digit.
    let q = p;
    let spaces = 0;
    while (q < len && isNumberSpace(text.charCodeAt(q)) && spaces < 4) {
      q++;
      spaces++;
    }
    if (marks !== 'none' && q < len && isNumberMark(text.charCodeAt(q), marks)) {
      q++;
      let after = 0;
      while (q < len && isNumberSpace(text.charCodeAt(q)) && after < 4) {
        q++;
        after++;
      }
      if (after > 3) break;
    }
    if (spaces > 3 || q === p || q >= len || !isDigit(text.charCodeAt(q))) break;
    p = q;
  }
  return { digits, starts, ends };
}

/** End offset of the group holding the n-th digit (1-based) when that digit ends its group; -1 otherwise. */
export function endAfterDigits(groups: DigitGroups, n: number): number {
  let count = 0;
  for (let k = 0; k < groups.starts.length; k++) {
    count += groups.ends[k]! - groups.starts[k]!;
    if (count === n) return groups.ends[k]!;
    if (count > n) return -1;
  }
  return -1;
}

/** Number of leading groups of exactly one digit ("1 8 5 7 4 …": the boxes of a printed form). */
export function leadingSingleDigits(groups: DigitGroups): number {
  let k = 0;
  while (k < groups.starts.length && groups.ends[k]! - groups.starts[k]! === 1) k++;
  return k;
}

const plausibleDate = (day: number, month: number, year: number): boolean =>
  day >= 1 && day <= 31 && month >= 1 && month <= 12 && year >= 1880 && year <= 2099;

/** ddmmyyyy of a plausible date. */
export function isDdMmYyyy(d: string): boolean {
  return d.length === 8 && plausibleDate(Number(d.slice(0, 2)), Number(d.slice(2, 4)), Number(d.slice(4)));
}

/** yyyymmdd of a plausible date. */
export function isYyyyMmDd(d: string): boolean {
  return d.length === 8 && plausibleDate(Number(d.slice(6)), Number(d.slice(4, 6)), Number(d.slice(0, 4)));
}

/** After `p` (the end of a run of digits), a separator and then a digit: the number may go on. */
export function moreDigitsAfter(text: string, p: number): boolean {
  for (let q = p, k = 0; k < 5 && q < text.length; q++, k++) {
    const c = text.charCodeAt(q);
    if (isDigit(c)) return k > 0;
    if (!isNumberSpace(c) && c !== 46 && c !== 45 && c !== 47 && c !== 0x2013) return false;
  }
  return false;
}
