/**
 * The prompt library as a whole: search (titles, descriptions and tags in both languages, accent- and
 * case-insensitive), filters, the merge of builtin < organization < personal prompts by id, and the library checks
 * (unique ids, fr/en parity) that a single file cannot see.
 */
import { isForRole, LANGS, PROMPT_ROLES, type HostKind, type PromptDefinition, type Role } from './schema';
import { usedNames } from './template';

export interface PromptQuery {
  query?: string;
  role?: Role;
  host?: HostKind;
  category?: PromptDefinition['category'];
}

/** Lower case, accents removed, punctuation as spaces: "Procédure qualité" → "procedure qualite". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function haystack(p: PromptDefinition): string {
  return foldText([p.title.fr, p.title.en, p.description.fr, p.description.en, p.id, ...p.tags].join(' '));
}

/**
 * The prompts matching every word of the query (each word as a prefix of a word of the prompt, so "rec" finds
 * "réclamation") and every filter; the order is kept, except that title matches come first.
 */
export function searchPrompts(prompts: readonly PromptDefinition[], q: PromptQuery = {}): PromptDefinition[] {
  const words = foldText(q.query ?? '').split(' ').filter(Boolean);
  const scored: { p: PromptDefinition; score: number; i: number }[] = [];
  prompts.forEach((p, i) => {
    if (q.role && !isForRole(p, q.role)) return;
    if (q.host && !p.hosts.includes(q.host)) return;
    if (q.category && p.category !== q.category) return;
    if (words.length === 0) return void scored.push({ p, score: 0, i });
    const hay = ' ' + haystack(p);
    const title = ' ' + foldText(`${p.title.fr} ${p.title.en}`);
    if (!words.every((w) => hay.includes(' ' + w))) return;
    scored.push({ p, score: words.filter((w) => title.includes(' ' + w)).length, i });
  });
  return scored.sort((a, b) => b.score - a.score || a.i - b.i).map((s) => s.p);
}

/** Later layers win by id: builtin < organization < personal. The result keeps the first layer's order. */
export function mergePrompts(...layers: readonly (readonly PromptDefinition[])[]): PromptDefinition[] {
  const byId = new Map<string, PromptDefinition>();
  for (const layer of layers) for (const p of layer) byId.set(p.id, p);
  return [...byId.values()];
}

/** Library order: by role (secretary, quality, physician, engineer, then the common actions), then by French title. */
export function sortPrompts(prompts: readonly PromptDefinition[]): PromptDefinition[] {
  return [...prompts].sort((a, b) => PROMPT_ROLES.indexOf(a.role) - PROMPT_ROLES.indexOf(b.role) || a.title.fr.localeCompare(b.title.fr, 'fr'));
}

export interface LibraryProblem {
  id: string;
  message: string;
}

/** fr/en parity of one prompt: both languages use the same variables, and both or neither have a letter. */
export function parityProblems(p: PromptDefinition): LibraryProblem[] {
  const problems: LibraryProblem[] = [];
  const names = (lang: (typeof LANGS)[number]) =>
    new Set([...usedNames(p.templates[lang].system), ...usedNames(p.templates[lang].user)]);
  const fr = names('fr');
  const en = names('en');
  for (const n of fr) if (!en.has(n)) problems.push({ id: p.id, message: `{{${n}}} is used in French but not in English` });
  for (const n of en) if (!fr.has(n)) problems.push({ id: p.id, message: `{{${n}}} is used in English but not in French` });
  const hasFr = !!p.letter?.fr?.trim();
  const hasEn = !!p.letter?.en?.trim();
  if (hasFr !== hasEn) problems.push({ id: p.id, message: `the letter skeleton exists in ${hasFr ? 'French' : 'English'} only` });
  if (hasFr && hasEn) {
    const lf = usedNames(p.letter!.fr!);
    const le = usedNames(p.letter!.en!);
    const diff = [...lf].filter((n) => !le.has(n)).concat([...le].filter((n) => !lf.has(n)));
    if (diff.length) problems.push({ id: p.id, message: `the fr and en letters do not use the same variables (${diff.join(', ')})` });
  }
  return problems;
}

/** Checks across a library: duplicate ids and fr/en parity. */
export function checkLibrary(prompts: readonly PromptDefinition[]): LibraryProblem[] {
  const problems: LibraryProblem[] = [];
  const seen = new Set<string>();
  for (const p of prompts) {
    if (seen.has(p.id)) problems.push({ id: p.id, message: `id "${p.id}" is used by more than one prompt` });
    seen.add(p.id);
    problems.push(...parityProblems(p));
  }
  return problems;
}
