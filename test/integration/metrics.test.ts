/**
 * Metrics over real HTTP, on SQLite and on a real PostgreSQL 15: ingest (partial acceptance, idempotence, limits,
 * nothing but event fields stored), the dashboard report and CSV, headcount, retention, and the CLI report giving
 * the same figures as the API; the period windows on PostgreSQL against the per-token path.
 */
import { startPostgres, type PostgresServer } from '../helpers/postgres';
import { startServer, type TestServer } from '../helpers/server';
import { openDatabase } from '../../src/server/db';
import { storeEvents } from '../../src/server/metrics/ingest';
import { runCli } from '../helpers/cli-in-process';
import type { MetricEvent } from '../../src/core/metrics/events';
import { ev, uuid } from '../unit/metrics/fixtures';
import { windowsProperty, windowTables } from '../unit/metrics/pilot-property';
import { rebuildAggregates } from '../../src/server/metrics/rebuild';
import { addDays, dayOf, weekOf } from '../../src/server/metrics/weeks';
import fc from 'fast-check';

const PERIOD = 'since=2026-11-02&until=2026-11-22';

function batch(prefix: string, n: number, day = '2026-11-03'): MetricEvent[] {
  const out: MetricEvent[] = [];
  for (let i = 0; i < n; i++) {
    out.push(ev.open(`${prefix}${i}`, 'secretary', 'sec-sum', 'outlook', day));
    out.push(ev.run(`${prefix}${i}`, 'secretary', 'sec-sum', 'outlook', day, i % 3 === 0 ? 'copied' : 'inserted'));
  }
  return out;
}

async function post(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + '/api/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

let pgServer: PostgresServer | null = null;
afterAll(async () => {
  await pgServer?.stop();
});

describe.each(['sqlite', 'postgres'] as const)('metrics on %s', (kind) => {
  let server: TestServer;
  let dbUrl: string;

  beforeAll(async () => {
    if (kind === 'postgres') {
      pgServer ??= await startPostgres();
      dbUrl = await pgServer.createDatabase('aide_metrics_it');
    } else {
      dbUrl = '';
    }
    server = await startServer(kind === 'postgres' ? { databaseUrl: dbUrl } : {});
    if (kind === 'sqlite') dbUrl = `sqlite:${server.dataDir}/aide.sqlite`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  test('a batch is accepted, and the same batch again is all duplicates', async () => {
    const events = batch('a', 6);
    expect((await post(server, { events })).body).toEqual({ accepted: 12, duplicates: 0, rejected: [] });
    expect((await post(server, { events })).body).toEqual({ accepted: 0, duplicates: 12, rejected: [] });
  });

  test('partial acceptance: each rejected event with its index and reason; the valid ones are stored', async () => {
    const good = ev.run('b0', 'physician', 'phy-letter', 'word', '2026-11-04', 'inserted');
    const withText = { ...ev.run('b1', 'physician', 'phy-letter', 'word', '2026-11-04', 'inserted'), comment: 'Mme Martin, née le 3/4/1950' };
    const badPrompt = { ...ev.open('b2', 'physician', 'x', 'word', '2026-11-04'), promptId: 'Lettre de sortie' };
    const r = await post(server, { events: [good, withText, badPrompt, 42] });
    expect(r.status).toBe(200);
    expect(r.body!.accepted).toBe(1);
    expect(r.body!.rejected).toEqual([
      { index: 1, id: withText.id, reason: expect.any(String) },
      { index: 2, id: badPrompt.id, reason: expect.stringContaining('promptId') },
      { index: 3, reason: expect.any(String) },
    ]);
    // The reason never echoes the rejected text.
    expect(JSON.stringify(r.body)).not.toContain('Martin');
  });

  test('wrong envelope, broken JSON and oversized bodies are refused with a clear status', async () => {
    const wrong = await post(server, { events: [] });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('events');
    expect((await post(server, { events: batch('c', 26) })).status).toBe(400); // 52 events > 50
    expect((await post(server, '{"events": [')).status).toBe(400);
    const huge = { events: [{ ...ev.open('d', 'secretary', 'sec-sum', 'outlook', '2026-11-03'), pad: 'x'.repeat(100_000) }] };
    expect((await post(server, huge)).status).toBe(413);
  });

  test('nothing but the event fields is stored, even when the request carries identity', async () => {
    const e = ev.run('e0', 'quality', 'qual-report', 'word', '2026-11-05', 'copied');
    await post(server, { events: [e] }, { authorization: 'Bearer eyJhbGciOi.fake.token', 'x-forwarded-for': '10.1.2.3', 'user-agent': 'Outlook/16 jean.dupont' });
    const opened = await openDatabase(dbUrl);
    try {
      const row = await opened.db.selectFrom('metric_events').selectAll().where('id', '=', e.id).executeTakeFirstOrThrow();
      expect(Object.keys(row).sort()).toEqual(
        ['app_version', 'benefit', 'comfort', 'day', 'engine', 'host', 'id', 'input_size', 'outcome', 'output_size', 'prompt_id', 'prompt_version', 'role', 'run_id', 'site', 'time_saved', 'token', 'total_ms', 'ts', 'ttft_ms', 'type', 'useful', 'week'].sort(),
      );
      const dump = JSON.stringify(row);
      for (const s of ['127.0.0.1', '10.1.2.3', 'dupont', 'Bearer']) expect(dump).not.toContain(s);
    } finally {
      await opened.close();
    }
  });

  test('the dashboard report shows the figures with suppression; CSV leaves hidden cells out', async () => {
    await post(server, { events: batch('f', 2, '2026-11-12').map((e) => (e.type === 'prompt_run' ? { ...e, role: 'engineer', promptId: 'eng-tender' } : { ...e, role: 'engineer', promptId: 'eng-tender' })) as MetricEvent[] });
    const res = await fetch(`${server.url}/api/dashboard/report?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const report = (await res.json()) as import('../../src/core/metrics/report-types').DashboardReport;
    expect(report.k).toBe(5);
    const secretary = report.usage.outcomes.find((o) => o.role === 'secretary')!;
    expect(secretary.runs).toBe(6);
    // 2 engineer devices: hidden, shown as "< 5" by the page.
    const engineer = report.usage.outcomes.find((o) => o.role === 'engineer')!;
    expect(engineer.runs).toEqual({ suppressed: true, reason: 'small' });

    const csv = await fetch(`${server.url}/api/dashboard/report.csv?${PERIOD}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe('section,week,site,role,host,promptId,bucket,metric,value');
    expect(lines).toContain('outcomes,,,secretary,,,,runs,6');
    expect(lines.some((l) => l.startsWith('outcomes,,,engineer,,,,runs,'))).toBe(false);
    expect(text).not.toContain('suppressed');

    const bad = await fetch(`${server.url}/api/dashboard/report?since=2026-13-45`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('since');
  });

  test('headcount: the lead enters enrolled staff per site and role', async () => {
    const put = await fetch(`${server.url}/api/dashboard/headcount`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ headcount: [{ site: 'default', role: 'secretary', headcount: 40 }, { site: 'default', role: 'physician', headcount: 120 }] }),
    });
    expect(put.status).toBe(200);
    const got = (await (await fetch(`${server.url}/api/dashboard/headcount`)).json()) as { headcount: unknown[] };
    expect(got.headcount).toEqual([
      { site: 'default', role: 'physician', headcount: 120 },
      { site: 'default', role: 'secretary', headcount: 40 },
    ]);
    const bad = await fetch(`${server.url}/api/dashboard/headcount`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ headcount: [{ site: 'x', role: 'secretary', headcount: -3 }] }) });
    expect(bad.status).toBe(400);
    const report = (await (await fetch(`${server.url}/api/dashboard/report?${PERIOD}`)).json()) as import('../../src/core/metrics/report-types').DashboardReport;
    expect(report.adoption.rate.find((r) => r.site === 'default' && r.role === 'secretary')).toMatchObject({ headcount: 40 });
  });

  test('aide metrics report --json gives the same figures as the API', async () => {
    const api = (await (await fetch(`${server.url}/api/dashboard/report?${PERIOD}&role=secretary`)).json()) as Record<string, unknown>;
    const out = await runCli(['metrics', 'report', '--json', '--db', dbUrl, '--since', '2026-11-02', '--until', '2026-11-22', '--role', 'secretary']);
    const cli = JSON.parse(out) as Record<string, unknown>;
    expect({ ...cli, generatedAt: '' }).toEqual({ ...api, generatedAt: '' });
  });

  test('a client over the rate limit gets 429 with Retry-After', async () => {
    let last = 200;
    let retryAfter: string | null = null;
    for (let i = 0; i < 125 && last !== 429; i++) {
      const res = await fetch(server.url + '/api/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events: [ev.open('g', 'secretary', 'sec-sum', 'outlook', '2026-11-03')] }) });
      last = res.status;
      retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  test('retention: events older than AIDE_METRICS_RETENTION_DAYS are deleted at start', async () => {
    const url = kind === 'postgres' ? await pgServer!.createDatabase('aide_metrics_retention') : `sqlite:${server.dataDir}/retention.sqlite`;
    const opened = await openDatabase(url);
    const old = ev.run('h', 'secretary', 'sec-sum', 'outlook', '2020-01-06', 'inserted');
    // Recent relative to the day the test runs (a fixed date would age past the retention and fail one day).
    const recentDay = addDays(dayOf(new Date().toISOString()), -3);
    const recent = { ...ev.run('h', 'secretary', 'sec-sum', 'outlook', recentDay, 'inserted'), id: uuid() };
    await storeEvents(opened.db, [old, recent]);
    await opened.close();
    const s2 = await startServer({ databaseUrl: url, metricsRetentionDays: 30 });
    try {
      const check = await openDatabase(url);
      const ids = (await check.db.selectFrom('metric_events').select('id').execute()).map((r) => r.id);
      const weeks = (await check.db.selectFrom('metric_token_week').select('week').distinct().execute()).map((r) => r.week);
      await check.close();
      expect(ids).toEqual([recent.id]);
      expect(weeks).toEqual([weekOf(recentDay)]);
    } finally {
      await s2.close();
    }
  });
});

describe('period windows on PostgreSQL', () => {
  test('the same report as reading every token, a full recount and retention (random pilots)', async () => {
    pgServer ??= await startPostgres();
    const windows = await openDatabase(await pgServer.createDatabase('aide_windows'));
    const perToken = await openDatabase(await pgServer.createDatabase('aide_windows_per_token'));
    try {
      await fc.assert(windowsProperty(windows.db, perToken.db), { numRuns: 6 });
    } finally {
      await windows.close();
      await perToken.close();
    }
  }, 180_000);

  test('batches of the same devices stored at once by several connections leave the same windows as a recount', async () => {
    pgServer ??= await startPostgres();
    const store = await openDatabase(await pgServer.createDatabase('aide_windows_concurrent'));
    try {
      // 6 devices active over 8 weeks; one batch per week of runs and one per week of survey answers (those touch no
      // row that another batch would lock first), all stored at once.
      const runs = Array.from({ length: 8 }, (_, w) =>
        Array.from({ length: 6 }, (_, t) => ev.run(`c${t}`, 'secretary', 'sec-sum', 'outlook', addDays('2026-06-02', 7 * w), w % 3 === 0 ? 'copied' : 'inserted')),
      );
      const answers = Array.from({ length: 8 }, (_, w) => Array.from({ length: 6 }, (_, t) => ev.survey(`c${t}`, 'secretary', addDays('2026-06-03', 7 * w), t % 2 === 0, '30to60', 3)));
      await Promise.all([...runs, ...answers].map((events) => storeEvents(store.db, events)));
      const incremental = await windowTables(store.db);
      await rebuildAggregates(store.db);
      expect(await windowTables(store.db)).toEqual(incremental);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('metrics access control', () => {
  test('with Entra ID auth, the dashboard API and ingest need a signed-in user', async () => {
    const server = await startServer({ auth: 'entra', authTenantId: '00000000-0000-0000-0000-000000000001', authClientId: '00000000-0000-0000-0000-000000000002' });
    try {
      for (const path of ['/api/dashboard/report', '/api/dashboard/report.csv', '/api/dashboard/headcount']) {
        expect((await fetch(server.url + path)).status).toBe(401);
      }
      expect((await post(server, { events: batch('z', 1) })).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
