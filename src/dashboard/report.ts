/**
 * The one place that reads the dashboard API's JSON (`DashboardReport`, src/core/metrics/report-types.ts) and turns it
 * into what the components draw. The body is checked for the parts the page relies on, so a server of another version
 * gives a clear message instead of a blank page.
 */
import type { DashboardReport, Figure, Rate } from '../core/metrics/report-types';
import { isSuppressed, type Cell, type DashboardModel } from './model';

export class ReportShapeError extends Error {}

function isCell(v: unknown): v is Figure | Rate {
  return v === null || (typeof v === 'number' && Number.isFinite(v)) || isSuppressed(v);
}

/** A figure from the body: a number, null or {suppressed:true}; anything else counts as missing (shown as "—"). */
function cell(v: unknown): Cell {
  return isCell(v) ? v : null;
}

function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

function looksLikeReport(body: unknown): body is DashboardReport {
  if (!body || typeof body !== 'object') return false;
  const b = body as Record<string, unknown>;
  return typeof b.k === 'number' && typeof b.summary === 'object' && typeof b.adoption === 'object' && typeof b.usage === 'object' && typeof b.impact === 'object';
}

export function fromReport(body: unknown): DashboardModel {
  if (!looksLikeReport(body)) throw new ReportShapeError('unexpected answer from /api/dashboard/report (is the server up to date?)');
  const r = body;
  // Never show a threshold below 5, whatever a misconfigured server says: the page states "< k" as a promise.
  const k = Math.max(5, Math.floor(r.k));

  // weeklyActive arrives as week × role rows; the chart wants one row per week with a column per role.
  const weeks = list<string>(r.weeks);
  const weeklyRoles: string[] = [];
  const byWeek = new Map<string, Record<string, Cell>>();
  for (const w of weeks) byWeek.set(w, {});
  for (const row of list<DashboardReport['adoption']['weeklyActive'][number]>(r.adoption.weeklyActive)) {
    if (!weeklyRoles.includes(row.role)) weeklyRoles.push(row.role);
    if (!byWeek.has(row.week)) byWeek.set(row.week, {});
    byWeek.get(row.week)![row.role] = cell(row.tokens);
  }
  // The period is whole ISO weeks, so the current week is in it although it is not over: the last day with data is
  // the earlier of `until` and the day the report was computed.
  const DAY = 86_400_000;
  const untilMs = typeof r.filters?.until === 'string' ? Date.parse(r.filters.until + 'T00:00:00Z') : NaN;
  const generatedMs = typeof r.generatedAt === 'string' ? Math.floor(Date.parse(r.generatedAt) / DAY) * DAY : NaN;
  const lastDay = Math.min(...[untilMs, generatedMs].filter(Number.isFinite));
  const partial = (week: string) => Number.isFinite(lastDay) && Date.parse(week + 'T00:00:00Z') + 6 * DAY > lastDay;
  const weekRows = [...byWeek.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, values]) => ({ week, partial: partial(week), values }));

  return {
    k,
    generatedAt: r.generatedAt ?? null,
    since: r.filters?.since ?? null,
    until: r.filters?.until ?? null,
    options: {
      sites: list<string>(r.options?.sites),
      roles: list<string>(r.options?.roles),
      hosts: list<string>(r.options?.hosts),
    },
    empty: r.empty === true,
    summary: {
      // Schema 1 servers had no people figure: their device tokens are all there is.
      activeUsers: cell(r.summary.activeUsers ?? r.summary.activeTokens),
      runs: cell(r.summary.runs),
      acceptance: cell(r.summary.acceptance),
      benefitShare: cell(r.summary.benefitShare),
      hoursSavedPerWeek: cell(r.summary.hoursSavedPerWeek),
    },
    weeklyActive: { roles: weeklyRoles, rows: weekRows },
    adoptionRate: list<DashboardReport['adoption']['rate'][number]>(r.adoption.rate).map((x) => ({
      site: x.site,
      role: x.role,
      active: cell(x.activeTokens),
      headcount: typeof x.headcount === 'number' ? x.headcount : null,
      rate: cell(x.rate),
    })),
    retention: list<DashboardReport['adoption']['retention'][number]>(r.adoption.retention).map((x) => ({
      role: x.role,
      cohort: cell(x.cohort),
      retained: cell(x.retainedWeek4),
      rate: cell(x.rate),
    })),
    topPrompts: list<DashboardReport['usage']['topPrompts'][number]>(r.usage.topPrompts).map((x) => ({ role: x.role, promptId: x.promptId, runs: cell(x.runs) })),
    runsPerHost: list<DashboardReport['usage']['runsPerHost'][number]>(r.usage.runsPerHost).map((x) => ({ host: x.host, runs: cell(x.runs) })),
    outcomeRates: list<DashboardReport['usage']['outcomes'][number]>(r.usage.outcomes).map((x) => ({
      role: x.role,
      runs: cell(x.runs),
      acceptance: cell(x.acceptance),
      cancel: cell(x.cancelRate),
      error: cell(x.errorRate),
      meanTtftMs: cell(x.meanTtftMs),
      meanTotalMs: cell(x.meanTotalMs),
    })),
    benefit: list<DashboardReport['impact']['benefit'][number]>(r.impact.benefit).map((x) => ({ role: x.role, respondents: cell(x.answers), share: cell(x.share) })),
    timeSaved: list<DashboardReport['impact']['timeSaved'][number]>(r.impact.timeSaved).map((x) => ({ bucket: x.bucket, count: cell(x.answers) })),
    hoursSaved: list<DashboardReport['impact']['hoursSaved'][number]>(r.impact.hoursSaved).map((x) => ({ role: x.role, survey: cell(x.survey), prompts: cell(x.prompts) })),
    comfort: {
      mean: cell(r.impact.comfort?.mean),
      distribution: list<DashboardReport['impact']['comfort']['distribution'][number]>(r.impact.comfort?.distribution).map((x) => ({ score: x.score, count: cell(x.answers) })),
    },
    intensity: list<DashboardReport['intensity'][number]>(r.intensity).map((x) => ({ bucket: x.bucket, users: cell(x.tokens) })),
    funnel: list<DashboardReport['funnel'][number]>(r.funnel).map((x) => ({
      promptId: x.promptId,
      role: x.role ?? null,
      opened: cell(x.opened),
      generated: cell(x.generated),
      used: cell(x.used),
    })),
    overview: list<DashboardReport['overview'][number]>(r.overview).map((x) => ({
      site: x.site,
      role: x.role,
      users: cell(x.activeUsers),
      weekly: cell(x.weeklyActive),
      headcount: typeof x.headcount === 'number' ? x.headcount : null,
      adopted: cell(x.adoption),
      trend: cell(x.trend),
      respondents: cell(x.respondents),
      benefit: cell(x.benefitShare),
      hours: cell(x.hoursSavedPerPerson),
      comfort: cell(x.comfort),
    })),
    promptTitles: {},
    sites: list<DashboardReport['sites'][number]>(r.sites).map((x) => ({
      site: x.site,
      activeUsers: cell(x.activeUsers ?? x.activeTokens),
      runs: cell(x.runs),
      acceptance: cell(x.acceptance),
      benefitShare: cell(x.benefitShare),
      hoursSaved: cell(x.hoursSavedPerWeek),
    })),
  };
}
