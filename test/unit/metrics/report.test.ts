/**
 * Every aggregate of the report against answers computed by hand on small fixtures (real SQLite in memory, the same
 * ingest as the server), including small-group and complementary suppression.
 */
import { isSuppressed, type DashboardReport } from '../../../src/core/metrics/report-types';
import { openDatabase, type OpenedDatabase } from '../../../src/server/db';
import { storeEvents } from '../../../src/server/metrics/ingest';
import { buildReport, writeHeadcount } from '../../../src/server/metrics/report';
import { rebuildAggregates } from '../../../src/server/metrics/rebuild';
import type { MetricEvent } from '../../../src/core/metrics/events';
import { ev } from './fixtures';

const S = { suppressed: true, reason: 'small' };
/** Hidden only to protect a small figure (complementary suppression): shown "hidden", not "< k". */
const L = { suppressed: true, reason: 'linked' };
const NOW = Date.parse('2026-11-30T12:00:00Z');
const PERIOD = { since: '2026-11-02', until: '2026-11-29' };
const minutesSaved = { 'sec-sum': 10, 'phy-letter': 30 };

function pilot(): MetricEvent[] {
  const events: MetricEvent[] = [];
  const sec = ['s1', 's2', 's3', 's4', 's5', 's6'];
  const phy = ['p1', 'p2', 'p3', 'p4', 'p5'];
  sec.forEach((t, i) => {
    events.push(ev.open(t, 'secretary', 'sec-sum', 'outlook', '2026-11-03'));
    const run = ev.run(t, 'secretary', 'sec-sum', 'outlook', '2026-11-03', i < 4 ? 'inserted' : i === 4 ? 'copied' : 'discarded');
    events.push(run);
    if (t === 's1') events.push(ev.feedback(t, run.id, true, '2026-11-03'));
    if (i < 5) events.push(ev.run(t, 'secretary', 'sec-sum', 'outlook', '2026-11-24', 'inserted'));
    events.push(
      ev.survey(t, i === 5 ? undefined : 'secretary', '2026-11-11', i < 5, i < 2 ? '1to2h' : i < 5 ? '30to60' : '0', i < 5 ? 4 : 2),
    );
  });
  phy.forEach((t, i) => {
    events.push(ev.run(t, 'physician', 'phy-letter', 'word', '2026-11-10', 'inserted', { site: 'chu-b' }));
    if (i === 0) events.push(ev.run(t, 'physician', 'phy-letter', 'word', '2026-11-10', 'cancelled', { site: 'chu-b', ttftMs: null, totalMs: 500 }));
    events.push(ev.survey(t, 'physician', '2026-11-17', true, '2to4h', 5, 'chu-b'));
  });
  return events;
}

let store: OpenedDatabase;
let report: DashboardReport;
let events: MetricEvent[];

beforeAll(async () => {
  store = await openDatabase('sqlite::memory:');
  events = pilot();
  await storeEvents(store.db, events);
  await writeHeadcount(store.db, [
    { site: 'chu-a', role: 'secretary', headcount: 10 },
    { site: 'chu-b', role: 'physician', headcount: 20 },
  ]);
  report = await buildReport(store.db, PERIOD, { k: 5, now: NOW, minutesSaved });
});
afterAll(() => store.close());

/** No relation of the report may have exactly one hidden part next to a visible total. */
export function expectNoLoneHiddenPart(r: DashboardReport): void {
  const check = (what: string, total: unknown, parts: unknown[]) => {
    if (isSuppressed(total)) return;
    const hidden = parts.filter(isSuppressed).length;
    if (hidden === 1) throw new Error(`${what}: one hidden cell could be recovered from the total`);
  };
  const outcomes = r.usage.outcomes;
  for (const row of outcomes) check(`outcomes ${row.role}`, row.runs, Object.values(row.counts));
  const all = outcomes.find((o) => o.role === 'all')!;
  const roles = outcomes.filter((o) => o.role !== 'all');
  check('runs by role', all.runs, roles.map((o) => o.runs));
  for (const o of ['inserted', 'copied', 'discarded', 'cancelled', 'error'] as const) check(`${o} by role`, all.counts[o], roles.map((x) => x.counts[o]));
  check('active by site', r.summary.activeTokens, r.sites.map((s) => s.activeTokens));
  check('runs by site', r.summary.runs, r.sites.map((s) => s.runs));
  if (!r.filters.host) check('runs by host', r.summary.runs, r.usage.runsPerHost.map((h) => h.runs));
  const ball = r.impact.benefit.find((b) => b.role === 'all')!;
  check('answers by role', ball.answers, r.impact.benefit.filter((b) => b.role !== 'all').map((b) => b.answers));
  check('time saved', ball.answers, r.impact.timeSaved.map((t) => t.answers));
  check('comfort', ball.answers, r.impact.comfort.distribution.map((t) => t.answers));
}

describe('report aggregates (k = 5)', () => {
  test('period: whole ISO weeks', () => {
    expect(report.weeks).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(report.filters).toMatchObject({ since: '2026-11-02', until: '2026-11-29' });
    expect(report.options).toEqual({ sites: ['chu-a', 'chu-b'], roles: ['physician', 'secretary'], hosts: ['outlook', 'word'] });
    expect(report.empty).toBe(false);
  });

  test('summary', () => {
    // 11 devices; 11 secretary runs + 6 physician runs; used = 10 + 5; benefit: 1 "no" from one device hides the share.
    expect(report.summary).toEqual({ activeUsers: 11, activeTokens: 11, runs: 17, acceptance: 0.8824, benefitShare: S, hoursSavedPerWeek: 6.2 });
  });

  test('weekly active tokens per role (surveys alone are not activity)', () => {
    const byRole = (role: string) => report.adoption.weeklyActive.filter((w) => w.role === role).map((w) => w.tokens);
    expect(byRole('secretary')).toEqual([6, 0, 0, 5]);
    expect(byRole('physician')).toEqual([0, 5, 0, 0]);
  });

  test('adoption rate against headcount: mean weekly active over the last 4 weeks', () => {
    expect(report.adoption.rate).toEqual([
      { site: 'chu-a', role: 'secretary', activeTokens: 2.8, headcount: 10, rate: 0.275 },
      { site: 'chu-b', role: 'physician', activeTokens: 1.3, headcount: 20, rate: 0.0625 },
    ]);
  });

  test('week-4 retention: the one device lost would be recoverable, so "retained" is hidden', () => {
    // Cohort: the 6 secretaries first seen in week 1; 5 active in week 4; cohort − retained = 1 device.
    expect(report.adoption.retention).toEqual([{ role: 'secretary', cohort: 6, retainedWeek4: L, rate: S }]);
  });

  test('outcomes per role with complementary suppression', () => {
    const [all, physician, secretary] = report.usage.outcomes;
    expect(all).toEqual({
      role: 'all',
      runs: 17,
      counts: { inserted: L, copied: S, discarded: S, cancelled: S, error: 0 },
      acceptance: 0.8824,
      cancelRate: S,
      errorRate: 0,
      meanTtftMs: 100,
      meanTotalMs: Math.round((16 * 1000 + 500) / 17),
    });
    // One cancelled run from one device: hidden, and enough other cells with it that it cannot be recomputed.
    expect(physician).toMatchObject({ role: 'physician', runs: 6, acceptance: 0.8333, cancelRate: S, errorRate: 0 });
    expect(physician!.counts.cancelled).toEqual(S);
    expect(secretary).toMatchObject({ role: 'secretary', runs: 11, acceptance: 0.9091, errorRate: 0 });
    expect(secretary!.counts.copied).toEqual(S);
    expect(secretary!.counts.discarded).toEqual(S);
    expectNoLoneHiddenPart(report);
  });

  test('runs per host, top prompts, funnel', () => {
    expect(report.usage.runsPerHost).toEqual([
      { host: 'outlook', runs: 11 },
      { host: 'word', runs: 6 },
    ]);
    expect(report.usage.topPrompts).toEqual([
      { role: 'physician', promptId: 'phy-letter', runs: 6 },
      { role: 'secretary', promptId: 'sec-sum', runs: 11 },
    ]);
    expect(report.funnel).toEqual([
      { promptId: 'phy-letter', role: 'physician', opened: 0, generated: 6, used: 5 },
      { promptId: 'sec-sum', role: 'secretary', opened: 6, generated: 11, used: 10 },
    ]);
  });

  test('feedback from one device is hidden', () => {
    expect(report.usage.feedback[0]).toEqual({ role: 'all', answers: S, usefulShare: S });
  });

  test('impact: benefit, time saved, hours saved, comfort', () => {
    expect(report.impact.benefit).toEqual([
      { role: 'all', answers: 11, yes: L, share: S },
      { role: 'physician', answers: 5, yes: 5, share: 1 },
      // The role-less survey of s6 is counted with the role of its device's runs.
      { role: 'secretary', answers: 6, yes: L, share: S },
    ]);
    // 0: 1 device, 30–60: 3, 1–2 h: 2 (all hidden); 2–4 h: the 5 physicians.
    expect(report.impact.timeSaved).toEqual([
      { bucket: '0', answers: S },
      { bucket: 'lt30', answers: 0 },
      { bucket: '30to60', answers: S },
      { bucket: '1to2h', answers: S },
      { bucket: '2to4h', answers: 5 },
      { bucket: 'gt4h', answers: 0 },
    ]);
    // Survey: secretaries 52.5 min on average × 2.75 weekly active = 2.4 h; physicians 3 h × 1.25 = 3.75 h.
    // Prompts: 10 used × 10 min / 60 / 4 weeks = 0.42 h; 5 × 30 min / 60 / 4 = 0.625 h.
    expect(report.impact.hoursSaved).toEqual([
      { role: 'physician', survey: 3.8, prompts: 0.6 },
      { role: 'secretary', survey: 2.4, prompts: 0.4 },
    ]);
    // Score 2 from one device is hidden, score 1 (0 answers) with it; the mean would pin them down, so it goes too.
    expect(report.impact.comfort).toEqual({
      respondents: 11,
      mean: L,
      distribution: [
        { score: 1, answers: L },
        { score: 2, answers: S },
        { score: 3, answers: 0 },
        { score: 4, answers: 5 },
        { score: 5, answers: 5 },
      ],
    });
  });

  test('intensity: devices by mean runs per active week', () => {
    expect(report.intensity).toEqual([
      { bucket: '1-5', tokens: 11 },
      { bucket: '6-10', tokens: 0 },
      { bucket: '11+', tokens: 0 },
    ]);
  });

  test('overview: a trend from a half seen by fewer than k devices is hidden', async () => {
    // chu-b's physicians ran only in week 2 (first half): the second half has 0, the first 5 — shown; at k = 6 hidden.
    const row = report.overview.find((o) => o.site === 'chu-b' && o.role === 'physician')!;
    expect(row.trend).toBe(-2.5);
    const k6 = await buildReport(store.db, PERIOD, { k: 6, now: NOW });
    expect(k6.overview.find((o) => o.site === 'chu-b' && o.role === 'physician')!.trend).toEqual(S);
  });

  test('sites side by side', () => {
    expect(report.sites).toEqual([
      { site: 'chu-a', activeUsers: 6, activeTokens: 6, runs: 11, acceptance: 0.9091, benefitShare: S, hoursSavedPerWeek: 2.4 },
      { site: 'chu-b', activeUsers: 5, activeTokens: 5, runs: 6, acceptance: 0.8333, benefitShare: 1, hoursSavedPerWeek: 3.8 },
    ]);
  });
});

describe('report filters and k', () => {
  test('host filter: runs and devices of that host only', async () => {
    const r = await buildReport(store.db, { ...PERIOD, host: 'word' }, { k: 5, now: NOW });
    expect(r.summary).toMatchObject({ activeTokens: 5, runs: 6 });
    expect(r.usage.runsPerHost).toEqual([{ host: 'word', runs: 6 }]);
    expect(r.usage.topPrompts.map((p) => p.promptId)).toEqual(['phy-letter']);
  });

  test('site and role filters', async () => {
    const a = await buildReport(store.db, { ...PERIOD, site: 'chu-a' }, { k: 5, now: NOW });
    expect(a.summary).toMatchObject({ activeTokens: 6, runs: 11 });
    expect(a.sites.map((s) => s.site)).toEqual(['chu-a']);
    const p = await buildReport(store.db, { ...PERIOD, role: 'physician' }, { k: 5, now: NOW });
    expect(p.usage.outcomes.map((o) => o.role)).toEqual(['all', 'physician']);
    expect(p.summary.runs).toBe(6);
  });

  test('a narrower period', async () => {
    const r = await buildReport(store.db, { since: '2026-11-09', until: '2026-11-15' }, { k: 5, now: NOW });
    expect(r.weeks).toEqual(['2026-11-09']);
    expect(r.summary).toMatchObject({ activeTokens: 5, runs: 6 });
  });

  test('devices whose life straddles the start or the end of the period count only their weeks inside it', async () => {
    // Secretaries s1–s5 were active in weeks 1 and 4, s6 in week 1 only.
    const endOnly = await buildReport(store.db, { since: '2026-11-23', until: '2026-11-29' }, { k: 5, now: NOW });
    expect(endOnly.summary).toMatchObject({ activeTokens: 5, runs: 5 });
    const startOnly = await buildReport(store.db, { since: '2026-11-02', until: '2026-11-08' }, { k: 5, now: NOW });
    expect(startOnly.summary).toMatchObject({ activeTokens: 6, runs: 6 });
    expect(startOnly.intensity[0]!.tokens).toBe(6);
  });

  test('k = 6: the 5-device site is hidden, and the other with it (total − visible)', async () => {
    const r = await buildReport(store.db, PERIOD, { k: 6, now: NOW });
    expect(r.k).toBe(6);
    expect(r.summary.activeTokens).toBe(11);
    expect(r.sites.map((s) => s.activeTokens)).toEqual([L, S]);
    expectNoLoneHiddenPart(r);
  });

  test('k below 5 is raised to 5', async () => {
    const r = await buildReport(store.db, PERIOD, { k: 2, now: NOW });
    expect(r.k).toBe(5);
    expect(r.usage.feedback[0]!.answers).toEqual(S);
  });

  test('an empty store gives an empty report, not an error', async () => {
    const empty = await openDatabase('sqlite::memory:');
    try {
      const r = await buildReport(empty.db, {}, { k: 5, now: NOW });
      expect(r.empty).toBe(true);
      expect(r.summary).toMatchObject({ activeTokens: 0, runs: 0, acceptance: null });
    } finally {
      await empty.close();
    }
  });

  test('storing the same events again changes nothing (idempotent)', async () => {
    const again = await storeEvents(store.db, events);
    expect(again.size).toBe(0);
    const before = await buildReport(store.db, PERIOD, { k: 5, now: NOW, minutesSaved });
    expect({ ...before, generatedAt: '' }).toEqual({ ...report, generatedAt: '' });
  });
});

describe('pre-aggregates', () => {
  test('a full recount from the stored events gives the same report as incremental ingest', async () => {
    const fresh = await openDatabase('sqlite::memory:');
    try {
      // Ingest in small batches in a shuffled order (late events, feedback after its run), then recount.
      const shuffled = [...events].sort((a, b) => a.id.localeCompare(b.id) * -1);
      for (let i = 0; i < shuffled.length; i += 7) await storeEvents(fresh.db, shuffled.slice(i, i + 7));
      const incremental = await buildReport(fresh.db, PERIOD, { k: 5, now: NOW, minutesSaved });
      await rebuildAggregates(fresh.db);
      const recount = await buildReport(fresh.db, PERIOD, { k: 5, now: NOW, minutesSaved });
      expect(recount).toEqual(incremental);
    } finally {
      await fresh.close();
    }
  });
});
