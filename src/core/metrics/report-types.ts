/**
 * The JSON of the dashboard API (`GET /api/dashboard/report`) and of `aide metrics report --json`: one shape, the same
 * figures and the same suppression in both.
 *
 * Suppression: every figure computed from fewer than `k` distinct device tokens is `{suppressed: true}` (shown as
 * "< k", left out of the CSV). A count of 0 (no token at all) is shown: it identifies nobody. Where visible cells of
 * a table add up to a published total, a complementary cell is suppressed too, so that a hidden cell can never be
 * recovered as "total minus the visible cells" (see src/server/metrics/README.md).
 *
 * Weeks are ISO weeks named by their Monday (`YYYY-MM-DD`, UTC). Dates in filters are inclusive ISO dates.
 */

/** A figure hidden because fewer than k distinct device tokens contributed (or to protect such a figure). */
export interface Suppressed {
  suppressed: true;
  /**
   * `small`: computed from 1 to k−1 distinct devices (shown "< k"); `linked`: hidden only so that another hidden
   * figure cannot be recovered by subtraction (shown "hidden"). Absent in reports of schema version 1.
   */
  reason?: 'small' | 'linked';
}

/** A count or a mean; `{suppressed:true}` when hidden. */
export type Figure = number | Suppressed;
/** A share in [0, 1]; `null` when the denominator is 0 (nothing to divide), `{suppressed:true}` when hidden. */
export type Rate = number | null | Suppressed;

export function isSuppressed(value: unknown): value is Suppressed {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

/** The filters of the report (query string of the API, options of the CLI). All optional. */
export interface ReportFilters {
  /** Inclusive start date, `YYYY-MM-DD` (UTC). Default: the start of the retained history. */
  since?: string;
  /** Inclusive end date, `YYYY-MM-DD` (UTC). Default: today. */
  until?: string;
  site?: string;
  role?: string;
  /** `outlook`, `word` or `preview`: applies to prompt openings and runs (and feedback on those runs); surveys are not host-specific. */
  host?: string;
}

export const TIME_SAVED_BUCKETS = ['0', 'lt30', '30to60', '1to2h', '2to4h', 'gt4h'] as const;
export type TimeSavedBucket = (typeof TIME_SAVED_BUCKETS)[number];

export const INTENSITY_BUCKETS = ['1-5', '6-10', '11+'] as const;
export type IntensityBucket = (typeof INTENSITY_BUCKETS)[number];

export const OUTCOMES = ['inserted', 'copied', 'discarded', 'cancelled', 'error'] as const;
export type RunOutcome = (typeof OUTCOMES)[number];

/** Enrolled staff per site and role, entered by the program lead (`GET|PUT /api/dashboard/headcount` → `{headcount: HeadcountEntry[]}`). */
export interface HeadcountEntry {
  site: string;
  role: string;
  headcount: number;
}

export interface DashboardReport {
  /** 2: adds summary.activeUsers (people per month), overview, sites[].activeUsers and Suppressed.reason. */
  schemaVersion: 2;
  generatedAt: string;
  /** Minimum number of distinct device tokens behind a shown figure. */
  k: number;
  /** The filters as applied (since/until resolved to actual dates). */
  filters: ReportFilters & { since: string; until: string };
  /** Every ISO week (Monday) of the period, oldest first. */
  weeks: string[];
  /** Values the filters can take (from the data and the headcount table), sorted. */
  options: { sites: string[]; roles: string[]; hosts: string[] };
  /** True when no event matches the filters. */
  empty: boolean;

  summary: {
    /**
     * People active per month: distinct devices active in each token month of the period (a calendar month of whole
     * ISO weeks, on which every device renews its token), averaged over the period's months weighted by their weeks
     * in it (src/core/metrics/periods.ts). Within one month it is the number of devices, i.e. of people (a person on
     * two devices counts twice); it is never a sum of tokens over months.
     */
    activeUsers: Figure;
    /** Distinct device tokens with at least one event in the period (a device renews its token every month). */
    activeTokens: Figure;
    runs: Figure;
    /** (inserted + copied) / runs. */
    acceptance: Rate;
    /** Share of survey answers reporting a real benefit. */
    benefitShare: Rate;
    /** Estimated hours saved per week, from the survey: the sum of impact.hoursSaved[].survey. */
    hoursSavedPerWeek: Figure;
  };

  adoption: {
    /** Weekly active tokens per role, one row per week × role (weeks with no activity have 0). The period is whole ISO weeks. */
    weeklyActive: { week: string; role: string; tokens: Figure }[];
    /**
     * Adoption per site × role: mean weekly active tokens over the last 4 weeks of the period / enrolled headcount
     * (weekly counts, so a token rotated during those weeks is not counted twice). `rate` is null without headcount.
     */
    rate: { site: string; role: string; activeTokens: Figure; headcount: number | null; rate: Rate }[];
    /** New tokens (first seen in the period, at least 4 weeks before its end) and, of those, active in their 4th week. */
    retention: { role: string; cohort: Figure; retainedWeek4: Figure; rate: Rate }[];
  };

  usage: {
    /** Top prompts per role by runs (at most 10 per role), most used first. */
    topPrompts: { role: string; promptId: string; runs: Figure }[];
    runsPerHost: { host: string; runs: Figure }[];
    /** Outcomes per role; the row with role `all` is every role together. */
    outcomes: {
      role: string;
      runs: Figure;
      counts: Record<RunOutcome, Figure>;
      acceptance: Rate;
      cancelRate: Rate;
      errorRate: Rate;
      /** Mean time to first token and mean total time of the runs, ms. */
      meanTtftMs: Figure;
      meanTotalMs: Figure;
    }[];
    /** Feedback on runs: answers and share marked useful. */
    feedback: { role: string; answers: Figure; usefulShare: Rate }[];
  };

  impact: {
    /** Survey answers and those reporting a real benefit, per role; the row with role `all` is every role together. */
    benefit: { role: string; answers: Figure; yes: Figure; share: Rate }[];
    /** Distribution of the weekly time saved (survey answers), all roles together. */
    timeSaved: { bucket: TimeSavedBucket; answers: Figure }[];
    /**
     * Estimated hours saved per week per role: `survey` = mean answer (bucket mid-points: 0, 0.25, 0.75, 1.5, 3, 5 h)
     * × mean weekly active tokens of the role; `prompts` = Σ minutesSaved of the inserted/copied runs / 60 / weeks
     * in the period (null minutes when the prompt library is not known: then 0).
     */
    hoursSaved: { role: string; survey: Figure; prompts: Figure }[];
    /** Comfort / mental load 1–5: mean and distribution, all roles together. */
    comfort: { respondents: Figure; mean: Figure; distribution: { score: 1 | 2 | 3 | 4 | 5; answers: Figure }[] };
  };

  /**
   * The lead's first table: one row per site × role with activity or headcount, then one per role (`site: '*'`), one
   * per site (`role: '*'`) and the overall row (`'*'`, `'*'`).
   */
  overview: {
    site: string;
    role: string;
    /** People active per month, as `summary.activeUsers`. */
    activeUsers: Figure;
    /** Mean weekly active devices over the last 4 weeks of the period. */
    weeklyActive: Figure;
    /** Enrolled headcount (null when not entered for every site × role of the row). */
    headcount: number | null;
    /** weeklyActive / headcount. */
    adoption: Rate;
    /** Mean weekly active devices of the period's second half minus its first half. */
    trend: Figure;
    /** Survey answers. */
    respondents: Figure;
    /** Share of survey answers reporting a real benefit. */
    benefitShare: Rate;
    /** Mean reported time saved per week per answer, hours. */
    hoursSavedPerPerson: Figure;
    /** Mean comfort score 1–5. */
    comfort: Figure;
  }[];

  /** Tokens by their mean runs per active week. */
  intensity: { bucket: IntensityBucket; tokens: Figure }[];

  /** Funnel per prompt: times it was opened → run → its answer inserted or copied. */
  funnel: { promptId: string; role: string; opened: Figure; generated: Figure; used: Figure }[];

  /** Sites side by side. */
  sites: { site: string; activeUsers: Figure; activeTokens: Figure; runs: Figure; acceptance: Rate; benefitShare: Rate; hoursSavedPerWeek: Figure }[];
}
