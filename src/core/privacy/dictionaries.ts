/**
 * English and French common words, and the small words that tell the two languages apart, for names in English
 * sentences ("Spoke with Chidi this morning", "Nurse Kovalenko will take over") and beside a name found: the name
 * model is trained on French text and scores English common words written with a capital ("Pharmacy", "Matron",
 * "Ward") as high as names, so a capitalised word there is taken as a name only when it is no word of the dictionaries.
 *
 * English: the `dictionary-en` and `dictionary-en-gb` packages (the Hunspell en_US and en_GB dictionaries made from
 * SCOWL, MIT and BSD licences); their stems written in lower case are common words ("nurse", "ward", "paediatrics";
 * "London", "Ingrid" are written with a capital there, so they stay possible names), expanded here with each
 * dictionary's own affix rules ("nurses", "surely", "unable", "discourse" = dis + course). French: the `dictionary-fr` package (Grammalecte's Hunspell dictionary, MPL 2.0), its
 * stems in lower case only (« seringue », « société »), with a plural in -s or -x. Read once, lazily, from the
 * packages' files.
 */
import fs from 'node:fs';
import path from 'node:path';

let englishWords: Set<string> | undefined;
let frenchWords: Set<string> | undefined;

/** The path of a file of an installed package, looked for where `require` looks (the package exports no file). */
function packageFile(name: string, file: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`privacy: the package ${name} is not installed (npm ci) / le paquet ${name} n'est pas installé (npm ci)`);
}

interface AffixRule {
  strip: string;
  add: string;
  /** undefined: any stem (the condition "."). */
  condition: RegExp | undefined;
}
interface AffixClass {
  prefix: boolean;
  cross: boolean;
  rules: AffixRule[];
}

/** The PFX and SFX classes of a Hunspell affix file (one-character flags, as en_US has). */
export function parseAffixes(aff: string): Map<string, AffixClass> {
  const classes = new Map<string, AffixClass>();
  for (const line of aff.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] !== 'PFX' && parts[0] !== 'SFX') continue;
    const prefix = parts[0] === 'PFX';
    const flag = parts[1]!;
    if (parts.length === 4 && (parts[2] === 'Y' || parts[2] === 'N') && /^\d+$/.test(parts[3]!)) {
      classes.set(flag, { prefix, cross: parts[2] === 'Y', rules: [] });
      continue;
    }
    const cls = classes.get(flag);
    if (!cls || parts.length < 5) continue;
    const strip = parts[2] === '0' ? '' : parts[2]!;
    const add = parts[3] === '0' ? '' : parts[3]!.split('/')[0]!;
    const condition = parts[4] === '.' ? undefined : new RegExp(prefix ? `^${parts[4]}` : `${parts[4]}$`);
    cls.rules.push({ strip, add, condition });
  }
  return classes;
}

/** Every form of one stem by its flags: the stem, each suffixed form, each prefixed one, and both where allowed. */
export function expandStem(stem: string, flags: string, classes: Map<string, AffixClass>, into: Set<string>): void {
  into.add(stem);
  const suffixed: string[] = [];
  for (const flag of flags) {
    const cls = classes.get(flag);
    if (!cls || cls.prefix) continue;
    for (const r of cls.rules)
      if ((!r.condition || r.condition.test(stem)) && stem.endsWith(r.strip)) {
        const form = stem.slice(0, stem.length - r.strip.length) + r.add;
        into.add(form);
        if (cls.cross) suffixed.push(form);
      }
  }
  for (const flag of flags) {
    const cls = classes.get(flag);
    if (!cls || !cls.prefix) continue;
    for (const r of cls.rules)
      for (const base of cls.cross ? [stem, ...suffixed] : [stem])
        if ((!r.condition || r.condition.test(base)) && base.startsWith(r.strip)) into.add(r.add + base.slice(r.strip.length));
  }
}

/** Lower-case English common words, American and British (about 110 000 forms), built once per process. */
export function englishWordSet(): Set<string> {
  if (englishWords) return englishWords;
  const words = new Set<string>();
  // en_US and en_GB ("paediatrics", "haematology", "programme", "centre": how British colleagues write).
  for (const dictionary of ['dictionary-en', 'dictionary-en-gb']) {
    const classes = parseAffixes(fs.readFileSync(packageFile(dictionary, 'index.aff'), 'utf8'));
    const lines = fs.readFileSync(packageFile(dictionary, 'index.dic'), 'utf8').split('\n');
    for (let k = 1; k < lines.length; k++) {
      const line = lines[k]!.trim();
      if (!line) continue;
      const slash = line.indexOf('/');
      const stem = slash >= 0 ? line.slice(0, slash) : line;
      const c = stem.charCodeAt(0);
      // Lower-case stems only ("nurse", "iPhone"); "London", "Ingrid", "NHS" are proper names or acronyms.
      if (!(c >= 97 && c <= 122)) continue;
      // "iPhone", "eBay": looked up in lower case, as every key is.
      expandStem(/[A-Z]/.test(stem) ? stem.toLowerCase() : stem, slash >= 0 ? line.slice(slash + 1) : '', classes, words);
    }
  }
  englishWords = words;
  return words;
}

/** Lower-case French common words: the stems of dictionary-fr written in lower case (about 70 000), built once. */
export function frenchWordSet(): Set<string> {
  if (frenchWords) return frenchWords;
  const words = new Set<string>();
  const lines = fs.readFileSync(packageFile('dictionary-fr', 'index.dic'), 'utf8').split('\n');
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    const slash = line.indexOf('/');
    const stem = (slash >= 0 ? line.slice(0, slash) : line).trim();
    const c = stem.charCodeAt(0);
    // Lower-case stems only (« œuvre » too): « Lyon », « Dupont » are names there.
    if (stem && ((c >= 97 && c <= 122) || (c >= 0xe0 && c <= 0xff) || c === 0x153)) words.add(stem.replace(/’/g, "'"));
  }
  frenchWords = words;
  return words;
}

/** A lower-case key is a French common word (« seringue », « seringues »), or a hyphenated run of them. */
export function isFrenchWord(key: string): boolean {
  const words = frenchWordSet();
  if (words.has(key)) return true;
  const last = key.charCodeAt(key.length - 1);
  if ((last === 115 || last === 120) && words.has(key.slice(0, -1))) return true;
  if (key.indexOf('-') > 0) return key.split('-').every((part) => part.length > 0 && isFrenchWord(part));
  return false;
}

/** A lower-case key is an English common word, or a hyphenated run of them ("x-forwarded-protocol"). */
export function isEnglishWord(key: string): boolean {
  const words = englishWordSet();
  if (words.has(key)) return true;
  if (key.endsWith("'s") && words.has(key.slice(0, -2))) return true;
  if (key.indexOf('-') > 0) return key.split('-').every((part) => part.length > 0 && words.has(part));
  return false;
}

/**
 * Small words that tell English from French (the words of one language that the other does not have), to be counted
 * as written in lower case between blanks or punctuation: not "a" nor "I", which are also initials (« Pr A. Rousseau »,
 * « I. Neurologie ») and letters inside codes.
 */
export const ENGLISH_FUNCTION_WORDS: readonly string[] = (
  'the an and or to of in on at for with from by is are was were be been being will would could should can have has ' +
  'had do does did this that these those it we you they he she me my our your his her their please thanks thank ' +
  'who which as not no but if so about after before into over just also all any off out up us them him'
).split(' ');
export const FRENCH_FUNCTION_WORDS: readonly string[] = (
  'le la les un une des du de et ou à au aux en dans sur pour par avec est sont était été sera ont avait ce cette ces ' +
  'il elle nous vous ils elles je mon ma mes notre votre son sa ses leur qui que ne pas mais si se lui y'
).split(' ');
