/**
 * The dashboard's pure parts, without a browser: URL filters, the report adapter (a hidden figure stays hidden, never
 * becomes a number), the week in progress, and the fr/en dictionaries. (Kept next to the dashboard's e2e test, the
 * files this helper owns; it runs in well under a second.)
 */
import { dictionaries, initialLang, translator } from '../../src/dashboard/i18n';
import { filtersToQuery, parseFilters, presetOf, presetRange, withFilter } from '../../src/dashboard/filters';
import { fromReport, ReportShapeError } from '../../src/dashboard/report';
import { chartValue, isSuppressed, topBy } from '../../src/dashboard/model';
import { sampleReport } from '../../src/dashboard/sample';
import { parseHeadcount } from '../../src/dashboard/api';

describe('dashboard filters in the URL', () => {
  test('round trip, unknown and malformed values dropped', () => {
    const f = parseFilters('?since=2026-09-01&until=2026-10-31&site=chu-nord&role=secretary&host=word&lang=en&evil=1');
    expect(f).toEqual({ since: '2026-09-01', until: '2026-10-31', site: 'chu-nord', role: 'secretary', host: 'word' });
    expect(parseFilters('?' + filtersToQuery(f))).toEqual(f);
    expect(parseFilters('?since=yesterday&until=2026-13-45&site=%3Cscript%3E')).toEqual({});
    expect(filtersToQuery(withFilter(f, 'site', undefined), { lang: 'fr' })).toBe('since=2026-09-01&until=2026-10-31&role=secretary&host=word&lang=fr');
  });

  test('period presets end today and are recognised back', () => {
    const today = new Date('2026-11-23T10:00:00Z');
    expect(presetRange('4w', today)).toEqual({ since: '2026-10-27', until: '2026-11-23' });
    expect(presetOf(presetRange('12w', today), today)).toBe('12w');
    expect(presetOf({}, today)).toBe('all');
    expect(presetOf({ since: '2026-01-01' }, today)).toBe('custom');
  });
});

describe('report adapter', () => {
  test('suppressed figures stay suppressed; weeks pivot per role; k never below 5', () => {
    const report = sampleReport();
    const model = fromReport({ ...report, k: 3 });
    expect(model.k).toBe(5);
    const quality = model.retention.find((r) => r.role === 'quality')!;
    expect(isSuppressed(quality.cohort) && isSuppressed(quality.rate)).toBe(true);
    expect(chartValue(quality.rate)).toBeUndefined();
    const chuSud = model.adoptionRate.find((r) => r.site === 'chu-sud' && r.role === 'secretary')!;
    expect(chuSud.rate).toBeNull(); // no headcount: nothing to divide, not hidden
    expect(model.weeklyActive.rows).toHaveLength(report.weeks.length);
    expect(model.weeklyActive.roles.sort()).toEqual(['engineer', 'physician', 'quality', 'secretary']);
    const first = report.adoption.weeklyActive.find((w) => w.week === report.weeks[0] && w.role === 'quality')!;
    expect(model.weeklyActive.rows[0]!.values.quality).toEqual(first.tokens);
    // Every figure of the model comes from the report: count the hidden ones on both sides.
    const hiddenIn = (v: unknown): number =>
      isSuppressed(v) ? 1 : Array.isArray(v) ? v.reduce((n: number, x) => n + hiddenIn(x), 0) : v && typeof v === 'object' ? Object.values(v).reduce((n: number, x) => n + hiddenIn(x), 0) : 0;
    // The model drops fields the page does not show (outcome counts, feedback, yes counts), so compare those shown.
    expect(hiddenIn(model.sites)).toBe(hiddenIn(report.sites));
    expect(hiddenIn(model.funnel)).toBe(hiddenIn(report.funnel));
    expect(hiddenIn(model.weeklyActive)).toBe(hiddenIn(report.adoption.weeklyActive));
  });

  test('the week in progress is marked, whole weeks are not', () => {
    const report = sampleReport();
    const last = report.weeks[report.weeks.length - 1]!;
    const wholeWeeks = fromReport({ ...report, generatedAt: '2026-12-01T08:00:00Z' });
    expect(wholeWeeks.weeklyActive.rows.every((r) => !r.partial)).toBe(true);
    // Report computed on the Wednesday of the last week (the server rounds the period up to whole weeks).
    const wednesday = new Date(Date.parse(last + 'T00:00:00Z') + 2 * 86_400_000).toISOString();
    const rows = fromReport({ ...report, generatedAt: wednesday, filters: { ...report.filters, until: '2026-12-31' } }).weeklyActive.rows;
    expect(rows.filter((r) => r.partial).map((r) => r.week)).toEqual([last]);
  });

  test('a body that is not a report is a clear error', () => {
    expect(() => fromReport({ error: 'x' })).toThrow(ReportShapeError);
    expect(() => fromReport(null)).toThrow(/dashboard\/report/);
  });

  test('topBy keeps the largest visible figures first, hidden ones last', () => {
    const items = [{ v: 3 }, { v: { suppressed: true as const } }, { v: 10 }, { v: null }];
    expect(topBy(items, (i) => i.v, 3).map((i) => i.v)).toEqual([10, 3, { suppressed: true }]);
  });

  test('headcount bodies', () => {
    expect(parseHeadcount({ headcount: [{ site: 'a', role: 'secretary', headcount: 4 }, { site: 'b', role: 'x', headcount: 'many' }] })).toEqual([
      { site: 'a', role: 'secretary', headcount: 4 },
    ]);
    expect(parseHeadcount('nope')).toEqual([]);
  });
});

describe('dashboard i18n', () => {
  test('fr and en have the same keys and the same placeholders, none empty', () => {
    const fr = dictionaries.fr;
    const en = dictionaries.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect({ key, ok: fr[key].trim() !== '' && en[key].trim() !== '' }).toEqual({ key, ok: true });
      expect({ key, vars: vars(en[key]) }).toEqual({ key, vars: vars(fr[key]) });
    }
  });

  test('French by default, then the browser language; placeholders filled', () => {
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) };
    expect(initialLang('', ['de-DE'])).toBe('fr');
    expect(initialLang('', ['en-US', 'fr'])).toBe('en');
    expect(initialLang('?lang=fr', ['en-US'])).toBe('fr');
    store.set('aide.dashboard.lang', 'en');
    expect(initialLang('', ['fr-FR'])).toBe('en');
    expect(translator('fr')('suppressed.sr', { k: 5 })).toBe('masqué, moins de 5');
  });
});
