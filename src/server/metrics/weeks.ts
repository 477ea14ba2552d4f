/** ISO weeks as YYYY-MM-DD strings of their Monday (UTC): they sort as dates in SQL and in JS alike. */

const DAY = 86_400_000;
export const WEEK_MS = 7 * DAY;

export function dayOf(ts: string): string {
  return ts.slice(0, 10);
}

/** Monday (UTC) of the ISO week of a YYYY-MM-DD day. */
export function weekOf(day: string): string {
  const ms = Date.parse(day + 'T00:00:00Z');
  const dow = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(ms - dow * DAY).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + days * DAY).toISOString().slice(0, 10);
}

/** Whole weeks from one Monday to another. */
export function weeksBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / WEEK_MS);
}
