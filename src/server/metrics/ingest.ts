/**
 * Ingest of event batches: each event validated on its own (partial acceptance with a reason per rejected one),
 * stored once (idempotent on its id) and folded into the weekly pre-aggregates in the same transaction, so the
 * report never sees an event half-written. Nothing but the event's own fields is stored.
 */
import { sql, type Transaction } from 'kysely';
import { describeIssue, eventBatchSchema, metricEventSchema, type MetricEvent } from '../../core/metrics/events';
import type { AideDatabase, Db, EventRow, SurveyTokenRow, TokenWeekRow } from '../db';
import { conflictUpdate, writeRows, type RowShape } from '../db/rows';
import { addDays, dayOf, weekOf } from './weeks';
import {
  isLongLived,
  lockTokens,
  outcomeValues,
  readSurveys,
  readTokenWeeks,
  surveyKeyOf,
  surveyValues,
  SURVEY_WEEK_COUNTS,
  surveyWeeks,
  retireWindows,
  tokenKeyOf,
  WindowDeltas,
  writeWindowDeltas,
  type SurveyKey,
  type TokenKey,
} from './windows';

export interface RejectedEvent {
  index: number;
  id?: string;
  reason: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

export class BatchError extends Error {}

const DAY = 86_400_000;
/** Clocks on workstations drift; anything further ahead is a broken clock, not an event. */
const MAX_FUTURE_MS = DAY;

export { addDays, dayOf, weekOf };

/**
 * Validates a batch; throws BatchError when the envelope itself is wrong (then nothing is stored). `recordPromptId`
 * (the HTTP route passes the library's, see prompts/known-ids.ts) turns a prompt id the library does not have into
 * `personal` before anything is stored.
 */
export function validateBatch(
  body: unknown,
  now: number = Date.now(),
  recordPromptId?: (id: string) => string,
): { events: MetricEvent[]; indexes: number[]; rejected: RejectedEvent[] } {
  const envelope = eventBatchSchema.safeParse(body);
  if (!envelope.success) throw new BatchError('Expected {"events": [...]} with 1 to 50 events: ' + describeIssue(envelope.error));
  const events: MetricEvent[] = [];
  const indexes: number[] = [];
  const rejected: RejectedEvent[] = [];
  envelope.data.events.forEach((raw, index) => {
    const parsed = metricEventSchema.safeParse(raw);
    const rawId = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    // Echo the id only when it looks like one (never echo arbitrary client text).
    const id = typeof rawId === 'string' && /^[0-9a-f-]{36}$/.test(rawId) ? rawId : undefined;
    if (!parsed.success) {
      rejected.push({ index, ...(id ? { id } : {}), reason: describeIssue(parsed.error) });
      return;
    }
    if (Date.parse(parsed.data.ts) > now + MAX_FUTURE_MS) {
      rejected.push({ index, id: parsed.data.id, reason: 'ts: timestamp is in the future (check the device clock)' });
      return;
    }
    const event = parsed.data;
    if (recordPromptId && (event.type === 'prompt_open' || event.type === 'prompt_run')) event.promptId = recordPromptId(event.promptId);
    events.push(event);
    indexes.push(index);
  });
  return { events, indexes, rejected };
}

/** The stored row of one validated event (also used by the benchmark's bulk load). */
export function toRow(e: MetricEvent): EventRow {
  const day = dayOf(e.ts);
  const row: EventRow = {
    id: e.id,
    type: e.type,
    token: e.token,
    ts: e.ts,
    day,
    week: weekOf(day),
    site: e.site,
    app_version: e.appVersion,
    role: null,
    prompt_id: null,
    prompt_version: null,
    host: null,
    engine: null,
    outcome: null,
    ttft_ms: null,
    total_ms: null,
    input_size: null,
    output_size: null,
    run_id: null,
    useful: null,
    benefit: null,
    time_saved: null,
    comfort: null,
  };
  switch (e.type) {
    case 'prompt_open':
      Object.assign(row, { role: e.role, prompt_id: e.promptId, prompt_version: e.promptVersion, host: e.host });
      break;
    case 'prompt_run':
      Object.assign(row, {
        role: e.role,
        prompt_id: e.promptId,
        prompt_version: e.promptVersion,
        host: e.host,
        engine: e.engine,
        outcome: e.outcome,
        ttft_ms: e.ttftMs,
        total_ms: e.totalMs,
        input_size: e.inputSize,
        output_size: e.outputSize,
      });
      break;
    case 'feedback':
      Object.assign(row, { run_id: e.runId, useful: e.useful ? 1 : 0 });
      break;
    case 'survey':
      Object.assign(row, { role: e.role ?? null, benefit: e.benefit ? 1 : 0, time_saved: e.timeSaved, comfort: e.comfort });
      break;
  }
  return row;
}

type Counts = Record<string, number>;
const TOKEN_WEEK_COUNTS = ['opens', 'runs', 'inserted', 'copied', 'discarded', 'cancelled', 'errors', 'ttft_sum', 'ttft_n', 'total_sum', 'feedback_n', 'feedback_useful'] as const;
const PW = ['opens', 'runs', 'used', 'tokens_open', 'tokens_run', 'tokens_used'] as const;

// The statements of every batch (see db/rows.ts).
const EVENT_COLUMNS = ['id', 'type', 'token', 'ts', 'day', 'week', 'site', 'app_version', 'role', 'prompt_id', 'prompt_version', 'host', 'engine', 'outcome', 'ttft_ms', 'total_ms', 'input_size', 'output_size', 'run_id', 'useful', 'benefit', 'time_saved', 'comfort'] as const satisfies readonly (keyof EventRow)[];
const EVENTS: RowShape = { id: 'events', table: 'metric_events', columns: EVENT_COLUMNS, onConflict: sql`(id) do nothing`, returning: ['id'] };
const TOKENS: RowShape = {
  id: 'tokens',
  table: 'metric_tokens',
  columns: ['token', 'first_week', 'week4', 'site', 'role'],
  // A late event from an earlier week moves the token's first week (and its 4th week) back.
  onConflict: sql`(token) do update set
    first_week = case when excluded.first_week < metric_tokens.first_week then excluded.first_week else metric_tokens.first_week end,
    week4 = case when excluded.first_week < metric_tokens.first_week then excluded.week4 else metric_tokens.week4 end`,
};
const TOKEN_WEEK: RowShape = {
  id: 'token_week',
  table: 'metric_token_week',
  columns: ['week', 'site', 'role', 'host', 'token', ...TOKEN_WEEK_COUNTS],
  onConflict: conflictUpdate('metric_token_week', ['host', 'token', 'site', 'role', 'week'], { add: TOKEN_WEEK_COUNTS }),
};
const SUMMARY: RowShape = {
  id: 'token_summary',
  table: 'metric_token_summary',
  columns: ['host', 'token', 'site', 'role', 'first_week', 'last_week', 'long_lived', 'weeks', 'run_weeks', ...TOKEN_WEEK_COUNTS],
  onConflict: conflictUpdate('metric_token_summary', ['host', 'token', 'site', 'role'], { min: ['first_week'], max: ['last_week'], set: ['long_lived'], add: ['weeks', 'run_weeks', ...TOKEN_WEEK_COUNTS] }),
};
const WEEK: RowShape = {
  id: 'week',
  table: 'metric_week',
  columns: ['host', 'week', 'site', 'role', 'tokens', 'run_tokens', 'runs'],
  onConflict: conflictUpdate('metric_week', ['host', 'week', 'site', 'role'], { add: ['tokens', 'run_tokens', 'runs'] }),
};
const TOKEN_PROMPT_WEEK: RowShape = {
  id: 'token_prompt_week',
  table: 'metric_token_prompt_week',
  columns: ['week', 'site', 'role', 'host', 'prompt_id', 'token', 'opens', 'runs', 'used'],
  onConflict: conflictUpdate('metric_token_prompt_week', ['week', 'site', 'role', 'host', 'prompt_id', 'token'], { add: ['opens', 'runs', 'used'] }),
  returning: ['week', 'site', 'role', 'host', 'prompt_id', 'token', 'opens', 'runs', 'used'],
};
const PROMPT_WEEK: RowShape = {
  id: 'prompt_week',
  table: 'metric_prompt_week',
  columns: ['week', 'site', 'role', 'host', 'prompt_id', ...PW],
  onConflict: conflictUpdate('metric_prompt_week', ['host', 'week', 'site', 'role', 'prompt_id'], { add: PW }),
};
const SURVEYS: RowShape = { id: 'surveys', table: 'metric_surveys', columns: ['id', 'week', 'site', 'role', 'token', 'benefit', 'time_saved', 'comfort'], onConflict: sql`(id) do nothing` };
const SURVEY_TOKEN: RowShape = {
  id: 'survey_token',
  table: 'metric_survey_token',
  columns: ['token', 'site', 'role', 'first_week', 'last_week', 'long_lived', ...SURVEY_WEEK_COUNTS],
  onConflict: conflictUpdate('metric_survey_token', ['token', 'site', 'role'], { min: ['first_week'], max: ['last_week'], set: ['long_lived'], add: SURVEY_WEEK_COUNTS }),
};

function bump(map: Map<string, { key: Record<string, string>; counts: Counts }>, key: Record<string, string>, add: Counts): void {
  const k = Object.values(key).join('\u0000');
  let entry = map.get(k);
  if (!entry) map.set(k, (entry = { key, counts: {} }));
  for (const [name, v] of Object.entries(add)) entry.counts[name] = (entry.counts[name] ?? 0) + v;
}

/**
 * Stores already-validated events (the HTTP route validates; the demo seeder and the benchmark call this directly
 * with larger chunks). Returns the ids that were new.
 */
export async function storeEvents(db: Db, events: MetricEvent[]): Promise<Set<string>> {
  if (!events.length) return new Set();
  return db.transaction().execute((trx) => storeInTransaction(trx, events));
}

// SQLite accepts at most 32766 bound values per statement; stay well under for every table.
const CHUNK = 600;

async function storeInTransaction(trx: Transaction<AideDatabase>, events: MetricEvent[]): Promise<Set<string>> {
  // Same id twice in one batch: the first one wins, like a retry would.
  const seen = new Set<string>();
  const rows = events.map(toRow).filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  const fresh = new Set<string>();
  for (const r of await writeRows<{ id: string }>(trx, EVENTS, rows)) fresh.add(r.id);
  const stored = rows.filter((r) => fresh.has(r.id));
  if (!stored.length) return fresh;
  // Windows are updated from each token's weeks before and after this batch: one writer per token at a time.
  await lockTokens(trx, stored.map((r) => r.token));

  // First week of each new token (retention cohorts), before surveys look their role up.
  const firsts = new Map<string, { token: string; first_week: string; week4: string; site: string; role: string }>();
  for (const r of stored) {
    if ((r.type !== 'prompt_open' && r.type !== 'prompt_run') || !r.role) continue;
    const prev = firsts.get(r.token);
    if (!prev || r.week < prev.first_week) firsts.set(r.token, { token: r.token, first_week: r.week, week4: addDays(r.week, 21), site: r.site, role: r.role });
  }
  await writeRows(trx, TOKENS, [...firsts.values()]);

  // Feedback counts go with the run they are about (its site, role and host).
  const runIds = [...new Set(stored.filter((r) => r.type === 'feedback' && r.run_id).map((r) => r.run_id as string))];
  const runs = new Map<string, { site: string; role: string; host: string }>();
  for (let i = 0; i < runIds.length; i += CHUNK) {
    const found = await trx
      .selectFrom('metric_events')
      .select(['id', 'site', 'role', 'host'])
      .where('id', 'in', runIds.slice(i, i + CHUNK))
      .where('type', '=', 'prompt_run')
      .execute();
    for (const f of found) if (f.role && f.host) runs.set(f.id, { site: f.site, role: f.role, host: f.host });
  }

  // Surveys without a role take the role of the token's first activity.
  const roleless = [...new Set(stored.filter((r) => r.type === 'survey' && !r.role).map((r) => r.token))];
  const tokenRoles = new Map<string, string>();
  for (let i = 0; i < roleless.length; i += CHUNK) {
    const found = await trx.selectFrom('metric_tokens').select(['token', 'role']).where('token', 'in', roleless.slice(i, i + CHUNK)).execute();
    for (const f of found) tokenRoles.set(f.token, f.role);
  }

  const tokenWeek = new Map<string, { key: Record<string, string>; counts: Counts }>();
  const tokenPrompt = new Map<string, { key: Record<string, string>; counts: Counts }>();
  const surveys: AideDatabase['metric_surveys'][] = [];
  for (const r of stored) {
    if (r.type === 'prompt_open' || r.type === 'prompt_run') {
      const add: Counts =
        r.type === 'prompt_open'
          ? { opens: 1 }
          : {
              runs: 1,
              [r.outcome === 'error' ? 'errors' : (r.outcome as string)]: 1,
              ttft_sum: r.ttft_ms ?? 0,
              ttft_n: r.ttft_ms === null ? 0 : 1,
              total_sum: r.total_ms ?? 0,
            };
      const used = r.type === 'prompt_run' && (r.outcome === 'inserted' || r.outcome === 'copied') ? 1 : 0;
      const promptAdd: Counts = r.type === 'prompt_open' ? { opens: 1 } : { runs: 1, used };
      for (const host of [r.host as string, '*']) {
        bump(tokenWeek, { week: r.week, site: r.site, role: r.role as string, host, token: r.token }, add);
        bump(tokenPrompt, { week: r.week, site: r.site, role: r.role as string, host, prompt_id: r.prompt_id as string, token: r.token }, promptAdd);
      }
    } else if (r.type === 'feedback') {
      const run = runs.get(r.run_id as string);
      if (!run) continue; // the run is unknown (expired or never sent): kept raw, not counted
      for (const host of [run.host, '*'])
        bump(tokenWeek, { week: r.week, site: run.site, role: run.role, host, token: r.token }, { feedback_n: 1, feedback_useful: r.useful ?? 0 });
    } else {
      surveys.push({
        id: r.id,
        week: r.week,
        site: r.site,
        role: r.role ?? tokenRoles.get(r.token) ?? 'unknown',
        token: r.token,
        benefit: r.benefit ?? 0,
        time_saved: r.time_saved ?? '0',
        comfort: r.comfort ?? 3,
      });
    }
  }

  const twRows = [...tokenWeek.values()].map(({ key, counts }) => ({
    ...(key as { week: string; site: string; role: string; host: string; token: string }),
    ...Object.fromEntries(TOKEN_WEEK_COUNTS.map((c) => [c, counts[c] ?? 0])),
  })) as AideDatabase['metric_token_week'][];
  // Each touched token's weeks before and after the batch: its windows change by the difference.
  const touched = new Map<string, TokenKey>();
  for (const r of twRows) touched.set(tokenKeyOf(r), { host: r.host, token: r.token, site: r.site, role: r.role });
  const weeksBefore = await readTokenWeeks(trx, [...touched.values()]);
  const weeksAfter = new Map<string, TokenWeekRow[]>();
  for (const [k, rows] of weeksBefore) weeksAfter.set(k, rows.map((r) => ({ ...r })));
  for (const r of twRows) {
    const k = tokenKeyOf(r);
    const list = weeksAfter.get(k) ?? weeksAfter.set(k, []).get(k)!;
    const row = list.find((w) => w.week === r.week);
    if (row) for (const c of TOKEN_WEEK_COUNTS) row[c] = Number(row[c]) + r[c];
    else list.push({ ...r });
  }
  const changedWeeks = new Map<string, string[]>();
  for (const r of twRows) (changedWeeks.get(tokenKeyOf(r)) ?? changedWeeks.set(tokenKeyOf(r), []).get(tokenKeyOf(r))!).push(r.week);
  const windowDeltas = new WindowDeltas();
  for (const [k, key] of touched) {
    windowDeltas.replaceToken({ host: key.host, site: key.site, role: key.role }, weeksBefore.get(k) ?? [], weeksAfter.get(k) ?? [], changedWeeks.get(k) ?? [], outcomeValues);
  }
  // The token's weeks before the batch tell whether a row is new (its first activity in that week × site × role ×
  // host) and whether it is its first run of the week.
  const weekly = new Map<string, { key: Record<string, string>; counts: Counts }>();
  const summary = new Map<string, AideDatabase['metric_token_summary']>();
  for (const delta of twRows) {
    const sk = tokenKeyOf(delta);
    const before = weeksBefore.get(sk)?.find((w) => w.week === delta.week);
    const isNew = before ? 0 : 1;
    const firstRun = delta.runs > 0 && !(Number(before?.runs ?? 0) > 0) ? 1 : 0;
    bump(weekly, { host: delta.host, week: delta.week, site: delta.site, role: delta.role }, { tokens: isNew, run_tokens: firstRun, runs: delta.runs });
    let sm = summary.get(sk);
    if (!sm) {
      const long_lived = isLongLived(weeksAfter.get(sk) ?? []) ? 1 : 0;
      summary.set(sk, (sm = { host: delta.host, token: delta.token, site: delta.site, role: delta.role, first_week: delta.week, last_week: delta.week, weeks: 0, run_weeks: 0, long_lived, ...Object.fromEntries(TOKEN_WEEK_COUNTS.map((c) => [c, 0])) } as AideDatabase['metric_token_summary']));
    }
    if (delta.week < sm.first_week) sm.first_week = delta.week;
    if (delta.week > sm.last_week) sm.last_week = delta.week;
    sm.weeks += isNew;
    sm.run_weeks += firstRun;
    for (const c of TOKEN_WEEK_COUNTS) sm[c] += delta[c];
  }
  await writeRows(trx, TOKEN_WEEK, twRows);
  await writeRows(trx, SUMMARY, [...summary.values()]);
  await writeWindowDeltas(trx, 'metric_token_window', windowDeltas);
  const wRows = [...weekly.values()].map(({ key, counts }) => ({
    ...(key as { host: string; week: string; site: string; role: string }),
    tokens: counts.tokens ?? 0,
    run_tokens: counts.run_tokens ?? 0,
    runs: counts.runs ?? 0,
  }));
  await writeRows(trx, WEEK, wRows);
  // Week-4 retention flag of the tokens seen in this batch (their first week may just have moved, too).
  const batchTokens = [...new Set(twRows.map((r) => r.token))];
  for (let i = 0; i < batchTokens.length; i += CHUNK) await updateRetained(trx, batchTokens.slice(i, i + CHUNK));

  // Token × prompt × week: the returned totals tell whether this batch made the token new for the prompt this week.
  const tpRows = [...tokenPrompt.values()].map(({ key, counts }) => ({
    ...(key as { week: string; site: string; role: string; host: string; prompt_id: string; token: string }),
    opens: counts.opens ?? 0,
    runs: counts.runs ?? 0,
    used: counts.used ?? 0,
  }));
  const promptWeek = new Map<string, { key: Record<string, string>; counts: Counts }>();
  {
    const totals = await writeRows<AideDatabase['metric_token_prompt_week']>(trx, TOKEN_PROMPT_WEEK, tpRows);
    const byKey = new Map(tpRows.map((c) => [[c.week, c.site, c.role, c.host, c.prompt_id, c.token].join('\u0000'), c]));
    for (const t of totals) {
      const delta = byKey.get([t.week, t.site, t.role, t.host, t.prompt_id, t.token].join('\u0000'));
      if (!delta) continue;
      const isNew = (name: 'opens' | 'runs' | 'used') => (delta[name] > 0 && Number(t[name]) === delta[name] ? 1 : 0);
      bump(
        promptWeek,
        { week: t.week, site: t.site, role: t.role, host: t.host, prompt_id: t.prompt_id },
        { opens: delta.opens, runs: delta.runs, used: delta.used, tokens_open: isNew('opens'), tokens_run: isNew('runs'), tokens_used: isNew('used') },
      );
    }
  }
  const pwRows = [...promptWeek.values()].map(({ key, counts }) => ({
    ...(key as { week: string; site: string; role: string; host: string; prompt_id: string }),
    ...Object.fromEntries(PW.map((c) => [c, counts[c] ?? 0])),
  })) as AideDatabase['metric_prompt_week'][];
  await writeRows(trx, PROMPT_WEEK, pwRows);
  // Per answering token: its answers before and after the batch change its survey windows by the difference, and
  // this batch's answers, folded per week, add to its life summary.
  const added = new Map<string, AideDatabase['metric_surveys'][]>();
  for (const sv of surveys) (added.get(surveyKeyOf(sv)) ?? added.set(surveyKeyOf(sv), []).get(surveyKeyOf(sv))!).push(sv);
  const answersBefore = added.size ? await readSurveys(trx, surveys) : new Map<string, AideDatabase['metric_surveys'][]>();
  const surveyDeltas = new WindowDeltas();
  const surveyTokens: SurveyTokenRow[] = [];
  for (const [k, mine] of added) {
    const { token, site, role } = mine[0]!;
    const before = answersBefore.get(k) ?? [];
    const after = [...before, ...mine];
    const weeks = mine.map((sv) => sv.week);
    surveyDeltas.replaceToken({ site, role }, surveyWeeks(before), surveyWeeks(after), weeks, surveyValues);
    const row = { token, site, role, first_week: weeks.reduce((a, b) => (b < a ? b : a)), last_week: weeks.reduce((a, b) => (b > a ? b : a)), long_lived: isLongLived(after) ? 1 : 0 } as SurveyTokenRow;
    for (const c of SURVEY_WEEK_COUNTS) row[c] = 0;
    for (const w of surveyWeeks(mine)) for (const c of SURVEY_WEEK_COUNTS) row[c] += w[c];
    surveyTokens.push(row);
  }
  await writeWindowDeltas(trx, 'metric_survey_window', surveyDeltas);
  await writeRows(trx, SURVEYS, surveys);
  await writeRows(trx, SURVEY_TOKEN, surveyTokens);
  return fresh;
}

export async function updateRetained(trx: Transaction<AideDatabase>, tokens: string[] | null): Promise<void> {
  await trx
    .updateTable('metric_tokens')
    .set({
      retained: sql<number>`case when exists (select 1 from metric_token_week w where w.host = '*' and w.token = metric_tokens.token and w.week = metric_tokens.week4) then 1 else 0 end`,
    })
    .$if(tokens !== null, (qb) => qb.where('token', 'in', tokens!))
    .execute();
}

/**
 * Stores the batches of concurrent requests together, in one transaction: many panes send at once, and one commit
 * for several batches is much cheaper than one each. Each caller gets its own accepted / duplicate counts; when the
 * transaction fails, every batch in it fails (and nothing of them is written).
 */
export class IngestQueue {
  private waiting: { events: MetricEvent[]; resolve: (r: { accepted: number; duplicates: number }) => void; reject: (e: unknown) => void }[] = [];
  private running = false;
  constructor(
    private readonly db: Db,
    private readonly maxEvents = 2000,
  ) {}

  submit(events: MetricEvent[]): Promise<{ accepted: number; duplicates: number }> {
    if (!events.length) return Promise.resolve({ accepted: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting.length) {
        // SQLite runs a whole transaction without giving the event loop a turn: let the requests already received be
        // parsed and queued first, so they share this transaction instead of each waiting for its own.
        await new Promise((resolve) => setImmediate(resolve));
        const group: typeof this.waiting = [];
        let size = 0;
        while (this.waiting.length && (group.length === 0 || size + this.waiting[0]!.events.length <= this.maxEvents)) {
          const next = this.waiting.shift()!;
          size += next.events.length;
          group.push(next);
        }
        try {
          const fresh = await storeEvents(this.db, group.flatMap((g) => g.events));
          // An id sent twice in the group is new only for the first sender.
          const claimed = new Set<string>();
          for (const g of group) {
            let accepted = 0;
            for (const e of g.events) {
              if (fresh.has(e.id) && !claimed.has(e.id)) {
                claimed.add(e.id);
                accepted++;
              }
            }
            g.resolve({ accepted, duplicates: g.events.length - accepted });
          }
        } catch (err) {
          for (const g of group) g.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** Validates and stores one batch from the HTTP route. */
export async function ingestBatch(db: Db, body: unknown, now: number = Date.now(), recordPromptId?: (id: string) => string): Promise<IngestResult> {
  const { events, rejected } = validateBatch(body, now, recordPromptId);
  const fresh = await storeEvents(db, events);
  return { accepted: fresh.size, duplicates: events.length - fresh.size, rejected };
}

/** Deletes events and aggregates older than the retention period (whole weeks for the aggregates). */
export async function applyRetention(db: Db, retentionDays: number, now: number = Date.now()): Promise<{ events: number }> {
  const cutoffDay = new Date(now - retentionDays * DAY).toISOString().slice(0, 10);
  const cutoffWeek = weekOf(cutoffDay);
  return db.transaction().execute(async (trx) => {
    const finishWindows = await retireWindows(trx, cutoffWeek);
    const res = await trx.deleteFrom('metric_events').where('day', '<', cutoffDay).executeTakeFirst();
    await trx.deleteFrom('metric_token_week').where('week', '<', cutoffWeek).execute();
    await trx.deleteFrom('metric_week').where('week', '<', cutoffWeek).execute();
    // A token straddling the cutoff keeps its summary (its life now starts at the cutoff) and its windows are redone.
    await trx.deleteFrom('metric_token_summary').where('last_week', '<', cutoffWeek).execute();
    await trx.deleteFrom('metric_token_prompt_week').where('week', '<', cutoffWeek).execute();
    await trx.deleteFrom('metric_prompt_week').where('week', '<', cutoffWeek).execute();
    await trx.deleteFrom('metric_surveys').where('week', '<', cutoffWeek).execute();
    await trx.deleteFrom('metric_survey_token').where('last_week', '<', cutoffWeek).execute();
    await trx.deleteFrom('metric_tokens').where('first_week', '<', cutoffWeek).execute();
    await finishWindows();
    return { events: Number(res.numDeletedRows) };
  });
}
