/**
 * People, not tokens: the seeded demo pilot goes through the real ingest into a real SQLite file, and the report's
 * headline `summary.activeUsers` must stay within 10 % of the generator's truth (staff active per month, mean over
 * the period's months) for 4, 16 and 52 weeks, on 1 and 10 sites; per site × role too, where the cell is shown.
 * Before tokens were renewed on calendar months, the same pilot read 691 "users" for 181 people a month (16 weeks).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/server/db';
import { demoTruth, seedDemo } from '../../src/server/metrics/demo';
import { buildReport } from '../../src/server/metrics/report';
import { isSuppressed } from '../../src/core/metrics/report-types';

const NOW = Date.parse('2026-11-25T12:00:00Z');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-people-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Fewer staff on the longest pilots keep the ingest within a few seconds each on a 2-core machine.
test.each([
  [4, 1, 300],
  [4, 10, 300],
  [16, 1, 200],
  [16, 10, 200],
  [52, 1, 80],
  [52, 10, 80],
])('%i weeks, %i site(s), %i staff: active people within 10 %% of the truth', async (weeks, sites, users) => {
  const store = await openDatabase(`sqlite:${path.join(dir, `pilot-${weeks}-${sites}.sqlite`)}`);
  try {
    const summary = await seedDemo(store.db, { users, weeks, sites, now: NOW, seed: 7 + weeks + sites });
    const truth = demoTruth(summary);
    const report = await buildReport(store.db, { since: summary.since, until: summary.until }, { k: 5, now: NOW });
    const headline = report.summary.activeUsers;
    expect(typeof headline).toBe('number');
    const ratio = (headline as number) / truth.all.perMonth;
    expect({ weeks, sites, headline, truth: Math.round(truth.all.perMonth), ok: ratio > 0.9 && ratio < 1.1 }).toMatchObject({ ok: true });
    // Over several months the tokens are many more than the people: the headline must not be their count.
    if (weeks > 5) expect(report.summary.activeTokens).not.toEqual(headline);
    // Per site × role (the overview table), where shown and big enough for 10 % to mean something.
    let checked = 0;
    const eligible = truth.bySiteRole.filter((t) => t.perMonth >= 10).length;
    for (const t of truth.bySiteRole) {
      const row = report.overview.find((o) => o.site === t.site && o.role === t.role);
      expect(row).toBeDefined();
      if (isSuppressed(row!.activeUsers) || t.perMonth < 10) continue;
      const r = (row!.activeUsers as number) / t.perMonth;
      expect({ cell: `${t.site} · ${t.role}`, value: row!.activeUsers, truth: t.perMonth, ok: r > 0.9 && r < 1.1 }).toMatchObject({ ok: true });
      checked++;
    }
    if (eligible) expect(checked).toBeGreaterThan(0);
    // A sub-period (the last 4 weeks) is held to the truth of the same weeks.
    const since4 = new Date(Date.parse(summary.until + 'T00:00:00Z') - 27 * 86_400_000).toISOString().slice(0, 10);
    const last4 = await buildReport(store.db, { since: since4, until: summary.until }, { k: 5, now: NOW });
    const truth4 = demoTruth(summary, since4, summary.until).all.perMonth;
    expect(Math.abs((last4.summary.activeUsers as number) / truth4 - 1)).toBeLessThan(0.1);
  } finally {
    await store.close();
  }
}, 120_000);
