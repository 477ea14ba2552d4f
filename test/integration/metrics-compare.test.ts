/**
 * Hospitals compared without pooling events: two hospitals' stores filled through the real ingest, each exported with
 * `aide metrics export`, then `aide metrics compare a.json b.json`: figures side by side, every cell a hospital
 * suppressed still suppressed, files of other periods or k refused unless asked, edited files refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli-in-process';
import { openDatabase } from '../../src/server/db';
import { storeEvents } from '../../src/server/metrics/ingest';
import { isSuppressed } from '../../src/core/metrics/report-types';
import type { Comparison, HospitalExport } from '../../src/core/metrics/compare';
import type { MetricEvent } from '../../src/core/metrics/events';
import { ev, token } from '../unit/metrics/fixtures';

type Role = 'secretary' | 'physician' | 'quality' | 'engineer';

const cli = runCli;

/** Devices of one hospital: `count` per role, each active in weeks 1 and 3 of November 2026, with a survey. */
function hospitalEvents(name: string, site: string, staff: Partial<Record<Role, number>>): MetricEvent[] {
  const events: MetricEvent[] = [];
  for (const [role, count] of Object.entries(staff) as [Role, number][]) {
    for (let i = 0; i < count; i++) {
      const tok = `${name}${role.slice(0, 3)}${i}`;
      for (const day of ['2026-11-03', '2026-11-17']) {
        events.push(ev.open(tok, role, `${role}-summarize`, 'outlook', day, site));
        events.push(ev.run(tok, role, `${role}-summarize`, 'outlook', day, i % 3 ? 'inserted' : 'discarded', { site }));
      }
      events.push(ev.survey(tok, role, '2026-11-10', i % 2 === 0, '30to60', 4, site));
    }
  }
  return events;
}

let dir: string;
const files: Record<string, string> = {};
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-compare-'));
  const hospitals = {
    // 2 engineers in A and 3 physicians in B: below k = 5, suppressed in their own hospital's file.
    a: hospitalEvents('a', 'chu-a', { secretary: 8, physician: 6, engineer: 2 }),
    b: hospitalEvents('b', 'ch-b', { secretary: 7, physician: 3, quality: 6 }),
  };
  for (const [name, events] of Object.entries(hospitals)) {
    const url = `sqlite:${path.join(dir, `${name}.sqlite`)}`;
    const store = await openDatabase(url);
    await storeEvents(store.db, events);
    await store.close();
    files[name] = path.join(dir, `${name}.json`);
    fs.writeFileSync(files[name]!, await cli(['metrics', 'export', '--db', url, '--since', '2026-11-02', '--until', '2026-11-29', '--hospital', `Hôpital ${name.toUpperCase()}`]));
  }
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as HospitalExport;

test('an export holds the k-suppressed report with its period, k, schema version and content hash', () => {
  const a = read(files.a!);
  expect(a).toMatchObject({ format: 'aide-metrics-export', schemaVersion: 1, hospital: 'Hôpital A', period: { since: '2026-11-02', until: '2026-11-29' }, k: 5 });
  expect(a.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(a.report.schemaVersion).toBe(2);
  expect(a.report.summary.activeUsers).toBe(16);
  // The raw events stay home: nothing in the file names a device.
  const text = JSON.stringify(a);
  expect(text).not.toContain('"token"');
  for (const name of ['asec0', 'aphy5', 'aeng1']) expect(text).not.toContain(token(name));
  const engineers = a.report.overview.find((o) => o.site === '*' && o.role === 'engineer')!;
  expect(isSuppressed(engineers.activeUsers)).toBe(true);
});

test('compare: side by side, and a cell one hospital suppressed stays suppressed', async () => {
  const c = JSON.parse(await cli(['metrics', 'compare', files.a!, files.b!, '--json'])) as Comparison;
  expect(c.hospitals.map((h) => h.name)).toEqual(['Hôpital A', 'Hôpital B']);
  expect(c.rows.find((r) => r.key === 'summary.activeUsers')!.values).toEqual([16, 16]);
  const exports = [read(files.a!), read(files.b!)];
  let hiddenSeen = 0;
  for (const row of c.rows) {
    row.values.forEach((v, i) => {
      const source = row.section === 'summary' ? (exports[i]!.report.summary as Record<string, unknown>)[row.metric] : (exports[i]!.report.overview.find((o) => o.site === '*' && o.role === row.role) as Record<string, unknown> | undefined)?.[row.metric];
      if (isSuppressed(source)) {
        hiddenSeen++;
        expect({ key: row.key, hospital: i, suppressed: isSuppressed(v) }).toEqual({ key: row.key, hospital: i, suppressed: true });
      } else expect({ key: row.key, hospital: i, v }).toEqual({ key: row.key, hospital: i, v: source ?? null });
    });
  }
  expect(hiddenSeen).toBeGreaterThanOrEqual(4);
  // A's engineers (2 devices) and B's physicians (3): no number anywhere in their rows.
  for (const [role, i] of [['engineer', 0], ['physician', 1]] as const) {
    for (const row of c.rows.filter((r) => r.role === role)) expect({ key: row.key, value: typeof row.values[i] }).not.toEqual({ key: row.key, value: 'number' });
  }
  // The text view says "< 5" for them, never a number.
  const text = await cli(['metrics', 'compare', files.a!, files.b!]);
  expect(text).toMatch(/engineer · activeUsers\s+< 5\s+–/);
  // A's physicians (6 devices) are hidden only so that its engineers cannot be had as "all minus the others".
  expect(text).toMatch(/physician · activeUsers\s+hidden\s+< 5/);
});

test('files of another period or k are refused unless asked; an edited file is refused', async () => {
  const url = `sqlite:${path.join(dir, 'b.sqlite')}`;
  const other = path.join(dir, 'b-other.json');
  fs.writeFileSync(other, await cli(['metrics', 'export', '--db', url, '--since', '2026-11-09', '--until', '2026-11-29', '--hospital', 'Hôpital B']));
  await expect(cli(['metrics', 'compare', files.a!, other])).rejects.toThrow(/period 2026-11-09 → 2026-11-29 differs/);
  const mixed = JSON.parse(await cli(['metrics', 'compare', files.a!, other, '--json', '--allow-different-periods'])) as Comparison;
  expect(mixed.mixed).toEqual({ periods: true, k: false });

  const before = process.env.AIDE_METRICS_K;
  process.env.AIDE_METRICS_K = '6';
  let k6: string;
  try {
    k6 = path.join(dir, 'b-k6.json');
    fs.writeFileSync(k6, await cli(['metrics', 'export', '--db', url, '--since', '2026-11-02', '--until', '2026-11-29', '--hospital', 'Hôpital B']));
  } finally {
    if (before === undefined) delete process.env.AIDE_METRICS_K;
    else process.env.AIDE_METRICS_K = before;
  }
  expect(read(k6).k).toBe(6);
  await expect(cli(['metrics', 'compare', files.a!, k6])).rejects.toThrow(/k = 6 differs/);
  const withK = JSON.parse(await cli(['metrics', 'compare', files.a!, k6, '--json', '--allow-different-k'])) as Comparison;
  expect(withK.k).toBe(6);

  // Un-hiding a cell by hand breaks the hash.
  const edited = read(files.a!);
  const engineers = edited.report.overview.find((o) => o.site === '*' && o.role === 'engineer')!;
  engineers.activeUsers = 2;
  const forged = path.join(dir, 'a-forged.json');
  fs.writeFileSync(forged, JSON.stringify(edited));
  await expect(cli(['metrics', 'compare', forged, files.b!])).rejects.toThrow(/hash does not match/);
  fs.writeFileSync(forged, '{"not": "an export"}');
  await expect(cli(['metrics', 'compare', forged, files.b!])).rejects.toThrow(/not an Aide metrics export/);
});
