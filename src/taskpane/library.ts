/**
 * The prompt library as the pane sees it: the organisation's prompts from `GET /api/prompts` (cached with the ETag,
 * so the pane works offline with the last copy), plus the user's personal prompts, favourites and recent ones.
 * Pure logic over injected storage and fetch, so it is unit-tested without a browser.
 */
import { promptSchema, type HostKind, type PromptDefinition, type Role } from '../core/prompts/schema';
import { authFetch, SignInError, type SignInErrorKey } from '../hosts/auth';
import type { HostMode, KeyValueStore } from '../hosts/types';
import { contentVariableOf, searchPrompts } from './contracts';

export const CACHE_KEY = 'aide.prompts.cache';

export interface LibraryLoad {
  prompts: PromptDefinition[];
  /** `network`: fresh (or 304 confirmed); `cache`: the server could not be reached, last copy used; `none`: neither. */
  source: 'network' | 'cache' | 'none';
  errors: { file: string; line: number; message: string }[];
  /** The server refused the user's token even after a renewal: the pane asks to sign in again. */
  signInNeeded?: boolean;
  /** Why no token could be had (the sign-in window closed or blocked, …); `auth.expired` for a refused one. */
  signInError?: SignInErrorKey;
}

interface CachedLibrary {
  etag: string | null;
  prompts: unknown[];
}

/** Keeps only prompts that pass the schema (a cache written by an older version must not break the pane). */
function validPrompts(list: unknown[]): PromptDefinition[] {
  const out: PromptDefinition[] = [];
  for (const item of list) {
    const parsed = promptSchema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

function readCache(store: KeyValueStore): CachedLibrary | null {
  try {
    const raw = store.getItem(CACHE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as CachedLibrary;
    return Array.isArray(value.prompts) ? value : null;
  } catch {
    return null;
  }
}

export async function loadLibrary(
  baseUrl: string,
  store: KeyValueStore,
  options: { fetch?: (url: string, init: RequestInit) => Promise<Response> } = {},
): Promise<LibraryLoad> {
  // The pane's authenticated fetch by default: the user's token, renewed once on a 401.
  const doFetch = options.fetch ?? ((url: string, init: RequestInit) => authFetch(url, init));
  const cached = readCache(store);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  let signInNeeded = false;
  let signInError: SignInErrorKey = 'auth.expired';
  try {
    const res = await doFetch(`${baseUrl}/api/prompts`, { headers });
    if (res.status === 304 && cached) return { prompts: validPrompts(cached.prompts), source: 'network', errors: [] };
    signInNeeded = res.status === 401;
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { etag?: string; prompts?: unknown[]; errors?: LibraryLoad['errors'] };
    const prompts = validPrompts(body.prompts ?? []);
    const etag = res.headers.get('etag') ?? body.etag ?? null;
    try {
      store.setItem(CACHE_KEY, JSON.stringify({ etag, prompts } satisfies CachedLibrary));
    } catch {
      // Storage full: the pane still works, just not offline next time.
    }
    return { prompts, source: 'network', errors: body.errors ?? [] };
  } catch (err) {
    // No token could be had (sign-in cancelled or impossible): same as a refused one.
    if (err instanceof SignInError) {
      signInNeeded = true;
      signInError = err.key;
    }
    const more = signInNeeded ? { signInNeeded, signInError } : {};
    if (cached) return { prompts: validPrompts(cached.prompts), source: 'cache', errors: [], ...more };
    return { prompts: [], source: 'none', errors: [], ...more };
  }
}

/** Personal prompts win over library prompts with the same id (a duplicated prompt gets a new id anyway). */
export function mergeLibrary(library: PromptDefinition[], personal: PromptDefinition[]): PromptDefinition[] {
  const ids = new Set(personal.map((p) => p.id));
  return [...personal, ...library.filter((p) => !ids.has(p.id))];
}

export interface GalleryFilter {
  query: string;
  role: Role;
  host: HostKind | null;
  /** With the host filter: Outlook read mode has no selection or draft, so the actions on one are left out. */
  hostMode?: HostMode;
  category: PromptDefinition['category'] | null;
  favouritesOnly: boolean;
}

/** True when the prompt works on a selection (or a draft) that this host mode has. */
function fitsMode(prompt: PromptDefinition, mode: HostMode | undefined): boolean {
  if (mode !== 'read') return true;
  const content = contentVariableOf(prompt);
  return prompt.variables.find((v) => v.name === content)?.source !== 'selection';
}

export function filterGallery(prompts: PromptDefinition[], filter: GalleryFilter, favourites: string[]): PromptDefinition[] {
  const found = searchPrompts(prompts, {
    query: filter.query.trim() || undefined,
    role: filter.role,
    host: filter.host ?? undefined,
    category: filter.category ?? undefined,
  });
  const fitting = filter.host ? found.filter((p) => fitsMode(p, filter.hostMode)) : found;
  return filter.favouritesOnly ? fitting.filter((p) => favourites.includes(p.id)) : fitting;
}

export function toggleFavourite(favourites: string[], id: string): string[] {
  return favourites.includes(id) ? favourites.filter((f) => f !== id) : [...favourites, id];
}

export const MAX_RECENT = 5;

export function pushRecent(recent: string[], id: string): string[] {
  return [id, ...recent.filter((r) => r !== id)].slice(0, MAX_RECENT);
}

/** A copy of a prompt the user can edit: a new id (unique among existing ids), version 1, origin personal. */
export function duplicatePrompt(prompt: PromptDefinition, existingIds: string[], suffix = 'perso'): PromptDefinition {
  let id = `${prompt.id}-${suffix}`.slice(0, 80);
  for (let n = 2; existingIds.includes(id); n++) id = `${prompt.id}-${suffix}-${n}`;
  return { ...prompt, id, version: 1, origin: 'personal' };
}

/** The starting point of a new personal prompt for a role and host. */
export function blankPrompt(role: Role, host: HostKind, existingIds: string[]): PromptDefinition {
  let id = 'ma-tache';
  for (let n = 2; existingIds.includes(id); n++) id = `ma-tache-${n}`;
  return promptSchema.parse({
    id,
    version: 1,
    role,
    hosts: [host],
    category: 'draft',
    title: { fr: 'Ma tâche', en: 'My task' },
    description: { fr: 'Décrivez ce que fait cette tâche.', en: 'Describe what this task does.' },
    variables: [
      {
        name: 'content',
        label: { fr: 'Texte', en: 'Text' },
        type: 'longtext',
        required: true,
        source: host === 'outlook' ? 'mail.body' : 'selection',
      },
    ],
    output: 'markdown',
    minutesSaved: 5,
    offline: 'none',
    templates: {
      fr: {
        system: "Tu es un assistant pour le personnel hospitalier. N'invente aucun fait ; écris [à compléter] quand une information manque.",
        user: '{{content}}',
      },
      en: {
        system: 'You assist hospital staff. Never invent facts; write [to complete] where information is missing.',
        user: '{{content}}',
      },
    },
    origin: 'personal',
  });
}
