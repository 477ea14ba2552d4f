/**
 * A role suggested from a directory job title ("Secrétaire médicale", "Ingénieure qualité", "PH anesthésiste").
 * Only a suggestion: the pane offers it when the user has not chosen a role, and never replaces a remembered choice.
 *
 * Matching is on whole words, case- and accent-insensitive, feminine and plural forms included. Words naming a
 * function or a field ("secrétaire", "qualité", "biomédical") outweigh grade words ("ingénieur", "assistante"), so
 * that an "ingénieure qualité" gets the quality prompts and an "assistante de direction" the secretary ones; among
 * words of the same weight, the one written first wins ("Secrétaire médicale, médecine interne" → secretary).
 */
import type { Role } from './schema';

interface Keyword {
  role: Role;
  /** Accent-free, lower-case words; a space stands for any run of spaces or hyphens. */
  words: string;
  /** Endings accepted after the words (feminine, plural). */
  endings?: string;
  /** Grade words only count when no function or field word matches. */
  weak?: boolean;
}

const KEYWORDS: Keyword[] = [
  { role: 'secretary', words: 'secretaire', endings: 's' },
  { role: 'secretary', words: 'assistant medico administratif', endings: 'e|s|es' },
  { role: 'secretary', words: 'assistante medico administrative', endings: 's' },
  { role: 'secretary', words: 'ama', endings: 's' },
  { role: 'secretary', words: 'assistant', endings: 'e|s|es', weak: true },
  { role: 'quality', words: 'qualite' },
  { role: 'quality', words: 'qualiticien', endings: 'ne|s|nes' },
  { role: 'quality', words: 'gestionnaire des risques' },
  { role: 'quality', words: 'gestionnaire de risques' },
  { role: 'physician', words: 'medecin', endings: 's' },
  { role: 'physician', words: 'praticien', endings: 'ne|s|nes' },
  { role: 'physician', words: 'ph' },
  { role: 'physician', words: 'chef de clinique' },
  { role: 'physician', words: 'cheffe de clinique' },
  { role: 'physician', words: 'interne', endings: 's' },
  { role: 'physician', words: 'docteur', endings: 's' },
  // "Technicien(ne) biomédical(e)", "ingénieur biomédical", "service biomédical": the field decides.
  { role: 'engineer', words: 'biomedical', endings: 'e|s|es|aux' },
  { role: 'engineer', words: 'informaticien', endings: 'ne|s|nes' },
  { role: 'engineer', words: 'travaux' },
  { role: 'engineer', words: 'ingenieur', endings: 'e|s|es', weak: true },
];

const COMPILED = KEYWORDS.map((k) => ({
  ...k,
  // "médecine interne" is a specialty, not an intern: "interne" right after "médecine" does not count.
  pattern: new RegExp(`(?:^|[^a-z0-9])${k.words === 'interne' ? '(?<!medecine )' : ''}(${k.words.replace(/ /g, '[\\s-]+')}(?:${k.endings ?? ''})?)(?=$|[^a-z0-9])`),
}));

/** Lower case, without accents, apostrophes and punctuation as spaces. */
export function normalizeJobTitle(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function suggestRoleFromJobTitle(title: string | null | undefined): Role | null {
  if (!title) return null;
  const text = normalizeJobTitle(title);
  if (!text) return null;
  let best: { role: Role; weak: boolean; at: number } | null = null;
  for (const k of COMPILED) {
    const match = k.pattern.exec(text);
    if (!match) continue;
    const at = match.index + match[0].length - match[1].length;
    const weak = !!k.weak;
    if (!best || (best.weak && !weak) || (best.weak === weak && at < best.at)) best = { role: k.role, weak, at };
  }
  return best?.role ?? null;
}
