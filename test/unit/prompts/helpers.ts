/** Reads the shipped prompt library (prompts/<role>/<id>.md) for the unit tests. */
import fs from 'node:fs';
import path from 'node:path';
import { parsePromptFile, type Lang, type PromptDefinition } from '../../../src/core/prompts';

export const PROMPTS_DIR = path.join(__dirname, '..', '..', '..', 'prompts');

export interface ShippedFile {
  file: string;
  text: string;
}

export function shippedFiles(): ShippedFile[] {
  const out: ShippedFile[] = [];
  for (const role of fs.readdirSync(PROMPTS_DIR).sort()) {
    const dir = path.join(PROMPTS_DIR, role);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith('.md')) out.push({ file: `prompts/${role}/${name}`, text: fs.readFileSync(path.join(dir, name), 'utf8') });
    }
  }
  return out;
}

export function shippedPrompts(): PromptDefinition[] {
  return shippedFiles().map(({ file, text }) => {
    const parsed = parsePromptFile(text, file);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n'));
    return parsed.prompt;
  });
}

/** Fixed, recognisable values for every variable (choices: the first one), the same in both languages. */
export function sampleValues(prompt: PromptDefinition, lang: Lang): Record<string, string> {
  const values: Record<string, string> = {};
  for (const v of prompt.variables) {
    if (v.type === 'choice') values[v.name] = v.choices![0].value;
    else if (v.type === 'date') values[v.name] = lang === 'fr' ? '12 mars 2026' : '12 March 2026';
    else if (v.type === 'longtext') values[v.name] = `${v.label[lang]} :\nligne 1 du contenu ${v.name}\nligne 2 du contenu ${v.name}`;
    else values[v.name] = `${v.label[lang]} (${v.name})`;
  }
  return values;
}

export const TODAY = new Date('2026-03-20T09:00:00Z');

/** A realistic French mail for the offline engine runs. */
export const SAMPLE_MAIL = `Bonjour,

Suite à la réunion du 3 mars, je vous remercie de bien vouloir m'envoyer le planning des consultations d'avril avant le vendredi 27 mars.
Le Dr Martin sera absent du 6 au 10 avril ; merci de reporter ses rendez-vous sur la semaine suivante.
Pourriez-vous également confirmer la réservation de la salle de réunion du 2e étage pour le conseil de pôle du 14 avril à 14 h ?
La visite de certification HAS est prévue en juin : le service qualité organisera un patient traceur dans notre unité.

Cordialement,
Claire Dupont
Cadre de santé, pôle médecine`;
