/**
 * The user's remembered choices, kept per user through the host (Office roaming settings in Outlook, the add-in's
 * localStorage in Word and in the preview): role, language, favourites, recent prompts, personal prompts, Word
 * insertion settings, the number of runs (the weekly survey waits for a few). Values are JSON, validated on read (never trusted blindly).
 */
import { z } from 'zod';
import { langSchema, promptSchema, roleSchema, type Lang, type PromptDefinition, type Role } from '../core/prompts/schema';
import type { HostAdapter } from '../hosts/types';

export const PREF_KEYS = {
  role: 'aide.role',
  lang: 'aide.lang',
  favourites: 'aide.favourites',
  recent: 'aide.recent',
  personal: 'aide.personalPrompts',
  word: 'aide.wordSettings',
  runs: 'aide.runCount',
} as const;

const letterheadSchema = z.object({
  establishment: z.string().max(200).optional(),
  department: z.string().max(200).optional(),
  address: z.string().max(400).optional(),
  phone: z.string().max(60).optional(),
  email: z.string().max(200).optional(),
  signatory: z.string().max(200).optional(),
  signatoryTitle: z.string().max(200).optional(),
});
export const LETTERHEAD_FIELDS = ['establishment', 'department', 'address', 'phone', 'email', 'signatory', 'signatoryTitle'] as const;

export const wordSettingsSchema = z.object({
  trackChanges: z.boolean().default(true),
  reviewComment: z.boolean().default(true),
  /** The letterhead and signature put around letters inserted into Word (French administrative layout). */
  letterhead: letterheadSchema.default({}),
});
export type WordSettings = z.infer<typeof wordSettingsSchema>;

function read<T>(host: HostAdapter, key: string, schema: z.ZodType<T>): T | null {
  const raw = host.getRoaming(key);
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface Prefs {
  role: Role | null;
  lang: Lang | null;
  favourites: string[];
  recent: string[];
  personal: PromptDefinition[];
  word: WordSettings;
  runs: number;
}

export function readPrefs(host: HostAdapter): Prefs {
  const personalRaw = read(host, PREF_KEYS.personal, z.array(z.unknown())) ?? [];
  const personal: PromptDefinition[] = [];
  for (const p of personalRaw) {
    const parsed = promptSchema.safeParse(p);
    if (parsed.success) personal.push({ ...parsed.data, origin: 'personal' });
  }
  return {
    role: read(host, PREF_KEYS.role, roleSchema),
    lang: read(host, PREF_KEYS.lang, langSchema),
    favourites: read(host, PREF_KEYS.favourites, z.array(z.string())) ?? [],
    recent: read(host, PREF_KEYS.recent, z.array(z.string())) ?? [],
    personal,
    word: read(host, PREF_KEYS.word, wordSettingsSchema) ?? { trackChanges: true, reviewComment: true, letterhead: {} },
    runs: read(host, PREF_KEYS.runs, z.number()) ?? 0,
  };
}

export async function writePref(host: HostAdapter, key: string, value: unknown): Promise<void> {
  try {
    await host.setRoaming(key, value === null ? null : JSON.stringify(value));
  } catch {
    // Roaming settings can refuse (quota, offline): the choice still holds for this session.
  }
}

/**
 * The personal prompts once `saved` are kept (written in the editor or the form, or imported): each replaces the one
 * of the same id, and `replaced` (the prompt it was edited from, when its id changed) goes; all are marked personal.
 */
export function withPersonalPrompts(personal: PromptDefinition[], saved: PromptDefinition[], replaced: string | null = null): PromptDefinition[] {
  const gone = new Set(saved.map((p) => p.id));
  if (replaced) gone.add(replaced);
  return [...personal.filter((p) => !gone.has(p.id)), ...saved.map((p) => ({ ...p, origin: 'personal' as const }))];
}
