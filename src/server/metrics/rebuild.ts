/**
 * Rebuilds every pre-aggregate from the stored events with set-based SQL (the same statements on SQLite and
 * PostgreSQL). Used after a bulk load (benchmark) and to check that incremental ingest and a full recount agree.
 */
import { sql } from 'kysely';
import type { Db } from '../db';
import { addDays, updateRetained } from './ingest';
import { minutesSql, rebuildWindows } from './windows';

export async function rebuildAggregates(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const t of ['metric_token_week', 'metric_week', 'metric_token_summary', 'metric_survey_token', 'metric_token_prompt_week', 'metric_prompt_week', 'metric_tokens', 'metric_surveys'] as const)
      await trx.deleteFrom(t).execute();

    const counts = sql`sum(case when type = 'prompt_open' then 1 else 0 end), sum(case when type = 'prompt_run' then 1 else 0 end),
      sum(case when outcome = 'inserted' then 1 else 0 end), sum(case when outcome = 'copied' then 1 else 0 end),
      sum(case when outcome = 'discarded' then 1 else 0 end), sum(case when outcome = 'cancelled' then 1 else 0 end),
      sum(case when outcome = 'error' then 1 else 0 end), sum(coalesce(ttft_ms, 0)), sum(case when ttft_ms is null then 0 else 1 end),
      sum(case when type = 'prompt_run' then total_ms else 0 end), 0, 0`;
    const twCols = sql`(week, site, role, host, token, opens, runs, inserted, copied, discarded, cancelled, errors, ttft_sum, ttft_n, total_sum, feedback_n, feedback_useful)`;
    await sql`insert into metric_token_week ${twCols}
      select week, site, role, host, token, ${counts} from metric_events where type in ('prompt_open', 'prompt_run')
      group by week, site, role, host, token`.execute(trx);
    await sql`insert into metric_token_week ${twCols}
      select week, site, role, '*', token, ${counts} from metric_events where type in ('prompt_open', 'prompt_run')
      group by week, site, role, token`.execute(trx);

    // Feedback goes with its run's site, role and host; added to existing rows or new ones.
    for (const perHost of [true, false]) {
      const host = perHost ? sql.ref('r.host') : sql.lit('*');
      await sql`insert into metric_token_week ${twCols}
        select f.week, r.site, r.role, ${host}, f.token, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*), sum(f.useful)
        from metric_events f join metric_events r on r.id = f.run_id and r.type = 'prompt_run'
        where f.type = 'feedback'
        group by f.week, r.site, r.role, ${perHost ? sql`r.host, ` : sql``}f.token
        on conflict (host, token, site, role, week) do update set
          feedback_n = metric_token_week.feedback_n + excluded.feedback_n,
          feedback_useful = metric_token_week.feedback_useful + excluded.feedback_useful`.execute(trx);
    }

    const tpCounts = sql`sum(case when type = 'prompt_open' then 1 else 0 end), sum(case when type = 'prompt_run' then 1 else 0 end),
      sum(case when outcome in ('inserted', 'copied') then 1 else 0 end)`;
    await sql`insert into metric_token_prompt_week (week, site, role, host, prompt_id, token, opens, runs, used)
      select week, site, role, host, prompt_id, token, ${tpCounts} from metric_events where type in ('prompt_open', 'prompt_run')
      group by week, site, role, host, prompt_id, token`.execute(trx);
    await sql`insert into metric_token_prompt_week (week, site, role, host, prompt_id, token, opens, runs, used)
      select week, site, role, '*', prompt_id, token, ${tpCounts} from metric_events where type in ('prompt_open', 'prompt_run')
      group by week, site, role, prompt_id, token`.execute(trx);
    await sql`insert into metric_prompt_week (week, site, role, host, prompt_id, opens, runs, used, tokens_open, tokens_run, tokens_used)
      select week, site, role, host, prompt_id, sum(opens), sum(runs), sum(used),
        sum(case when opens > 0 then 1 else 0 end), sum(case when runs > 0 then 1 else 0 end), sum(case when used > 0 then 1 else 0 end)
      from metric_token_prompt_week group by week, site, role, host, prompt_id`.execute(trx);

    // First week per token; week4 through a small week table, since date arithmetic differs between the dialects.
    const bounds = await trx
      .selectFrom('metric_events')
      .select((eb) => [eb.fn.min('week').as('lo'), eb.fn.max('week').as('hi')])
      .executeTakeFirst();
    const lo = bounds?.lo as string | null | undefined;
    const hi = bounds?.hi as string | null | undefined;
    if (lo && hi) {
      await sql`create temporary table aide_week_map (week varchar(10) primary key, week4 varchar(10) not null)`.execute(trx);
      const weeks: { week: string; week4: string }[] = [];
      for (let w = lo; w <= hi; w = addDays(w, 7)) weeks.push({ week: w, week4: addDays(w, 21) });
      for (let i = 0; i < weeks.length; i += 500) {
        const chunk = weeks.slice(i, i + 500);
        await sql`insert into aide_week_map (week, week4) values ${sql.join(chunk.map((c) => sql`(${c.week}, ${c.week4})`))}`.execute(trx);
      }
      // The site and role of the token's first activity (min over that week; a token rarely changes either).
      await sql`insert into metric_tokens (token, first_week, week4, site, role)
        select f.token, f.first_week, m.week4, min(e.site), min(e.role)
        from (select token, min(week) as first_week from metric_events where type in ('prompt_open', 'prompt_run') group by token) f
        join aide_week_map m on m.week = f.first_week
        join metric_events e on e.token = f.token and e.week = f.first_week and e.type in ('prompt_open', 'prompt_run')
        group by f.token, f.first_week, m.week4`.execute(trx);
      await sql`drop table aide_week_map`.execute(trx);
    }

    await sql`insert into metric_week (week, site, role, host, tokens, run_tokens, runs)
      select week, site, role, host, count(*), sum(case when runs > 0 then 1 else 0 end), sum(runs)
      from metric_token_week group by week, site, role, host`.execute(trx);
    await updateRetained(trx, null);
    await sql`insert into metric_token_summary (host, token, site, role, first_week, last_week, weeks, run_weeks, opens, runs, inserted, copied,
        discarded, cancelled, errors, ttft_sum, ttft_n, total_sum, feedback_n, feedback_useful)
      select host, token, site, role, min(week), max(week), count(*), sum(case when runs > 0 then 1 else 0 end), sum(opens), sum(runs), sum(inserted),
        sum(copied), sum(discarded), sum(cancelled), sum(errors), sum(ttft_sum), sum(ttft_n), sum(total_sum), sum(feedback_n), sum(feedback_useful)
      from metric_token_week group by host, token, site, role`.execute(trx);

    await sql`insert into metric_surveys (id, week, site, role, token, benefit, time_saved, comfort)
      select e.id, e.week, e.site, coalesce(e.role, t.role, 'unknown'), e.token, e.benefit, e.time_saved, e.comfort
      from metric_events e left join metric_tokens t on t.token = e.token
      where e.type = 'survey'`.execute(trx);
    await sql`insert into metric_survey_token (token, site, role, first_week, last_week, answers, yes, minutes, comfort_sum,
        t0, t1, t2, t3, t4, t5, c1, c2, c3, c4, c5)
      select token, site, role, min(week), max(week), count(*), sum(benefit),
        sum(${minutesSql(sql.ref('time_saved'))}),
        sum(comfort), ${sql.join(['0', 'lt30', '30to60', '1to2h', '2to4h', 'gt4h'].map((b) => sql`sum(case when time_saved = ${b} then 1 else 0 end)`))},
        ${sql.join([1, 2, 3, 4, 5].map((c) => sql`sum(case when comfort = ${c} then 1 else 0 end)`))}
      from metric_surveys group by token, site, role`.execute(trx);
    await rebuildWindows(trx);
  });
}
