/**
 * The metrics store: Kysely over SQLite (better-sqlite3, WAL; the default, one file in the data directory) or
 * PostgreSQL (`AIDE_DATABASE_URL=postgres://…`). One set of migrations and one set of queries serve both: columns
 * are plain text and integers, dates are ISO strings (which sort as dates), and sums are read through `Number()`
 * because `pg` returns 64-bit sums as strings.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, type Generated, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { OutcomeWindowColumn, SurveyWindowColumn } from '../metrics/windows';
import { migrations } from './migrations';

/** Every accepted event, as sent (the idempotency key is `id`); kept for the retention period only. */
export interface EventRow {
  id: string;
  type: string;
  token: string;
  ts: string;
  day: string;
  week: string;
  site: string;
  app_version: string;
  role: string | null;
  prompt_id: string | null;
  prompt_version: number | null;
  host: string | null;
  engine: string | null;
  outcome: string | null;
  ttft_ms: number | null;
  total_ms: number | null;
  input_size: string | null;
  output_size: string | null;
  run_id: string | null;
  useful: number | null;
  benefit: number | null;
  time_saved: string | null;
  comfort: number | null;
}

/**
 * Pre-aggregate per ISO week × site × role × host × device token (host `*` = all hosts together), so that the
 * dashboard reads tens of thousands of rows rather than millions of events.
 */
export interface TokenWeekRow {
  week: string;
  site: string;
  role: string;
  host: string;
  token: string;
  opens: number;
  runs: number;
  inserted: number;
  copied: number;
  discarded: number;
  cancelled: number;
  errors: number;
  ttft_sum: number;
  ttft_n: number;
  total_sum: number;
  feedback_n: number;
  feedback_useful: number;
}

/** Per week × site × role × host × prompt × token: only to know when a token is new for a prompt in a week. */
export interface TokenPromptWeekRow {
  week: string;
  site: string;
  role: string;
  host: string;
  prompt_id: string;
  token: string;
  opens: number;
  runs: number;
  used: number;
}

/** Per week × site × role × host × prompt: counts and the distinct tokens of that week. */
export interface PromptWeekRow {
  week: string;
  site: string;
  role: string;
  host: string;
  prompt_id: string;
  opens: number;
  runs: number;
  used: number;
  tokens_open: number;
  tokens_run: number;
  tokens_used: number;
}

/** First week each token was seen (for the week-4 retention of new tokens). */
export interface TokenRow {
  token: string;
  first_week: string;
  week4: string;
  site: string;
  role: string;
  /** 1 when the token was active in its 4th week. */
  retained: Generated<number>;
}

/** Per token × site × role × host over the token's life (the same counters as TokenWeekRow). */
export interface TokenSummaryRow extends Omit<TokenWeekRow, 'week'> {
  first_week: string;
  last_week: string;
  weeks: number;
  run_weeks: number;
  /** 1 when its weeks span too many for period windows (see metrics/windows.ts): the report reads its weekly rows. */
  long_lived: number;
}

/** Survey answers per token × site × role over the token's life: t0–t5 per time-saved bucket, c1–c5 per comfort score. */
export interface SurveyTokenRow {
  token: string;
  site: string;
  role: string;
  first_week: string;
  last_week: string;
  answers: number;
  yes: number;
  minutes: number;
  comfort_sum: number;
  t0: number;
  t1: number;
  t2: number;
  t3: number;
  t4: number;
  t5: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  /** 1 when its answers span too many weeks for period windows (see metrics/windows.ts). */
  long_lived: number;
}

/**
 * What device tokens bring to a report over a period, per window kind × bounds × site × role × host: each token's
 * figures over its whole life (`full`) or over the part a period's start and/or end cuts out of it, added up over
 * tokens (see metrics/windows.ts). `recent` counts the tokens active in the window's last 4 weeks (`to`, `both`).
 */
export type TokenWindowRow = WindowBounds & { host: string } & Record<OutcomeWindowColumn, number>;

/** Survey answers per window (as TokenWindowRow), with tokens per answer kind (yes, no, tt0–tt5, ct1–ct5). */
export type SurveyWindowRow = WindowBounds & Record<SurveyWindowColumn, number>;

interface WindowBounds {
  kind: string;
  lo: string;
  hi: string;
  site: string;
  role: string;
}

/** Distinct tokens (and those with runs) per week × site × role × host. */
export interface WeekRow {
  week: string;
  site: string;
  role: string;
  host: string;
  tokens: number;
  run_tokens: number;
  runs: number;
}

export interface SurveyRow {
  id: string;
  week: string;
  site: string;
  role: string;
  token: string;
  benefit: number;
  time_saved: string;
  comfort: number;
}

export interface HeadcountRow {
  site: string;
  role: string;
  headcount: number;
}

export interface AideDatabase {
  metric_events: EventRow;
  metric_token_week: TokenWeekRow;
  metric_token_prompt_week: TokenPromptWeekRow;
  metric_prompt_week: PromptWeekRow;
  metric_tokens: TokenRow;
  metric_week: WeekRow;
  metric_token_summary: TokenSummaryRow;
  metric_survey_token: SurveyTokenRow;
  metric_token_window: TokenWindowRow;
  metric_survey_window: SurveyWindowRow;
  metric_surveys: SurveyRow;
  metric_headcount: HeadcountRow;
}

export type Db = Kysely<AideDatabase>;
export type DbKind = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Db;
  kind: DbKind;
  /** Where it is, without any password (for logs). */
  location: string;
  close(): Promise<void>;
}

/** Whether a database (or a transaction on it) is PostgreSQL, for the few statements that differ. */
export function isPostgres(db: Kysely<AideDatabase>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens (creating the SQLite file if needed) and migrates to the latest schema. */
export async function openDatabase(url: string): Promise<OpenedDatabase> {
  let opened: OpenedDatabase;
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    // An idle connection dropped by the server (a restart, a failover) is an 'error' event: without a listener it
    // would end the process; the next query opens a new connection instead.
    pool.on('error', () => undefined);
    const db = new Kysely<AideDatabase>({ dialect: new PostgresDialect({ pool }) });
    opened = { db, kind: 'postgres', location: url.replace(/\/\/[^@/]*@/, '//…@'), close: () => db.destroy() };
  } else {
    const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
    if (!file) throw new Error('AIDE_DATABASE_URL: expected sqlite:PATH or postgres://…');
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new Database(file);
    // WAL: the dashboard reads while events are written; NORMAL sync is durable enough with WAL and much faster.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    // Each checkpoint syncs the file to disk: every 40 MB of log rather than every 4 MB (ingest commits many small
    // transactions); the log file is truncated back to 64 MB at most afterwards.
    sqlite.pragma('wal_autocheckpoint = 10000');
    sqlite.pragma('journal_size_limit = 67108864');
    const db = new Kysely<AideDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    opened = { db, kind: 'sqlite', location: file, close: () => db.destroy() };
  }
  try {
    await migrate(opened.db);
  } catch (err) {
    await opened.close().catch(() => undefined);
    throw err;
  }
  return opened;
}

/**
 * Kysely prepares every statement anew; ingest runs the same few statements thousands of times a minute, and
 * preparing them was a sixth of its time. Statements are kept by SQL text (least recently used dropped first); one
 * still running (a streamed read) is never handed out twice.
 */
export function withStatementCache(sqlite: Database.Database, size = 200): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const statement = sqlite.prepare(sqlText);
      if (!cached) {
        cache.set(sqlText, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  }
}
