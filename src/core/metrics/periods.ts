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

/**
 * "People active per month" over a period of whole ISO weeks: the mean, over the token months the period touches, of
 * the distinct devices active in each (a month cut by the period counts the part inside it, weighted by its weeks).
 * `distinct(month)` gives the distinct devices (or, for the demo's truth, people) of one month's part of the period.
 */
export function perMonthMean(weeks: readonly string[], distinct: (month: string) => number): number {
  if (!weeks.length) return 0;
  const weight = new Map<string, number>();
  for (const w of weeks) {
    const m = tokenMonthOfWeek(w);
    weight.set(m, (weight.get(m) ?? 0) + 1);
  }
  let sum = 0;
  for (const [m, n] of weight) sum += n * distinct(m);
  return sum / weeks.length;
}
