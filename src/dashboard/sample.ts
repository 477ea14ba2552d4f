/**
 * A small hand-made report (two sites, four roles, eight weeks, some suppressed cells) in the API's own shape, so it
 * goes through the same adapter as real figures. Used to try the layout without a server: open /dashboard?sample=1
 * (the page says these are not real data).
 */
import type { DashboardReport, Figure } from '../core/metrics/report-types';

const H = { suppressed: true, reason: 'small' } as const;
/** Hidden only to protect a small cell of the same row or column (complementary suppression). */
const L = { suppressed: true, reason: 'linked' } as const;
const ROLES = ['engineer', 'physician', 'quality', 'secretary'];
const hide = (v: number): Figure => (v < 5 ? H : v);

type OverviewRow = DashboardReport['overview'][number];
function row(site: string, role: string, activeUsers: Figure, weeklyActive: Figure, headcount: number | null, trend: Figure, respondents: Figure, benefitShare: OverviewRow['benefitShare'], hoursSavedPerPerson: Figure, comfort: Figure): OverviewRow {
  const adoption = typeof weeklyActive === 'number' && headcount ? weeklyActive / headcount : typeof weeklyActive === 'number' ? null : weeklyActive;
  return { site, role, activeUsers, weeklyActive, headcount, adoption, trend, respondents, benefitShare, hoursSavedPerPerson, comfort };
}

export function sampleReport(): DashboardReport {
  const weeks = Array.from({ length: 8 }, (_, i) => new Date(Date.UTC(2026, 7, 31) + i * 7 * 86_400_000).toISOString().slice(0, 10));
  const base: Record<string, number> = { secretary: 12, quality: 4, physician: 8, engineer: 3 };
  const growth: Record<string, number> = { secretary: 5, quality: 1, physician: 2, engineer: 0.4 };
  return {
    schemaVersion: 2,
    generatedAt: '2026-10-26T08:00:00.000Z',
    k: 5,
    filters: { since: '2026-08-31', until: '2026-10-25' },
    weeks,
    options: { sites: ['chu-nord', 'chu-sud'], roles: ROLES, hosts: ['outlook', 'word'] },
    empty: false,
    summary: { activeUsers: 71, activeTokens: 96, runs: 2140, acceptance: 0.71, benefitShare: 0.64, hoursSavedPerWeek: 57.5 },
    adoption: {
      weeklyActive: weeks.flatMap((week, i) => ROLES.map((role) => ({ week, role, tokens: hide(Math.round(base[role]! + growth[role]! * i)) }))),
      rate: [
        { site: 'chu-nord', role: 'secretary', activeTokens: 31, headcount: 60, rate: 31 / 60 },
        { site: 'chu-nord', role: 'physician', activeTokens: 12, headcount: 80, rate: 12 / 80 },
        { site: 'chu-nord', role: 'quality', activeTokens: H, headcount: 6, rate: H },
        { site: 'chu-sud', role: 'secretary', activeTokens: 18, headcount: null, rate: null },
        { site: 'chu-sud', role: 'engineer', activeTokens: H, headcount: 10, rate: H },
      ],
      retention: [
        { role: 'secretary', cohort: 20, retainedWeek4: 14, rate: 0.7 },
        { role: 'physician', cohort: 9, retainedWeek4: 5, rate: 5 / 9 },
        { role: 'quality', cohort: H, retainedWeek4: H, rate: H },
      ],
    },
    usage: {
      topPrompts: [
        { role: 'secretary', promptId: 'secretary-summarize', runs: 640 },
        { role: 'secretary', promptId: 'secretary-convocation', runs: 310 },
        { role: 'physician', promptId: 'physician-summarize', runs: 280 },
        { role: 'quality', promptId: 'quality-summarize', runs: H },
      ],
      runsPerHost: [
        { host: 'outlook', runs: 1650 },
        { host: 'word', runs: 490 },
      ],
      outcomes: ['secretary', 'physician', 'quality', 'engineer'].map((role, i) => {
        const hidden = i === 3;
        const runs = 900 - i * 200;
        return {
          role,
          runs: hidden ? H : runs,
          counts: hidden
            ? { inserted: H, copied: H, discarded: H, cancelled: H, error: H }
            : { inserted: Math.round(runs * 0.5), copied: Math.round(runs * 0.2), discarded: Math.round(runs * 0.2), cancelled: Math.round(runs * 0.08), error: Math.round(runs * 0.02) },
          acceptance: hidden ? H : 0.75 - i * 0.05,
          cancelRate: hidden ? H : 0.08,
          errorRate: hidden ? H : 0.02,
          meanTtftMs: hidden ? H : 800,
          meanTotalMs: hidden ? H : 4200,
        };
      }),
      feedback: [{ role: 'secretary', answers: 40, usefulShare: 0.8 }],
    },
    impact: {
      benefit: [
        { role: 'secretary', answers: 28, yes: 20, share: 20 / 28 },
        { role: 'physician', answers: 11, yes: 6, share: 6 / 11 },
        { role: 'quality', answers: H, yes: H, share: H },
      ],
      timeSaved: [
        { bucket: '0', answers: 6 },
        { bucket: 'lt30', answers: 14 },
        { bucket: '30to60', answers: 17 },
        { bucket: '1to2h', answers: 9 },
        { bucket: '2to4h', answers: H },
        { bucket: 'gt4h', answers: H },
      ],
      hoursSaved: [
        { role: 'secretary', survey: 31.5, prompts: 40.2 },
        { role: 'physician', survey: 9, prompts: 12.5 },
        { role: 'quality', survey: H, prompts: H },
      ],
      comfort: {
        respondents: 48,
        mean: 3.8,
        distribution: ([1, 2, 3, 4, 5] as const).map((score) => ({ score, answers: score < 3 ? H : score * 4 })),
      },
    },
    overview: [
      row('chu-nord', 'secretary', 27, 24.5, 60, 2.5, 18, 0.72, 1.2, 3.9),
      row('chu-nord', 'physician', 12, 10.2, 80, 1.5, 8, 0.55, 0.6, 3.3),
      row('chu-nord', 'quality', H, H, 6, H, H, H, H, H),
      row('chu-sud', 'secretary', 19, 16, null, 2, 10, 0.7, 1.1, 3.8),
      row('chu-sud', 'physician', L, L, 30, L, H, H, H, H),
      row('chu-sud', 'engineer', H, H, 10, H, H, H, H, H),
      row('*', 'secretary', 46, 40.5, null, 4.5, 28, 20 / 28, 1.2, 3.9),
      row('*', 'physician', 18, 15.8, 110, 1.9, 11, 6 / 11, 0.6, 3.3),
      row('*', 'quality', H, H, 6, H, H, H, H, H),
      row('*', 'engineer', H, H, 10, H, H, H, H, H),
      row('chu-nord', '*', 45, 38.9, 146, 4.4, 30, 0.66, 1, 3.7),
      row('chu-sud', '*', 26, 22.6, null, 2.3, 18, H, 0.9, 3.6),
      row('*', '*', 71, 61.5, null, 6.7, 48, 0.64, 1, 3.8),
    ],
    intensity: [
      { bucket: '1-5', tokens: 58 },
      { bucket: '6-10', tokens: 27 },
      { bucket: '11+', tokens: 11 },
    ],
    funnel: [
      { promptId: 'secretary-summarize', role: 'secretary', opened: 90, generated: 64, used: 48 },
      { promptId: 'physician-summarize', role: 'physician', opened: 40, generated: 28, used: 19 },
      { promptId: 'quality-summarize', role: 'quality', opened: 6, generated: H, used: H },
    ],
    sites: [
      { site: 'chu-nord', activeUsers: 45, activeTokens: 61, runs: 1400, acceptance: 0.73, benefitShare: 0.66, hoursSavedPerWeek: 38 },
      { site: 'chu-sud', activeUsers: 26, activeTokens: 35, runs: 740, acceptance: 0.68, benefitShare: H, hoursSavedPerWeek: 19.5 },
    ],
  };
}
