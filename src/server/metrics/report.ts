/**
 * The figures of the adoption dashboard (and of `aide metrics report --json`), computed from the weekly
 * pre-aggregates with a handful of grouped queries, then protected by small-group suppression
 * (src/core/metrics/suppression.ts; rules in ./README.md).
 */
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { METRIC_HOSTS, siteSchema } from '../../core/metrics/events';
import {
  INTENSITY_BUCKETS,
  OUTCOMES,
  TIME_SAVED_BUCKETS,
  type DashboardReport,
  type Figure,
  type HeadcountEntry,
  type ReportFilters,
  type RunOutcome,
} from '../../core/metrics/report-types';
import { derived, effectiveK, figure, makeCell, protect, rate, type Cell, type Relation } from '../../core/metrics/suppression';
import type { Db } from '../db';
import { perMonthMean, tokenMonthOfWeek } from '../../core/metrics/periods';
import { addDays, weekOf } from './weeks';
import { minutesSql, OUTCOME_WINDOW_COLUMNS, SURVEY_WINDOW_COLUMNS } from './windows';

export class ReportFilterError extends Error {}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), 'not a real date');

/** Filters from a query string or CLI options; unknown keys (e.g. `lang`) are ignored. */
export const reportFiltersSchema = z.object({
  since: isoDate.optional(),
  until: isoDate.optional(),
  site: siteSchema.optional(),
  role: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'expected a role id').optional(),
  host: z.enum(METRIC_HOSTS).optional(),
});

export function parseReportFilters(input: Record<string, unknown>): ReportFilters {
  const cleaned = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = reportFiltersSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReportFilterError(`${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export interface ReportOptions {
  /** Minimum group size (never below 5). */
  k: number;
  now?: number;
  /** Estimated minutes saved per prompt id (from the prompt library); unknown prompts count 0. */
  minutesSaved?: Record<string, number>;
}

const MAX_WEEKS = 520;
const TOP_PROMPTS = 10;

const n = (v: unknown): number => Number(v ?? 0) || 0;

/** A count of distinct tokens (computed in SQL; only the number travels). */
class Tally {
  size = 0;
  add(n: number): void {
    this.size += n;
  }
}

interface OutcomeAgg {
  tokens: Tally;
  runs: number;
  runTokens: Tally;
  counts: Record<RunOutcome, number>;
  countTokens: Record<RunOutcome, Tally>;
  used: number;
  usedTokens: Tally;
  ttftSum: number;
  ttftN: number;
  totalSum: number;
  fbN: number;
  fbTokens: Tally;
  fbUseful: number;
  usefulTokens: Tally;
  notUsefulTokens: Tally;
}

const newAgg = (): OutcomeAgg => ({
  tokens: new Tally(),
  runs: 0,
  runTokens: new Tally(),
  counts: { inserted: 0, copied: 0, discarded: 0, cancelled: 0, error: 0 },
  countTokens: { inserted: new Tally(), copied: new Tally(), discarded: new Tally(), cancelled: new Tally(), error: new Tally() },
  used: 0,
  usedTokens: new Tally(),
  ttftSum: 0,
  ttftN: 0,
  totalSum: 0,
  fbN: 0,
  fbTokens: new Tally(),
  fbUseful: 0,
  usefulTokens: new Tally(),
  notUsefulTokens: new Tally(),
});

interface SurveyAgg {
  answers: number;
  tokens: Tally;
  yes: number;
  yesTokens: Tally;
  noTokens: Tally;
  minutes: number;
  buckets: Record<string, { n: number; tokens: Tally }>;
  comfortSum: number;
  comfort: { n: number; tokens: Tally }[];
}

const newSurveyAgg = (): SurveyAgg => ({
  answers: 0,
  tokens: new Tally(),
  yes: 0,
  yesTokens: new Tally(),
  noTokens: new Tally(),
  minutes: 0,
  buckets: Object.fromEntries(TIME_SAVED_BUCKETS.map((b) => [b, { n: 0, tokens: new Tally() }])),
  comfortSum: 0,
  comfort: [1, 2, 3, 4, 5].map(() => ({ n: 0, tokens: new Tally() })),
});

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

export async function buildReport(db: Db, filters: ReportFilters, options: ReportOptions): Promise<DashboardReport> {
  const k = effectiveK(options.k);
  const now = options.now ?? Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const hostKey = filters.host ?? '*';
  const untilDay = filters.until ?? today;
  let sinceDay = filters.since;
  if (!sinceDay) {
    const first = await db.selectFrom('metric_tokens').select((eb) => eb.fn.min('first_week').as('w')).executeTakeFirst();
    sinceDay = (first?.w as string | null | undefined) ?? addDays(weekOf(untilDay), -7 * 11);
    if (sinceDay > untilDay) sinceDay = weekOf(untilDay);
  }
  if (sinceDay > untilDay) throw new ReportFilterError(`since (${sinceDay}) is after until (${untilDay})`);
  const untilWeek = weekOf(untilDay);
  let sinceWeek = weekOf(sinceDay);
  if ((Date.parse(untilWeek) - Date.parse(sinceWeek)) / (7 * 86_400_000) >= MAX_WEEKS) sinceWeek = addDays(untilWeek, -7 * (MAX_WEEKS - 1));
  const weeks: string[] = [];
  for (let w = sinceWeek; w <= untilWeek; w = addDays(w, 7)) weeks.push(w);
  const nWeeks = weeks.length;
  const last4 = weeks.slice(-4);
  const { site, role } = filters;

  // ---- queries: grouped in SQL over the pre-aggregates; each returns a few hundred rows at most ----
  // Distinct tokens per (site, role) are counted per token, then summed across sites or roles: a device is counted
  // once per site and role it used (in practice one of each; the pane remembers the role).
  const recentFrom = last4[0] ?? sinceWeek;
  const filterSR = (alias: string) => [...(site ? [sql`${sql.raw(alias)}site = ${site}`] : []), ...(role ? [sql`${sql.raw(alias)}role = ${role}`] : [])];
  const and = (conds: RawBuilder<unknown>[]) => sql.join(conds, sql` and `);
  // Which windows a period reads (see ./windows.ts): whole lives inside it, lives cut by its start, by its end, by both.
  const windowParts = (table: string, hostCond: RawBuilder<unknown>[], cols: RawBuilder<unknown>) =>
    [
      sql`kind = 'full' and lo >= ${sinceWeek} and hi <= ${untilWeek}`,
      sql`kind = 'from' and lo = ${sinceWeek} and hi <= ${untilWeek}`,
      sql`kind = 'to' and hi = ${untilWeek} and lo >= ${sinceWeek}`,
      sql`kind = 'both' and lo = ${sinceWeek} and hi = ${untilWeek}`,
    ].map((cond) => sql`select site, role, ${cols} from ${sql.table(table)} where ${and([...hostCond, cond, ...filterSR('')])}`);

  // Long-lived tokens (rotated rarely or never) have no cut windows: their weekly rows are read when they straddle an
  // end of the period (with the default 30-day rotation there are none, and the index finds none at once).
  const longWeekly = (straddle: RawBuilder<unknown>) => sql`
      select w.site, w.role, max(w.week) as last_week, sum(case when w.runs > 0 then 1 else 0 end) as run_weeks,
        sum(w.runs) as runs, sum(w.inserted) as inserted, sum(w.copied) as copied, sum(w.discarded) as discarded,
        sum(w.cancelled) as cancelled, sum(w.errors) as errors, sum(w.ttft_sum) as ttft_sum, sum(w.ttft_n) as ttft_n,
        sum(w.total_sum) as total_sum, sum(w.feedback_n) as feedback_n, sum(w.feedback_useful) as feedback_useful
      from metric_token_summary s cross join metric_token_week w
      where ${and([sql`s.host = ${hostKey}`, sql`s.long_lived = 1`, straddle, sql`w.host = s.host and w.token = s.token and w.site = s.site and w.role = s.role`, sql`w.week >= ${sinceWeek}`, sql`w.week <= ${untilWeek}`, ...filterSR('s.')])}
      group by w.token, w.site, w.role`;
  const has = (expr: string) => sql.raw(`case when ${expr} > 0 then 1 else 0 end`);
  const longTokens = sql`
      select site, role, 1 as tokens, case when last_week >= ${recentFrom} then 1 else 0 end as recent,
        ${has('runs')} as run_tokens, runs, ${has('inserted')} as inserted_tokens, inserted, ${has('copied')} as copied_tokens, copied,
        ${has('discarded')} as discarded_tokens, discarded, ${has('cancelled')} as cancelled_tokens, cancelled, ${has('errors')} as error_tokens, errors,
        ${has('inserted + copied')} as used_tokens, ttft_sum, ttft_n, total_sum, ${has('feedback_n')} as fb_tokens, feedback_n,
        ${has('feedback_useful')} as useful_tokens, feedback_useful, ${has('feedback_n - feedback_useful')} as not_useful_tokens,
        case when runs > 0 and 2 * runs < 11 * run_weeks then 1 else 0 end as i1,
        case when runs > 0 and 2 * runs >= 11 * run_weeks and 2 * runs < 21 * run_weeks then 1 else 0 end as i2,
        case when runs > 0 and 2 * runs >= 21 * run_weeks then 1 else 0 end as i3
      from (${longWeekly(sql`s.first_week < ${sinceWeek} and s.last_week >= ${sinceWeek}`)}
        union all ${longWeekly(sql`s.first_week >= ${sinceWeek} and s.first_week <= ${untilWeek} and s.last_week > ${untilWeek}`)}) t`;
  // `recent`: tokens active in the period's last 4 weeks; for whole lives and lives cut by the start only, that is
  // their last week (hi); windows cut by the end carry it.
  const outcomeCols = sql`tokens, case when kind in ('full', 'from') then (case when hi >= ${recentFrom} then tokens else 0 end) else recent end as recent,
    ${sql.raw(OUTCOME_WINDOW_COLUMNS.filter((c) => c !== 'tokens' && c !== 'recent').join(', '))}`;
  const perGroupQ = sql<Record<string, unknown>>`
    select site, role, sum(tokens) as tokens, sum(recent) as recent_tokens, sum(run_tokens) as run_tokens, sum(runs) as runs,
      sum(inserted_tokens) as inserted_tokens, sum(inserted) as inserted, sum(copied_tokens) as copied_tokens, sum(copied) as copied,
      sum(discarded_tokens) as discarded_tokens, sum(discarded) as discarded, sum(cancelled_tokens) as cancelled_tokens, sum(cancelled) as cancelled,
      sum(error_tokens) as error_tokens, sum(errors) as error, sum(used_tokens) as used_tokens,
      sum(ttft_sum) as ttft_sum, sum(ttft_n) as ttft_n, sum(total_sum) as total_sum,
      sum(fb_tokens) as fb_tokens, sum(feedback_n) as fb, sum(useful_tokens) as useful_tokens, sum(feedback_useful) as useful,
      sum(not_useful_tokens) as not_useful_tokens, sum(i1) as i1, sum(i2) as i2, sum(i3) as i3
    from (${sql.join([...windowParts('metric_token_window', [sql`host = ${hostKey}`], outcomeCols), longTokens], sql` union all `)}) t
    group by site, role`.execute(db);

  // People: distinct tokens per token month. A token lives in one token month (the pane renews it on that calendar),
  // so it counts in the month where its life inside the period starts: the month of its window's first week (`lo`),
  // or, for long-lived tokens straddling an end of the period (they have no cut windows), of max(first week, start).
  const peopleQ = sql<{ site: string; role: string; lo: string; tokens: unknown }>`
    select site, role, lo, sum(tokens) as tokens
    from (${sql.join(windowParts('metric_token_window', [sql`host = ${hostKey}`], sql`lo, tokens`), sql` union all `)}) t
    group by site, role, lo`.execute(db);
  const longPeopleQ = sql<{ site: string; role: string; first_week: string; tokens: unknown }>`
    select s.site, s.role, s.first_week, count(distinct s.token) as tokens
    from metric_token_summary s cross join metric_token_week w
    where ${and([sql`s.host = ${hostKey}`, sql`s.long_lived = 1`, sql`s.first_week <= ${untilWeek}`, sql`s.last_week >= ${sinceWeek}`, sql`(s.first_week < ${sinceWeek} or s.last_week > ${untilWeek})`, sql`w.host = s.host and w.token = s.token and w.site = s.site and w.role = s.role`, sql`w.week >= ${sinceWeek}`, sql`w.week <= ${untilWeek}`, ...filterSR('s.')])}
    group by s.site, s.role, s.first_week`.execute(db);

  const weeklyQ = db
    .selectFrom('metric_week')
    .select(['week', 'site', 'role', 'tokens'])
    .where('host', '=', hostKey)
    .where('week', '>=', sinceWeek)
    .where('week', '<=', untilWeek)
    .$if(!!site, (qb) => qb.where('site', '=', site!))
    .$if(!!role, (qb) => qb.where('role', '=', role!))
    .execute();

  // Runs per host; the devices behind them are bounded below by the busiest week (a safe test against k).
  const hostsQ = db
    .selectFrom('metric_week')
    .select((eb) => ['host', 'week', eb.fn.sum<number>('runs').as('runs'), eb.fn.sum<number>('run_tokens').as('tokens')])
    .where(hostKey === '*' ? sql<boolean>`host <> '*'` : sql<boolean>`host = ${hostKey}`)
    .where('week', '>=', sinceWeek)
    .where('week', '<=', untilWeek)
    .$if(!!site, (qb) => qb.where('site', '=', site!))
    .$if(!!role, (qb) => qb.where('role', '=', role!))
    .groupBy(['host', 'week'])
    .execute();

  // Week-4 retention of new tokens (all hosts: a device is retained whatever it uses in its 4th week).
  const cohortEnd = addDays(untilWeek, -21);
  const retentionQ = db
    .selectFrom('metric_tokens')
    .select((eb) => ['role', eb.fn.countAll<number>().as('cohort'), eb.fn.sum<number>('retained').as('retained')])
    .where('first_week', '>=', sinceWeek)
    .where('first_week', '<=', cohortEnd)
    .$if(!!site, (qb) => qb.where('site', '=', site!))
    .$if(!!role, (qb) => qb.where('role', '=', role!))
    .groupBy('role')
    .execute();

  const promptsQ = db
    .selectFrom('metric_prompt_week')
    .select((eb) => [
      'role',
      'prompt_id',
      eb.fn.sum<number>('opens').as('opens'),
      eb.fn.sum<number>('runs').as('runs'),
      eb.fn.sum<number>('used').as('used'),
      // Distinct tokens over the period are not additive across weeks: the largest weekly count is a lower bound,
      // so a figure passes the k test only if it surely comes from k tokens or more.
      eb.fn.max('tokens_open').as('tokens_open'),
      eb.fn.max('tokens_run').as('tokens_run'),
      eb.fn.max('tokens_used').as('tokens_used'),
    ])
    .where('host', '=', hostKey)
    .where('week', '>=', sinceWeek)
    .where('week', '<=', untilWeek)
    .$if(!!site, (qb) => qb.where('site', '=', site!))
    .$if(!!role, (qb) => qb.where('role', '=', role!))
    .groupBy(['role', 'prompt_id'])
    .execute();

  // Survey answers per token over the period: from the windows, and from the answers of long-lived tokens that
  // straddle an end of the period.
  const longAnswers = (straddle: RawBuilder<unknown>) => sql`
      select v.site, v.role, count(*) as answers, sum(v.benefit) as yes,
        sum(${minutesSql(sql.ref('v.time_saved'))}) as minutes,
        sum(v.comfort) as comfort_sum,
        ${sql.join(TIME_SAVED_BUCKETS.map((b, i) => sql`sum(case when v.time_saved = ${b} then 1 else 0 end) as ${sql.raw(`t${i}`)}`))},
        ${sql.join([1, 2, 3, 4, 5].map((c) => sql`sum(case when v.comfort = ${c} then 1 else 0 end) as ${sql.raw(`c${c}`)}`))}
      from metric_survey_token s cross join metric_surveys v
      where ${and([sql`s.long_lived = 1`, straddle, sql`v.token = s.token and v.site = s.site and v.role = s.role`, sql`v.week >= ${sinceWeek}`, sql`v.week <= ${untilWeek}`, ...filterSR('s.')])}
      group by v.token, v.site, v.role`;
  const longSurveyTokens = sql`
      select site, role, 1 as tokens, answers, yes, ${has('yes')} as yes_tokens, ${has('answers - yes')} as no_tokens, minutes, comfort_sum,
        ${sql.raw(TIME_SAVED_BUCKETS.map((_, i) => `t${i}`).join(', '))}, ${sql.join(TIME_SAVED_BUCKETS.map((_, i) => sql`${has(`t${i}`)} as ${sql.raw(`tt${i}`)}`))},
        c1, c2, c3, c4, c5, ${sql.join([1, 2, 3, 4, 5].map((c) => sql`${has(`c${c}`)} as ${sql.raw(`ct${c}`)}`))}
      from (${longAnswers(sql`s.first_week < ${sinceWeek} and s.last_week >= ${sinceWeek}`)}
        union all ${longAnswers(sql`s.first_week >= ${sinceWeek} and s.first_week <= ${untilWeek} and s.last_week > ${untilWeek}`)}) t`;
  const surveyCols = sql.raw(SURVEY_WINDOW_COLUMNS.join(', '));
  const surveysQ = sql<Record<string, unknown>>`
    select site, role, ${sql.raw(SURVEY_WINDOW_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', '))}
    from (${sql.join([...windowParts('metric_survey_window', [], surveyCols), longSurveyTokens], sql` union all `)}) s
    group by site, role`.execute(db);

  const headcountQ = readHeadcount(db);
  const optionsQ = db.selectFrom('metric_week').select(['site', 'role', 'host']).distinct().where('host', '<>', '*').execute();

  const [groupRes, weekly, hostWeeks, retention, prompts, surveyRes, headcount, optionRows, peopleRes, longPeopleRes] = await Promise.all([
    perGroupQ,
    weeklyQ,
    hostsQ,
    retentionQ,
    promptsQ,
    surveysQ,
    headcountQ,
    optionsQ,
    peopleQ,
    longPeopleQ,
  ]);
  const groups = groupRes.rows;
  const surveyRows = surveyRes.rows;

  // ---- activity and outcomes ----
  const all = newAgg();
  const byRole = new Map<string, OutcomeAgg>();
  const bySite = new Map<string, OutcomeAgg>();
  const recentBySiteRole = new Map<string, number>();
  const intensity = INTENSITY_BUCKETS.map(() => 0);
  for (const r of groups) {
    const rSite = String(r.site);
    const rRole = String(r.role);
    for (const agg of [all, getOr(byRole, rRole, newAgg), getOr(bySite, rSite, newAgg)]) {
      agg.tokens.add(n(r.tokens));
      agg.runs += n(r.runs);
      agg.runTokens.add(n(r.run_tokens));
      for (const o of OUTCOMES) {
        agg.counts[o] += n(r[o]);
        agg.countTokens[o].add(n(r[`${o}_tokens`]));
      }
      agg.used += n(r.inserted) + n(r.copied);
      agg.usedTokens.add(n(r.used_tokens));
      agg.ttftSum += n(r.ttft_sum);
      agg.ttftN += n(r.ttft_n);
      agg.totalSum += n(r.total_sum);
      agg.fbN += n(r.fb);
      agg.fbUseful += n(r.useful);
      agg.fbTokens.add(n(r.fb_tokens));
      agg.usefulTokens.add(n(r.useful_tokens));
      agg.notUsefulTokens.add(n(r.not_useful_tokens));
    }
    recentBySiteRole.set(`${rSite}\u0000${rRole}`, (recentBySiteRole.get(`${rSite}\u0000${rRole}`) ?? 0) + n(r.recent_tokens));
    intensity[0]! += n(r.i1);
    intensity[1]! += n(r.i2);
    intensity[2]! += n(r.i3);
  }

  const surveyAll = newSurveyAgg();
  const surveyByRole = new Map<string, SurveyAgg>();
  const surveyBySite = new Map<string, SurveyAgg>();
  const surveyBySiteRole = new Map<string, SurveyAgg>();
  for (const r of surveyRows) {
    for (const agg of [
      surveyAll,
      getOr(surveyByRole, String(r.role), newSurveyAgg),
      getOr(surveyBySite, String(r.site), newSurveyAgg),
      getOr(surveyBySiteRole, `${String(r.site)}\u0000${String(r.role)}`, newSurveyAgg),
    ]) {
      agg.answers += n(r.answers);
      agg.tokens.add(n(r.tokens));
      agg.yes += n(r.yes);
      agg.yesTokens.add(n(r.yes_tokens));
      agg.noTokens.add(n(r.no_tokens));
      agg.minutes += n(r.minutes);
      agg.comfortSum += n(r.comfort_sum);
      TIME_SAVED_BUCKETS.forEach((b, i) => {
        agg.buckets[b]!.n += n(r[`t${i}`]);
        agg.buckets[b]!.tokens.add(n(r[`tt${i}`]));
      });
      for (let c = 1; c <= 5; c++) {
        agg.comfort[c - 1]!.n += n(r[`c${c}`]);
        agg.comfort[c - 1]!.tokens.add(n(r[`ct${c}`]));
      }
    }
  }

  const weeklyByRole = new Map<string, Map<string, number>>();
  const weeklyBySiteRole = new Map<string, Map<string, number>>();
  const weeklyBySite = new Map<string, Map<string, number>>();
  for (const r of weekly) {
    const v = n(r.tokens);
    const add = (map: Map<string, Map<string, number>>, key: string) => {
      const m = getOr(map, key, () => new Map<string, number>());
      m.set(String(r.week), (m.get(String(r.week)) ?? 0) + v);
    };
    add(weeklyByRole, r.role);
    add(weeklyBySiteRole, `${r.site}\u0000${r.role}`);
    add(weeklyBySite, r.site);
  }
  const meanWeekly = (m: Map<string, number> | undefined, over: string[]) => (over.length ? over.reduce((s, w) => s + (m?.get(w) ?? 0), 0) / over.length : 0);

  const roles = [...new Set([...byRole.keys(), ...surveyByRole.keys()])].sort();
  const sites = [...new Set([...bySite.keys(), ...surveyBySite.keys()])].sort();

  const relations: Relation[] = [];
  const sum = (total: Cell, parts: Cell[]) => relations.push({ total, parts });

  // Outcome cells per group; the `all` row shares its cells with the summary.
  const outcomeCells = (a: OutcomeAgg) => {
    const runs = makeCell(a.runs, a.runTokens.size, k);
    const counts = Object.fromEntries(OUTCOMES.map((o) => [o, makeCell(a.counts[o], a.countTokens[o].size, k)])) as Record<RunOutcome, Cell>;
    const used = makeCell(a.used, a.usedTokens.size, k, true);
    const fb = makeCell(a.fbN, a.fbTokens.size, k);
    const useful = makeCell(a.fbUseful, a.usefulTokens.size, k);
    const notUseful = makeCell(a.fbN - a.fbUseful, a.notUsefulTokens.size, k, false);
    sum(runs, OUTCOMES.map((o) => counts[o]));
    sum(used, [counts.inserted, counts.copied]);
    // The acceptance rate shows `used`, so runs − used must not give away a lone small outcome either.
    sum(runs, [used, counts.discarded, counts.cancelled, counts.error]);
    sum(fb, [useful, notUseful]);
    return { a, runs, counts, used, fb, useful, notUseful };
  };
  const allCells = outcomeCells(all);
  const roleCells = new Map(roles.map((r) => [r, outcomeCells(byRole.get(r) ?? newAgg())]));
  for (const key of ['runs', 'used', 'fb', 'useful'] as const) sum(allCells[key], [...roleCells.values()].map((c) => c[key]));
  for (const o of OUTCOMES) sum(allCells.counts[o], [...roleCells.values()].map((c) => c.counts[o]));

  const activeAll = makeCell(all.tokens.size, all.tokens.size, k);
  const siteCells = new Map(
    sites.map((s) => {
      const a = bySite.get(s) ?? newAgg();
      return [s, { active: makeCell(a.tokens.size, a.tokens.size, k), runs: makeCell(a.runs, a.runTokens.size, k), used: makeCell(a.used, a.usedTokens.size, k) }];
    }),
  );
  sum(activeAll, [...siteCells.values()].map((c) => c.active));
  sum(allCells.runs, [...siteCells.values()].map((c) => c.runs));
  sum(allCells.used, [...siteCells.values()].map((c) => c.used));

  const hostAgg = new Map<string, { runs: number; tokens: number }>();
  for (const h of hostWeeks) {
    const a = getOr(hostAgg, String(h.host), () => ({ runs: 0, tokens: 0 }));
    a.runs += n(h.runs);
    a.tokens = Math.max(a.tokens, n(h.tokens));
  }
  const hostCells = [...hostAgg]
    .map(([host, a]) => ({ host, cell: makeCell(a.runs, a.tokens, k) }))
    .filter((h) => h.cell.value > 0)
    .sort((a, b) => a.host.localeCompare(b.host));
  if (hostKey === '*') sum(allCells.runs, hostCells.map((h) => h.cell));

  // Survey cells.
  const surveyCells = (a: SurveyAgg) => {
    const answers = makeCell(a.answers, a.tokens.size, k);
    const yes = makeCell(a.yes, a.yesTokens.size, k);
    const no = makeCell(a.answers - a.yes, a.noTokens.size, k, false);
    sum(answers, [yes, no]);
    return { a, answers, yes, no };
  };
  const surveyAllCells = surveyCells(surveyAll);
  const surveyRoleCells = new Map(roles.map((r) => [r, surveyCells(surveyByRole.get(r) ?? newSurveyAgg())]));
  const surveySiteCells = new Map(sites.map((s) => [s, surveyCells(surveyBySite.get(s) ?? newSurveyAgg())]));
  sum(surveyAllCells.answers, [...surveyRoleCells.values()].map((c) => c.answers));
  sum(surveyAllCells.yes, [...surveyRoleCells.values()].map((c) => c.yes));
  const bucketCells = TIME_SAVED_BUCKETS.map((b) => ({ bucket: b, cell: makeCell(surveyAll.buckets[b]!.n, surveyAll.buckets[b]!.tokens.size, k) }));
  sum(surveyAllCells.answers, bucketCells.map((b) => b.cell));
  const comfortCells = surveyAll.comfort.map((c) => makeCell(c.n, c.tokens.size, k));
  const comfortMean = makeCell(surveyAll.answers ? surveyAll.comfortSum / surveyAll.answers : 0, surveyAll.tokens.size, k);
  sum(surveyAllCells.answers, comfortCells);

  // Hours saved per week, per role, from the survey: mean answer × mean weekly active tokens.
  const hoursCells = new Map(
    roles.map((r) => {
      const s = surveyByRole.get(r);
      const meanHours = s && s.answers ? s.minutes / s.answers / 60 : 0;
      return [r, makeCell(meanHours * meanWeekly(weeklyByRole.get(r), weeks), s?.tokens.size ?? 0, k)];
    }),
  );
  const hoursTotal = makeCell([...hoursCells.values()].reduce((t, c) => t + c.value, 0), surveyAll.tokens.size, k);
  sum(hoursTotal, [...hoursCells.values()]);

  // Prompts: funnel and top prompts; a role's runs and used answers are the sum over its prompts.
  const minutes = options.minutesSaved ?? {};
  const promptCells = prompts.map((p) => ({
    role: p.role,
    promptId: p.prompt_id,
    opened: makeCell(n(p.opens), n(p.tokens_open), k),
    generated: makeCell(n(p.runs), n(p.tokens_run), k),
    used: makeCell(n(p.used), n(p.tokens_used), k),
  }));
  for (const r of roles) {
    const mine = promptCells.filter((p) => p.role === r);
    const rc = roleCells.get(r)!;
    sum(rc.runs, mine.map((p) => p.generated));
    sum(rc.used, mine.map((p) => p.used));
  }

  // Retention: retained + lost = cohort; "lost" is not shown but must not reveal a small group either.
  const retentionCells = retention
    .map((r) => {
      const cohort = makeCell(n(r.cohort), n(r.cohort), k);
      const retained = makeCell(n(r.retained), n(r.retained), k);
      const lost = makeCell(n(r.cohort) - n(r.retained), n(r.cohort) - n(r.retained), k, false);
      sum(cohort, [retained, lost]);
      return { role: r.role, cohort, retained, lost };
    })
    .sort((a, b) => a.role.localeCompare(b.role));

  // Intensity: each token's mean runs per week in which it ran something (bucketed in SQL above).
  const intensityCells = intensity.map((v) => makeCell(v, v, k));

  // Adoption per site × role (headcount entries show even without activity).
  const adoptionKeys = new Set<string>();
  for (const key of weeklyBySiteRole.keys()) adoptionKeys.add(key);
  for (const h of headcount) if ((!site || h.site === site) && (!role || h.role === role)) adoptionKeys.add(`${h.site}\u0000${h.role}`);
  const adoptionCells = [...adoptionKeys].sort().map((key) => {
    const [s, r] = key.split('\u0000') as [string, string];
    const recent = recentBySiteRole.get(key) ?? 0;
    const active = makeCell(meanWeekly(weeklyBySiteRole.get(key), last4), recent, k);
    const hc = headcount.find((h) => h.site === s && h.role === r)?.headcount ?? null;
    return { site: s, role: r, active, headcount: hc };
  });

  const weeklyCells = weeks.flatMap((w) =>
    roles.map((r) => {
      const v = weeklyByRole.get(r)?.get(w) ?? 0;
      return { week: w, role: r, cell: makeCell(v, v, k) };
    }),
  );

  // ---- people, and the lead's overview table (site × role, with per-role, per-site and overall rows) ----
  // Distinct tokens per token month and site × role: within a token month a device has one token, so these count
  // devices, i.e. people as closely as anonymity allows. Periods longer than a month average the months.
  const monthly = new Map<string, Map<string, number>>();
  const addPeople = (s: string, r: string, month: string, v: number) => {
    const m = getOr(monthly, `${s}\u0000${r}`, () => new Map<string, number>());
    m.set(month, (m.get(month) ?? 0) + v);
  };
  for (const r of peopleRes.rows) {
    addPeople(String(r.site), String(r.role), tokenMonthOfWeek(String(r.lo)), n(r.tokens));
  }
  for (const r of longPeopleRes.rows) {
    const first = String(r.first_week);
    addPeople(String(r.site), String(r.role), tokenMonthOfWeek(first > sinceWeek ? first : sinceWeek), n(r.tokens));
  }
  const SR = (s: string, r: string) => `${s}\u0000${r}`;
  const overviewSites = [...new Set([...sites, ...[...weeklyBySiteRole.keys()].map((key) => key.split('\u0000')[0]!)])].sort();
  const overviewRoles = [...new Set([...roles, ...[...weeklyBySiteRole.keys()].map((key) => key.split('\u0000')[1]!)])].sort();
  const firstHalf = weeks.slice(0, Math.floor(nWeeks / 2));
  const secondHalf = weeks.slice(nWeeks - Math.floor(nWeeks / 2));
  const recentSeen = (m: Map<string, number>, over: string[]) => over.reduce((mx, w) => Math.max(mx, m.get(w) ?? 0), 0);
  const overviewCell = (pairs: [string, string][]) => {
    const months = new Map<string, number>();
    const weeklyM = new Map<string, number>();
    const survey = newSurveyAgg();
    let hc: number | null = null;
    let hcMissing = false;
    for (const [s, r] of pairs) {
      for (const [m, v] of monthly.get(SR(s, r)) ?? []) months.set(m, (months.get(m) ?? 0) + v);
      for (const [w, v] of weeklyBySiteRole.get(SR(s, r)) ?? []) weeklyM.set(w, (weeklyM.get(w) ?? 0) + v);
      const sv = surveyBySiteRole.get(SR(s, r));
      if (sv) {
        survey.answers += sv.answers;
        survey.tokens.add(sv.tokens.size);
        survey.yes += sv.yes;
        survey.yesTokens.add(sv.yesTokens.size);
        survey.noTokens.add(sv.noTokens.size);
        survey.minutes += sv.minutes;
        survey.comfortSum += sv.comfortSum;
      }
      const h = headcount.find((x) => x.site === s && x.role === r)?.headcount;
      if (h === undefined) hcMissing = true;
      else hc = (hc ?? 0) + h;
    }
    const distinct = [...months.values()].reduce((a, b) => a + b, 0);
    const users = makeCell(perMonthMean(weeks, (m) => months.get(m) ?? 0), distinct, k);
    const weeklyMean = makeCell(meanWeekly(weeklyM, last4), recentSeen(weeklyM, last4), k);
    // The trend is a difference of the two halves: a half seen from 1 to k−1 devices hides it (its own count would
    // follow from the other half's), whatever the other half holds.
    const halves = [recentSeen(weeklyM, firstHalf), recentSeen(weeklyM, secondHalf)];
    const trendTokens = halves.find((h) => h > 0 && h < k) ?? Math.max(...halves);
    const trend = makeCell(meanWeekly(weeklyM, secondHalf) - meanWeekly(weeklyM, firstHalf), trendTokens, k);
    const answers = makeCell(survey.answers, survey.tokens.size, k);
    const yes = makeCell(survey.yes, survey.yesTokens.size, k);
    const no = makeCell(survey.answers - survey.yes, survey.noTokens.size, k, false);
    sum(answers, [yes, no]);
    return { users, weeklyMean, trend, hc: hcMissing ? null : hc, answers, yes, no, survey };
  };
  const overviewCells = [
    ...overviewRoles.flatMap((r) => overviewSites.filter((s) => weeklyBySiteRole.has(SR(s, r)) || surveyBySiteRole.has(SR(s, r)) || headcount.some((h) => h.site === s && h.role === r)).map((s) => ({ site: s, role: r, c: overviewCell([[s, r]]) }))),
  ];
  const roleTotals = overviewRoles.map((r) => ({ site: '*', role: r, c: overviewCell(overviewCells.filter((x) => x.role === r).map((x) => [x.site, r] as [string, string])) }));
  const siteTotals = overviewSites.map((s) => ({ site: s, role: '*', c: overviewCell(overviewCells.filter((x) => x.site === s).map((x) => [s, x.role] as [string, string])) }));
  const overall = { site: '*', role: '*', c: overviewCell(overviewCells.map((x) => [x.site, x.role] as [string, string])) };
  for (const total of [...roleTotals, ...siteTotals, overall]) {
    const parts = overviewCells.filter((x) => (total.site === '*' || x.site === total.site) && (total.role === '*' || x.role === total.role));
    sum(total.c.users, parts.map((p) => p.c.users));
    sum(total.c.weeklyMean, parts.map((p) => p.c.weeklyMean));
    sum(total.c.answers, parts.map((p) => p.c.answers));
  }
  for (const group of [roleTotals, siteTotals]) {
    sum(overall.c.users, group.map((g) => g.c.users));
    sum(overall.c.weeklyMean, group.map((g) => g.c.weeklyMean));
  }
  // The headline's people figure is the overview's overall row; the sites table shows the per-site rows.
  const usersBySite = new Map(siteTotals.map((x) => [x.site, x.c.users]));

  protect(relations);
  // With the number of answers published, the mean is a second equation over the distribution: it could pin down
  // hidden cells, so it is shown only when the whole distribution is.
  if (comfortCells.some((c) => c.hidden)) comfortMean.hidden = true;

  // ---- output ----
  const outcomeRow = (roleName: string, c: ReturnType<typeof outcomeCells>) => ({
    role: roleName,
    runs: figure(c.runs),
    counts: Object.fromEntries(OUTCOMES.map((o) => [o, figure(c.counts[o])])) as Record<RunOutcome, Figure>,
    acceptance: rate(c.used, c.runs),
    cancelRate: rate(c.counts.cancelled, c.runs),
    errorRate: rate(c.counts.error, c.runs),
    meanTtftMs: derived(c.a.ttftN ? c.a.ttftSum / c.a.ttftN : 0, [c.runs], 0),
    meanTotalMs: derived(c.a.runs ? c.a.totalSum / c.a.runs : 0, [c.runs], 0),
  });

  const topPrompts = roles.flatMap((r) =>
    promptCells
      .filter((p) => p.role === r)
      .sort((a, b) => b.generated.value - a.generated.value || a.promptId.localeCompare(b.promptId))
      .slice(0, TOP_PROMPTS)
      .map((p) => ({ role: r, promptId: p.promptId, runs: figure(p.generated) })),
  );

  const optionSet = (values: Iterable<string>) => [...new Set(values)].filter((v) => v && v !== '*').sort();
  return {
    schemaVersion: 2,
    generatedAt: new Date(now).toISOString(),
    k,
    filters: { ...filters, since: sinceWeek, until: addDays(untilWeek, 6) },
    weeks,
    options: {
      sites: optionSet([...optionRows.map((o) => o.site), ...headcount.map((h) => h.site), ...surveyBySite.keys()]),
      roles: optionSet([...optionRows.map((o) => o.role), ...headcount.map((h) => h.role)]),
      hosts: optionSet(optionRows.map((o) => o.host)),
    },
    empty: groups.length === 0 && surveyRows.length === 0,
    summary: {
      activeUsers: figure(overall.c.users),
      activeTokens: figure(activeAll),
      runs: figure(allCells.runs),
      acceptance: rate(allCells.used, allCells.runs),
      benefitShare: rate(surveyAllCells.yes, surveyAllCells.answers, surveyAllCells.no),
      hoursSavedPerWeek: figure(hoursTotal, 1),
    },
    adoption: {
      weeklyActive: weeklyCells.map((c) => ({ week: c.week, role: c.role, tokens: figure(c.cell) })),
      rate: adoptionCells.map((c) => ({
        site: c.site,
        role: c.role,
        activeTokens: figure(c.active, 1),
        headcount: c.headcount,
        rate: c.headcount ? rate(c.active, makeCell(c.headcount, k, k)) : null,
      })),
      retention: retentionCells.map((c) => ({ role: c.role, cohort: figure(c.cohort), retainedWeek4: figure(c.retained), rate: rate(c.retained, c.cohort, c.lost) })),
    },
    usage: {
      topPrompts,
      runsPerHost: hostCells.map((h) => ({ host: h.host, runs: figure(h.cell) })),
      outcomes: [outcomeRow('all', allCells), ...roles.map((r) => outcomeRow(r, roleCells.get(r)!))],
      feedback: [
        { role: 'all', c: allCells },
        ...roles.map((r) => ({ role: r, c: roleCells.get(r)! })),
      ].map(({ role: r, c }) => ({ role: r, answers: figure(c.fb), usefulShare: rate(c.useful, c.fb, c.notUseful) })),
    },
    impact: {
      benefit: [
        { role: 'all', c: surveyAllCells },
        ...roles.map((r) => ({ role: r, c: surveyRoleCells.get(r)! })),
      ].map(({ role: r, c }) => ({ role: r, answers: figure(c.answers), yes: figure(c.yes), share: rate(c.yes, c.answers, c.no) })),
      timeSaved: bucketCells.map((b) => ({ bucket: b.bucket, answers: figure(b.cell) })),
      hoursSaved: roles.map((r) => {
        const rc = roleCells.get(r)!;
        const promptMinutes = promptCells.filter((p) => p.role === r).reduce((t, p) => t + p.used.value * (minutes[p.promptId] ?? 0), 0);
        return {
          role: r,
          survey: figure(hoursCells.get(r)!, 1),
          prompts: derived(nWeeks ? promptMinutes / 60 / nWeeks : 0, [rc.used], 1),
        };
      }),
      comfort: {
        respondents: figure(makeCell(surveyAll.tokens.size, surveyAll.tokens.size, k)),
        mean: figure(comfortMean, 2),
        distribution: comfortCells.map((c, i) => ({ score: (i + 1) as 1 | 2 | 3 | 4 | 5, answers: figure(c) })),
      },
    },
    overview: [...overviewCells, ...roleTotals, ...siteTotals, overall].map(({ site: s, role: r, c }) => ({
      site: s,
      role: r,
      activeUsers: figure(c.users),
      weeklyActive: figure(c.weeklyMean, 1),
      headcount: c.hc,
      adoption: c.hc ? rate(c.weeklyMean, makeCell(c.hc, k, k)) : null,
      trend: figure(c.trend, 1),
      respondents: figure(c.answers),
      benefitShare: rate(c.yes, c.answers, c.no),
      hoursSavedPerPerson: derived(c.survey.answers ? c.survey.minutes / c.survey.answers / 60 : 0, [c.answers], 1),
      comfort: derived(c.survey.answers ? c.survey.comfortSum / c.survey.answers : 0, [c.answers], 1),
    })),
    intensity: INTENSITY_BUCKETS.map((b, i) => ({ bucket: b, tokens: figure(intensityCells[i]!) })),
    funnel: [...promptCells]
      .sort((a, b) => a.role.localeCompare(b.role) || b.generated.value - a.generated.value || a.promptId.localeCompare(b.promptId))
      .map((p) => ({ promptId: p.promptId, role: p.role, opened: figure(p.opened), generated: figure(p.generated), used: figure(p.used) })),
    sites: sites.map((s) => {
      const c = siteCells.get(s)!;
      const sv = surveySiteCells.get(s)!;
      const meanHours = sv.a.answers ? sv.a.minutes / sv.a.answers / 60 : 0;
      return {
        site: s,
        activeUsers: usersBySite.has(s) ? figure(usersBySite.get(s)!) : 0,
        activeTokens: figure(c.active),
        runs: figure(c.runs),
        acceptance: rate(c.used, c.runs),
        benefitShare: rate(sv.yes, sv.answers, sv.no),
        hoursSavedPerWeek: derived(meanHours * meanWeekly(weeklyBySite.get(s), weeks), [sv.answers], 1),
      };
    }),
  };
}

export async function readHeadcount(db: Db): Promise<HeadcountEntry[]> {
  const rows = await db.selectFrom('metric_headcount').select(['site', 'role', 'headcount']).orderBy('site').orderBy('role').execute();
  return rows.map((r) => ({ site: r.site, role: r.role, headcount: n(r.headcount) }));
}

export const headcountSchema = z.strictObject({
  headcount: z
    .array(
      z.strictObject({
        site: siteSchema,
        role: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'expected a role id'),
        headcount: z.number().int().min(0).max(1_000_000),
      }),
    )
    .max(10_000),
});

/** Replaces the whole headcount table (the lead edits it as one grid). */
export async function writeHeadcount(db: Db, entries: HeadcountEntry[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('metric_headcount').execute();
    const seen = new Map<string, HeadcountEntry>();
    for (const e of entries) seen.set(`${e.site}\u0000${e.role}`, e);
    const rows = [...seen.values()];
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('metric_headcount').values(rows.slice(i, i + 1000)).execute();
  });
}

/**
 * The report as CSV, one figure per line (`section,week,site,role,host,promptId,bucket,metric,value`); suppressed
 * figures are left out, as are "not applicable" rates.
 */
export type CsvDialect = 'script' | 'excel-fr';

/** `script`: `,` and a decimal point (scripts, English Excel); `excel-fr`: `;` and a decimal comma (French Excel). */
export function reportToCsv(report: DashboardReport, dialect: CsvDialect = 'script'): string {
  const sep = dialect === 'excel-fr' ? ';' : ',';
  const header = ['section', 'week', 'site', 'role', 'host', 'promptId', 'bucket', 'metric', 'value'];
  const lines = [header.join(sep)];
  const keyFields = new Set(['week', 'site', 'role', 'host', 'promptId', 'bucket', 'score']);
  const special = new RegExp(`["${sep}\\n\\r]`);
  const esc = (v: string) => (special.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const num = (v: number) => (dialect === 'excel-fr' ? String(v).replace('.', ',') : String(v));
  const emit = (section: string, row: Record<string, unknown>) => {
    const keys: Record<string, string> = {};
    for (const [f, v] of Object.entries(row)) if (keyFields.has(f) && (typeof v === 'string' || typeof v === 'number')) keys[f === 'score' ? 'bucket' : f] = String(v);
    const walk = (prefix: string, value: unknown) => {
      if (typeof value === 'number') {
        lines.push([section, keys.week ?? '', keys.site ?? '', keys.role ?? '', keys.host ?? '', keys.promptId ?? '', keys.bucket ?? '', prefix].map(esc).concat(num(value)).join(sep));
      } else if (value && typeof value === 'object' && !('suppressed' in value) && !Array.isArray(value)) {
        for (const [f, v] of Object.entries(value)) walk(prefix ? `${prefix}.${f}` : f, v);
      }
    };
    for (const [f, v] of Object.entries(row)) if (!keyFields.has(f)) walk(f, v);
  };
  emit('summary', report.summary);
  for (const r of report.overview) emit('overview', r);
  for (const r of report.adoption.weeklyActive) emit('weekly_active', r);
  for (const r of report.adoption.rate) emit('adoption', r);
  for (const r of report.adoption.retention) emit('retention', r);
  for (const r of report.usage.topPrompts) emit('top_prompts', r);
  for (const r of report.usage.runsPerHost) emit('runs_per_host', r);
  for (const r of report.usage.outcomes) emit('outcomes', r);
  for (const r of report.usage.feedback) emit('feedback', r);
  for (const r of report.impact.benefit) emit('benefit', r);
  for (const r of report.impact.timeSaved) emit('time_saved', r);
  for (const r of report.impact.hoursSaved) emit('hours_saved', r);
  emit('comfort', { respondents: report.impact.comfort.respondents, mean: report.impact.comfort.mean });
  for (const r of report.impact.comfort.distribution) emit('comfort_distribution', r);
  for (const r of report.intensity) emit('intensity', r);
  for (const r of report.funnel) emit('funnel', r);
  for (const r of report.sites) emit('sites', r);
  return lines.join('\r\n') + '\r\n';
}
