/**
 * French and English stop words for the offline engine's sentence ranking: words that carry no topic (articles,
 * pronouns, auxiliaries, mail formulas). Stored accent-folded and lowercase, as `normalizeWord` produces them.
 */

const FR = `a ai aie aient aies ait alors au aucun aucune aupres aussi autre autres aux avaient avais avait avant avec avez
avions avoir avons ayant bien bon bonjour bonsoir c ca car ce ceci cela celle celles celui cependant certains ces cet
cette ceux chaque chez ci comme comment d dans de des deja depuis donc dont du elle elles en encore entre es est et
etaient etais etait ete etes etions etre eu eux fait faire fais faut hui il ils j je jusqu jusque l la le les leur leurs
lors lorsque lui m ma madame mais me meme memes mes merci moi mon monsieur n ne ni non nos notre nous on ont ou oui par
parce pas peu peut peuvent plus pour pourquoi pourrait puis qu quand que quel quelle quelles quels qui quoi s sa sans se
sera serait ses si sien soit sommes son sont sous suis sur t ta te tes toi ton tous tout toute toutes tres tu un une
unes uns vers voici voila vos votre vous y cordialement salutations bien merci cher chere chers cheres
ceci celui-ci etc afin ainsi apres aujourd auquel aura auront autant avez-vous bonne dit dire doit doivent faites
leur lequel laquelle lesquels mes nbsp notamment pu quant quelque quelques sein selon seront sinon soit tel telle tels
toujours vont votre vu`;

const EN = `a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing done down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just let me more most my myself no nor not now of off on once
only or other our ours ourselves out over own please same she should so some such than thank thanks that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves hi hello dear regards best kind sincerely yes ok
may might must shall us get got via per etc`;

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

export const STOP_WORDS: Readonly<Record<'fr' | 'en', ReadonlySet<string>>> = { fr: toSet(FR), en: toSet(EN) };

/** Lowercase and accent-folded, so "Échéance" and "echeance" count as one word. */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Whether a word is a stop word in either language (mails mix them; a French word is never an English topic). */
export function isStopWord(word: string): boolean {
  const w = normalizeWord(word);
  return STOP_WORDS.fr.has(w) || STOP_WORDS.en.has(w);
}

/** Content words of a text: letters/digits runs of 2+ characters, normalized, stop words removed, light stemming. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)) {
    let w = normalizeWord(match[0]);
    // Elided articles: "l'hôpital" → "hopital", "d'intervention" → "intervention".
    w = w.replace(/^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu)['’]/, '').replace(/['’]s$/, '');
    if (w.length < 2 || isStopWord(w) || /^\d{1,2}$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/**
 * A deliberately light stemmer (final plural s/x, then final e): enough to match "patients"/"patient",
 * "services"/"service", "réunions"/"réunion", without merging unrelated words.
 */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/[sx]$/, '').replace(/e$/, '');
}
