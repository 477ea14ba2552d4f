/**
 * Dates and deadlines in French and English mail text, resolved against an injected "today" (so tests are stable and
 * the pane can pass the user's day): "avant le 12/03", "le 15 mars 2026", "d'ici vendredi", "by Friday", "demain",
 * "sous 48 h", "within 3 days", "fin du mois", "ASAP". Numeric dates are read day first (French and British usage).
 */
import type { Lang } from '../../prompts/schema';

export interface FoundDate {
  start: number;
  end: number;
  /** The words as written ("d'ici vendredi", "avant le 12/03"). */
  raw: string;
  /** Resolved calendar day, `YYYY-MM-DD`, when it could be resolved. */
  date?: string;
  /** Introduced by a deadline cue ("avant", "au plus tard", "by", "no later than"…) or itself a deadline ("ASAP"). */
  deadline: boolean;
  /** "dès que possible", "ASAP", "sans délai"… */
  asap: boolean;
  /** A time of day written right after the date ("le 19 mars à 14h30", "Friday at 2 pm"), as `HH:MM`. */
  time?: string;
  /** The weekday as written when it is not the resolved date's ("jeudi 20 mars" when 20 March is a Friday). */
  weekdayConflict?: string;
  /** A day already gone when the mail was written ("jeudi dernier", "last week", « hier »): never a deadline. */
  past?: boolean;
}

/** "à 14h30", "à 9 h", "14:30", "at 2 pm", "at 10.30 am" right after a date. */
const TIME_AFTER = /^,?\s*(?:à|a|at|vers|around|,)?\s*(\d{1,2})(?:\s*(?:h|:|\.)\s*(\d{2})?\s*(am|pm)?|\s*(am|pm))(?![\p{L}\d])/iu;

/** "à midi", "noon", "at midnight" right after a date ("demain midi", "by tomorrow noon"). */
const NOON_AFTER = /^,?\s*(?:à|a|at|vers|around)?\s*(midi|noon|minuit|midnight)(?![\p{L}\d])/iu;

function readTime(after: string): { time: string; length: number } | undefined {
  const noon = NOON_AFTER.exec(after);
  if (noon) return { time: /^(?:midi|noon)$/i.test(noon[1]) ? '12:00' : '00:00', length: noon[0].length };
  const m = TIME_AFTER.exec(after);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minutes = m[2] ? Number(m[2]) : 0;
  const meridiem = (m[3] ?? m[4])?.toLowerCase();
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minutes > 59) return undefined;
  return { time: `${String(hour).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`, length: m[0].length };
}

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, january: 1, fevrier: 2, fevr: 2, fev: 2, february: 2, feb: 2, mars: 3, march: 3, mar: 3,
  avril: 4, avr: 4, april: 4, apr: 4, mai: 5, may: 5, juin: 6, june: 6, jun: 6, juillet: 7, juil: 7, july: 7, jul: 7,
  aout: 8, august: 8, aug: 8, septembre: 9, sept: 9, september: 9, sep: 9, octobre: 10, oct: 10, october: 10,
  novembre: 11, nov: 11, november: 11, decembre: 12, dec: 12, december: 12,
};
const WEEKDAYS: Record<string, number> = {
  dimanche: 0, sunday: 0, lundi: 1, monday: 1, mardi: 2, tuesday: 2, mercredi: 3, wednesday: 3, jeudi: 4, thursday: 4,
  vendredi: 5, friday: 5, samedi: 6, saturday: 6,
};
const NUMBER_WORDS: Record<string, number> = {
  un: 1, une: 1, one: 1, deux: 2, two: 2, trois: 3, three: 3, quatre: 4, four: 4, cinq: 5, five: 5, six: 6, sept: 7,
  seven: 7, huit: 8, eight: 8, dix: 10, ten: 10, quinze: 15, fifteen: 15,
};

const MONTH_RE =
  'janvier|janv\\.?|f[ée]vrier|f[ée]vr?\\.?|mars|avril|avr\\.?|mai|juin|juillet|juil\\.?|ao[uû]t|septembre|sept\\.?|octobre|oct\\.?|novembre|nov\\.?|d[ée]cembre|d[ée]c\\.?|january|jan\\.?|february|feb\\.?|march|april|apr\\.?|may|june|july|august|aug\\.?|september|sep\\.?|october|november|december';
const WEEKDAY_RE = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const NUM_RE = '\\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze|one|two|three|four|five|seven|eight|ten|fifteen';

/**
 * Deadline cues just before a date (checked on the 30 characters before it). "jusqu'au" and "until" are left out:
 * they mostly bound a period ("en rupture jusqu'au 22 mars"), not a task.
 */
const DEADLINE_CUE =
  /(?<![\p{L}\p{N}])(?:avant(?:\s+(?:le|la|ce|cette))?|d['’]ici(?:\s+(?:le|à|a|au|la))?|au\s+plus\s+tard(?:\s+(?:le|pour|à|a))?|pour\s+le|date\s+limite\s*:?|échéance\s*:?|echeance\s*:?|délai\s*:?|by|before|no\s+later\s+than|not\s+later\s+than|due(?:\s+(?:on|by))?|deadline\s*:?|at\s+the\s+latest\s+(?:on|by))\s*(?:le\s+|la\s+|the\s+|this\s+|ce\s+|cette\s+)?$/iu;

const ASAP_RE =
  /\b(?:asap|as\s+soon\s+as\s+possible|d[èe]s\s+que\s+possible|au\s+plus\s+vite|au\s+plus\s+t[ôo]t|dans\s+les\s+meilleurs\s+d[ée]lais|sans\s+d[ée]lai|imm[ée]diatement|immediately|without\s+delay|urgently|en\s+urgence)\b/gi;

interface Rule {
  re: RegExp;
  resolve: (m: RegExpExecArray, today: Day) => Day | undefined;
  /** The phrase itself is a deadline ("sous 48 h", "within 3 days"). */
  deadline?: boolean;
  /** The phrase names a day before today ("jeudi dernier", "yesterday"). */
  past?: boolean;
}

/** A calendar day without time zone trouble. */
interface Day {
  y: number;
  m: number; // 1-12
  d: number;
}

const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\.$/, '');

function toDate(day: Day): Date {
  return new Date(Date.UTC(day.y, day.m - 1, day.d));
}
function fromDate(date: Date): Day {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}
function addDays(day: Day, n: number): Day {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + n);
  return fromDate(date);
}
function valid(day: Day): Day | undefined {
  const back = fromDate(toDate(day));
  return back.y === day.y && back.m === day.m && back.d === day.d ? day : undefined;
}
function compare(a: Day, b: Day): number {
  return toDate(a).getTime() - toDate(b).getTime();
}
function lastOfMonth(y: number, m: number): Day {
  return fromDate(new Date(Date.UTC(y, m, 0)));
}
/** A day-month without a year: this year, unless that is more than two months ago (then next year: "avant le 10/01" said in December). */
function withYear(d: number, m: number, today: Day, year?: string): Day | undefined {
  if (year) {
    const y = Number(year.length === 2 ? '20' + year : year);
    return valid({ y, m, d });
  }
  const guess = valid({ y: today.y, m, d });
  if (!guess) return undefined;
  return compare(guess, addDays(today, -60)) < 0 ? valid({ y: today.y + 1, m, d }) : guess;
}
function nextWeekday(today: Day, weekday: number, strictlyNextWeek = false): Day {
  const current = toDate(today).getUTCDay();
  let delta = (weekday - current + 7) % 7;
  if (delta === 0) delta = 7;
  if (strictlyNextWeek && delta < 7 && (current === 0 || weekday > current)) delta += 7;
  return addDays(today, delta);
}
/** The last `weekday` strictly before today ("jeudi dernier" said on a Monday: four days before). */
function previousWeekday(today: Day, weekday: number): Day {
  const current = toDate(today).getUTCDay();
  let delta = (current - weekday + 7) % 7;
  if (delta === 0) delta = 7;
  return addDays(today, -delta);
}
function parseNumber(word: string): number {
  const n = Number(word);
  return Number.isFinite(n) ? n : (NUMBER_WORDS[fold(word)] ?? NaN);
}

const RULES: Rule[] = [
  // ISO 2026-03-12
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, resolve: (m) => valid({ y: +m[1], m: +m[2], d: +m[3] }) },
  // 12/03, 12/03/2026, 12.03.26, 12-03-2026
  // Without a year the form must look like a date, not a dose or a range: "3.5 mg", "1/2", "10-12 patients" are not.
  {
    re: /(?<![\d/.,\[-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?\b(?![/.,-]\d|\])/g,
    resolve: (m, today) => {
      const [, d, sep, mo, y] = m;
      if (+mo < 1 || +mo > 12) return undefined;
      if (!y && (sep === '-' || (sep === '.' && (d.length < 2 || mo.length < 2)) || (d.length < 2 && mo.length < 2))) return undefined;
      return withYear(+d, +mo, today, y);
    },
  },
  // (lundi) 12 mars (2026), 1er avril, 12th March 2026
  {
    re: new RegExp(`\\b(?:(${WEEKDAY_RE})\\s+)?(1er|\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})(?:\\s+(\\d{4}))?(?![\\p{L}])`, 'giu'),
    resolve: (m, today) => {
      const month = MONTHS[fold(m[3])];
      if (!month) return undefined;
      const day = m[2] === '1er' ? 1 : +m[2];
      const guess = withYear(day, month, today, m[4]);
      // "vendredi 29 mars" without a year: the year whose 29 March is a Friday, if the nearest one is not and that
      // year is a plausible reading of the mail (ahead within a year, or a recent past). Otherwise the date stays
      // and findDates reports the weekday that contradicts it, rather than moving the date a year away.
      if (guess && m[1] && !m[4] && toDate(guess).getUTCDay() !== WEEKDAYS[fold(m[1])]) {
        for (const y of [guess.y + 1, guess.y - 1]) {
          const other = valid({ y, m: month, d: day });
          const days = other ? (toDate(other).getTime() - toDate(today).getTime()) / 86400000 : NaN;
          if (other && toDate(other).getUTCDay() === WEEKDAYS[fold(m[1])] && days >= -60 && days <= 366 && compare(guess, today) < 0) return other;
        }
      }
      return guess;
    },
  },
  // March 12(th)(, 2026)
  {
    re: new RegExp(`\\b(${MONTH_RE})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'giu'),
    resolve: (m, today) => {
      const month = MONTHS[fold(m[1])];
      return month ? withYear(+m[2], month, today, m[3]) : undefined;
    },
  },
  // fin mars / end of March / fin du mois / end of the month
  {
    re: new RegExp(`\\b(?:fin\\s+(?:du\\s+mois\\s+de\\s+|de\\s+|d['’])?|end\\s+of\\s+)(${MONTH_RE}|(?:du\\s+|the\\s+|ce\\s+|this\\s+)?(?:mois|month))\\b`, 'giu'),
    resolve: (m, today) => {
      const month = MONTHS[fold(m[1])];
      if (!month) return lastOfMonth(today.y, today.m);
      const y = month < today.m - 2 ? today.y + 1 : today.y;
      return lastOfMonth(y, month);
    },
    deadline: true,
  },
  // fin de semaine / end of (the) week
  {
    re: /\b(?:(?:en\s+)?fin\s+de\s+(?:la\s+)?semaine|end\s+of\s+(?:the|this)\s+week)\b/gi,
    resolve: (_m, today) => nextWeekday(addDays(today, -1), 5),
    deadline: true,
  },
  // la semaine prochaine / next week → the Friday of next week
  {
    re: /\b(?:la\s+semaine\s+prochaine|next\s+week)\b/gi,
    resolve: (_m, today) => addDays(nextWeekday(today, 1), 4),
  },
  // Days already gone: jeudi dernier, lundi passé, last Thursday; la semaine dernière, last week; hier, yesterday.
  // Longer than the bare weekday they contain, so they win over the next rule; marked past, never a deadline.
  {
    re: new RegExp(`(?<![\\p{L}])(?:(${WEEKDAY_RE})\\s+(?:derni(?:er|ère)|pass[ée]e?)|last\\s+(${WEEKDAY_RE}))(?![\\p{L}])`, 'giu'),
    resolve: (m, today) => previousWeekday(today, WEEKDAYS[fold(m[1] ?? m[2])]),
    past: true,
  },
  {
    re: /(?<![\p{L}])(?:la\s+semaine\s+(?:derni[èe]re|pass[ée]e)|last\s+week)(?![\p{L}])/giu,
    resolve: (_m, today) => previousWeekday(previousWeekday(today, 1), 1),
    past: true,
  },
  {
    re: /(?<![\p{L}-])(?:avant-hier|hier|the\s+day\s+before\s+yesterday|yesterday)(?![\p{L}])/giu,
    resolve: (m, today) => addDays(today, /^(?:avant|the)/i.test(m[0]) ? -2 : -1),
    past: true,
  },
  // (lundi|next Monday|lundi prochain|this Friday); « mardi prochain 14 h » (the time is read after), not « mardi 20 ».
  {
    re: new RegExp(`\\b(?:(next|this|ce)\\s+)?(${WEEKDAY_RE})(?:(\\s+prochain)\\b|\\b(?!\\s+(?:\\d|1er)))`, 'giu'),
    resolve: (m, today) => nextWeekday(today, WEEKDAYS[fold(m[2])], fold(m[1] ?? '') === 'next'),
  },
  // aujourd'hui, today, ce soir, tonight, ce jour, demain, tomorrow, après-demain
  {
    re: /\b(aujourd['’]hui|today|tonight|ce\s+soir|ce\s+jour|cet\s+apr[èe]s-midi|this\s+(?:afternoon|evening|morning)|apr[èe]s-demain|the\s+day\s+after\s+tomorrow|demain|tomorrow)\b/gi,
    resolve: (m, today) => {
      const w = fold(m[1]);
      if (w.startsWith('apres-demain') || w.startsWith('the day after')) return addDays(today, 2);
      if (w === 'demain' || w === 'tomorrow') return addDays(today, 1);
      return today;
    },
  },
  // sous 48 h, dans 3 jours, within 3 days, in two weeks, sous huit jours
  {
    re: new RegExp(`\\b(sous|dans|d['’]ici|within|in)\\s+(?:les\\s+|the\\s+next\\s+)?(${NUM_RE})\\s*(h\\b|heures?|hours?|jours?(?:\\s+ouvr[ée]s)?|days?|business\\s+days?|working\\s+days?|semaines?|weeks?)`, 'giu'),
    resolve: (m, today) => {
      const n = parseNumber(m[2]);
      if (!Number.isFinite(n)) return undefined;
      const unit = fold(m[3]);
      const days = unit.startsWith('h') ? Math.ceil(n / 24) : /^(semaine|week)/.test(unit) ? n * 7 : n;
      return addDays(today, days);
    },
    deadline: true,
  },
];

/** Today as a calendar day (local date of the given instant). */
function dayOf(today: Date): Day {
  return { y: today.getFullYear(), m: today.getMonth() + 1, d: today.getDate() };
}

export function isoDay(day: Day): string {
  return `${day.y}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
}

/** Every date or deadline phrase in the text, left to right, without overlaps (the longest match wins). */
export function findDates(text: string, today: Date): FoundDate[] {
  const base = dayOf(today);
  const found: FoundDate[] = [];
  const leadingTimes: FoundDate[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const day = rule.resolve(m, base);
      if (!day) continue;
      found.push({ start: m.index, end: m.index + m[0].length, raw: m[0], date: isoDay(day), deadline: !!rule.deadline, asap: false, ...(rule.past ? { past: true } : {}) });
    }
  }
  ASAP_RE.lastIndex = 0;
  for (let m = ASAP_RE.exec(text); m; m = ASAP_RE.exec(text))
    found.push({ start: m.index, end: m.index + m[0].length, raw: m[0], date: isoDay(base), deadline: true, asap: true });
  // "avant 13 h", "d'ici midi", "by 5 pm": a deadline of the same day.
  SAME_DAY_TIME.lastIndex = 0;
  for (let m = SAME_DAY_TIME.exec(text); m; m = SAME_DAY_TIME.exec(text)) {
    const noon = /midi|noon/i.test(m[2] ?? '');
    const time = noon ? { time: '12:00', length: m[2].length } : readTime(m[2]);
    if (!time) continue;
    const entry = { start: m.index, end: m.index + m[0].length, raw: m[0], date: isoDay(base), deadline: true, asap: false, time: time.time };
    // "avant 13 h le 12 mars", "by 5 pm on Friday": the time belongs to the date that follows.
    if (DAY_AFTER_TIME.test(text.slice(entry.end, entry.end + 40))) leadingTimes.push(entry);
    else found.push(entry);
  }

  // Keep the longest of overlapping matches.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: FoundDate[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) {
      if (f.end - f.start > last.end - last.start) kept[kept.length - 1] = f;
      continue;
    }
    kept.push(f);
  }
  // Widen to a time of day after ("le 19 mars à 14h30"), and to the cue before ("avant le 12/03"), marking a deadline.
  for (const f of kept) {
    if (f.asap || f.time) continue;
    const time = readTime(text.slice(f.end, f.end + 24));
    if (time) {
      f.time = time.time;
      f.end += time.length;
      f.raw = text.slice(f.start, f.end);
    }
  }
  for (const f of kept) {
    const lead = leadingTimes.find((t) => t.end <= f.start && /^[\s,]*(?:le|ce|on|this|the)?\s*$/i.test(text.slice(t.end, f.start)));
    if (lead && !f.asap) {
      f.time = f.time ?? lead.time;
      f.start = lead.start;
      f.deadline = true;
      f.raw = text.slice(f.start, f.end);
    }
  }
  for (const f of kept) {
    const before = text.slice(Math.max(0, f.start - 30), f.start);
    const cue = f.past ? null : DEADLINE_CUE.exec(before);
    if (cue && cue[0].trim()) {
      f.deadline = true;
      f.start -= cue[0].length;
      f.raw = text.slice(f.start, f.end);
    }
  }
  // A weekday written with the date ("jeudi 12/03", "vendredi 20 mars") that the date does not fall on is reported,
  // never silently kept: the answer then shows the date with its real weekday and the contradiction.
  for (const f of kept) {
    if (!f.date || f.asap) continue;
    const written = new RegExp(`(${WEEKDAY_RE})\\s*,?\\s*(?:le\\s+|the\\s+)?(?=\\d)`, 'iu').exec(f.raw)?.[1] ?? WEEKDAY_BEFORE.exec(text.slice(Math.max(0, f.start - 16), f.start))?.[1];
    if (!written) continue;
    const [y, mo, d] = f.date.split('-').map(Number);
    if (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() !== WEEKDAYS[fold(written)]) f.weekdayConflict = written;
  }
  return kept;
}

/** A weekday right before a numeric or day-month date ("jeudi 12/03", "Friday, 20 March"). */
const WEEKDAY_BEFORE = new RegExp(`(?<![\\p{L}])(${WEEKDAY_RE})\\s*,?\\s*(?:le\\s+|the\\s+)?$`, 'iu');

const DAY_AFTER_TIME = new RegExp(`^[\\s,]*(?:le|ce|on|this|the)?\\s*(?:\\d|1er|${WEEKDAY_RE}|demain|tomorrow|apr[eè]s-demain)`, 'iu');

/** A deadline cue followed by a time of day only: "avant 13 h", "d'ici 17h30", "au plus tard à midi", "by 5 pm". */
const SAME_DAY_TIME =
  /(?<![\p{L}\p{N}])(avant|d['’]ici|au\s+plus\s+tard\s+(?:à|a)|pour|by|before|no\s+later\s+than|until|jusqu['’](?:à|a))\s+((?:\d{1,2}\s*(?:h(?:\s*\d{2})?|:\d{2}\s*(?:am|pm)?|\s*(?:am|pm)))|midi|noon)(?![\p{L}\d])/giu;

/**
 * The calendar day a mail was sent, from how hosts and headers write it: ISO ("2026-03-09T08:42:00+01:00", the
 * sender's own day), RFC 2822 ("Mon, 9 Mar 2026 08:42:00 +0100"), Outlook's « lundi 9 mars 2026 08:42 », "09/03/2026".
 * Returned at local noon, so that the local calendar day is that day whatever the time zone. Undefined when unreadable.
 */
export function sentDay(value: string | undefined | null): Date | undefined {
  if (!value || !value.trim()) return undefined;
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  let day: Day | undefined = iso ? valid({ y: +iso[1], m: +iso[2], d: +iso[3] }) : undefined;
  if (!day) {
    const withYearWritten = findDates(value.slice(0, 200), new Date(2000, 0, 1, 12)).find((f) => f.date && /\d{4}/.test(f.raw));
    if (withYearWritten?.date) {
      const [y, m, d] = withYearWritten.date.split('-').map(Number);
      day = { y, m, d };
    }
  }
  if (!day) {
    const parsed = Date.parse(value);
    if (!Number.isFinite(parsed)) return undefined;
    day = dayOf(new Date(parsed));
  }
  return new Date(day.y, day.m - 1, day.d, 12);
}

const FR_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const FR_DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "vendredi 27 novembre 2026" / "Friday 27 November 2026" for an ISO day. */
export function formatDay(iso: string, lang: Lang, withWeekday = true): string {
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (lang === 'fr') {
    const day = d === 1 ? '1er' : String(d);
    return `${withWeekday ? FR_DAYS[weekday] + ' ' : ''}${day} ${FR_MONTHS[m - 1]} ${y}`;
  }
  return `${withWeekday ? EN_DAYS[weekday] + ' ' : ''}${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** Today's date as a letter writes it ("le 23 novembre 2026" is the caller's business: this gives "23 novembre 2026"). */
export function formatToday(today: Date, lang: Lang): string {
  return formatDay(isoDay(dayOf(today)), lang, false);
}

/** "14 h 30" / "2:30 pm" for `HH:MM`. */
export function formatTime(time: string, lang: Lang): string {
  const [h, m] = time.split(':').map(Number);
  if (lang === 'fr') return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${hour12}${m ? ':' + String(m).padStart(2, '0') : ''} ${h < 12 ? 'am' : 'pm'}`;
}

/** Whole days from today to an ISO day (negative when past). */
export function daysUntil(iso: string, today: Date): number {
  const [y, m, d] = iso.split('-').map(Number);
  const t = dayOf(today);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(t.y, t.m - 1, t.d)) / 86400000);
}
