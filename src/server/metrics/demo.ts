/**
 * A realistic, deterministic pilot for `aide metrics seed-demo` and the benchmark: staff of several sites in four
 * roles who start using Aide at different paces (secretaries early, physicians late), use it with different
 * intensity, sometimes stop, answer the weekly pulse survey now and then, and renew their device token at every token
 * month, as the pane does (src/core/metrics/periods.ts). It also keeps its truth — which person was active in which
 * week — so that the report's people figures can be checked against the people behind the tokens.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MetricEvent } from '../../core/metrics/events';
import { mondayOfMs as mondayOf, perMonthMean, tokenMonthOf, tokenMonthOfWeek } from '../../core/metrics/periods';
import { ROLES, type Role } from '../../core/prompts/schema';
import type { Db } from '../db';
import { storeEvents } from './ingest';
import { writeHeadcount } from './report';

export interface DemoOptions {
  users: number;
  weeks: number;
  sites: number;
  seed?: number;
  /** End of the pilot (the last week is the one containing this time). */
  now?: number;
  /** Prompt ids per role (from the library); a built-in list otherwise. */
  prompts?: Partial<Record<Role, string[]>>;
  /** Called with every chunk of events instead of storing them (the benchmark uses it to time ingest itself). */
  onChunk?: (events: MetricEvent[]) => Promise<void>;
  chunkSize?: number;
}

/** Prompt ids per role from a library folder (`<dir>/<role>/<id>.md`), so that a demo's prompts are real prompts. */
export function libraryPromptIds(dir: string): Partial<Record<Role, string[]>> {
  const out: Partial<Record<Role, string[]>> = {};
  for (const role of ROLES) {
    const roleDir = path.join(dir, role);
    if (!fs.existsSync(roleDir)) continue;
    const ids = fs
      .readdirSync(roleDir)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f) => f.slice(0, -3))
      .filter((id) => /^[a-z0-9-]{1,80}$/.test(id));
    if (ids.length) out[role] = ids;
  }
  return out;
}

export const DEMO_PROMPTS: Record<Role, string[]> = {
  secretary: ['secretary-summarize-mail', 'secretary-reply-appointment', 'secretary-draft-letter', 'secretary-meeting-minutes', 'secretary-triage-inbox'],
  physician: ['physician-summarize-mail', 'physician-discharge-letter', 'physician-reply-colleague', 'physician-summarize-thread'],
  quality: ['quality-summarize-mail', 'quality-incident-report', 'quality-procedure-rewrite', 'quality-meeting-minutes'],
  engineer: ['engineer-summarize-mail', 'engineer-tender-analysis', 'engineer-intervention-report', 'engineer-reply-supplier'],
};

interface RoleProfile {
  share: number;
  /** Week (from the pilot start) around which half of the role has started. */
  adoptionMidWeek: number;
  /** Share that never starts. */
  never: number;
  /** Share that stops after a few weeks. */
  stops: number;
  runsPerWeek: number;
  benefit: number;
  /** Weights of the time-saved answers 0, <30, 30–60, 1–2 h, 2–4 h, >4 h. */
  timeSaved: number[];
  comfort: number;
}

const PROFILES: Record<Role, RoleProfile> = {
  secretary: { share: 0.4, adoptionMidWeek: 2, never: 0.1, stops: 0.12, runsPerWeek: 9, benefit: 0.78, timeSaved: [3, 10, 25, 35, 20, 7], comfort: 3.9 },
  physician: { share: 0.3, adoptionMidWeek: 7, never: 0.3, stops: 0.25, runsPerWeek: 4, benefit: 0.55, timeSaved: [12, 30, 30, 18, 8, 2], comfort: 3.3 },
  quality: { share: 0.15, adoptionMidWeek: 4, never: 0.15, stops: 0.15, runsPerWeek: 6, benefit: 0.7, timeSaved: [5, 20, 30, 30, 12, 3], comfort: 3.7 },
  engineer: { share: 0.15, adoptionMidWeek: 3, never: 0.2, stops: 0.2, runsPerWeek: 7, benefit: 0.65, timeSaved: [8, 22, 30, 25, 12, 3], comfort: 3.6 },
};
const TIME_SAVED = ['0', 'lt30', '30to60', '1to2h', '2to4h', 'gt4h'] as const;
const DAY = 86_400_000;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[], weights?: number[]): T {
  if (!weights) return items[Math.floor(rand() * items.length)]!;
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rand() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

function poisson(rand: () => number, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rand)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

function hexOf(rand: () => number, chars: number): string {
  let s = '';
  while (s.length < chars) s += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, chars);
}

function uuidOf(rand: () => number): string {
  const h = hexOf(rand, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(rand() * 4)]}${h.slice(17, 20)}-${h.slice(20)}`;
}


export function siteNames(count: number): string[] {
  const base = ['chu-nord', 'chu-sud', 'ch-est', 'ch-ouest', 'clinique-centre'];
  return Array.from({ length: count }, (_, i) => base[i] ?? `site-${i + 1}`);
}

/** One generated person who used Aide at least once: where, in which role, and the ISO weeks (Mondays) of activity. */
export interface DemoPerson {
  site: string;
  role: Role;
  weeks: string[];
}

export interface DemoSummary {
  events: number;
  users: number;
  weeks: number;
  sites: string[];
  since: string;
  until: string;
  /** The generator's truth: every person with at least one event. */
  people: DemoPerson[];
}

export interface DemoTruthRow {
  site: string;
  role: string;
  /** Staff active per month, mean over the period's token months (what the report's `activeUsers` estimates). */
  perMonth: number;
  /** Staff active at least once in the period (cannot be measured from tokens renewed monthly; shown for comparison). */
  atLeastOnce: number;
}

/**
 * The truth of a generated pilot over a period of whole weeks (all weeks of the pilot by default): staff active, per
 * month on average and at least once, in all and per site × role.
 */
export function demoTruth(summary: Pick<DemoSummary, 'people' | 'since' | 'until'>, since = summary.since, until = summary.until): { all: DemoTruthRow; bySiteRole: DemoTruthRow[] } {
  const weeks: string[] = [];
  for (let w = new Date(mondayOf(Date.parse(since + 'T00:00:00Z'))).toISOString().slice(0, 10); w <= until; w = new Date(Date.parse(w + 'T00:00:00Z') + 7 * DAY).toISOString().slice(0, 10)) weeks.push(w);
  const first = weeks[0] ?? since;
  const last = weeks[weeks.length - 1] ?? until;
  const row = (site: string, role: string, people: DemoPerson[]): DemoTruthRow => {
    const inPeriod = people.map((p) => p.weeks.filter((w) => w >= first && w <= last)).filter((ws) => ws.length);
    return {
      site,
      role,
      perMonth: perMonthMean(weeks, (m) => inPeriod.filter((ws) => ws.some((w) => tokenMonthOfWeek(w) === m)).length),
      atLeastOnce: inPeriod.length,
    };
  };
  const groups = new Map<string, DemoPerson[]>();
  for (const p of summary.people) (groups.get(`${p.site}\u0000${p.role}`) ?? groups.set(`${p.site}\u0000${p.role}`, []).get(`${p.site}\u0000${p.role}`)!).push(p);
  const bySiteRole = [...groups]
    .map(([key, people]) => {
      const [site, role] = key.split('\u0000') as [string, string];
      return row(site, role, people);
    })
    .sort((a, b) => a.site.localeCompare(b.site) || a.role.localeCompare(b.role));
  return { all: row('*', '*', summary.people), bySiteRole };
}

/** Generates the pilot and stores it (or hands every chunk to `onChunk`). */
export async function seedDemo(db: Db | null, options: DemoOptions): Promise<DemoSummary> {
  const rand = prng(options.seed ?? 42);
  const now = options.now ?? Date.now();
  const lastMonday = mondayOf(now);
  const start = lastMonday - (options.weeks - 1) * 7 * DAY;
  const sites = siteNames(options.sites);
  const prompts = { ...DEMO_PROMPTS, ...options.prompts };
  const chunkSize = options.chunkSize ?? 5000;
  let chunk: MetricEvent[] = [];
  let total = 0;
  const flush = async () => {
    if (!chunk.length) return;
    const events = chunk;
    chunk = [];
    total += events.length;
    if (options.onChunk) await options.onChunk(events);
    else if (db) await storeEvents(db, events);
  };
  const push = async (e: MetricEvent) => {
    chunk.push(e);
    if (chunk.length >= chunkSize) await flush();
  };
  const enrolled = new Map<string, number>();
  const people: DemoPerson[] = [];

  for (let u = 0; u < options.users; u++) {
    const role = pick(rand, ROLES, ROLES.map((r) => PROFILES[r].share));
    const p = PROFILES[role];
    // Bigger first sites, as in a real group.
    const site = pick(rand, sites, sites.map((_, i) => 1 / (i + 1)));
    enrolled.set(`${site}\u0000${role}`, (enrolled.get(`${site}\u0000${role}`) ?? 0) + 1);
    if (rand() < p.never) continue;
    // Logistic adoption curve around the role's mid week.
    const startWeek = Math.max(0, Math.round(p.adoptionMidWeek + 1.8 * Math.log(1 / Math.max(rand(), 1e-6) - 1)));
    if (startWeek >= options.weeks) continue;
    const stopWeek = rand() < p.stops ? startWeek + 2 + Math.floor(rand() * 5) : Infinity;
    const intensity = p.runsPerWeek * Math.exp(0.6 * gaussian(rand) - 0.18);
    const favourite = pick(rand, prompts[role]);
    const host0 = rand() < 0.8 ? 'outlook' : 'word';
    let tokenMonth = tokenMonthOf(start + startWeek * 7 * DAY + Math.floor(rand() * 5) * DAY);
    let token = hexOf(rand, 32);
    const activeWeeks = new Set<string>();
    for (let w = startWeek; w < Math.min(options.weeks, stopWeek); w++) {
      if (rand() < 0.12) continue; // leave, night shifts, a quiet week
      const monday = start + w * 7 * DAY;
      const runs = poisson(rand, intensity * (0.7 + 0.6 * rand()));
      let answeredSurvey = false;
      for (let r = 0; r < runs || (r === 0 && rand() < 0.3); r++) {
        const at = monday + Math.floor(rand() * 5) * DAY + (7 + rand() * 11) * 3_600_000;
        if (at > now) continue;
        if (tokenMonthOf(at) !== tokenMonth) {
          token = hexOf(rand, 32);
          tokenMonth = tokenMonthOf(at);
        }
        const ts = new Date(Math.floor(at)).toISOString();
        activeWeeks.add(new Date(monday).toISOString().slice(0, 10));
        const common = { token, ts, site, appVersion: '0.1.0' };
        const promptId = rand() < 0.45 ? favourite : pick(rand, prompts[role]);
        const host = promptId.includes('summarize') || promptId.includes('reply') || promptId.includes('triage') ? (rand() < 0.04 ? 'preview' : 'outlook') : rand() < 0.7 ? 'word' : host0;
        await push({ type: 'prompt_open', id: uuidOf(rand), ...common, role, promptId, promptVersion: 1, host });
        if (r >= runs) continue; // opened, not run
        const outcome = pick(rand, ['inserted', 'copied', 'discarded', 'cancelled', 'error'] as const, [
          40 + p.benefit * 20,
          18,
          22 - p.benefit * 10,
          9,
          role === 'physician' ? 6 : 3,
        ]);
        const ttft = outcome === 'error' ? null : Math.round(250 + rand() * 900);
        const runId = uuidOf(rand);
        await push({
          type: 'prompt_run',
          id: runId,
          ...common,
          role,
          promptId,
          promptVersion: 1,
          host,
          engine: rand() < 0.3 ? 'offline' : 'azure',
          outcome,
          ttftMs: ttft,
          totalMs: Math.round((ttft ?? 300) + 1500 + rand() * 9000),
          inputSize: pick(rand, ['lt1k', '1to5k', '5to20k', '20to100k'] as const, [25, 45, 25, 5]),
          outputSize: pick(rand, ['lt1k', '1to5k', '5to20k'] as const, [55, 40, 5]),
        });
        if (rand() < 0.15) await push({ type: 'feedback', id: uuidOf(rand), ...common, runId, useful: rand() < p.benefit + 0.1 });
        if (!answeredSurvey && rand() < 0.12) {
          answeredSurvey = true;
          const benefit = rand() < p.benefit;
          const weights = p.timeSaved.map((x, i) => (benefit ? x * (1 + i * 0.25) : x * Math.max(0.1, 1 - i * 0.3)));
          await push({
            type: 'survey',
            id: uuidOf(rand),
            ...common,
            role,
            benefit,
            timeSaved: pick(rand, TIME_SAVED, weights),
            comfort: Math.min(5, Math.max(1, Math.round(p.comfort + (benefit ? 0.4 : -0.6) + gaussian(rand) * 0.8))) as 1 | 2 | 3 | 4 | 5,
          });
        }
      }
    }
    if (activeWeeks.size) people.push({ site, role, weeks: [...activeWeeks].sort() });
  }
  await flush();
  if (db && !options.onChunk) {
    // The enrolled staff the lead would enter: every generated user, plus some who were never reached.
    await writeHeadcount(
      db,
      [...enrolled].map(([key, count]) => {
        const [site, role] = key.split('\u0000') as [string, string];
        return { site, role, headcount: Math.round(count * 1.1) };
      }),
    );
  }
  return {
    events: total,
    users: options.users,
    weeks: options.weeks,
    sites,
    since: new Date(start).toISOString().slice(0, 10),
    until: new Date(lastMonday + 6 * DAY).toISOString().slice(0, 10),
    people,
  };
}
