/**
 * Period windows: what each device token brings to a report over any period of whole weeks, pre-aggregated per
 * site × role (× host), so that a report sums a few thousand rows whatever the number of devices and events.
 *
 * A report over the weeks [s, u] counts each token over the weeks of its life that fall inside the period. A token
 * lives a few weeks (rotated every 30 days), so the ways a period can cut its life are few:
 *   - `full`: its whole life (lo = first week, hi = last week), when the period holds it all;
 *   - `from`: from a start week s inside its life to its last week (lo = s, hi = last week);
 *   - `to`:   from its first week to an end week u inside its life (lo = first week, hi = u);
 *   - `both`: from s to u, both strictly inside its life (lo = s, hi = u), when it was active in between.
 * Every window is summarized per token (it counts as one device; flags such as "ran something" count it once; sums
 * add up), and those summaries are added per (kind, lo, hi, site, role [, host]). All columns are additive over
 * tokens, so a period reads:
 *   full: lo ≥ s and hi ≤ u;   from: lo = s and hi ≤ u;   to: lo ≥ s and hi = u;   both: lo = s and hi = u.
 * A token whose weeks span more than `windowSettings.maxSpanWeeks` keeps only its `full` window (it would need too many): it
 * is marked long-lived, and the report reads its weekly rows when it straddles an end of the period.
 *
 * Ingest keeps the windows up to date as deltas (a token's windows after the batch minus before), retention does the
 * same for tokens straddling the cutoff, and `rebuildWindows()` recomputes them all from the weekly rows.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { TIME_SAVED } from '../../core/metrics/events';
import { isPostgres, type AideDatabase, type Db, type SurveyRow, type TokenWeekRow } from '../db';
import { conflictUpdate, writeRows, type RowShape } from '../db/rows';
import { addDays, weeksBetween } from './weeks';

/**
 * Longest life (last week − first week) that gets every window: 9 weeks covers rotation periods up to two months.
 * Tests lower it to send every token through the long-lived path and compare both.
 */
export const windowSettings = { maxSpanWeeks: 9 };

export type WindowKind = 'full' | 'from' | 'to' | 'both';

export interface WindowSlice<R> {
  kind: WindowKind;
  lo: string;
  hi: string;
  rows: R[];
  /** For `to` and `both`, the first week of the report's "last 4 weeks" (the period ends at hi); null otherwise. */
  recentFrom: string | null;
}

const byWeek = <R extends { week: string }>(a: R, b: R) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0);

/** Whether a token's weekly rows span too many weeks to get every window. */
export function isLongLived(weeks: readonly { week: string }[], maxSpanWeeks = windowSettings.maxSpanWeeks): boolean {
  if (!weeks.length) return false;
  let lo = weeks[0]!.week;
  let hi = lo;
  for (const w of weeks) {
    if (w.week < lo) lo = w.week;
    if (w.week > hi) hi = w.week;
  }
  return weeksBetween(lo, hi) > maxSpanWeeks;
}

/**
 * The windows of one token, from its weekly rows (any order); with `minHi`, only those ending that week or later
 * (ingest: the others are the same before and after a batch, see `unchangedBefore`).
 */
export function tokenWindows<R extends { week: string }>(input: readonly R[], maxSpanWeeks = windowSettings.maxSpanWeeks, minHi = ''): WindowSlice<R>[] {
  if (!input.length) return [];
  const rows = [...input].sort(byWeek);
  const first = rows[0]!.week;
  const last = rows[rows.length - 1]!.week;
  const out: WindowSlice<R>[] = [{ kind: 'full', lo: first, hi: last, rows, recentFrom: null }];
  const span = weeksBetween(first, last);
  if (span > maxSpanWeeks) return out;
  const weeks = Array.from({ length: span + 1 }, (_, i) => addDays(first, 7 * i));
  const inside = (lo: string, hi: string) => rows.filter((r) => r.week >= lo && r.week <= hi);
  for (let i = 1; i <= span; i++) out.push({ kind: 'from', lo: weeks[i]!, hi: last, rows: inside(weeks[i]!, last), recentFrom: null });
  for (let j = 0; j < span; j++) {
    if (weeks[j]! >= minHi) out.push({ kind: 'to', lo: first, hi: weeks[j]!, rows: inside(first, weeks[j]!), recentFrom: addDays(weeks[j]!, -21) });
  }
  for (let i = 1; i < span; i++) {
    for (let j = i; j < span; j++) {
      if (weeks[j]! < minHi) continue;
      const w = inside(weeks[i]!, weeks[j]!);
      if (w.length) out.push({ kind: 'both', lo: weeks[i]!, hi: weeks[j]!, rows: w, recentFrom: addDays(weeks[j]!, -21) });
    }
  }
  return out;
}

// ---- outcomes (prompt runs, feedback) ----

export const OUTCOME_WINDOW_COLUMNS = [
  'tokens',
  'recent',
  'run_tokens',
  'runs',
  'inserted_tokens',
  'inserted',
  'copied_tokens',
  'copied',
  'discarded_tokens',
  'discarded',
  'cancelled_tokens',
  'cancelled',
  'error_tokens',
  'errors',
  'used_tokens',
  'ttft_sum',
  'ttft_n',
  'total_sum',
  'fb_tokens',
  'feedback_n',
  'useful_tokens',
  'feedback_useful',
  'not_useful_tokens',
  'i1',
  'i2',
  'i3',
] as const;
export type OutcomeWindowColumn = (typeof OUTCOME_WINDOW_COLUMNS)[number];

export type TokenWeekCounts = Pick<
  TokenWeekRow,
  'week' | 'runs' | 'inserted' | 'copied' | 'discarded' | 'cancelled' | 'errors' | 'ttft_sum' | 'ttft_n' | 'total_sum' | 'feedback_n' | 'feedback_useful'
>;

const has = (v: number) => (v > 0 ? 1 : 0);

/**
 * One token's figures over a window. Intensity buckets its mean runs per week in which it ran something:
 * 1–5 (i1), 6–10 (i2), 11 or more (i3), with the same half-way rounding as the SQL of the long-lived path.
 */
export function outcomeValues(w: WindowSlice<TokenWeekCounts>): Record<OutcomeWindowColumn, number> {
  let runs = 0;
  let inserted = 0;
  let copied = 0;
  let discarded = 0;
  let cancelled = 0;
  let errors = 0;
  let ttftSum = 0;
  let ttftN = 0;
  let totalSum = 0;
  let fb = 0;
  let useful = 0;
  let runWeeks = 0;
  let recent = 0;
  for (const r of w.rows) {
    runs += Number(r.runs);
    inserted += Number(r.inserted);
    copied += Number(r.copied);
    discarded += Number(r.discarded);
    cancelled += Number(r.cancelled);
    errors += Number(r.errors);
    ttftSum += Number(r.ttft_sum);
    ttftN += Number(r.ttft_n);
    totalSum += Number(r.total_sum);
    fb += Number(r.feedback_n);
    useful += Number(r.feedback_useful);
    if (Number(r.runs) > 0) runWeeks++;
    if (w.recentFrom !== null && r.week >= w.recentFrom) recent = 1;
  }
  return {
    tokens: 1,
    recent,
    run_tokens: has(runs),
    runs,
    inserted_tokens: has(inserted),
    inserted,
    copied_tokens: has(copied),
    copied,
    discarded_tokens: has(discarded),
    discarded,
    cancelled_tokens: has(cancelled),
    cancelled,
    error_tokens: has(errors),
    errors,
    used_tokens: has(inserted + copied),
    ttft_sum: ttftSum,
    ttft_n: ttftN,
    total_sum: totalSum,
    fb_tokens: has(fb),
    feedback_n: fb,
    useful_tokens: has(useful),
    feedback_useful: useful,
    not_useful_tokens: has(fb - useful),
    i1: runs > 0 && 2 * runs < 11 * runWeeks ? 1 : 0,
    i2: runs > 0 && 2 * runs >= 11 * runWeeks && 2 * runs < 21 * runWeeks ? 1 : 0,
    i3: runs > 0 && 2 * runs >= 21 * runWeeks ? 1 : 0,
  };
}

// ---- weekly pulse survey ----

export const SURVEY_WEEK_COUNTS = ['answers', 'yes', 'minutes', 'comfort_sum', 't0', 't1', 't2', 't3', 't4', 't5', 'c1', 'c2', 'c3', 'c4', 'c5'] as const;
export type SurveyWeekCounts = { week: string } & Record<(typeof SURVEY_WEEK_COUNTS)[number], number>;

export const SURVEY_WINDOW_COLUMNS = [
  'tokens',
  'answers',
  'yes',
  'yes_tokens',
  'no_tokens',
  'minutes',
  'comfort_sum',
  't0',
  't1',
  't2',
  't3',
  't4',
  't5',
  'tt0',
  'tt1',
  'tt2',
  'tt3',
  'tt4',
  'tt5',
  'c1',
  'c2',
  'c3',
  'c4',
  'c5',
  'ct1',
  'ct2',
  'ct3',
  'ct4',
  'ct5',
] as const;
export type SurveyWindowColumn = (typeof SURVEY_WINDOW_COLUMNS)[number];

/** Survey answer → minutes saved in the week (bucket mid-points; "> 4 h" counted as 5 h). */
export const TIME_SAVED_MINUTES: Record<string, number> = { '0': 0, lt30: 15, '30to60': 45, '1to2h': 90, '2to4h': 180, gt4h: 300 };

/** The same minutes in SQL, for a `time_saved` column. */
export function minutesSql(column: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`case ${column} ${sql.join(
    Object.entries(TIME_SAVED_MINUTES).map(([bucket, minutes]) => sql`when ${sql.lit(bucket)} then ${sql.lit(minutes)}`),
    sql` `,
  )} else 0 end`;
}

/** A token's raw answers folded per week. */
export function surveyWeeks(answers: readonly Pick<SurveyRow, 'week' | 'benefit' | 'time_saved' | 'comfort'>[]): SurveyWeekCounts[] {
  const weeks = new Map<string, SurveyWeekCounts>();
  for (const a of answers) {
    let w = weeks.get(a.week);
    if (!w) weeks.set(a.week, (w = { week: a.week, ...(Object.fromEntries(SURVEY_WEEK_COUNTS.map((c) => [c, 0])) as Record<(typeof SURVEY_WEEK_COUNTS)[number], number>) }));
    w.answers += 1;
    w.yes += Number(a.benefit);
    w.minutes += TIME_SAVED_MINUTES[a.time_saved] ?? 0;
    w.comfort_sum += Number(a.comfort);
    const b = TIME_SAVED.indexOf(a.time_saved as (typeof TIME_SAVED)[number]);
    if (b >= 0) w[`t${b}` as 't0'] += 1;
    const c = Number(a.comfort);
    if (c >= 1 && c <= 5) w[`c${c}` as 'c1'] += 1;
  }
  return [...weeks.values()];
}

export function surveyValues(w: WindowSlice<SurveyWeekCounts>): Record<SurveyWindowColumn, number> {
  const sum = Object.fromEntries(SURVEY_WEEK_COUNTS.map((c) => [c, 0])) as Record<(typeof SURVEY_WEEK_COUNTS)[number], number>;
  for (const r of w.rows) for (const c of SURVEY_WEEK_COUNTS) sum[c] += Number(r[c]);
  const out = { tokens: has(sum.answers), yes_tokens: has(sum.yes), no_tokens: has(sum.answers - sum.yes), ...sum } as Record<SurveyWindowColumn, number>;
  for (let i = 0; i <= 5; i++) out[`tt${i}` as SurveyWindowColumn] = has(sum[`t${i}` as 't0']);
  for (let c = 1; c <= 5; c++) out[`ct${c}` as SurveyWindowColumn] = has(sum[`c${c}` as 'c1']);
  return out;
}

// ---- deltas and storage ----

/**
 * The week before which a token's windows are the same before and after a change of the given weeks (they would
 * cancel out, so ingest skips them): windows ending before both the first changed week and the old last week hold
 * the same rows, and exist on both sides as long as the first week and the long-lived mark stay. '' = none.
 */
export function unchangedBefore(before: readonly { week: string }[], after: readonly { week: string }[], changedWeeks: readonly string[]): string {
  if (!before.length || !changedWeeks.length) return '';
  let firstBefore = before[0]!.week;
  let lastBefore = firstBefore;
  for (const r of before) {
    if (r.week < firstBefore) firstBefore = r.week;
    if (r.week > lastBefore) lastBefore = r.week;
  }
  let firstAfter = after.length ? after[0]!.week : '';
  for (const r of after) if (r.week < firstAfter) firstAfter = r.week;
  if (firstAfter !== firstBefore || isLongLived(before) !== isLongLived(after)) return '';
  let minChanged = changedWeeks[0]!;
  for (const w of changedWeeks) if (w < minChanged) minChanged = w;
  return minChanged < lastBefore ? minChanged : lastBefore;
}

/** A window row: its key columns (strings) and counts (numbers). */
type Entry = Record<string, string | number>;

/** Window rows to add (or remove, with negative counts) per (kind, lo, hi, site, role [, host]). */
export class WindowDeltas {
  readonly entries = new Map<string, Entry>();

  add(key: Record<string, string>, values: Record<string, number>, sign: 1 | -1): void {
    const k = Object.values(key).join('\u0000');
    let e = this.entries.get(k);
    if (!e) {
      e = { ...key };
      for (const name in values) e[name] = 0;
      this.entries.set(k, e);
    }
    for (const name in values) e[name] = (e[name] as number) + sign * values[name]!;
  }

  /** Adds a token's windows (sign 1) or takes them away (−1); with `minHi`, only those ending that week or later. */
  addToken<R extends { week: string }>(base: Record<string, string>, rows: readonly R[], values: (w: WindowSlice<R>) => Record<string, number>, sign: 1 | -1, minHi = ''): void {
    for (const w of tokenWindows(rows, windowSettings.maxSpanWeeks, minHi)) this.add({ ...base, kind: w.kind, lo: w.lo, hi: w.hi }, values(w), sign);
  }

  /** A token's windows before and after a change: the difference is what the window table must add. */
  replaceToken<R extends { week: string }>(base: Record<string, string>, before: readonly R[], after: readonly R[], changedWeeks: readonly string[], values: (w: WindowSlice<R>) => Record<string, number>): void {
    const minHi = unchangedBefore(before, after, changedWeeks);
    this.addToken(base, before, values, -1, minHi);
    this.addToken(base, after, values, 1, minHi);
  }

  /** Entries that change something (a token's windows before and after often cancel out). */
  changed(): Entry[] {
    return [...this.entries.values()].filter((e) => Object.values(e).some((v) => typeof v === 'number' && v !== 0));
  }
}

type WindowTable = 'metric_token_window' | 'metric_survey_window';
const KEYS: Record<WindowTable, readonly string[]> = {
  metric_token_window: ['host', 'kind', 'lo', 'hi', 'site', 'role'],
  metric_survey_window: ['kind', 'lo', 'hi', 'site', 'role'],
};
const COLUMNS: Record<WindowTable, readonly string[]> = { metric_token_window: OUTCOME_WINDOW_COLUMNS, metric_survey_window: SURVEY_WINDOW_COLUMNS };

const shapeOf = (table: WindowTable): RowShape => ({
  id: table,
  table,
  columns: [...KEYS[table], ...COLUMNS[table]],
  onConflict: conflictUpdate(table, KEYS[table], { add: COLUMNS[table] }),
});
const SHAPES: Record<WindowTable, RowShape> = { metric_token_window: shapeOf('metric_token_window'), metric_survey_window: shapeOf('metric_survey_window') };

/**
 * Adds the deltas to the window table (this runs for every ingested batch). A row can fall to no token at all (its
 * tokens moved to other windows): it holds only zeros, changes no figure, and is deleted by the daily retention pass.
 */
export async function writeWindowDeltas(trx: Kysely<AideDatabase>, table: WindowTable, deltas: WindowDeltas): Promise<void> {
  await writeRows(trx, SHAPES[table], deltas.changed());
}

// ---- ingest ----

export type TokenKey = { host: string; token: string; site: string; role: string };
export const tokenKeyOf = (r: TokenKey) => [r.host, r.token, r.site, r.role].join('\u0000');

/** The rows `fetch` finds for the keys' tokens (500 tokens per query), grouped per key; other keys are left out. */
async function groupedByKey<K extends { token: string }, R extends K>(keys: readonly K[], keyOf: (r: K) => string, fetch: (tokens: string[]) => Promise<R[]>): Promise<Map<string, R[]>> {
  const out = new Map<string, R[]>();
  const wanted = new Set(keys.map(keyOf));
  const tokens = [...new Set(keys.map((k) => k.token))];
  for (let i = 0; i < tokens.length; i += 500) {
    for (const r of await fetch(tokens.slice(i, i + 500))) {
      const k = keyOf(r);
      if (wanted.has(k)) (out.get(k) ?? out.set(k, []).get(k)!).push(r);
    }
  }
  return out;
}

/** The weekly rows of the given tokens (all their weeks), grouped per (host, token, site, role). */
export function readTokenWeeks(trx: Kysely<AideDatabase>, keys: readonly TokenKey[]): Promise<Map<string, TokenWeekRow[]>> {
  const hosts = [...new Set(keys.map((k) => k.host))];
  return groupedByKey(keys, tokenKeyOf, (tokens) => trx.selectFrom('metric_token_week').selectAll().where('host', 'in', hosts).where('token', 'in', tokens).execute());
}

export type SurveyKey = { token: string; site: string; role: string };
export const surveyKeyOf = (r: SurveyKey) => [r.token, r.site, r.role].join('\u0000');

/** The stored answers of the given tokens, grouped per (token, site, role). */
export function readSurveys(trx: Kysely<AideDatabase>, keys: readonly SurveyKey[]): Promise<Map<string, SurveyRow[]>> {
  return groupedByKey(keys, surveyKeyOf, (tokens) => trx.selectFrom('metric_surveys').selectAll().where('token', 'in', tokens).execute());
}

/**
 * On PostgreSQL, several server instances may store batches of the same device at once: a transaction-scoped lock per
 * token (taken in a stable order) makes "read the token's weeks, then add its windows' change" happen one at a time.
 * SQLite has one writer at a time anyway.
 */
export async function lockTokens(trx: Kysely<AideDatabase>, tokens: string[]): Promise<void> {
  if (!tokens.length || !isPostgres(trx)) return;
  const sorted = [...new Set(tokens)].sort();
  await sql`select pg_advisory_xact_lock(hashtextextended(t, 0)) from (select unnest(${sorted}::text[]) as t order by 1) locks`.execute(trx);
}

// ---- full recount ----

/**
 * Pages through a table ordered by `keys` then by week, handing over all the rows of each key together (keyset
 * pagination: each page starts after the last complete key of the previous one).
 */
export async function forEachKeyGroup<R extends object>(db: Kysely<AideDatabase>, table: 'metric_token_week' | 'metric_surveys', keys: readonly string[], onGroup: (rows: R[]) => void, pageSize = 20_000): Promise<void> {
  // Typed loosely: the two tables share this code, and `keys` are columns of both.
  const loose = db as unknown as Kysely<Record<string, Record<string, string>>>;
  const keyOf = (r: Record<string, unknown>) => keys.map((k) => String(r[k])).join('\u0000');
  let after: unknown[] | null = null;
  for (;;) {
    let q = loose.selectFrom(table).selectAll();
    if (after) q = q.where(sql<boolean>`(${sql.join(keys.map((k) => sql.ref(k)))}) > (${sql.join(after.map((v) => sql`${v}`))})`);
    for (const k of [...keys, 'week']) q = q.orderBy(k);
    const page = (await q.limit(pageSize).execute()) as Record<string, unknown>[];
    if (!page.length) return;
    // A full page may end inside a key: keep that key for the next page.
    let end = page.length;
    if (page.length === pageSize) {
      const lastKey = keyOf(page[page.length - 1]!);
      while (end > 0 && keyOf(page[end - 1]!) === lastKey) end--;
      if (end === 0) {
        // One key fills the whole page (a token that was never rotated): read all of its rows at once.
        let whole = loose.selectFrom(table).selectAll();
        for (const k of keys) whole = whole.where(k, '=', String(page[0]![k]));
        onGroup((await whole.orderBy('week').execute()) as R[]);
        after = keys.map((k) => page[0]![k]);
        continue;
      }
    }
    let start = 0;
    for (let i = 1; i <= end; i++) {
      if (i === end || keyOf(page[i]!) !== keyOf(page[start]!)) {
        onGroup(page.slice(start, i) as R[]);
        start = i;
      }
    }
    const last = page[end - 1]!;
    after = keys.map((k) => last[k]);
    if (page.length < pageSize) return;
  }
}

/** Recomputes every window (and the long-lived marks) from the weekly rows and the stored answers. */
export async function rebuildWindows(db: Db | Transaction<AideDatabase>): Promise<void> {
  await db.deleteFrom('metric_token_window').execute();
  await db.deleteFrom('metric_survey_window').execute();
  await db.updateTable('metric_token_summary').set({ long_lived: 0 }).where('long_lived', '<>', 0).execute();
  await db.updateTable('metric_survey_token').set({ long_lived: 0 }).where('long_lived', '<>', 0).execute();

  const outcome = new WindowDeltas();
  const longTokens: TokenKey[] = [];
  await forEachKeyGroup<TokenWeekRow>(db, 'metric_token_week', ['host', 'token', 'site', 'role'], (rows) => {
    const r = rows[0]!;
    outcome.addToken({ host: r.host, site: r.site, role: r.role }, rows, outcomeValues, 1);
    if (isLongLived(rows)) longTokens.push(r);
  });
  await writeWindowDeltas(db, 'metric_token_window', outcome);
  for (const k of longTokens) {
    await db.updateTable('metric_token_summary').set({ long_lived: 1 }).where('host', '=', k.host).where('token', '=', k.token).where('site', '=', k.site).where('role', '=', k.role).execute();
  }

  const survey = new WindowDeltas();
  const longSurveys: SurveyKey[] = [];
  await forEachKeyGroup<SurveyRow>(db, 'metric_surveys', ['token', 'site', 'role'], (rows) => {
    const r = rows[0]!;
    const weeks = surveyWeeks(rows);
    survey.addToken({ site: r.site, role: r.role }, weeks, surveyValues, 1);
    if (isLongLived(weeks)) longSurveys.push(r);
  });
  await writeWindowDeltas(db, 'metric_survey_window', survey);
  for (const k of longSurveys) {
    await db.updateTable('metric_survey_token').set({ long_lived: 1 }).where('token', '=', k.token).where('site', '=', k.site).where('role', '=', k.role).execute();
  }
}

// ---- retention ----

/**
 * Before weekly rows and answers older than `cutoffWeek` are deleted: the windows of tokens straddling the cutoff are
 * recomputed from what they keep, and windows that end before it go. Call inside the retention transaction, before
 * the weekly rows are deleted; it returns the step to run after them.
 */
export async function retireWindows(trx: Transaction<AideDatabase>, cutoffWeek: string): Promise<() => Promise<void>> {
  const straddling = await trx
    .selectFrom('metric_token_summary')
    .select(['host', 'token', 'site', 'role'])
    .where('first_week', '<', cutoffWeek)
    .where('last_week', '>=', cutoffWeek)
    .execute();
  const weeks = await readTokenWeeks(trx, straddling);
  const outcome = new WindowDeltas();
  const kept = new Map<string, TokenWeekRow[]>();
  for (const [k, rows] of weeks) {
    const r = rows[0]!;
    const base = { host: r.host, site: r.site, role: r.role };
    const keep = rows.filter((w) => w.week >= cutoffWeek);
    kept.set(k, keep);
    outcome.replaceToken(base, rows, keep, rows.filter((w) => w.week < cutoffWeek).map((w) => w.week), outcomeValues);
  }
  const sStraddling = await trx.selectFrom('metric_survey_token').select(['token', 'site', 'role']).where('first_week', '<', cutoffWeek).where('last_week', '>=', cutoffWeek).execute();
  const answers = await readSurveys(trx, sStraddling);
  const survey = new WindowDeltas();
  const sKept = new Map<string, SurveyWeekCounts[]>();
  for (const [k, rows] of answers) {
    const base = { site: rows[0]!.site, role: rows[0]!.role };
    const keep = surveyWeeks(rows.filter((a) => a.week >= cutoffWeek));
    sKept.set(k, keep);
    survey.replaceToken(base, surveyWeeks(rows), keep, rows.filter((a) => a.week < cutoffWeek).map((a) => a.week), surveyValues);
  }
  // Windows ending before the cutoff are deleted whole: drop their share of the change.
  for (const d of [outcome, survey]) for (const [k, e] of d.entries) if ((e.hi as string) < cutoffWeek) d.entries.delete(k);
  return async () => {
    await trx.deleteFrom('metric_token_window').where('hi', '<', cutoffWeek).execute();
    await trx.deleteFrom('metric_survey_window').where('hi', '<', cutoffWeek).execute();
    await writeWindowDeltas(trx, 'metric_token_window', outcome);
    await writeWindowDeltas(trx, 'metric_survey_window', survey);
    // Windows whose tokens all moved on (only zeros left).
    await trx.deleteFrom('metric_token_window').where('tokens', '=', 0).execute();
    await trx.deleteFrom('metric_survey_window').where('tokens', '=', 0).execute();
    // The straddling tokens' life now starts at the cutoff.
    for (const [, rows] of kept) {
      if (!rows.length) continue;
      const r = rows[0]!;
      const first = rows.reduce((m, w) => (w.week < m ? w.week : m), r.week);
      await trx
        .updateTable('metric_token_summary')
        .set({ first_week: first, long_lived: isLongLived(rows) ? 1 : 0 })
        .where('host', '=', r.host)
        .where('token', '=', r.token)
        .where('site', '=', r.site)
        .where('role', '=', r.role)
        .execute();
    }
    for (const [k, weeksKept] of sKept) {
      if (!weeksKept.length) continue;
      const [token, site, role] = k.split('\u0000') as [string, string, string];
      const first = weeksKept.reduce((m, w) => (w.week < m ? w.week : m), weeksKept[0]!.week);
      await trx
        .updateTable('metric_survey_token')
        .set({ first_week: first, long_lived: isLongLived(weeksKept) ? 1 : 0 })
        .where('token', '=', token)
        .where('site', '=', site)
        .where('role', '=', role)
        .execute();
    }
  };
}
