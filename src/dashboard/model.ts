/**
 * What the dashboard components draw: the report (src/core/metrics/report-types.ts) reshaped for display. A `Cell` is
 * a figure, `{suppressed:true}` when the server hid it (fewer than k distinct device tokens), or `null` when there is
 * nothing to compute (a rate with no denominator). Only `fromReport` (report.ts) knows the API's JSON shape.
 */
import { isSuppressed, type Suppressed } from '../core/metrics/report-types';

export type Cell = number | null | Suppressed;

export interface DashboardModel {
  k: number;
  generatedAt: string | null;
  since: string | null;
  until: string | null;
  /** Values the filters can take (from the data and the headcount table). */
  options: { sites: string[]; roles: string[]; hosts: string[] };
  /** True when no event at all matches the filters (the "no data yet" state). */
  empty: boolean;
  summary: { activeUsers: Cell; runs: Cell; acceptance: Cell; benefitShare: Cell; hoursSavedPerWeek: Cell };
  /** `partial`: the period ends before the week's Sunday (e.g. the current week), so its counts are not comparable yet. */
  weeklyActive: { roles: string[]; rows: { week: string; partial: boolean; values: Record<string, Cell> }[] };
  adoptionRate: { site: string; role: string; active: Cell; headcount: number | null; rate: Cell }[];
  retention: { role: string; cohort: Cell; retained: Cell; rate: Cell }[];
  topPrompts: { role: string; promptId: string; runs: Cell }[];
  runsPerHost: { host: string; runs: Cell }[];
  outcomeRates: { role: string; runs: Cell; acceptance: Cell; cancel: Cell; error: Cell; meanTtftMs: Cell; meanTotalMs: Cell }[];
  benefit: { role: string; respondents: Cell; share: Cell }[];
  timeSaved: { bucket: string; count: Cell }[];
  hoursSaved: { role: string; survey: Cell; prompts: Cell }[];
  comfort: { mean: Cell; distribution: { score: number; count: Cell }[] };
  intensity: { bucket: string; users: Cell }[];
  funnel: { promptId: string; role: string | null; opened: Cell; generated: Cell; used: Cell }[];
  /** Site × role rows, per-role rows (`site: '*'`), per-site rows (`role: '*'`) and the overall row. */
  overview: { site: string; role: string; users: Cell; weekly: Cell; headcount: number | null; adopted: Cell; trend: Cell; respondents: Cell; benefit: Cell; hours: Cell; comfort: Cell }[];
  /** Prompt titles by id in the page's languages (from /api/prompts), when the library could be read. */
  promptTitles: Record<string, { fr: string; en: string }>;
  sites: { site: string; activeUsers: Cell; runs: Cell; acceptance: Cell; benefitShare: Cell; hoursSaved: Cell }[];
}

export type { HeadcountEntry } from '../core/metrics/report-types';

/** For charts: a hidden or empty cell is drawn as a gap (never as zero, which would be a false figure). */
export function chartValue(cell: Cell | undefined): number | undefined {
  return typeof cell === 'number' ? cell : undefined;
}

export { isSuppressed };

/** The `n` largest by a figure, for charts that would be unreadable with every row (the table keeps them all). */
export function topBy<T>(items: T[], value: (item: T) => Cell, n: number): T[] {
  return [...items].sort((a, b) => (chartValue(value(b)) ?? -1) - (chartValue(value(a)) ?? -1)).slice(0, n);
}
