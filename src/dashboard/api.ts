/**
 * Calls to the dashboard API (same origin; with Entra sign-in each carries the bearer, see ./auth). Errors are values
 * the page can explain: 401/403 mean "needs the program lead role", anything else shows the server's message.
 */
import { filtersToQuery, type DashboardFilters } from './filters';
import type { HeadcountEntry } from './model';
import { dashboardFetch } from './auth';

/** Headers for an API call (the bearer is added by dashboardFetch, once signed in with Entra). */
function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { accept: 'application/json', ...extra };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
  get forbidden(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let message = `HTTP ${res.status}`;
  try {
    const body: unknown = await res.json();
    // Aide's error bodies are {error:{message}} (OpenAI style) or fastify's {message}.
    if (body && typeof body === 'object') {
      const err = (body as { error?: unknown }).error;
      if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') message = (err as { message: string }).message;
      else if (typeof err === 'string') message = err;
      else if (typeof (body as { message?: unknown }).message === 'string') message = (body as { message: string }).message;
    }
  } catch {
    // Not JSON (a proxy's HTML page): keep the status.
  }
  return new ApiError(res.status, message);
}

async function getJson(url: string, signal?: AbortSignal): Promise<unknown> {
  let res: Response;
  try {
    res = await dashboardFetch(url, { headers: headers(), signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, (err as Error).message || 'network error');
  }
  if (!res.ok) throw await errorOf(res);
  return res.json();
}

export function reportUrl(filters: DashboardFilters): string {
  const q = filtersToQuery(filters);
  return '/api/dashboard/report' + (q ? '?' + q : '');
}

/** `excel-fr`: `;`, decimal comma (French Excel); `script` (default): `,` and a point. */
export type CsvFormat = 'script' | 'excel-fr';

export function csvUrl(filters: DashboardFilters, format: CsvFormat = 'script'): string {
  const q = [filtersToQuery(filters), format === 'excel-fr' ? 'format=excel-fr' : ''].filter(Boolean).join('&');
  return '/api/dashboard/report.csv' + (q ? '?' + q : '');
}

export function fetchReport(filters: DashboardFilters, signal?: AbortSignal): Promise<unknown> {
  return getJson(reportUrl(filters), signal);
}

/** Reads `[{site, role, headcount}]` whatever the exact wrapper ({headcount:[…]}, {entries:[…]} or a bare list). */
export function parseHeadcount(body: unknown): HeadcountEntry[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? ((body as Record<string, unknown>).headcount ?? (body as Record<string, unknown>).entries ?? (body as Record<string, unknown>).items)
      : undefined;
  if (!Array.isArray(list)) return [];
  const out: HeadcountEntry[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { site, role } = item as Record<string, unknown>;
    const raw = (item as Record<string, unknown>).headcount ?? (item as Record<string, unknown>).count ?? (item as Record<string, unknown>).enrolled;
    if (typeof site === 'string' && typeof role === 'string' && typeof raw === 'number' && Number.isFinite(raw)) out.push({ site, role, headcount: raw });
  }
  return out;
}

/** Prompt titles by id from the library (`/api/prompts`), so the page names prompts as the pane does. */
export async function fetchPromptTitles(signal?: AbortSignal): Promise<Record<string, { fr: string; en: string }>> {
  const body = (await getJson('/api/prompts', signal)) as { prompts?: { id?: unknown; title?: { fr?: unknown; en?: unknown } }[] } | null;
  const out: Record<string, { fr: string; en: string }> = {};
  for (const p of Array.isArray(body?.prompts) ? body.prompts : []) {
    if (typeof p?.id === 'string' && typeof p.title?.fr === 'string' && typeof p.title?.en === 'string') out[p.id] = { fr: p.title.fr, en: p.title.en };
  }
  return out;
}

export async function fetchHeadcount(signal?: AbortSignal): Promise<HeadcountEntry[]> {
  return parseHeadcount(await getJson('/api/dashboard/headcount', signal));
}

export async function saveHeadcount(entries: HeadcountEntry[]): Promise<HeadcountEntry[]> {
  let res: Response;
  try {
    res = await dashboardFetch('/api/dashboard/headcount', {
      method: 'PUT',
      headers: headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ headcount: entries }),
    });
  } catch (err) {
    throw new ApiError(0, (err as Error).message || 'network error');
  }
  if (!res.ok) throw await errorOf(res);
  const body: unknown = await res.json().catch(() => null);
  const saved = parseHeadcount(body);
  return saved.length ? saved : entries;
}

/** With Entra sign-in a plain link cannot carry the bearer, so the CSV is fetched and handed to the browser as a file. */
export async function downloadCsvWithToken(filters: DashboardFilters, format: CsvFormat = 'script'): Promise<void> {
  const res = await dashboardFetch(csvUrl(filters, format), { headers: headers({ accept: 'text/csv' }) });
  if (!res.ok) throw await errorOf(res);
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'aide-dashboard.csv';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
