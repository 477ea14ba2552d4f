/**
 * The prompt checker's messages (core/prompts/parse.ts, template.ts: English, for `aide prompts check` and the logs)
 * in the pane's language. Each known sentence has its French; names, keys and quoted text are kept as written. An
 * unknown sentence is shown as it is rather than hidden.
 */
import type { Lang } from '../core/prompts/schema';

type Rule = [RegExp, (...groups: string[]) => string];

/** Zod's own messages, and the schema's custom ones (schema.ts). */
const VALUE_RULES: Rule[] = [
  [/^Too small: expected string to have >=1 characters?$/, () => 'ne peut pas être vide'],
  [/^Too small: expected array to have >=(\d+) items?$/, (n) => `au moins ${n} élément(s) attendu(s)`],
  [/^Too small: expected number to be >=?(\S+)$/, (n) => `doit être au moins ${n}`],
  [/^Too big: expected string to have <=(\d+) characters?$/, (n) => `au plus ${n} caractères`],
  [/^Too big: expected number to be <=?(\S+)$/, (n) => `doit être au plus ${n}`],
  [/^Invalid input: expected (\w+), received (\w+)$/, (a, b) => `type attendu : ${TYPES[a] ?? a} (reçu : ${TYPES[b] ?? b})`],
  [/^Invalid input$/, () => 'valeur invalide'],
  [/^expected one of (.+)$/, (list) => `valeur attendue parmi ${list}`],
  [/^ids are lowercase words joined by hyphens$/, () => 'un identifiant est fait de mots en minuscules reliés par des tirets'],
  [/^variable names are camelCase letters and digits$/, () => 'un nom de champ est fait de lettres et de chiffres, sans espace, en commençant par une minuscule (camelCase)'],
  [/^a variable of type choice needs a non-empty choices list$/, () => 'un champ de type choix a besoin d’une liste de choix non vide'],
  [/^Invalid string: must match pattern .*$/, () => 'format invalide'],
  [/^Expected number, received nan$/i, () => 'un nombre est attendu'],
];

const TYPES: Record<string, string> = { string: 'texte', number: 'nombre', boolean: 'oui/non', array: 'liste', object: 'ensemble de réglages', undefined: 'rien', null: 'rien' };

const RULES: Rule[] = [
  [/^the file must start with front matter: .*$/, () => 'le fichier doit commencer par son en-tête : une ligne « --- », les réglages YAML, puis une autre ligne « --- »'],
  [/^the front matter opened on line 1 is never closed by a line "---"$/, () => 'l’en-tête ouvert en ligne 1 n’est jamais fermé par une ligne « --- »'],
  [/^YAML: (.*)$/, (m) => `YAML : ${m}`],
  [/^the front matter must be a set of "key: value" settings$/, () => 'l’en-tête doit être une suite de réglages « clé: valeur »'],
  [/^unknown keys? (.+?) in (.+)$/, (keys, where) => `clé inconnue ${keys} dans ${where}`],
  [/^unknown keys? (.+)$/, (keys) => `clé inconnue ${keys}`],
  [/^(.+) is missing$/, (where) => `${where} manque`],
  [/^section "## (\w+): (\w+)" appears twice \(first on line (\d+)\)$/, (l, k, n) => `la section « ## ${l}: ${k} » apparaît deux fois (d’abord en ligne ${n})`],
  [/^"(.*)" is not a known section: .*$/, (s) => `« ${s} » n’est pas une section connue : attendu « ## fr: system », « ## fr: user », « ## fr: letter » ou les mêmes avec « en »`],
  [/^text before the first section: .*$/, () => 'texte avant la première section : les modèles vont sous « ## fr: system », « ## fr: user », « ## en: system », « ## en: user »'],
  [/^missing section "## (\w+): (\w+)"$/, (l, k) => `section « ## ${l}: ${k} » manquante`],
  [/^section "## (\w+): (\w+)" is empty$/, (l, k) => `la section « ## ${l}: ${k} » est vide`],
  [/^a "## (\w+): letter" needs its "## (\w+): letter" .*$/, (a, b) => `une section « ## ${a}: letter » a besoin de sa « ## ${b}: letter » (chaque tâche existe en français et en anglais)`],
  [/^"(.*)" is not a valid template tag .*$/, (tag) => `« ${tag} » n’est pas une balise de modèle valide (attendu {{nom}}, {{#nom}}, {{^nom}} ou {{/nom}})`],
  [/^\{\{(\w+)\}\} is used but not declared in variables$/, (n) => `{{${n}}} est utilisé mais n’est pas déclaré dans les champs (variables)`],
  [/^\{\{\/(\w+)\}\} closes a section that was not opened$/, (n) => `{{/${n}}} ferme une section qui n’a pas été ouverte`],
  [/^\{\{\/(\w+)\}\} closes \{\{#(\w+)\}\}: sections must be closed in order$/, (a, b) => `{{/${a}}} ferme {{#${b}}} : les sections se ferment dans l’ordre`],
  [/^\{\{#(\w+)\}\} is never closed with \{\{\/\w+\}\}$/, (n) => `{{#${n}}} n’est jamais fermé par {{/${n}}}`],
  [/^offline: fill needs a letter skeleton: .*$/, () => 'offline : le mode hors ligne « fill » a besoin d’une trame de lettre : ajoutez les sections « ## fr: letter » et « ## en: letter »'],
  [/^variable "(\w+)" is declared twice \(first on line (\d+)\)$/, (n, l) => `le champ « ${n} » est déclaré deux fois (d’abord en ligne ${l})`],
  [/^variable "(\w+)": default "(.*)" is not one of its choices$/, (n, d) => `champ « ${n} » : la valeur par défaut « ${d} » n’est pas l’un de ses choix`],
];

function valueMessage(message: string): string {
  for (const [re, fr] of VALUE_RULES) {
    const m = re.exec(message);
    if (m) return fr(...m.slice(1));
  }
  return message;
}

/** One checker message in the pane's language. */
export function translatePromptError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, fr] of RULES) {
    const m = re.exec(message);
    if (m) return fr(...m.slice(1));
  }
  // "<where>: <zod message>" (where is a path such as variables[0].label.fr).
  const at = /^([^:]+?): (.*)$/.exec(message);
  if (at) return `${at[1]} : ${valueMessage(at[2])}`;
  return valueMessage(message);
}
