/**
 * A property shared by the unit (SQLite) and integration (PostgreSQL) tests of the period windows: for random pilots
 * (short- and long-lived tokens, runs, feedback, surveys), ingested in random order and batches, the report read from
 * the windows equals the report read per token (every token sent through the long-lived path), for random periods
 * and filters; a full recount rebuilds the same windows; and both still agree after retention.
 */
import fc from 'fast-check';
import type { MetricEvent } from '../../../src/core/metrics/events';
import type { Db } from '../../../src/server/db';
import { applyRetention, storeEvents } from '../../../src/server/metrics/ingest';
import { rebuildAggregates } from '../../../src/server/metrics/rebuild';
import { buildReport } from '../../../src/server/metrics/report';
import { addDays } from '../../../src/server/metrics/weeks';
import { windowSettings } from '../../../src/server/metrics/windows';
import { ev } from './fixtures';

const W0 = '2026-06-01'; // a Monday
const week = (i: number) => addDays(W0, 7 * i);

const SITES = ['chu-a', 'chu-b'] as const;
const ROLES = ['secretary', 'physician'] as const;
const HOSTS = ['outlook', 'word'] as const;
const OUTCOMES = ['inserted', 'copied', 'discarded', 'cancelled', 'error'] as const;
const day = (w: number, d: number) => addDays(week(w), d);

const tokenArb = fc.record({
  site: fc.constantFrom(...SITES),
  role: fc.constantFrom(...ROLES),
  start: fc.integer({ min: 0, max: 14 }),
  // Up to 13 weeks: lives longer than the window limit (9) take the long-lived path in the normal store too.
  span: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 6, max: 13 })),
  extra: fc.array(fc.integer({ min: 0, max: 13 }), { maxLength: 4 }),
  weekly: fc.array(
    fc.record({
      runs: fc.array(fc.record({ outcome: fc.constantFrom(...OUTCOMES), host: fc.constantFrom(...HOSTS), feedback: fc.constantFrom(null, true, false) }), { minLength: 0, maxLength: 3 }),
      open: fc.boolean(),
      survey: fc.option(fc.record({ benefit: fc.boolean(), timeSaved: fc.constantFrom(...(['0', 'lt30', '30to60', '1to2h', '2to4h', 'gt4h'] as const)), comfort: fc.constantFrom(...([1, 2, 3, 4, 5] as const)) })),
    }),
    { minLength: 14, maxLength: 14 },
  ),
});

type TokenPlan = typeof tokenArb extends fc.Arbitrary<infer T> ? T : never;

function pilotEvents(tokens: TokenPlan[]): MetricEvent[] {
  const events: MetricEvent[] = [];
  tokens.forEach((t, i) => {
    const name = `w${i}`;
    const weeks = new Set([t.start, t.start + t.span, ...t.extra.filter((x) => x <= t.span).map((x) => t.start + x)]);
    for (const w of weeks) {
      const plan = t.weekly[(w - t.start) % 14]!;
      const d = day(w, (w * 3 + i) % 7);
      if (plan.open || plan.runs.length === 0) events.push(ev.open(name, t.role, 'p-' + t.role, plan.runs[0]?.host ?? 'outlook', d, t.site));
      for (const r of plan.runs) {
        const run = ev.run(name, t.role, 'p-' + t.role, r.host, d, r.outcome, { site: t.site });
        events.push(run);
        if (r.feedback !== null) events.push(ev.feedback(name, run.id, r.feedback, d, t.site));
      }
      if (plan.survey) events.push(ev.survey(name, t.role, d, plan.survey.benefit, plan.survey.timeSaved, plan.survey.comfort, t.site));
    }
  });
  return events;
}

async function storeIn(db: Db, events: MetricEvent[], order: number[], batch: number): Promise<void> {
  const shuffled = order.map((o, i) => ({ o, e: events[i]! })).sort((a, b) => a.o - b.o).map((x) => x.e);
  // Feedback whose run comes later is kept but not counted: send runs first, the rest in random order and batches.
  const runsFirst = [...shuffled.filter((e) => e.type === 'prompt_run'), ...shuffled.filter((e) => e.type !== 'prompt_run')];
  for (let i = 0; i < runsFirst.length; i += batch) await storeEvents(db, runsFirst.slice(i, i + batch));
}

async function withSpan<T>(maxSpanWeeks: number, fn: () => Promise<T>): Promise<T> {
  const before = windowSettings.maxSpanWeeks;
  windowSettings.maxSpanWeeks = maxSpanWeeks;
  try {
    return await fn();
  } finally {
    windowSettings.maxSpanWeeks = before;
  }
}

const NOW = Date.parse('2026-11-30T12:00:00Z');
const filtersArb = fc.record(
  {
    since: fc.integer({ min: 0, max: 20 }).map((w) => day(w, 2)),
    until: fc.integer({ min: 0, max: 20 }).map((w) => day(w, 4)),
    site: fc.constantFrom(...SITES),
    role: fc.constantFrom(...ROLES),
    host: fc.constantFrom(...HOSTS),
  },
  { requiredKeys: [] },
);

async function reportsAgree(a: Db, b: Db, filters: Record<string, string | undefined>[]): Promise<void> {
  for (const f of filters) {
    if (f.since && f.until && f.since > f.until) continue;
    const ra = await buildReport(a, f, { k: 5, now: NOW });
    const rb = await buildReport(b, f, { k: 5, now: NOW });
    expect({ ...ra, generatedAt: '' }).toEqual({ ...rb, generatedAt: '' });
  }
}

export async function windowTables(db: Db): Promise<unknown[]> {
  const key = (r: Record<string, unknown>) => ['host', 'kind', 'lo', 'hi', 'site', 'role'].map((k) => String(r[k] ?? '')).join(' ');
  const sorted = <R extends Record<string, unknown>>(rows: R[]) => rows.sort((a, b) => key(a).localeCompare(key(b)));
  // Rows whose tokens all moved to other windows hold only zeros until the retention pass deletes them.
  const tokenRows = await db.selectFrom('metric_token_window').selectAll().execute();
  const surveyRows = await db.selectFrom('metric_survey_window').selectAll().execute();
  for (const r of [...tokenRows, ...surveyRows]) {
    expect(Number(r.tokens)).toBeGreaterThanOrEqual(0);
    if (Number(r.tokens) === 0) expect(Object.values(r).filter((v) => typeof v === 'number' && v !== 0)).toEqual([]);
  }
  return [sorted(tokenRows.filter((r) => Number(r.tokens) !== 0)), sorted(surveyRows.filter((r) => Number(r.tokens) !== 0))];
}


const TABLES = [
  'metric_events',
  'metric_token_week',
  'metric_week',
  'metric_token_summary',
  'metric_survey_token',
  'metric_token_prompt_week',
  'metric_prompt_week',
  'metric_tokens',
  'metric_surveys',
  'metric_token_window',
  'metric_survey_window',
] as const;

/** The property, on two empty stores of the same kind (emptied again before each run). */
export function windowsProperty(windowsDb: Db, perTokenDb: Db) {
  return fc.asyncProperty(
    fc.array(tokenArb, { minLength: 6, maxLength: 24 }),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 400, maxLength: 400 }),
    fc.integer({ min: 1, max: 40 }),
    fc.array(filtersArb, { minLength: 3, maxLength: 6 }),
    fc.integer({ min: 2, max: 12 }),
    async (tokens, order, batch, filters, retentionWeeks) => {
      for (const t of TABLES) {
        await windowsDb.deleteFrom(t).execute();
        await perTokenDb.deleteFrom(t).execute();
      }
      const events = pilotEvents(tokens);
      const ord = events.map((_, i) => order[i % order.length]! + i * 1e-9);
      await storeIn(windowsDb, events, ord, batch);
      await withSpan(-1, () => storeIn(perTokenDb, events, ord, batch));
      const all = [{}, ...filters];
      await reportsAgree(windowsDb, perTokenDb, all);

      // A full recount rebuilds the same windows as incremental ingest.
      const incremental = await windowTables(windowsDb);
      await rebuildAggregates(windowsDb);
      expect(await windowTables(windowsDb)).toEqual(incremental);

      // Retention cuts tokens straddling the cutoff: their windows are redone from the weeks they keep.
      const retentionNow = Date.parse(week(8) + 'T12:00:00Z');
      await applyRetention(windowsDb, retentionWeeks * 7, retentionNow);
      await withSpan(-1, () => applyRetention(perTokenDb, retentionWeeks * 7, retentionNow));
      await reportsAgree(windowsDb, perTokenDb, all);
    },
  );
}
