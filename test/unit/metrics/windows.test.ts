/**
 * Period windows (src/server/metrics/windows.ts): the windows of one token by hand, then property tests on random
 * pilots. The report read from the windows must equal the report read per token (the long-lived path, which every
 * token takes when the span limit is lowered), for any period and filter, after incremental ingest in random batches,
 * after a full recount and after retention; and the migration that adds them to a store already in use.
 */
import fc from 'fast-check';
import { Migrator } from 'kysely';
import { openDatabase, type Db, type OpenedDatabase } from '../../../src/server/db';
import { migrations } from '../../../src/server/db/migrations';
import { storeEvents } from '../../../src/server/metrics/ingest';
import { addDays } from '../../../src/server/metrics/weeks';
import { forEachKeyGroup, outcomeValues, surveyValues, surveyWeeks, tokenWindows, windowSettings, type TokenWeekCounts } from '../../../src/server/metrics/windows';
import { ev } from './fixtures';
import { windowsProperty } from './pilot-property';

const W0 = '2026-06-01'; // a Monday
const week = (i: number) => addDays(W0, 7 * i);
const counts = (w: string, runs: number, extra: Partial<TokenWeekCounts> = {}): TokenWeekCounts => ({
  week: w,
  runs,
  inserted: runs,
  copied: 0,
  discarded: 0,
  cancelled: 0,
  errors: 0,
  ttft_sum: 0,
  ttft_n: 0,
  total_sum: 0,
  feedback_n: 0,
  feedback_useful: 0,
  ...extra,
});

describe('the windows of one token', () => {
  test('active in weeks 0, 2 and 3: its whole life, cut by a start, by an end, by both', () => {
    const rows = [counts(week(3), 1), counts(week(0), 2), counts(week(2), 3)];
    const got = tokenWindows(rows).map((w) => `${w.kind} ${w.lo.slice(5)}..${w.hi.slice(5)}: ${w.rows.map((r) => r.week.slice(5)).join(' ')}`);
    expect(got).toEqual([
      'full 06-01..06-22: 06-01 06-15 06-22',
      'from 06-08..06-22: 06-15 06-22',
      'from 06-15..06-22: 06-15 06-22',
      'from 06-22..06-22: 06-22',
      'to 06-01..06-01: 06-01',
      'to 06-01..06-08: 06-01',
      'to 06-01..06-15: 06-01 06-15',
      // both 06-08..06-08 is left out: the token was not active then, so a period of that week does not count it.
      'both 06-08..06-15: 06-15',
      'both 06-15..06-15: 06-15',
    ]);
  });

  test('a one-week life has one window; a life longer than the limit keeps only its whole life', () => {
    expect(tokenWindows([counts(week(4), 1)]).map((w) => w.kind)).toEqual(['full']);
    const long = [counts(week(0), 1), counts(week(windowSettings.maxSpanWeeks + 1), 1)];
    expect(tokenWindows(long).map((w) => w.kind)).toEqual(['full']);
    const longest = [counts(week(0), 1), counts(week(windowSettings.maxSpanWeeks), 1)];
    expect(tokenWindows(longest).length).toBeGreaterThan(1);
  });

  test('a token counts once, flags once, sums in full; intensity is runs per week with runs; recent = active in the last 4 weeks', () => {
    const rows = [counts(week(0), 12, { feedback_n: 2, feedback_useful: 1, errors: 1 }), counts(week(1), 0, { inserted: 0, feedback_n: 1 }), counts(week(5), 10)];
    const [full] = tokenWindows(rows);
    expect(outcomeValues(full!)).toMatchObject({ tokens: 1, run_tokens: 1, runs: 22, inserted_tokens: 1, inserted: 22, error_tokens: 1, errors: 1, fb_tokens: 1, feedback_n: 3, useful_tokens: 1, not_useful_tokens: 1, i1: 0, i2: 0, i3: 1 });
    const to4 = tokenWindows(rows).find((w) => w.kind === 'to' && w.hi === week(4))!;
    expect(outcomeValues(to4)).toMatchObject({ runs: 12, recent: 1, i2: 0, i3: 1 }); // week 1 is within 4..1
    const to1 = tokenWindows(rows).find((w) => w.kind === 'both' && w.lo === week(1) && w.hi === week(4))!;
    expect(outcomeValues(to1)).toMatchObject({ tokens: 1, run_tokens: 0, runs: 0, i1: 0, i2: 0, i3: 0, fb_tokens: 1, recent: 1 });
  });

  test('survey answers: per week, then per token with the answer kinds it gave', () => {
    const weeks = surveyWeeks([
      { week: week(0), benefit: 1, time_saved: '1to2h', comfort: 4 },
      { week: week(0), benefit: 0, time_saved: '0', comfort: 2 },
      { week: week(1), benefit: 1, time_saved: 'gt4h', comfort: 4 },
    ]);
    expect(weeks).toHaveLength(2);
    const [full] = tokenWindows(weeks);
    expect(surveyValues(full!)).toMatchObject({ tokens: 1, answers: 3, yes: 2, yes_tokens: 1, no_tokens: 1, minutes: 390, comfort_sum: 10, t0: 1, tt0: 1, t3: 1, tt3: 1, t5: 1, tt5: 1, tt1: 0, c4: 2, ct4: 1, c2: 1, ct2: 1, ct5: 0 });
  });
});

describe('windows give the same report as reading every token', () => {
  let windowsDb: OpenedDatabase;
  let perTokenDb: OpenedDatabase;
  beforeAll(async () => {
    windowsDb = await openDatabase('sqlite::memory:');
    perTokenDb = await openDatabase('sqlite::memory:');
  });
  afterAll(async () => {
    await windowsDb.close();
    await perTokenDb.close();
  });

  test('any pilot, ingest order, batch size, period and filter; then after a full recount and after retention', async () => {
    await fc.assert(windowsProperty(windowsDb.db, perTokenDb.db), { numRuns: 40 });
  }, 120_000);
});

describe('a full recount pages through the weekly rows', () => {
  test('every key comes once with all its rows, whatever the page size', async () => {
    const store = await openDatabase('sqlite::memory:');
    try {
      await storeEvents(store.db, [0, 1, 2, 3, 4, 5, 6].flatMap((t) => [0, 1, 2].map((w) => ev.run(`k${t}`, 'secretary', 'sec-sum', t % 2 ? 'word' : 'outlook', addDays('2026-06-02', 7 * w), 'inserted'))));
      const all = await store.db.selectFrom('metric_token_week').selectAll().execute();
      for (const pageSize of [1, 2, 3, 4, 5, 7, 1000]) {
        const groups: string[][] = [];
        await forEachKeyGroup<{ host: string; token: string; site: string; role: string; week: string }>(store.db, 'metric_token_week', ['host', 'token', 'site', 'role'], (rows) => groups.push(rows.map((r) => `${r.host} ${r.token} ${r.week}`)), pageSize);
        expect(groups).toHaveLength(14); // 7 devices × (their host + all hosts)
        for (const g of groups) expect(new Set(g.map((x) => x.split(' ').slice(0, 2).join(' '))).size).toBe(1);
        expect(groups.flat().sort()).toEqual(all.map((r) => `${r.host} ${r.token} ${r.week}`).sort());
      }

    } finally {
      await store.close();
    }
  });
});

describe('the windows migration', () => {
  test('on a store that already holds events, it computes the windows from them (and can be rolled back)', async () => {
    const store = await openDatabase('sqlite::memory:');
    try {
      const events = [0, 1, 2, 3, 5].flatMap((w, i) => [
        ev.run(`m${i % 3}`, 'secretary', 'sec-sum', 'outlook', addDays('2026-06-01', 7 * w + 1), 'inserted'),
        ev.survey(`m${i % 3}`, 'secretary', addDays('2026-06-01', 7 * w + 2), i % 2 === 0, 'lt30', 4),
      ]);
      await storeEvents(store.db, events);
      const before = await windowRows(store.db);
      expect(before.tokens.length).toBeGreaterThan(0);
      const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
      const down = await migrator.migrateDown();
      expect(down.error).toBeUndefined();
      expect(down.results?.[0]).toMatchObject({ migrationName: '2026_11_26_metrics_windows', status: 'Success' });
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(await windowRows(store.db)).toEqual(before);
    } finally {
      await store.close();
    }
  });
});

async function windowRows(db: Db): Promise<{ tokens: unknown[]; surveys: unknown[] }> {
  const key = (r: Record<string, unknown>) => ['host', 'kind', 'lo', 'hi', 'site', 'role'].map((k) => String(r[k] ?? '')).join(' ');
  const live = <R extends Record<string, unknown>>(rows: R[]) => rows.filter((r) => Number(r.tokens) !== 0).sort((a, b) => key(a).localeCompare(key(b)));
  return {
    tokens: live(await db.selectFrom('metric_token_window').selectAll().execute()),
    surveys: live(await db.selectFrom('metric_survey_window').selectAll().execute()),
  };
}
