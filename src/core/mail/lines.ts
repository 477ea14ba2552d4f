/**
 * The line model shared by cleaning and thread rebuilding: each line with its `>` quote depth and its content, and
 * the boundaries where a client starts quoting an earlier message. Everything here is one pass over the lines with
 * bounded look-ahead, so a 10 MB mail or a 500-message thread costs time proportional to its size.
 */
import {
  ATTRIBUTION_END_RE,
  ATTRIBUTION_START_RE,
  isAttribution,
  FORWARD_RE,
  HEADER_CC_RE,
  HEADER_FROM_RE,
  HEADER_OTHER_RE,
  HEADER_SENT_RE,
  HEADER_SUBJECT_RE,
  HEADER_TO_RE,
  ORIGINAL_RE,
  SEPARATOR_RE,
} from './patterns';

export interface Line {
  /** Number of `>` quote markers in front. */
  depth: number;
  /** The line without its quote markers. */
  content: string;
  /** The line as written. */
  raw: string;
}

/** Line endings, non-breaking and zero-width spaces: the differences between clients that carry no meaning. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, '');
}

export function toLines(text: string): Line[] {
  return normalizeText(text)
    .split('\n')
    .map((raw) => {
      // Count `>` markers, allowing one space between them ("> > text"); a plain loop keeps this linear.
      let i = 0;
      let depth = 0;
      let end = 0;
      while (i < raw.length) {
        if (raw[i] === '>') {
          depth++;
          i++;
          end = i;
        } else if ((raw[i] === ' ' || raw[i] === '\t') && i + 1 < raw.length && raw[i + 1] === '>' && depth > 0) {
          i++;
        } else break;
      }
      // Supercite (Emacs) quotes with the author's initials or name: "C> text", "Richard> text".
      if (depth === 0) {
        const sc = /^([A-Z][A-Za-z]{0,11})>(?!>)/.exec(raw);
        if (sc) {
          depth = 1;
          end = sc[0].length;
        }
      }
      let content = raw.slice(end);
      if (depth > 0 && content.startsWith(' ')) content = content.slice(1);
      return { depth, content, raw };
    });
}

/** Lines already split with their quote depth (from HTML), normalised like text lines. */
export function fromDepthLines(lines: { depth: number; text: string }[]): Line[] {
  return lines.map(({ depth, text }) => {
    const content = normalizeText(text);
    return { depth, content, raw: depth > 0 ? `${'>'.repeat(Math.min(depth, 32))} ${content}` : content };
  });
}

export const isBlank = (s: string): boolean => s.trim() === '';

export interface Boundary {
  kind: 'attribution' | 'header' | 'original' | 'forward';
  /** First line of the boundary (the separator, marker or attribution). */
  start: number;
  /** First line after the boundary's own lines (header block, attribution). */
  end: number;
  from?: string;
  date?: string;
  subject?: string;
}

/**
 * Joins up to five lines (same depth) that together form a reply header; returns the line count and the text.
 * Clients wrap long headers anywhere, even inside the address ("On … Some One\n\n<\nmailto:x@y\n> wrote:").
 */
export function attributionAt(lines: Line[], i: number): { count: number; text: string } | null {
  const first = lines[i];
  const start = first.content.trimStart();
  if (start.length > 450 || !ATTRIBUTION_START_RE.test(start)) return null;
  let joined = '';
  let blanks = 0;
  for (let k = 0; k < 6 && i + k < lines.length; k++) {
    const line = lines[i + k];
    const open = (joined.match(/</g)?.length ?? 0) > (joined.match(/>/g)?.length ?? 0);
    // Gmail's text part may wrap right after an address, so the line starts with its closing ">": that is not a
    // quote marker ("… <rick@example.com\n> a écrit :").
    const wrappedBracket = k > 0 && line.depth === first.depth + 1 && open;
    if (line.depth !== first.depth && !wrappedBracket) break;
    if (isBlank(line.content)) {
      // A blank line inside a header only where the address was cut off from its name.
      const next = lines[i + k + 1];
      if (k === 0 || ++blanks > 1 || !next || !/^\s*</.test(next.content)) break;
      continue;
    }
    const piece = wrappedBracket ? `>${line.content.startsWith(' ') ? '' : ' '}${line.content}`.trim() : line.content.trim();
    joined = k === 0 ? line.content.trim() : wrappedBracket || joined.endsWith('<') ? `${joined}${piece}` : `${joined} ${piece}`;
    if (joined.length > 450) break;
    if (isAttribution(joined)) {
      // A header starts where it starts: text just above it that mentions a date or an address ("… in 2 weeks.\nOp 16
      // aug. 2014 schreef …") is not part of it. If a later line begins a header ending here, this line is text.
      for (let later = i + 1; later <= i + k; later++) {
        if (lines[later].depth !== first.depth || isBlank(lines[later].content)) continue;
        // Only after a line that ends a sentence: "… <\ninfo@x.org> wrote:" is one header cut inside its address.
        if (!/[.!?…)]\s*$/.test(lines[later - 1].content)) continue;
        const rest = attributionAt(lines, later);
        if (rest && later + rest.count === i + k + 1) return null;
      }
      return { count: k + 1, text: joined };
    }
  }
  return null;
}

/** Splits "On Tue, Apr 29, 2014 at 4:22 PM, Example Dev <x@y> wrote:" into date and sender. */
export function parseAttribution(text: string): { from?: string; date?: string } {
  const body = text
    .replace(/^[\s*-]*-{2,}\s*/, '')
    .replace(/^(?:On|Le|Am|El|Il|Op|Em|Den|Dnia)\s+/i, '')
    .replace(ATTRIBUTION_END_RE, '')
    .replace(/[\s:：]+$/, '')
    .trim();
  const time = /\d{1,2}[:h.]\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s?(?:UTC|GMT|CET|CEST)?[+-]\d{2}:?\d{2}|\s?(?:UTC|GMT|CET|CEST))?/.exec(body);
  let date: string | undefined;
  let from: string | undefined;
  if (time) {
    date = body.slice(0, time.index + time[0].length).trim();
    from = body.slice(time.index + time[0].length).replace(/^[\s,]+/, '').trim();
  } else {
    const comma = body.lastIndexOf(', ');
    if (comma > 0) {
      date = body.slice(0, comma).trim();
      from = body.slice(comma + 2).trim();
    } else from = body;
  }
  return { from: from || undefined, date: date || undefined };
}

/** Reads an Outlook-style header block starting at `i` ("De : … Envoyé : … À : … Objet : …"). */
export function headerBlockAt(lines: Line[], i: number): { end: number; from?: string; date?: string; subject?: string } | null {
  const depth = lines[i].depth;
  const fromMatch = HEADER_FROM_RE.exec(lines[i].content);
  if (!fromMatch || isBlank(fromMatch[1])) return null;
  let from: string | undefined = cleanHeaderValue(fromMatch[1]);
  let date: string | undefined;
  let subject: string | undefined;
  let hasSent = false;
  let hasToOrSubject = false;
  let last: 'from' | 'sent' | 'to' | 'subject' | 'other' = 'from';
  let j = i + 1;
  for (; j < lines.length && j < i + 14; j++) {
    const line = lines[j];
    if (line.depth !== depth) break;
    const c = line.content;
    if (isBlank(c)) break;
    let m: RegExpExecArray | null;
    if (last === 'subject' && !HEADER_OTHER_RE.test(c) && !HEADER_TO_RE.test(c) && !HEADER_CC_RE.test(c)) {
      // The subject ends Outlook's block, unless it was wrapped and more fields follow (Gmail's forward header).
      const next = lines[j + 1];
      if (next && next.depth === depth && c.length <= 200 && (HEADER_TO_RE.test(next.content) || HEADER_CC_RE.test(next.content))) continue;
      break;
    }
    if ((m = HEADER_SENT_RE.exec(c))) {
      hasSent = true;
      date = cleanHeaderValue(m[1]);
      last = 'sent';
    } else if ((m = HEADER_SUBJECT_RE.exec(c))) {
      hasToOrSubject = true;
      subject = cleanHeaderValue(m[1]);
      last = 'subject';
    } else if (HEADER_TO_RE.test(c) || HEADER_CC_RE.test(c)) {
      hasToOrSubject = true;
      last = 'to';
    } else if (HEADER_OTHER_RE.test(c)) last = 'other';
    else if (HEADER_FROM_RE.test(c)) break;
    else if ((last === 'to' || last === 'from') && /[@;<]/.test(c) && c.length <= 300) {
      // A wrapped address list continues the previous field.
    } else break;
  }
  if (!hasSent || !hasToOrSubject) return null;
  if (from === '') from = undefined;
  return { end: j, from, date, subject };
}

function cleanHeaderValue(v: string): string {
  return v.replace(/\*+/g, '').replace(/\[mailto:[^\]]*\]/gi, '').replace(/\s+/g, ' ').trim();
}

/**
 * The boundary starting at line `i`, if any: a separator or marker followed by a header block, a header block
 * alone, or an attribution line. Look-ahead is bounded (a few lines), so scanning all lines stays linear.
 */
export function boundaryAt(lines: Line[], i: number): Boundary | null {
  const line = lines[i];
  const c = line.content;
  if (isBlank(c)) return null;
  const afterBlanks = (k: number, max: number): number => {
    let j = k;
    while (j < lines.length && j < k + max && lines[j].depth === line.depth && isBlank(lines[j].content)) j++;
    return j;
  };
  if (ORIGINAL_RE.test(c) || FORWARD_RE.test(c)) {
    const kind = ORIGINAL_RE.test(c) ? 'original' : 'forward';
    const h = afterBlanks(i + 1, 3);
    const header = h < lines.length ? headerBlockAt(lines, h) ?? looseHeaderAt(lines, h) : null;
    return { kind, start: i, end: header ? header.end : i + 1, from: header?.from, date: header?.date, subject: header?.subject };
  }
  if (SEPARATOR_RE.test(c)) {
    const h = afterBlanks(i + 1, 3);
    const header = h < lines.length ? headerBlockAt(lines, h) : null;
    if (header) return { kind: 'header', start: i, end: header.end, from: header.from, date: header.date, subject: header.subject };
    return null;
  }
  if (HEADER_FROM_RE.test(c)) {
    const header = headerBlockAt(lines, i);
    if (header) return { kind: 'header', start: i, end: header.end, from: header.from, date: header.date, subject: header.subject };
    return null;
  }
  const attribution = attributionAt(lines, i);
  if (attribution) {
    const meta = parseAttribution(attribution.text);
    return { kind: 'attribution', start: i, end: i + attribution.count, ...meta };
  }
  return null;
}

/** After a forward marker, Gmail writes "From:/De :" then "Date:" then "Subject:" then "To:"; accept any order. */
function looseHeaderAt(lines: Line[], i: number): { end: number; from?: string; date?: string; subject?: string } | null {
  let from: string | undefined;
  let date: string | undefined;
  let subject: string | undefined;
  let j = i;
  let seen = 0;
  for (; j < lines.length && j < i + 10; j++) {
    const c = lines[j].content;
    let m: RegExpExecArray | null;
    if ((m = HEADER_FROM_RE.exec(c))) from = cleanHeaderValue(m[1]);
    else if ((m = HEADER_SENT_RE.exec(c))) date = cleanHeaderValue(m[1]);
    else if ((m = HEADER_SUBJECT_RE.exec(c))) subject = cleanHeaderValue(m[1]);
    else if (!(HEADER_TO_RE.test(c) || HEADER_CC_RE.test(c) || HEADER_OTHER_RE.test(c))) {
      // A long subject wrapped onto a line of its own, with more header fields below it.
      const next = lines[j + 1]?.content ?? '';
      if (seen && !isBlank(c) && c.length <= 200 && [HEADER_TO_RE, HEADER_CC_RE, HEADER_SENT_RE, HEADER_SUBJECT_RE, HEADER_FROM_RE].some((re) => re.test(next))) continue;
      break;
    }
    seen++;
  }
  return seen ? { end: j, from, date, subject } : null;
}
