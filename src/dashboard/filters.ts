/**
 * The dashboard filters live in the URL query (`?since=2026-01-05&until=…&site=…&role=…&host=…`), so a view can be
 * bookmarked, shared with a colleague or printed as is, and the CSV link carries exactly the same filters.
 */

export interface DashboardFilters {
  /** Inclusive ISO dates (YYYY-MM-DD); absent = let the server pick (the whole retained history). */
  since?: string;
  until?: string;
  site?: string;
  role?: string;
  host?: string;
}

export const FILTER_KEYS = ['since', 'until', 'site', 'role', 'host'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Site, role and host values are short identifiers; anything else in a hand-edited URL is ignored, not sent.
const IDENT = /^[\p{L}\p{N}_.\- ]{1,80}$/u;

export function parseFilters(search: string): DashboardFilters {
  const params = new URLSearchParams(search);
  const filters: DashboardFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if ((key === 'since' || key === 'until') && !(ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)))) continue;
    if (key !== 'since' && key !== 'until' && !IDENT.test(value)) continue;
    filters[key] = value;
  }
  return filters;
}

/** Query string (without `?`) for the filters, in a stable order; extra params (e.g. `lang`) are kept. */
export function filtersToQuery(filters: DashboardFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params.toString();
}

export function withFilter(filters: DashboardFilters, key: FilterKey, value: string | undefined): DashboardFilters {
  const next: DashboardFilters = { ...filters };
  if (value) next[key] = value;
  else delete next[key];
  return next;
}

export type PeriodPreset = '4w' | '12w' | '26w' | 'all' | 'custom';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['4w', '12w', '26w', 'all'];

const DAY = 86_400_000;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** since/until for a preset, counted back from `today` (UTC) so that the last week is complete up to today. */
export function presetRange(preset: PeriodPreset, today: Date = new Date()): Pick<DashboardFilters, 'since' | 'until'> {
  if (preset === 'all' || preset === 'custom') return {};
  const weeks = preset === '4w' ? 4 : preset === '12w' ? 12 : 26;
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return { since: isoDate(end - (weeks * 7 - 1) * DAY), until: isoDate(end) };
}

/** Which preset the current since/until match, so the period picker shows it selected. */
export function presetOf(filters: DashboardFilters, today: Date = new Date()): PeriodPreset {
  if (!filters.since && !filters.until) return 'all';
  for (const preset of PERIOD_PRESETS) {
    const range = presetRange(preset, today);
    if (range.since === filters.since && range.until === filters.until) return preset;
  }
  return 'custom';
}
