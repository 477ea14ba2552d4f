/**
 * Token months: the calendar on which every device renews its anonymous token, the same for all devices.
 *
 * A token month is a calendar month made of whole ISO weeks (UTC): an ISO week belongs to the month of its Thursday
 * (the rule ISO 8601 uses for years), so months have 4 or 5 weeks, and neither a week nor a month ever spans two
 * tokens of one device. Within a token month, distinct tokens are distinct devices, i.e. people as closely as
 * anonymity allows; over longer periods the report averages whole token months rather than adding up tokens.
 */

const DAY = 86_400_000;

/** Monday 00:00 UTC of the ISO week of a time. */
export function mondayOfMs(ms: number): number {
  const d = new Date(ms);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
}

/** The token month (`YYYY-MM`) of a time. */
export function tokenMonthOf(ms: number): string {
  return new Date(mondayOfMs(ms) + 3 * DAY).toISOString().slice(0, 7);
}

/** The token month (`YYYY-MM`) of an ISO week named by its Monday (`YYYY-MM-DD`). */
export function tokenMonthOfWeek(monday: string): string {
  return tokenMonthOf(Date.parse(monday + 'T00:00:00Z'));
}

/** The ISO weeks (Mondays) of a token month `YYYY-MM`. */
export function weeksOfTokenMonth(month: string): string[] {
  const out: string[] = [];
  // The month's first week is the one holding its first Thursday: it starts at most 3 days before the 1st.
  let w = mondayOfMs(Date.parse(month + '-01T00:00:00Z') + 3 * DAY);
  for (; tokenMonthOf(w) === month; w += 7 * DAY) out.push(new Date(w).toISOString().slice(0, 10));
  return out;
}

/**
 * "People active per month" over a period of whole ISO weeks, from the distinct devices of each token month's part of
 * the period (`distinct(month)`; the demo's truth passes distinct people instead):
 *   - the mean over the token months wholly inside the period (never a sum of tokens across months);
 *   - for a period holding no whole month (shorter than a month, or across one boundary), the larger of its month
 *     parts: a lower bound of the distinct people, exact when everyone active in the period was active in that part.
 */
export function perMonthMean(weeks: readonly string[], distinct: (month: string) => number): number {
  if (!weeks.length) return 0;
  const inPeriod = new Map<string, number>();
  for (const w of weeks) {
    const m = tokenMonthOfWeek(w);
    inPeriod.set(m, (inPeriod.get(m) ?? 0) + 1);
  }
  const whole = [...inPeriod].filter(([m, n]) => n === weeksOfTokenMonth(m).length).map(([m]) => m);
  if (whole.length) return whole.reduce((sum, m) => sum + distinct(m), 0) / whole.length;
  return Math.max(...[...inPeriod.keys()].map(distinct));
}
