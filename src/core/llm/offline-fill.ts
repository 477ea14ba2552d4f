/**
 * Letter filling for the offline engine's `fill` task: the prompt's letter skeleton with the form's values.
 * Template syntax (the prompt templates' own): `{{name}}` a value, `{{#name}}…{{/name}}` a section kept only when
 * the value is filled, `{{^name}}…{{/name}}` kept only when it is empty. A missing value becomes `[à compléter]` /
 * `[to complete]` so the user sees at once what is left to write; `{{today}}` (and `{{date}}` when the form has no
 * such value) is today's date, written the French way ("1er mars 2026").
 */
import type { Lang } from '../prompts/schema';
import { expandTemplate } from '../prompts/template';
import { TO_COMPLETE } from '../prompts/render';
import { dedupeTitles } from '../word/markdown';
import { formatDay, formatToday } from './text/dates';

export { TO_COMPLETE };

/** Names that mean "today's date" when the form did not give them. */
const TODAY_NAMES = new Set(['date', 'today', 'dateDuJour', 'dateJour', 'currentDate', 'letterDate', 'dateLettre', 'dateCourrier']);

export interface FillResult {
  text: string;
  /** Variables the skeleton uses that had no value (left as `[à compléter]`). */
  missing: string[];
}

function isFilled(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date field's value (the form gives `2026-03-12`) as a letter writes it: « 12 mars 2026 » / "12 March 2026". */
export function letterDate(value: string, lang: Lang): string {
  const m = ISO_DAY.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) return value;
  return formatDay(value.trim(), lang, false);
}

/** Fills a skeleton; see the module comment for the syntax. Unknown or empty values are listed in `missing`. */
export function fillTemplate(template: string, values: Record<string, string>, lang: Lang, today: Date): FillResult {
  const missing: string[] = [];
  const lookup = (name: string): string | undefined => {
    if (isFilled(values[name])) return letterDate(values[name], lang);
    if (TODAY_NAMES.has(name)) return formatToday(today, lang);
    return undefined;
  };
  // The prompt templates' own expansion, so a letter reads the same offline as the checker and the renderer see it.
  let text = expandTemplate(
    template,
    (name) => {
      const value = lookup(name);
      if (value !== undefined) return value.trim();
      if (!missing.includes(name)) missing.push(name);
      return TO_COMPLETE[lang];
    },
    (name) => isFilled(lookup(name)),
  );
  // Sections removed can leave runs of blank lines: keep at most one.
  text = text.replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n').trim() + '\n';
  // "Dr {{colleagueName}}" with "Dr Paul Bernard" typed in the form.
  return { text: dedupeTitles(text), missing };
}

const LABELS = {
  fr: {
    noLetter: 'Ce modèle n’a pas de trame de lettre pour le mode hors ligne : voici les informations saisies, à mettre en forme.',
    heading: 'Informations saisies',
    empty: 'Aucune information saisie.',
  },
  en: {
    noLetter: 'This prompt has no letter skeleton for offline mode: here is what was entered, to be put into shape.',
    heading: 'Information entered',
    empty: 'Nothing was entered.',
  },
} as const;

/**
 * The `fill` answer: the filled letter. What is left to complete stays as `[à compléter]` markers in place; the pane
 * highlights them and lists them before insertion (a note about them inside the letter would end up in the document).
 */
export function fillAnswer(letter: string | undefined, values: Record<string, string>, lang: Lang, today: Date): string {
  const l = LABELS[lang];
  const colon = lang === 'fr' ? ' :' : ':';
  if (!letter || !letter.trim()) {
    const entries = Object.entries(values).filter(([, v]) => isFilled(v));
    const lines = [`_${l.noLetter}_`, '', `### ${l.heading}`, ''];
    if (entries.length === 0) lines.push(l.empty);
    for (const [name, value] of entries)
      lines.push(value.includes('\n') ? `**${name}**${colon}\n\n${value.trim()}\n` : `- **${name}**${colon} ${value.trim()}`);
    return lines.join('\n').trimEnd() + '\n';
  }
  return fillTemplate(letter, values, lang, today).text;
}
