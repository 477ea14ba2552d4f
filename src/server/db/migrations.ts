/**
 * The one list of migrations, for SQLite and PostgreSQL alike (in code, so the built server needs no SQL files).
 * Add a new entry for every change; never edit one that has shipped.
 */
import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import { OUTCOME_WINDOW_COLUMNS, rebuildWindows, SURVEY_WINDOW_COLUMNS } from '../metrics/windows';
import type { Db } from './index';

// Migrations see the database before and after the change, so they are typed loosely on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on the schema before/after each step, not on AideDatabase
type AnyDb = Kysely<any>;
type Table = CreateTableBuilder<string, string>;

const DROPPED_WITH_WINDOWS = [
  { name: 'metric_token_week_by_week', table: 'metric_token_week', columns: ['host', 'week', 'role', 'token'] },
  { name: 'metric_surveys_week', table: 'metric_surveys', columns: ['week', 'site', 'role'] },
  { name: 'metric_token_summary_first', table: 'metric_token_summary', columns: ['host', 'first_week', 'last_week'] },
  { name: 'metric_token_summary_last', table: 'metric_token_summary', columns: ['host', 'last_week', 'first_week'] },
  { name: 'metric_survey_token_first', table: 'metric_survey_token', columns: ['first_week', 'last_week'] },
  { name: 'metric_survey_token_last', table: 'metric_survey_token', columns: ['last_week', 'first_week'] },
  { name: 'metric_tokens_first_week', table: 'metric_tokens', columns: ['first_week'] },
];

export const migrations: Record<string, Migration> = {
  '2026_11_01_metrics': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('metric_events')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('type', 'varchar(16)', (c) => c.notNull())
        .addColumn('token', 'varchar(32)', (c) => c.notNull())
        .addColumn('ts', 'varchar(32)', (c) => c.notNull())
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('week', 'varchar(10)', (c) => c.notNull())
        .addColumn('site', 'varchar(64)', (c) => c.notNull())
        .addColumn('app_version', 'varchar(40)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)')
        .addColumn('prompt_id', 'varchar(80)')
        .addColumn('prompt_version', 'integer')
        .addColumn('host', 'varchar(16)')
        .addColumn('engine', 'varchar(16)')
        .addColumn('outcome', 'varchar(16)')
        .addColumn('ttft_ms', 'integer')
        .addColumn('total_ms', 'integer')
        .addColumn('input_size', 'varchar(16)')
        .addColumn('output_size', 'varchar(16)')
        .addColumn('run_id', 'varchar(36)')
        .addColumn('useful', 'integer')
        .addColumn('benefit', 'integer')
        .addColumn('time_saved', 'varchar(8)')
        .addColumn('comfort', 'integer')
        .execute();
      await db.schema.createIndex('metric_events_day').on('metric_events').column('day').execute();

      const keyCols = (t: Table): Table =>
        t
          .addColumn('week', 'varchar(10)', (c) => c.notNull())
          .addColumn('site', 'varchar(64)', (c) => c.notNull())
          .addColumn('role', 'varchar(32)', (c) => c.notNull())
          .addColumn('host', 'varchar(16)', (c) => c.notNull());
      const int0 = (t: Table, names: string[]): Table =>
        names.reduce((acc, n) => acc.addColumn(n, 'integer', (c) => c.notNull().defaultTo(0)), t);

      await int0(keyCols(db.schema.createTable('metric_token_week')).addColumn('token', 'varchar(32)', (c) => c.notNull()), [
        'opens', 'runs', 'inserted', 'copied', 'discarded', 'cancelled', 'errors',
        'ttft_sum', 'ttft_n', 'total_sum', 'feedback_n', 'feedback_useful',
      ])
        // Key order serves the per-token scan of the report (host fixed, grouped by token) and the retention join.
        .addPrimaryKeyConstraint('metric_token_week_pk', ['host', 'token', 'site', 'role', 'week'])
        .execute();
      await db.schema.createIndex('metric_token_week_by_week').on('metric_token_week').columns(['host', 'week', 'role', 'token']).execute();

      await int0(
        keyCols(db.schema.createTable('metric_token_prompt_week'))
          .addColumn('prompt_id', 'varchar(80)', (c) => c.notNull())
          .addColumn('token', 'varchar(32)', (c) => c.notNull()),
        ['opens', 'runs', 'used'],
      )
        .addPrimaryKeyConstraint('metric_token_prompt_week_pk', ['week', 'site', 'role', 'host', 'prompt_id', 'token'])
        .execute();

      await int0(keyCols(db.schema.createTable('metric_prompt_week')).addColumn('prompt_id', 'varchar(80)', (c) => c.notNull()), [
        'opens', 'runs', 'used', 'tokens_open', 'tokens_run', 'tokens_used',
      ])
        .addPrimaryKeyConstraint('metric_prompt_week_pk', ['host', 'week', 'site', 'role', 'prompt_id'])
        .execute();

      await db.schema
        .createTable('metric_tokens')
        .addColumn('token', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('first_week', 'varchar(10)', (c) => c.notNull())
        .addColumn('week4', 'varchar(10)', (c) => c.notNull())
        .addColumn('site', 'varchar(64)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('metric_tokens_first_week').on('metric_tokens').columns(['first_week']).execute();

      await db.schema
        .createTable('metric_surveys')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('week', 'varchar(10)', (c) => c.notNull())
        .addColumn('site', 'varchar(64)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .addColumn('token', 'varchar(32)', (c) => c.notNull())
        .addColumn('benefit', 'integer', (c) => c.notNull())
        .addColumn('time_saved', 'varchar(8)', (c) => c.notNull())
        .addColumn('comfort', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('metric_surveys_week').on('metric_surveys').columns(['week', 'site', 'role']).execute();

      await db.schema
        .createTable('metric_headcount')
        .addColumn('site', 'varchar(64)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .addColumn('headcount', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('metric_headcount_pk', ['site', 'role'])
        .execute();
    },
    async down(db: AnyDb) {
      for (const t of ['metric_headcount', 'metric_surveys', 'metric_tokens', 'metric_prompt_week', 'metric_token_prompt_week', 'metric_token_week', 'metric_events'])
        await db.schema.dropTable(t).ifExists().execute();
    },
  },
  '2026_11_02_metrics_weekly': {
    async up(db: AnyDb) {
      // Distinct tokens per week × site × role × host (host '*' = all), kept at ingest, so weekly figures read a few
      // thousand rows whatever the number of events.
      await db.schema
        .createTable('metric_week')
        .addColumn('week', 'varchar(10)', (c) => c.notNull())
        .addColumn('site', 'varchar(64)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .addColumn('host', 'varchar(16)', (c) => c.notNull())
        .addColumn('tokens', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('run_tokens', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('metric_week_pk', ['host', 'week', 'site', 'role'])
        .execute();
      // Per token over its whole (short, rotated) life: a report over a period reads one row per token that lived
      // inside it, and goes back to the weekly rows only for the few tokens that straddle the period's ends.
      await db.schema
        .createTable('metric_token_summary')
        .addColumn('host', 'varchar(16)', (c) => c.notNull())
        .addColumn('token', 'varchar(32)', (c) => c.notNull())
        .addColumn('site', 'varchar(64)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .addColumn('first_week', 'varchar(10)', (c) => c.notNull())
        .addColumn('last_week', 'varchar(10)', (c) => c.notNull())
        .addColumn('weeks', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('run_weeks', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('opens', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('copied', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('discarded', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ttft_sum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ttft_n', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('total_sum', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('feedback_n', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('feedback_useful', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('metric_token_summary_pk', ['host', 'token', 'site', 'role'])
        .execute();
      await db.schema.createIndex('metric_token_summary_first').on('metric_token_summary').columns(['host', 'first_week', 'last_week']).execute();
      await db.schema.createIndex('metric_token_summary_last').on('metric_token_summary').columns(['host', 'last_week', 'first_week']).execute();
      // Survey answers per token over its life, for the same reason.
      let surveyTable = db.schema
        .createTable('metric_survey_token')
        .addColumn('token', 'varchar(32)', (c) => c.notNull())
        .addColumn('site', 'varchar(64)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .addColumn('first_week', 'varchar(10)', (c) => c.notNull())
        .addColumn('last_week', 'varchar(10)', (c) => c.notNull());
      for (const col of ['answers', 'yes', 'minutes', 'comfort_sum', 't0', 't1', 't2', 't3', 't4', 't5', 'c1', 'c2', 'c3', 'c4', 'c5'])
        surveyTable = surveyTable.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
      await surveyTable.addPrimaryKeyConstraint('metric_survey_token_pk', ['token', 'site', 'role']).execute();
      await db.schema.createIndex('metric_survey_token_first').on('metric_survey_token').columns(['first_week', 'last_week']).execute();
      await db.schema.createIndex('metric_survey_token_last').on('metric_survey_token').columns(['last_week', 'first_week']).execute();
      // Whether the token was active in its 4th week (kept at ingest), so retention needs no join.
      await db.schema.alterTable('metric_tokens').addColumn('retained', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('metric_week').ifExists().execute();
      await db.schema.dropTable('metric_token_summary').ifExists().execute();
      await db.schema.dropTable('metric_survey_token').ifExists().execute();
      await db.schema.alterTable('metric_tokens').dropColumn('retained').execute();
    },
  },
  '2026_11_26_metrics_windows': {
    async up(db: AnyDb) {
      // Period windows (metrics/windows.ts): per-token figures over the ways a period can cut a token's life, added up
      // per site × role, so a report reads a few thousand rows at any number of devices.
      const counts = (t: Table, cols: readonly string[]) => cols.reduce((acc, col) => acc.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0)), t);
      const bounds = (t: Table) =>
        t
          .addColumn('kind', 'varchar(4)', (c) => c.notNull())
          .addColumn('lo', 'varchar(10)', (c) => c.notNull())
          .addColumn('hi', 'varchar(10)', (c) => c.notNull())
          .addColumn('site', 'varchar(64)', (c) => c.notNull())
          .addColumn('role', 'varchar(32)', (c) => c.notNull());
      await counts(bounds(db.schema.createTable('metric_token_window').addColumn('host', 'varchar(16)', (c) => c.notNull())), OUTCOME_WINDOW_COLUMNS)
        .addPrimaryKeyConstraint('metric_token_window_pk', ['host', 'kind', 'lo', 'hi', 'site', 'role'])
        .execute();
      await counts(bounds(db.schema.createTable('metric_survey_window')), SURVEY_WINDOW_COLUMNS)
        .addPrimaryKeyConstraint('metric_survey_window_pk', ['kind', 'lo', 'hi', 'site', 'role'])
        .execute();
      // Long-lived tokens (never rotated, or rotated rarely) are read per token: marked, and found through an index.
      await db.schema.alterTable('metric_token_summary').addColumn('long_lived', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('metric_survey_token').addColumn('long_lived', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('metric_token_summary_long').on('metric_token_summary').columns(['host', 'long_lived', 'first_week']).execute();
      await db.schema.createIndex('metric_survey_token_long').on('metric_survey_token').columns(['long_lived', 'first_week']).execute();
      // A token's answers (ingest reads them to update its windows); retention cohorts read from an index alone.
      await db.schema.createIndex('metric_surveys_token').on('metric_surveys').columns(['token', 'site', 'role', 'week']).execute();
      await db.schema.createIndex('metric_tokens_cohort').on('metric_tokens').columns(['first_week', 'site', 'role', 'retained']).execute();
      // Every index is written at each ingested batch: those the report no longer reads go (retention, once a day,
      // scans instead; the cohort index leads with first_week too).
      for (const index of DROPPED_WITH_WINDOWS) await db.schema.dropIndex(index.name).ifExists().execute();
      await rebuildWindows(db as Db);
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('metric_token_window').ifExists().execute();
      await db.schema.dropTable('metric_survey_window').ifExists().execute();
      await db.schema.dropIndex('metric_token_summary_long').ifExists().execute();
      await db.schema.dropIndex('metric_survey_token_long').ifExists().execute();
      await db.schema.dropIndex('metric_surveys_token').ifExists().execute();
      await db.schema.dropIndex('metric_tokens_cohort').ifExists().execute();
      await db.schema.alterTable('metric_token_summary').dropColumn('long_lived').execute();
      await db.schema.alterTable('metric_survey_token').dropColumn('long_lived').execute();
      for (const index of DROPPED_WITH_WINDOWS) await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
    },
  },
};
