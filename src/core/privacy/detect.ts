/**
 * Detection of health identifiers in French (and English) hospital text.
 *
 * Design, for speed (target ≥ 20 MB/s on one core) and predictability:
 * - precompiled patterns, every one linear (bounded repetitions, no nested unbounded quantifiers), so no input can
 *   make them backtrack catastrophically;
 * - everything with digits (IBAN, NIR/INS, phones, addresses, birth dates, IPP/NDA) is tried, sticky, at each run of
 *   digits found by one scan, with its context word looked for just before (for birth dates, only before a whole
 *   date: there is no scan of the whole text for their keywords);
 * - e-mail addresses are found from their "@" with indexOf, not with a regex that would restart at every letter;
 * - names are found on one list of capitalised tokens (one regex pass), then by rules over that list: titles
 *   ("Mme", "Dr"…), mail headers and "Name <address>", signatures after a closing formula, maiden names ("née", read from the word before each token),
 *   first names from a lexicon next to a surname, and finally every other occurrence of a surname already found;
 * - overlaps are settled by a fixed priority (IBAN > e-mail > NIR/INS > IPP/NDA > phone > date of birth > address >
 *   person) on an occupancy array, so each character belongs to at most one identifier.
 */
import { ibanValid, IBAN_LENGTHS, nirKeyValid } from './checks';
import { type DigitGroups, endAfterDigits, isDdMmYyyy, isDigit, isYyyyMmDd, isNumberSpace, leadingSingleDigits, moreDigitsAfter, readDigitGroups } from './numbers';
import { ENGLISH_FUNCTION_WORDS, FRENCH_FUNCTION_WORDS, isEnglishWord, isFrenchWord } from './dictionaries';
import { isExtendedLower } from './letters';
import { ACRONYMS, commonWordSet, countryNames, firstNameSet, FIRST_NAME_STOPLIST, foldAccents, nameKey, NOT_A_NAME, PARTICLES, surnameSet, weakFirstNameSet } from './lexicon';
import { nameModel, ownWeight, scoreToken } from './name-model';
import { type DetectedEntity, type EntityType, type PrivacyOptions, PrivacyConfigError } from './types';

/**
 * A set of lower-case words, looked up straight from a range of the text, with no slice and no lower-casing: the
 * range's characters are lower-cased one by one (as `nameKey` does) while they are hashed, and compared with the
 * word found in an open-addressing table. Two bit tests first: most ranges have neither the length nor the first
 * letter of any word. A range with a character beyond Latin-1 (other than Œ and ’) takes the exact path of
 * `nameKey`, whose Unicode lower-casing may change a length.
 */
class WordList {
  private readonly words: ReadonlySet<string>;
  /** Bit n: some word has n characters (n < 32; longer words set bit 31 and are checked in `long`). */
  private lengthBits = 0;
  private readonly long = new Set<number>();
  /** Bit of each first letter a–z (lower-cased); bit 26 for any other first character (accents, digits). */
  private firstBits = 0;
  /** Open addressing: slot → 1 + index in `list`, 0 when empty; `mask` is the table's size − 1. */
  private readonly slots: Int32Array;
  private readonly list: string[];
  private readonly mask: number;
  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    this.list = [...this.words];
    let size = 16;
    while (size < this.list.length * 3) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let k = 0; k < this.list.length; k++) {
      const w = this.list[k]!;
      if (w.length < 31) this.lengthBits |= 1 << w.length;
      else {
        this.lengthBits |= 1 << 31;
        this.long.add(w.length);
      }
      this.firstBits |= 1 << firstLetterBit(w.charCodeAt(0));
      let slot = hashListWord(w) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = k + 1;
    }
  }
  /** text[start, end), lower-cased and with ’ read as ', is one of the words. */
  hasRange(text: string, start: number, end: number): boolean {
    const n = end - start;
    if (n <= 0 || (n < 31 ? (this.lengthBits & (1 << n)) === 0 : !this.long.has(n))) return false;
    if ((this.firstBits & (1 << firstLetterBit(text.charCodeAt(start)))) === 0) return false;
    const h = hashWord(text, start, end);
    if (h < 0) return this.words.has(nameKey(text.slice(start, end)));
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = this.slots[slot]!;
      if (k === 0) return false;
      const w = this.list[k - 1]!;
      if (w.length !== n) continue;
      let same = true;
      for (let i = 0; i < n; i++)
        if (lowerKeyCode(text.charCodeAt(start + i)) !== w.charCodeAt(i)) {
          same = false;
          break;
        }
      if (same) return true;
    }
  }
}

/** A character as `nameKey` lower-cases it, for Latin-1, Œ and ’; -1 for any other (left to `nameKey`). */
function lowerKeyCode(c: number): number {
  if (c < 0xc0) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c < 0x100) return c <= 0xde && c !== 0xd7 ? c + 32 : c;
  if (c === 0x2019) return 39;
  if (c === 0x152 || c === 0x153) return 0x153;
  return -1;
}

/** FNV-1a of text[start, end) lower-cased as `lowerKeyCode` does (≥ 0), or -1 when a character is beyond it. */
function hashWord(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const c = lowerKeyCode(text.charCodeAt(i));
    if (c < 0) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 1;
}
/**
 * hashWord of a whole list word, for building the tables. A copy on purpose: if hashWord also saw the list's strings
 * (internalized, of other representations than the texts'), its `charCodeAt` would see too many kinds of string and
 * turn megamorphic, and every look-up from a text would pay a generic property load.
 */
function hashListWord(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) {
    const c = lowerKeyCode(w.charCodeAt(i));
    if (c < 0) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 1;
}

/** 0–25 for a–z and A–Z, 26 for anything else (so that any other first character passes the filter). */
function firstLetterBit(c: number): number {
  const lower = c | 32;
  return lower >= 97 && lower <= 122 && (c <= 90 || c >= 97) ? lower - 97 : 26;
}

// ---------------------------------------------------------------------------------------------------------------
// Character classes (Latin letters with the accents used in French names, and Latin Extended-A and Romanian's Ș Ț for
// the Polish, Czech, Turkish, Hungarian, Romanian… names of French hospitals: Łukasz, Yılmaz, Dvořák, Ștefan; no /u
// flag needed, all in the BMP).
// Latin Extended-A counts as one range in both classes (measured: its 64 capitals listed one by one made every pattern
// 10 % slower), except œ, which starts French words in lower case (« œdème »); the exact case, where it matters, is
// read by isExtendedLower.
const UP = 'A-ZÀ-ÖØ-Þ\u0100-\u0152\u0154-\u017F\u01A0\u01AF\u0218-\u021B\u1E00-\u1EFF';
const LO = 'a-zß-öø-\u017F\u01A1\u01B0\u0218-\u021B\u1E00-\u1EFF';
const L = UP + LO;
const SP = '[ \\t\\u00A0]';

/** One part of a name: Dupont, DUPONT, McDonald, N'Diaye, N'DIAYE. */
const NAME_PART = `(?:[${UP}](?:[${LO}]+(?:[${UP}][${LO}]+)?|['’][${UP}][${LO}]+|['’][${UP}]{2,}|[${UP}]+))`;
/** Name tokens, hyphenated parts included (Jean-Pierre, DUBOIS-LEROY). Where a token may start is checked in code:
 * a lookbehind would slow down every attempt. */
const TOKEN_RE = new RegExp(`(?:[${UP}]-)?${NAME_PART}(?:-${NAME_PART})*(?![${L}0-9@])`, 'g');

/** Between two parts of one name: spaces, maybe lower-case particles ("de", "van der"), maybe "d'". */
const NAME_GAP_RE = new RegExp(`^(?:${SP}{1,3}(?:(?:${[...PARTICLES].join('|')})${SP}{1,3}){0,2}(?:[dD]['’])?|${SP}{1,3}[dD]['’]|[dD]['’])$`);
const ARTICLE_KEYS = new Set(['le', 'la', 'les', 'de', 'du', 'des', 'van', 'von', 'der', 'den', 'di', 'da', 'del', 'della', 'dos', 'ben', 'el', 'mac', 'mc', 'saint', 'sainte']);
/** Words after which a capitalised word names a product or its maker (« le matériel Dräger Evita », « le logiciel
 * Orbis », "the vendor Philips"); a name found elsewhere in the text is still hidden there (step 7). */
const PRODUCT_NOUNS =
  ('matériel materiel appareil appareils dispositif dispositifs logiciel logiciels marque modèle modele fournisseur ' +
    'fournisseurs société societe laboratoire laboratoires entreprise prestataire automate automates moniteur moniteurs ' +
    'respirateur respirateurs échographe echographe défibrillateur defibrillateur véhicule véhicules vehicule voiture ' +
    'devis offre offres gamme catalogue seringue seringues pompe pompes équipement equipement équipements equipements ' +
    'device devices software vendor supplier quote pump pumps')
    .split(' ');
/** Words after which a first name belongs to a place or an institution (Hôpital Claude Bernard, rue Victor Hugo). */
const INSTITUTION_NOUNS =
  ('hôpital hopital université universite clinique centre institut lycée lycee collège college école ecole fondation ' +
    'groupe hospitalier pavillon bâtiment batiment salle unité unite résidence residence ehpad chu ch chr chru chi chs cht chic ' +
    'ght gh hospital hospitals university clinic saint sainte ' +
    'st ste rue avenue boulevard place allée allee quai pont impasse chemin maison pôle pole service prix maladie ' +
    'syndrome listeria square parc stade gare aéroport aeroport métro metro station lycée campus amphithéâtre amphi ' +
    // Eponyms: « score de Braden », « échelle de Norton », « manœuvre de Heimlich », « classification de Child ».
    'score scores échelle echelle classification signe manœuvre manoeuvre indice index critères criteres stade formule')
    .split(' ');
const INSTITUTION_WORDS = new WordList(INSTITUTION_NOUNS);
/** Both lists in one, read in one pass. */
const INSTITUTION_OR_PRODUCT_WORDS = new WordList([...INSTITUTION_NOUNS, ...PRODUCT_NOUNS]);
const INSTITUTION_LINKS = new WordList(['de', 'du', 'des', 'la', 'le', 'd', 'l']);
/** Greetings and words that introduce a person, before a name (« Bonjour », « avec », « contacter »…). */
const INTRODUCERS =
  '[Bb]onjour|[Bb]onsoir|[Ss]alut|[Cc]oucou|[Hh]ello|[Hh]i|[Hh]ey|[Dd]ear|[Cc]her|[Cc]hère|[Mm]erci|[Tt]hanks|[Tt]hank you|[Dd]e la part de|[Aa]vec|' +
  '[Aa]ppeler|[Rr]appeler|[Cc]ontacter|[Vv]oir|[Pp]r[ée]venir|[Ii]nformer|[Jj]oindre|[Cc]c';
const GREETING_BEFORE_RE = new RegExp(`(?:^|[^${L}])(?:${INTRODUCERS}|et|and|[Pp]ar|à)${SP}*,?${SP}*$`);
/** As GREETING_BEFORE_RE, for a first name that is also a common word (Claire, Rose, Paris): not after « et », "and",
 * « par » (« à Lyon et Paris »), nor after « à » unless a verb of speaking comes first (« parlé à Rose », « dire à
 * Claire »; not « né à Paris »). */
/** A word that opens a clause whose subject comes next (« si Clémence prend mon mercredi », "when Rose arrives"): a
 * common word is not written there with a capital, a first name is. */
const SUBJECT_BEFORE_RE = /(?:^|[^a-zà-ÿ])(?:si|quand|lorsque|lorsqu|puisque|comme|mais|car|donc|alors|sinon|if|when|unless|because|but|until|while)[ \u00A0]$/i;
/** A lower-case word one space after `p` (the verb after a subject). */
function lowerWordAfter(text: string, p: number): boolean {
  const c = text.charCodeAt(p + 1);
  return text.charCodeAt(p) === 32 && ((c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7));
}
const WEAK_NAME_INTRODUCED_RE = new RegExp(
  `(?:^|[^${L}])(?:${INTRODUCERS}|[Mm]erci${SP}+à|(?:[Pp]arl|[Dd]emand|[Ee]xpliqu|[Rr][ée]pond|[Tt][ée]l[ée]phon|[Dd]i|[ÉéEe]cri)[${LO}]*${SP}+à)${SP}*,?${SP}*$`,
);
/** English words after which a person is named: "spoke to", "met with", "thanks to", "a message from", "ask", "tell",
 * "let" ("I spoke to Grace", "let Hope know"); not "sent to", "forwarded to" (a place may follow: "sent to Nancy"). */
const SPEAKING_TO_BEFORE_RE = new RegExp(
  `(?:^|[^${L}])(?:(?:[Ss]p[eo]ak(?:ing|en)?|[Ss]poke|[Tt]alk(?:ed|ing)?|[Cc]hat(?:ted|ting)?|[Ee]xplained|[Mm]entioned|[Ww]r(?:ote|ite|iting)|[Rr]epl(?:y|ied)|[Tt]hanks|[Gg]rateful) to|(?:[Mm]essage|[Ee]-?mail|[Ll]etter|[Rr]eply|[Tt]ext|[Hh]eard) from|(?:[Mm]et|[Mm]eet(?:ing)?|[Ss]poke|[Tt]alked|[Cc]hecked|[Cc]heck) with|[Aa]sk(?:ed)?|[Tt]ell|[Tt]old|[Ll]et|[Rr]emind(?:ed)?|[Cc]all(?:ed)?|[Rr]ang|[Pp]hone(?:d)?|[Ee]mail(?:ed)?|[Tt]hank(?:ed)?|[Cc]opied|[Cc]opying)${SP}+$`,
);
/** Family names that are also common words: not propagated when they start a sentence ("Petit rappel", "Blanc"). */
const COMMON_SURNAME_WORDS = new Set(
  ('petit petite blanc blanche noir grand gros brun roux boulanger boucher meunier berger marchand fontaine rivière ' +
    'bois roche pierre rose marin vallée chevalier prince roy loup lion renard lapin mercier fabre faure charpentier ' +
    'masson page young king bird cook baker smith white black brown green long short mai juin bon bonne beau belle ' +
    'durand lebrun leroy moulin poirier pommier dumont lac mars avril richard vincent')
    .split(' '),
);

// ---------------------------------------------------------------------------------------------------------------
// Family patterns.

const TITLES = [
  'M\\.', 'MM\\.', 'Mr\\.?', 'Mrs\\.?', 'Ms\\.?', 'Miss', 'Mme\\.?', 'Mmes', 'Mlle\\.?', 'Mlles', 'Melle', 'MME', 'MLLE',
  'Dr\\.?', 'Dre', 'Drs', 'DR\\.?', 'Prs', 'Pr\\.?', 'Pre', 'PR\\.?', 'Prof\\.?', 'Docteure?', 'Professeure?', 'Monsieur', 'Madame',
  'Professor', 'Doctor', 'PROFESSOR', 'DOCTOR', 'Madam', 'Mister',
  'Mademoiselle', 'Messieurs', 'Mesdames', 'MONSIEUR', 'MADAME', 'MADEMOISELLE', 'MESSIEURS', 'MESDAMES', 'MLLES', 'MMES',
  'DOCTEUR', 'PROFESSEUR', 'Ma[îi]tre', 'Me',
  // In running French text the title is written in lower case: « appeler madame Dupuis », « le docteur Martin ».
  'docteure?', 'professeure?', 'monsieur', 'madame', 'mademoiselle',
];
/** Particles between a title and a surname (« le Dr van der Meulen », « Mme de La Tour »), the second one optional. */
const TITLE_PARTICLES = 'de|du|des|van|von|di|da|del|della|dos|das|ter|ten';
const TITLE_GAP_RE = new RegExp(`^(?:(?:${TITLE_PARTICLES})${SP}+(?:(?:der|den|la|le)${SP}+)?|d['’]|(?:de|du)${SP}+[dl]['’])$`);
/** The titles grouped by their first character (« M(?:\.|M\.|r\.?…)|D(?:r\.?…)… »): the same alternatives in the same
 * order, but a position is tried against one group only (measured: the title scan 2.3 times faster). */
const TITLES_BY_FIRST = (() => {
  const groups = new Map<string, string[]>();
  for (const title of TITLES) groups.set(title[0]!, [...(groups.get(title[0]!) ?? []), title.slice(1)]);
  return [...groups].map(([first, rests]) => `${first}(?:${rests.join('|')})`).join('|');
})();
/** A title, maybe "le Professeur" or a second title ("Frau Dr.", "Herr Prof. Dr."), then initials (J. / J.-P.), then the
 * name must start (upper case or particle). */
const TITLE_RE = new RegExp(
  `(?:${TITLES_BY_FIRST})(?:${SP}+(?:(?:le|la)${SP}+)?(?:Docteur|Professeur|Dr|Pr|Prof)\\.?){0,2}${SP}+` +
    `((?:[${UP}](?:[${LO}]?\\.|(?=${SP}[${UP}]))(?:-[${UP}]\\.?)?${SP}*)?)(?=[${UP}]|(?:${TITLE_PARTICLES})${SP}+(?:(?:der|den|la|le)${SP}+)?[${UP}]|d['’]${SP}*[${UP}])`,
  'g',
);
/** « de », « des », « du », « d' » after a word: the word names a role or a place (« Chef de service »). */
const OF_AFTER_RE = /^[ \t\u00A0]+(?:de|des|du|d['’])(?![a-zà-ÿ])/;
const TITLE_AT_RE = /^(?:M\.|Mme|Mlle|Dr\.?|Pr\.?|Docteur|Professeur|Monsieur|Madame)[ \t\u00A0]+/;
/** Between two names of a list: a comma, a semicolon, « et », "and", "&". */
const LIST_GAP_RE = /^[ \t\u00A0]*(?:,|;|et|and|&|ou|or)[ \t\u00A0]*$/;
const LIST_NEXT_RE = /^(?:[ \t\u00A0]*\([^)\n]{0,40}\))?[ \t\u00A0]*(?:,|;|et|and|&|ou|or)[ \t\u00A0]*/;
/** LIST_NEXT_RE can match at `p` (its 60-character window): after blanks comes "(", ",", ";", "e", "a", "o" or "&". */
function listNextMayFollow(text: string, p: number): boolean {
  const end = Math.min(text.length, p + 60);
  while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 160 || text.charCodeAt(p) === 9)) p++;
  if (p >= end) return false;
  const c = text.charCodeAt(p);
  return c === 40 || c === 44 || c === 59 || c === 101 || c === 97 || c === 38 || c === 111;
}
/** Words before a maiden or married name ("née Martin", "épouse Durand"), as written. */
const MAIDEN_WORDS = ['née', 'nee', 'Épouse', 'Epouse', 'épouse', 'ép.', 'veuve', 'vve', 'born'];
const HEADER_RE = new RegExp(
  `[ \\t>]*(?:De|From|À|A|To|Cc|CC|Cci|Bcc|Exp[ée]diteur|Destinataire|Destinataires|Envoy[ée] par|Sender|Reply-To|R[ée]pondre à|Pour)${SP}*:${SP}*([^\\n]*)`,
  'y',
);
/** A closing formula, looked for only in the line before a line that could be a name. */
const SIGNOFF_RE =
  /(?:[Cc]ordialement|CORDIALEMENT|[Ss]alutations(?: distinguées| respectueuses)?|[Bb]ien à vous|[Rr]espectueusement|[Aa]micalement|[Aa]mitiés|[Cc]onfraternellement|[Rr]egards|[Ss]incerely|[Bb]est wishes|[Yy]ours (?:faithfully|truly)|[Mm]erci d['’]avance|[Mm]erci par avance|[Bb]onne journée|[Bb]onne soirée|[Bb]onne fin de journée|[Bb]elle journée|[ÀA] bientôt|[Bb]ientôt)|^(?:[Mm]erci|MERCI|[Tt]hanks|[Tt]hank you|[Mm]any thanks|[Ww]ith thanks|[Cc]heers|[Bb]est|[Aa]ll the best|[Tt]ake care)(?: beaucoup| encore| à (?:vous|toi|tous)| again| so much| a lot| in advance| very much)?[ ,.!]*$/;
const SIGNATURE_DASH_RE = /^-- ?\r?$/;
const SIGNATURE_TITLE_RE = /^(?:Dr|Pr|Dre|Docteure?|Professeure?)\.?[ \t\u00A0]+/;
/** Labels of form fields and lists whose value is a person: "Déclarant : Jean Martin", "Présents : A, B". */
const FIELD_LABELS = new WordList(
  [
    'patient', 'patiente', 'déclarant', 'declarant', 'témoin', 'temoin', 'témoins', 'temoins', 'rédacteur', 'redacteur',
    'rédigé par', 'redige par', 'auteur', 'nom', 'prénom', 'prenom', "nom d'usage", 'nom de naissance',
    'nom de jeune fille', 'contact', 'présent', 'présents', 'presents', 'excusé', 'excusés', 'excusée', 'excusées',
    'excuses', 'absent', 'absents', 'opérateur', 'operateur', 'aide', 'anesthésiste', 'anesthesiste', 'ide', 'interne',
    'cadre', 'médecin traitant', 'medecin traitant', 'médecin', 'medecin', 'signataire', 'demandeur', 'destinataire',
    'destinataires', 'personne de confiance', 'référent', 'referent', 'responsable', 'pilote', 'participant',
    'participants', 'invité', 'invités', 'invites', 'copie à', 'intervenant', 'intervenants', 'praticien', 'chirurgien',
    'prescripteur', 'correspondant', 'frappe', 'frappé par', 'frappe par', 'tapé par', 'dicté par', 'dictée par',
    'validé par', 'signé par', 'vu par', 'vue par', 'examiné par', 'internes', 'externe', 'externes', 'infirmiers',
    'infirmières', 'infirmier', 'infirmière', 'secrétaire', 'secrétaires', 'radiologues', 'radiologue', 'assistants',
    'assistant', 'assistante', 'consultant', 'consultants', 'attaché', 'attachés', 'personnel attaché', 'chef de clinique',
    'chefs de clinique', 'copie', 'copies', 'cc', 'name', 'patient name', 'full name', 'author', 'typed by',
    'dictated by', 'signed by', 'seen by', 'attending', 'physician', 'nurse', 'gp', 'next of kin', 'contact person',
    'emergency contact', 'surname', 'first name', 'given name', 'family name', 'nom de famille', 'nom patronymique',
    'last name', 'prénoms', 'prenoms', 'nom et prénom', 'nom et prenom', 'nom marital', 'nom usuel',
  ],
);
/** The labels among FIELD_LABELS whose value is a name and nothing else: it is hidden whatever its case. */
const NAME_FIELD_LABELS = new WordList([
  'nom', 'prénom', 'prenom', 'prénoms', 'prenoms', "nom d'usage", 'nom de naissance', 'nom de jeune fille', 'nom de famille',
  'nom patronymique', 'nom marital', 'nom usuel', 'nom et prénom', 'nom et prenom', 'surname', 'first name', 'given name',
  'family name', 'last name', 'patient name', 'full name', 'name',
]);
/** Words of role after which one capitalised word in mid-sentence, known or not, is a person: « le patient Dupont »,
 * « l'interne Ngozi », « mon collègue Haddad » (not « agent », « ami »; a family word needs its possessive). */
const ROLE_WORD_LIST = ('patient patiente collègue interne infirmière infirmier aide-soignante aide-soignant confrère consœur ' +
  'tuteur tutrice curateur curatrice voisin voisine colleague nurse named nommé nommée dénommé dénommée madame monsieur ' +
  'secrétaire secretaire secretary registrar midwife matron physio pharmacist carer ' +
  // A name's field written in a sentence, with no colon: « nom DIALLO, prénom Awa ».
  'nom prénom prenom prénoms prenoms famille familles family families').split(' ');
/** Family words after which one capitalised word, not only a known first name, is a person when a possessive comes
 * first: "sa sœur Aïssatou", "leur fils Enguerrand" (but "son Centre": "son" is no family word in French). */
const FAMILY_WORD_LIST = ('fils fille époux épouse mari femme mère père sœur soeur frère conjoint conjointe compagnon compagne ' +
  'daughter wife husband mother father sister brother').split(' ');
/** Words after which two capitalised words are a person: "sa fille, Marie Dupont", "l'agent Karim Haddad". */
const KIN_WORDS = new WordList([...ROLE_WORD_LIST, ...FAMILY_WORD_LIST, 'agent', 'ami', 'amie', 'son']);
const ONE_NAME_AFTER_WORDS = new WordList(ROLE_WORD_LIST);
/** Nouns that a word of role right after them qualifies (« le dossier patient Orbis », « médecine interne Pellegrin »,
 * « le portail patient Doctolib », "the patient portal"): there the role word is no person's, and the capitalised word
 * after it names a product, a site or a service. */
const QUALIFIED_BY_ROLE = new WordList(
  ('médecine medecine dossier dossiers portail portails parcours espace sécurité securite identité identite bracelet ' +
    'bracelets expérience experience satisfaction questionnaire livret logiciel application fichier compte association ' +
    'associations représentant représentants représentante usager usagers record records portal pathway safety chart').split(' '),
);
const FAMILY_WORDS = new WordList(FAMILY_WORD_LIST);
/** Verbs whose object is a person, after which one capitalised word, not only a known first name, is a person: "ask
 * Ngozi to call", "let Oluwaseun know", « prévenir Maëlys » (not "call" or "contact": "call Security"). */
const ADDRESSEE_VERBS = new WordList(
  ('ask asked asking tell told telling remind reminded thank thanked let inform informed ping cc prévenir prévenez ' +
    'préviens informer informez remercier remercie remercions remerciez relancer relancez').split(' '),
);
/** Verbs whose object is a person or a service (« contacter Chidi », « contacter Pharmacie », « je mets Oksana en
 * copie »): one capitalised word after them is a person when it is no word of the dictionaries (see
 * noWordOfTheDictionaries; the model, which scores « mets Oksana » at its lowest, is not asked). */
const CONTACT_VERBS = new WordList(
  ('contacter contactez contacte contactons appeler appelez appelle appelons joindre joignez rappeler rappelez rappelle ' +
    'mets mettre mettez mettons').split(' '),
);
const POSSESSIVES = new WordList('sa son ses leur leurs votre vos notre nos ma mon mes his her their my your our'.split(' '));

/**
 * French numbers (0X XX XX XX XX written with one separator throughout, or none; +33, 0033, (+33), +33 (0)) and
 * international ones (+CC …), in one pass. "01 2345 6784" inside a tracking number is not a phone.
 */
const TEL_RE = /(?:\(?(?:\+|00)33\)?[ .\-]?(?:\(0\)[ .\-]?)?[1-9](?:\d{8}|([ .\-])\d{2}(?:\1\d{2}){3})|0[1-9](?:\d{8}|([ .\-\/])\d{2}(?:\2\d{2}){3})|(?:\+|00)(?!33)[1-9]\d{0,2}(?:[ .\-]?\((?:0|\d{2,4})\))?(?:[ .\-]?\d){6,12})(?!\d)/y;

const NIR_RE = /[1-478][ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?(?:(?:\d{2}|2[AaBb])[ .\-]?\d{3}|\d{3}[ .\-]?\d{2})[ .\-]?\d{3}[ .\-]?\d{2}(?![\dA-Za-z])/y;
const INS_CONTEXT_RE = /(?:^|[^A-Za-z])(?:INS(?:-?NIR|-?NIA|-?C)?|[Ii]dentit[ée] [Nn]ationale de [Ss]ant[ée]|[Ii]dentifiant [Nn]ational de [Ss]ant[ée]|[Mm]atricule INS)(?![A-Za-z])/;
const NIR_CONTEXT_RE =
  /NIR|[Ss][ée]curit[ée][ \-][Ss]ocial|S[ÉE]CURIT[ÉE][ \-]SOCIAL|[Ss][ée]cu\b|S[ÉE]CU\b|SS\b|[Nn][°º]\s*(?:de\s*)?[Ss]\.?[Ss]\b|[Aa]ssur[ée]|ASSUR[ÉE]|[Ii]mmatricul|IMMATRICUL|[Mm]atricule|INSEE|[Ss]ocial [Ss]ecurity|[Aa]ssurance [Mm]aladie|[Cc]arte [Vv]itale|[Nn]° d'id\b|N\.S\.S\b|NSS\b|SSN\b|CPAM|[Cc]aisse primaire|[Aa]ffiliation|[Mm]utuelle|MSA\b|[Vv]itale|VITALE|[Aa]yant[- ][Dd]roit|AMO\b|[Rr][ée]gime obligatoire|[Ss]ocial insurance|[Nn]ational insurance/;

const IBAN_RE = /[A-Z]{2}\d{2}(?:[ \u00A0]?[A-Z0-9]){11,30}/y;

const ID_VALUE = `((?=[A-Za-z0-9\\-\\/]*\\d)[A-Za-z0-9](?:[A-Za-z0-9\\-\\/]{2,22}[A-Za-z0-9]))(?![A-Za-z0-9])`;
/** Between a context word and its value: separators, "n°", and the verbs of a sentence ("l'IPP étant le 345…",
 * "the patient's IPP is 801…", "identifiant d'hospitalisation est 028…"). */
const ID_SEP = `${SP}*(?:(?:n°|N°|nº|Nº|no\\.?|No\\.?|num\\.?|numéro|number|:|#|=|-|\\(|\\)|;|est|étant|etant|le|la|is|was|of|de|du|comme|patiente?|the patient)${SP}*){0,5}`;
const IPP_KEYWORDS = `(?:IPP|IP|NIP|[Nn]° ?IPP|[Nn]uméro (?:d'identification )?patient|[Nn]um[ée]ro d['’]identification|[Ii]dentifiant(?: unique)?(?: (?:du )?patient)?|ID(?: patient)?|[Nn]° patient|[Nn]um\\.? patient|[Pp]atient ID|[Pp]atient number|[Pp]atient identifier|[Hh]ospital number|(?:[Hh]ospital|[Uu]nit|[Cc]ase|[Rr]ecord|[Cc]hart) (?=[Nn]o\\b)|[Mm]edical record number|[Mm]atricule patient|MRN|PID|NHS)`;
const NDA_KEYWORDS = `(?:NDA|[Nn]° (?:de )?s[ée]jour|[Nn]uméro de s[ée]jour|[Nn]° (?:de )?venue|[Nn]uméro de venue|[Nn]° d'admission|[Nn]uméro d'admission|[Nn]° (?:de )?dossier|[Nn]uméro de dossier|[Dd]ossier(?: administratif| médical| patient| d'hospitalisation)?|[Ii]dentifiant d['’]hospitalisation|[Nn]um[ée]ro d['’]hospitalisation|[Nn][°º] (?:de (?:la )?)?visite|[Vv]isite|[Ee]ncounter|[Vv]isit (?:number|ID)|[Ss]tay (?:number|ID)|[Aa]dmission (?:number|ID)|[Ee]pisode (?:number|no\\.?|ID)|` +
  // The stay's number in the emergency department (« N° de passage aux urgences »).
  `(?:[Nn][°º]|[Nn]um[ée]ro)${SP}+de${SP}+passage(?:${SP}+aux${SP}+urgences)?|` +
  // The number of an examination or a request (« Numéro d'examen », « N° de demande »): the stay's in lab and imaging
  // reports (EDS-Pseudo's NDA); "accession number" in English reports.
  `(?:[Nn][°º]|[Nn]o\\.?|[Nn]um[ée]ro|NUM[ÉE]RO)${SP}*(?:d['’]${SP}*|de${SP}+(?:l['’])?)?(?:[Ee]xamen|EXAMEN|[Dd]emande|DEMANDE)|[Aa]ccession (?:number|no\\.?|#))`;
/** The context of a patient (group 1) or stay (group 2) identifier, at the end of the text just before it. */
/** Group 3, "séjour", "patient" or "numéro" alone ("le séjour 250001234", "le patient 1234567890", "sous le numéro
 * 1235568467"), is a weaker context: it counts before a long number only. */
const ID_CONTEXT_RE = new RegExp(`(?<![A-Za-z])(?:(${IPP_KEYWORDS})|(${NDA_KEYWORDS})|([Ss][ée]jour|[Vv]enue|[Pp]atiente?|[Nn]um[ée]ro))${ID_SEP}$`, 'i');
/** Numbers that are not a person's: an establishment (FINESS, SIRET), a professional (RPPS, ADELI), an order, a lot,
 * a device's serial number or model (« SN 800123456 », « n° de série »). */
const NOT_PERSONAL_NUMBER_RE = /(?:FINESS|[Ff]iness|RPPS|ADELI|SIRE[TN]|[Ss]ire[tn]|[Ll]ot|LOT|[Cc]ommande|[Ff]acture|[Rr][ée]f[ée]rence|[Rr][ée]f\.?|[Cc]ode|CIP|UCD|EAN|[Mm]ontant|[Dd][ée]cret|[Ll]oi|[Aa]rr[êe]t[ée]|[Tt]icket|[Ss]uivi|[Cc]olis|[Tt]racking|[Oo]rder|[Ii]nvoice|(?<![A-Za-z])S\/?N(?![A-Za-z])|[Ss][ée]rie|SÉRIE|SERIE|[Ss]erial|[Mm]od[èe]le|[Mm]odel)[^\n.]{0,30}$/;
const LONG_NUMBER_RE = /^\d{6,}$/;
/** The identifier itself, sticky at its first character. */
const ID_VALUE_AT_RE = new RegExp(ID_VALUE, 'y');
const SLASH_DATE_RE = /^\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{2,4}$/;

const withCapital = (words: string): string => words.split('|').flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1)]).join('|');
/** French months, abbreviations, and the full names in capitals (« NÉE LE 12 JANVIER 1950 »). */
const MONTHS_FR =
  withCapital('janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|janv\\.?|févr\\.?|fév\\.?|avr\\.?|juil\\.?|sept\\.?|oct\\.?|nov\\.?|déc\\.?') +
  '|JANVIER|F[ÉE]VRIER|MARS|AVRIL|MAI|JUIN|JUILLET|AO[ÛU]T|SEPTEMBRE|OCTOBRE|NOVEMBRE|D[ÉE]CEMBRE' +
  // and their abbreviations in capitals (« NÉE LE 13 SEPT 1965 »).
  '|JANV\\.?|F[ÉE]VR?\\.?|AVR\\.?|JUIL\\.?|SEPT\\.?|OCT\\.?|NOV\\.?|D[ÉE]C\\.?';
const MONTHS_EN =
  withCapital('january|february|march|april|may|june|july|august|september|october|november|december|jan\\.?|feb\\.?|mar\\.?|apr\\.?|jun\\.?|jul\\.?|aug\\.?|sept?\\.?|oct\\.?|nov\\.?|dec\\.?') +
  '|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER';
/** The rest of a lifespan after its first year: « -2020) », « – 2020) »; sticky. */
const LIFESPAN_END_AT_RE = new RegExp(`${SP}?[-–]${SP}?(?:18|19|20)\\d\\d\\)`, 'y');

/** A capitalised word of two letters or more ends right before `at` (maybe after blanks). */
function capitalisedWordBefore(text: string, at: number): boolean {
  let p = at;
  while (p > 0 && isBlankCode(text.charCodeAt(p - 1))) p--;
  let q = p;
  while (q > 0 && isLetter(text.charCodeAt(q - 1))) q--;
  return p - q >= 2 && isLatinCapital(text.charCodeAt(q));
}

/** After a birth year, what leads to the next of an enumeration: « , », « et », « puis <a name> en »; after a birth
 * date, « et (le) ». The next value is read at the end of the match. */
const NEXT_BIRTH_YEAR_RE = new RegExp(`^(?:${SP}*,${SP}*|${SP}+et${SP}+(?:en${SP}+)?|${SP}+puis${SP}+(?:[^\\n.;,:\\d]{1,30}?${SP}+)?en${SP}+)(?=\\d)`);
const YEARS_ONLY_RE = /^\d{4}(?:[ ,]+\d{4})*$/;
const YEAR_AT_START_RE = /^(?:18|19|20)\d\d(?!\d)/;
const NEXT_BIRTH_DATE_RE = new RegExp(`^${SP}+et${SP}+(?:le${SP}+)?(?=\\d)`);
/** French idioms of birth: « voit le jour », « a vu le jour », « vient au monde », « mise au monde »; said of a project too
 * (« le projet a vu le jour en 2024 »), so they count only before a date fifteen years old or more. */
const BIRTH_IDIOMS = `(?:vu|voit|vit|voyait)${SP}+le${SP}+jour|(?:venue?s?|vient|vint|mise?s?|met|mit)${SP}+au${SP}+monde`;
const BIRTH_IDIOM_BEFORE_RE = new RegExp(`(?<![${L}])(?:${BIRTH_IDIOMS})(?![${L}])[^\\n.;!?\\d]{0,30}$`, 'i');
/** A tight birth context right before a date (a look-behind), for the forms that are dates only there. */
const BIRTH_JUST_BEFORE = `(?<=(?:[Nn][ée]e?s?|N[ÉE]E?S?)(?:${SP}?\\(e\\))?${SP}+(?:en|le)${SP}+|(?:DDN|[Dd]dn|DOB|[Nn]aissance|NAISSANCE)${SP}*:?${SP}*)`;
/** Day, month and year: digits with any mark (12/03/1950, 12 . 03 . 1950, 22|8|1923), ISO, the month in words
 * (12 mars 1950, 3rd March 1950, March 3, 1950) or abbreviated between marks (03-Mar-1950, 12/mars/1950). The same
 * mark twice: « 01 | 12/05 » is two cells, not a date. Its only group is that mark (DATE_AT_RE alone uses it). */
const DATE = `(?:\\d{1,2}${SP}?([\\/.\\-|])${SP}?\\d{1,2}${SP}?\\1${SP}?(?:\\d{4}|\\d{2})(?!\\d)|\\d{4}-\\d{2}-\\d{2}|\\d{4}[\\/.]\\d{2}[\\/.]\\d{2}(?![\\d\\/]|\\.\\d)|\\d{1,2}[\\-\\/.](?:${MONTHS_FR}|${MONTHS_EN})[\\-\\/.]?(?:\\d{4}|\\d{2})(?!\\d)|(?:1er|\\d{1,2})(?:${SP}?,${SP}?|${SP}?)(?:${MONTHS_FR})(?:${SP}(?:\\d{4}|\\d{2}(?![\\d:hH]))|(?:19|20)\\d{2}(?!\\d))|` +
  // Roman months (« 12 III 1950 », « 12-III-1950 »), and digits with spaces only when the year has four digits
  // (« 12 03 1950 »: a table of numbers rarely reads 19xx or 20xx after two small groups).
  `\\d{1,2}(?:${SP}|[\\-\\/.])(?:I{1,3}|IV|VI{0,3}|IX|XI{0,2})(?:${SP}|[\\-\\/.])(?:\\d{4}|\\d{2})(?!\\d)|\\d{1,2}${SP}\\d{1,2}${SP}(?:19|20)\\d{2}(?!${SP}?\\d)|` +
  // Month and year only, after a tight birth context (« né en 03/1950 », « DDN : 03/1950 »).
  `${BIRTH_JUST_BEFORE}(?:0?[1-9]|1[0-2])[\\/.\\-](?:19|20)\\d{2}(?!\\d)|(?:${MONTHS_EN})${SP}\\d{1,2}(?:st|nd|rd|th)?,?${SP}\\d{4}|\\d{1,2}(?:st|nd|rd|th)?${SP}(?:of${SP})?(?:${MONTHS_EN})${SP}\\d{4}` +
  // Two different marks with a four-digit year (« 12/03-1950 », « 12.03/1950 »): a typing slip, still a date.
  `|\\d{1,2}${SP}?[\\/.\\-]${SP}?\\d{1,2}${SP}?[\\/.\\-]${SP}?(?:19|20)\\d{2}(?!\\d)` +
  // Day and month without a year, after a tight birth context only (« né le 12/03 », « née le 1er mars »).
  `|${BIRTH_JUST_BEFORE}(?:\\d{1,2}[\\/.]\\d{1,2}|(?:1er|\\d{1,2})${SP}(?:${MONTHS_FR}))(?![\\/.\\-]?\\d)(?!${SP}*\\d)(?![${L}]))`;
/** The context of a birth date, at the end of the text just before a date. */
const DOB_CONTEXT_RE = new RegExp(
  `(?<![a-zà-ÿA-Z])(?:[Nn](?:ée?|ee)s?(?:${SP}?\\(e\\)|[.·]e)?${SP}+(?:[Ll]e|en date du|on)|[Nn]e\\(e\\)${SP}+le|N[ÉE]E?(?:${SP}?\\(E\\))?${SP}+LE|[Dd](?:ate|te?|\\.)${SP}*(?:[Dd]e${SP}+)?[Nn]aiss?(?:[ae]nce|\\.)?|DATE${SP}+(?:DE${SP}+)?NAISS?(?:ANCE|\\.)?|` +
    `DDN|[Dd]dn|D\\.D\\.N\\.?|[Dd]ate${SP}+[Oo]f${SP}+[Bb]irth|DATE OF BIRTH|DOB|[Dd]\\.[Oo]\\.[Bb]\\.?|[Bb]orn|BORN|[Bb]irth${SP}?[Dd]ate|BIRTH${SP}?DATE|[Nn]aissance|NAISSANCE|[Nn]aiss?(?:\\.|(?=${SP}*:))|[Bb]irthday|BIRTHDAY|[Aa]nniversaire(?=${SP}*:)|ANNIVERSAIRE(?=${SP}*:)|DN${SP}*:|[°º]|` +
    // Documents from abroad: German, Spanish, Italian, Portuguese.
    `[Gg]eburtsdatum|[Gg]eboren${SP}+am|[Ff]echa${SP}+de${SP}+nacimiento|[Nn]acid[oa]${SP}+el|[Dd]ata${SP}+di${SP}+nascita|[Nn]at[oa]${SP}+il|[Dd]ata${SP}+de${SP}+nascimento|[Nn]ascid[oa]${SP}+em)` +
    // The value may follow on the next line (a form: the label on one line, the date under it), or after blank
    // lines (a form read from a PDF: up to three).
    `(?![a-zà-ÿ])[^\\n\\d]{0,25}(?:\\n[^\\n\\d]{0,6}){0,4}$` +
    // « ne le » for « né le » (accent lost by a keyboard or a conversion): only with the date right after it.
    `|(?<![${L}])[Nn]e${SP}+le${SP}*:?${SP}*$` +
    // « DN » and « D.N » (date de naissance) only with the date right after them (« (DN 01/03/1952) »).
    `|(?<![${L}])D\\.?N\\.?${SP}*[:=]?${SP}*$`,
);
/** The start of a range of dates right before its last date: « entre le 01/02 et le », « du 1er fév. au ». Group 1 is the
 * first date, group 2 what joins it to the last. */
const RANGE_START_BEFORE_RE = new RegExp(
  `(?:entre|du)${SP}+(?:le${SP}+)?((?:1er|\\d{1,2})(?:[\\/.\\-]\\d{1,2}(?:[\\/.\\-](?:\\d{4}|\\d{2}))?|${SP}+(?:${MONTHS_FR})(?:${SP}+\\d{4})?)?)(${SP}+(?:et${SP}+le|et|au)${SP}+)$`,
  'i',
);
/** A looser context, read only when the tight one failed: a word of birth earlier in the same clause (« née dans la
 * nuit entre le 01/02 et le 02/02/1952 », « sa naissance a pris plusieurs heures du 1er au 2 février … »); the accent
 * is required so that « ne » (ne … pas) is not taken for « né ». */
const DOB_CLAUSE_RE = new RegExp(`(?<![${L}])(?:née?s?|nees?|né${SP}?\\(e\\)|naissance|na[îi]t|naqu[iî]t|naquirent|born|birth)(?![${L}])([^\\n.;!?]{0,60})$`, 'i');
/** What may not stand between the word of birth and the date: another whole date or a year (the birth date came
 * first: « née le 5 juin 1988 … depuis le 2 juin 2025 »; not a postcode: « né à Lyon (69003) le … »), or a comparison
 * (« nés avant le 01/01/1950 »). */
const CLAUSE_BREAK_RE = /(?<!\d)\d{4}(?!\d)|\d{1,2}[\/.\-|]\d{1,2}[\/.\-|]\d{2}|(?:^|[^a-zà-ÿ])(?:avant|après|apres|depuis|before|after|since|plus|moins|hospitalis|admis|vu|vue)(?![a-zà-ÿ])/i;
/** "né en 1923", "née en mars 1982", "naît en 1950", "born in 1961": a year (maybe with its month) after birth. */
const DOB_YEAR_CONTEXT_RE = new RegExp(
  `(?<![a-zà-ÿA-Z])(?:n[ée]e?s?(?:${SP}?\\(e\\))?|na[îi]t|naqu[iî]t|naquirent|naissance|born)(?:${SP}+[^\\n.;,:!?\\d]{1,25}?)?${SP}+(?:(?:en|in|vers|le|courant|au${SP}+mois${SP}+de|en${SP}+l['’]an(?:n[ée]e)?)(?:${SP}+(?:${MONTHS_FR}|${MONTHS_EN}))?|au${SP}+mois${SP}+d['’](?:avril|ao[ûu]t|octobre))${SP}+$`,
  'i',
);
/** A year alone after a label of birth (« Année de naissance : 1950 », « DDN : 1950 », "Year of birth: 1950"). */
const BIRTH_YEAR_LABEL_RE = /(?:[Aa]nn[ée]e de naissance|ANN[ÉE]E DE NAISSANCE|[Dd]ate de naissance|DATE DE NAISSANCE|[Nn]aissance|NAISSANCE|DDN|[Dd]dn|DOB|[Yy]ear of birth|YEAR OF BIRTH|[Bb]irth year)[ \t\u00A0]*(?::[ \t\u00A0]*)?$/;
const MONTH_BEFORE_RE = new RegExp(`(?:${MONTHS_FR}|${MONTHS_EN})${SP}+$`);
/** A date written in words ("deux janvier mille neuf cent soixante dix huit"): the part before "mille", read back. */
const NUMBER_WORDS =
  'un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|vingts|trente|quarante|cinquante|soixante|cent|cents|et|premier|1er|\\d{1,2}';
const WORD_DATE_BEFORE_RE = new RegExp(
  `(?:^|[^${L}])((?:(?:${NUMBER_WORDS})[ -]){1,4}(?:${MONTHS_FR}|${MONTHS_EN})[ ](?:(?:deux|un)[ -])?)$`,
  'i',
);
const WORD_YEAR_AFTER_RE = new RegExp(`mil(?:le)?(?:[ -](?:${NUMBER_WORDS})(?![${L}]))*`, 'iy');
/** A date starting at a digit, and an English month-first date starting at its month ("March 3, 1950"); sticky. */
const DATE_AT_RE = new RegExp(DATE, 'y');
const MONTH_FIRST_DATE_AT_RE = new RegExp(`(?:${MONTHS_EN})${SP}\\d{1,2}(?:st|nd|rd|th)?,?${SP}\\d{4}`, 'y');
/** The English month names and abbreviations of MONTHS_EN, for a look-up before MONTH_FIRST_DATE_AT_RE is tried. */
const ENGLISH_MONTHS = new WordList(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
    .split(' ')
    .flatMap((m) => (m.length <= 4 ? [m, m + '.'] : [m])),
);

const VOIES = [
  'rue', 'avenue', 'av.', 'bd', 'boulevard', 'place', 'pl.', 'allée', 'allee', 'impasse', 'chemin', 'route', 'quai',
  'cours', 'passage', 'square', 'voie', 'rond-point', 'faubourg', 'parvis', 'esplanade', 'sentier', 'cité',
  'résidence', 'lotissement', 'hameau', 'promenade', 'montée', 'traverse', 'chaussée', 'cour', 'lieu-dit', 'villa',
  'sente', 'ruelle', 'mail', 'clos',
  // The abbreviations of the postal standard (AFNOR NF Z 10-011) and of usage: impasse, route, chemin, allée, rue,
  // boulevard, faubourg, square, cours, résidence, hameau, lotissement, promenade.
  'imp.', 'rte', 'rte.', 'chem.', 'all.', 'r.', 'bld', 'bvd', 'blvd', 'fbg', 'fg', 'sq.', 'crs', 'rés.', 'ham.', 'lot.', 'prom.',
  'bd.', 'av', 'ave', 'ave.', 'boul.', 'bvd.', 'fbg.', 'faub.', 'allées', 'quais',
  'domaine', 'quartier', 'terrasse', 'galerie', 'carrefour', 'venelle', 'drève', 'levée', 'parc', 'port', 'zone',
  'côte', 'ch.',
];
/** The postal standard's abbreviations without their dot, as La Poste prints them in capitals (« 22 IMP DES LILAS »,
 * « 3 CHE DU MOULIN »): read in capitals only, as « pl », « lot », « pass » or « res » in lower case are other words. */
const CAPS_VOIES = ['IMP', 'CHE', 'CHEM', 'ALL', 'PL', 'SQ', 'RES', 'LOT', 'HAM', 'PASS', 'VLA', 'PROM', 'TRA', 'SEN', 'RPT', 'ESP', 'PRV', 'LD'];
/** Types of street that are also common nouns of clinical writing (« 1 passage aux urgences », « 1 voie veineuse »,
 * « 1 mail de relance », « 2 cours de rattrapage »): with a name in lower case and no postcode after, an address
 * only after a word that introduces one (« au 45 passage de ternes », « chez lui, 3 place du marché »). */
const COMMON_NOUN_VOIES = new Set([
  'passage', 'voie', 'mail', 'cours', 'cour', 'place', 'route', 'chemin', 'villa', 'clos', 'square', 'cité',
  'sentier', 'promenade', 'traverse', 'montée', 'résidence', 'hameau', 'parvis', 'esplanade', 'chaussée', 'rond-point',
  'lotissement', 'sente', 'impasse', 'quai', 'crs', 'domaine', 'quartier', 'terrasse', 'galerie', 'carrefour', 'levée',
  'parc', 'port', 'zone', 'côte', 'ch.',
]);
const ADDRESS_CUE_BEFORE_RE = new RegExp(`(?:^|[,:;(]|(?<![${L}])(?:au|à|a|at|chez|habite|habitant|demeurant|domicilié|domiciliée|domicile|réside|résidant|résidente?|adresse|sis|sise))${SP}*$`, 'i');
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const VOIE = [...VOIES.flatMap((v) => [v, v[0]!.toUpperCase() + v.slice(1), v.toUpperCase()]), ...CAPS_VOIES].map(escapeRe).join('|');
const LOOSE_WORD = `[${UP}](?:[${L}'’\\-]{0,30}[${L}])?`;
const STREET_PARTICLES = 'des|de|du|les|la|le|aux|au|à|sur|en|et|sous|lès|lez|DES|DE|DU|LES|LA|LE';
/** A lower-case word of a street's name, only after a particle, the type of street or an elision ("rue de l'église",
 * "passage de ternes", "allée des roses"). */
const LOWER_STREET_WORD = `(?<=(?:^|[^${L}])(?:${STREET_PARTICLES}|${VOIE})${SP}|['’])[${LO}][${LO}'’\\-]{1,25}(?![${L}])`;
const STREET_PART = `(?:[dlDL]['’])?(?:[${UP}]\\.(?=${SP}(?!(?:Le|La|Les|Il|Elle|Ils|Elles|Un|Une|Nous|Vous|Je|On|The|He|She)(?![${L}]))[${UP}])|${LOOSE_WORD}|(?:${STREET_PARTICLES})(?![${L}])|\\d{1,4}(?:er|e)?(?![${L}0-9])|${LOWER_STREET_WORD})`;
const CITY = `${LOOSE_WORD}(?:${SP}+(?:(?:sur|sous|en|lès|lez|les|le|la|des|de|du|SUR|SOUS|EN)${SP}+)?${LOOSE_WORD}){0,3}(?:${SP}+(?:CEDEX|Cedex|cedex)(?:${SP}+\\d{1,2})?)?`;
const ADDRESS_RE = new RegExp(
  `\\d{1,4}(?:${SP}?(?:bis|ter|quater|BIS|TER|[A-Da-d])(?![${L}0-9]))?,?${SP}*(?:${VOIE})(?=[ \\t\\u00A0'’])(?:${SP}+${STREET_PART}|(?<=['’])${STREET_PART}){1,8}` +
    `(?:(?:${SP}*[,\\-–]${SP}*|${SP}*\\r?\\n${SP}*|${SP}+)(?:(?:BP|CS|B\\.P\\.)${SP}*\\d{1,6}(?:${SP}*,${SP}*|${SP}*\\r?\\n${SP}*|${SP}+))?(\\d{5}|\\d{2} \\d{3})${SP}+${CITY})?`,
  'y',
);
const STREET_HAS_NAME_RE = new RegExp(`(?:${VOIE})(?:${SP}+|${SP}*['’])[^ \\t\\u00A0\\r\\n,]`);
const STREET_TRAILING_RE = new RegExp(`(?:${SP}+(?:${STREET_PARTICLES}|[dlDL]['’]))+$`);
/** Words that end an address: what follows it on the line (a phone, a mail address, the country). */
const ADDRESS_STOP_WORDS = 'Tél|TÉL|Tel|TEL|Fax|FAX|France|FRANCE|Courriel|Email|E-mail|Mail|Standard|Mob|Port';
/** After a city, « Le », « La », « Les » start the next sentence too. */
const CITY_STOP_RE = new RegExp(`${SP}+(?:${ADDRESS_STOP_WORDS}|Le|La|Les)\\b.*$`);
/** The same in a street's name, where « Le », « La », « Les » belong to it (« 3 rés. Les Tilleuls », « rue Le Nôtre »). */
const STREET_STOP_RE = new RegExp(`${SP}+(?:${ADDRESS_STOP_WORDS})\\b.*$`);

// ---------------------------------------------------------------------------------------------------------------

interface Candidate {
  type: EntityType;
  /** PRIORITY[type], kept here so that sorting compares numbers only. */
  priority: number;
  start: number;
  end: number;
}

const PRIORITY: Record<EntityType, number> = {
  IBAN: 0, EMAIL: 1, INS: 2, NIR: 2, IPP: 3, NDA: 3, TEL: 4, DATE_NAISSANCE: 5, ADRESSE: 6, PERSONNE: 7,
};

function compilePattern(pattern: string | RegExp | undefined, setting: string): RegExp | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  if (pattern instanceof RegExp) return new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  try {
    return new RegExp(pattern, 'g');
  } catch (err) {
    throw new PrivacyConfigError(`${setting}: not a valid regular expression (${(err as Error).message})`);
  }
}

const compiledCache = new Map<string, RegExp | undefined>();
function cachedPattern(pattern: string | RegExp | undefined, setting: string): RegExp | undefined {
  if (pattern instanceof RegExp || pattern === undefined) return compilePattern(pattern, setting);
  const key = setting + '\u0000' + pattern;
  if (!compiledCache.has(key)) compiledCache.set(key, compilePattern(pattern, setting));
  const re = compiledCache.get(key);
  if (re) re.lastIndex = 0;
  return re;
}

/** Checks the options once (e.g. at server start), so that a bad pattern is reported before any request. */
export function validatePrivacyOptions(options: PrivacyOptions): void {
  cachedPattern(options.ippPattern, 'AIDE_PRIVACY_IPP_PATTERN');
  cachedPattern(options.ndaPattern, 'AIDE_PRIVACY_NDA_PATTERN');
}

const SPACES_RE = /[ \t\u00A0]+/g;
/** Runs of blanks as one space; most names have single spaces only, and are returned as they are. */
function singleSpaced(name: string): string {
  return name.indexOf('\t') < 0 && name.indexOf('\u00A0') < 0 && name.indexOf('  ') < 0 ? name : name.replace(SPACES_RE, ' ');
}
const TITLE_BEFORE_RE = /(?:^|[^A-Za-z])(?:M|Mr|Mrs|Ms|Mme|Mlle|Dr|Pr|Docteur|Professeur|Monsieur|Madame|Doctor|Professor)\.?[ \t\u00A0]+$/;

/**
 * Where `addCandidate` puts what the detectors find: the list of the `detectIdentifiers` call under way. One function
 * for every text rather than a closure per text, whose identity would change from one text to the next and make the
 * optimizing compiler discard the code of every detector that calls it.
 */
let candidatesOfCall: Candidate[] = [];
function addCandidate(type: EntityType, start: number, end: number): void {
  if (end > start) candidatesOfCall.push({ type, priority: PRIORITY[type], start, end });
}

/** No-break spaces (Outlook's HTML), the narrow no-break (U+202F: French typography before « : »), thin and figure
 * spaces; carriage returns (\r\n, a lone \r); the invisible characters that split a word or a number without showing
 * (zero-width space, joiners, word joiner, byte-order mark, soft hyphen: « 06\u200B12\u200B34… », « Du\u00ADpont »);
 * the full-width and small commercial at (U+FF20, U+FE6B: an East Asian keyboard, a copy from a PDF), read as "@". */
const UNUSUAL_CHAR_RE = /[\r\u00A0\u2007\u2009\u202F\u00AD\u200B-\u200D\u2060\uFEFF\uFF20\uFE6B]/;
/** Either of them, or two spaces in a row: the first test of every text, one scan (measured on the throughput corpus:
 * cheaper than the former test for any character beyond ASCII and Latin-1 followed by a look-up of two spaces). */
const UNUSUAL_OR_DOUBLE_SPACE_RE = /  |[\r\u00A0\u2007\u2009\u202F\u00AD\u200B-\u200D\u2060\uFEFF\uFF20\uFE6B\u0370-\u04FF]/;
/** Greek or Cyrillic letters (read in the same first scan): names written in those scripts are looked for too. */
const OTHER_SCRIPT_RE = /[\u0370-\u04FF]/;

/**
 * Where the line holding text[p] starts: text.lastIndexOf('\n', p) + 1, read from the text's newline positions, found
 * once per text (a scan back from each candidate cost the length of its line: quadratic on a long text written on one
 * line, « NIR … » 20,000 times took 24 s).
 */
let linesOf = '';
let newlines = new Int32Array(64);
let newlineCount = 0;
function lineStartAt(text: string, p: number): number {
  if (p < 0) p = 0; // as lastIndexOf reads a negative position
  // A short line: read back (most lines are; the index is built only for a text that has a long one).
  for (let q = p, stop = p - 160; q > stop; q--) {
    if (q < 0) return 0;
    if (text.charCodeAt(q) === 10) return q + 1;
  }
  if (text !== linesOf) {
    linesOf = text;
    newlineCount = 0;
    for (let q = text.indexOf('\n'); q >= 0; q = text.indexOf('\n', q + 1)) {
      if (newlineCount === newlines.length) {
        const grown = new Int32Array(newlines.length * 2);
        grown.set(newlines);
        newlines = grown;
      }
      newlines[newlineCount++] = q;
    }
  }
  // The last newline at or before p.
  let lo = 0;
  let hi = newlineCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (newlines[mid]! <= p) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : newlines[lo - 1]! + 1;
}

/** Finds every identifier in `text`, sorted by position, without overlaps. */
export function detectIdentifiers(original: string, options: PrivacyOptions = {}): DetectedEntity[] {
  if (!UNUSUAL_OR_DOUBLE_SPACE_RE.test(original)) return detectIn(original, original, options);
  const otherScript = OTHER_SCRIPT_RE.test(original);
  const unusual = UNUSUAL_CHAR_RE.test(original);
  const doubled = original.indexOf('  ') >= 0;
  // No-break and thin spaces are read as spaces, a Windows line end (\r\n) or a lone \r as \n: every rule sees the
  // text as if typed with plain spaces and \n (measured: no-break spaces everywhere lost 6 of the public tune part's
  // 38 birth dates and 6 names, \r\n lost 2 names);
  // the invisible characters are left out, with where each kept character was, so that every span found maps back
  // to the original text (and covers the invisible characters inside it); the values are cut from the original.
  let text = original;
  // at[k]: where the k-th character of `text` is in `original` (undefined: the same offsets).
  let at: Int32Array | undefined;
  if (unusual) {
    text = '';
    at = new Int32Array(original.length);
    let n = 0;
    let from = 0;
    for (let p = 0; p < original.length; p++) {
      const c = original.charCodeAt(p);
      if (c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || (c === 13 && original.charCodeAt(p + 1) === 10)) {
        text += original.slice(from, p);
        for (let q = from; q < p; q++) at[n++] = q;
        from = p + 1;
      } else if (c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f || c === 0xff20 || c === 0xfe6b || c === 13) {
        text += original.slice(from, p) + (c >= 0xfe6b ? '@' : c === 13 ? '\n' : ' ');
        for (let q = from; q <= p; q++) at[n++] = q;
        from = p + 1;
      }
    }
    text += original.slice(from);
    for (let q = from; q < original.length; q++) at[n++] = q;
    if (text.length === original.length) at = undefined;
  }
  // Two spaces between words, as a PDF's extraction or a justified line leaves them (« née  le  18  juillet  1975 »:
  // measured, the public tune part written so lost 8 of its 38 birth dates), are read as one; three or more stay (a
  // gap between a table's columns).
  if (doubled || (unusual && text.indexOf('  ') >= 0)) {
    let folded = '';
    let from = 0;
    let kept: Int32Array | undefined;
    let n = 0;
    for (let p = text.indexOf('  '); p >= 0; p = text.indexOf('  ', p + 2)) {
      if (text.charCodeAt(p + 2) === 32 || (p > 0 && text.charCodeAt(p - 1) === 32)) {
        while (text.charCodeAt(p + 2) === 32) p++;
        continue;
      }
      kept ??= new Int32Array(text.length);
      folded += text.slice(from, p + 1);
      for (let q = from; q <= p; q++) kept[n++] = at ? at[q]! : q;
      from = p + 2;
    }
    if (kept) {
      folded += text.slice(from);
      for (let q = from; q < text.length; q++) kept[n++] = at ? at[q]! : q;
      text = folded;
      at = kept;
    }
  }
  if (!at) return detectIn(text, original, options, otherScript);
  const map = at;
  return detectIn(text, text, options, otherScript).map((e) => {
    const start = map[e.start]!;
    const end = map[e.end - 1]! + 1;
    return { type: e.type, start, end, value: original.slice(start, end) };
  });
}

/**
 * Builds what detection reads once per process — the first-name lexicon, the name model, the English and French
 * dictionaries — so that the first request does not wait for it (about half a second); throws if a dictionary
 * package is missing. The server calls it before it listens.
 */
export function warmUpDetection(): void {
  detectIdentifiers('Bonjour Mme Kowalczyk,\nSpoke with Chidi Okonjo this morning about the rota.\nMatériel Kowalczyk : voir avec M. Kowalczyk.');
}

/** detectIdentifiers on `text`; values cut from `original` (the same text, or one with the same offsets). */
function detectIn(text: string, original: string, options: PrivacyOptions, otherScript = false): DetectedEntity[] {
  const candidates: Candidate[] = [];
  const add = addCandidate;
  const outer = candidatesOfCall;
  candidatesOfCall = candidates;
  try {
    const emails = findEmails(text);
    for (let i = 0; i < emails.length; i++) add('EMAIL', emails[i]![0], emails[i]![1]);
    /** Whole dates that are not birth dates by their own context: start, end, start, end… */
    const dates: number[] = [];
    findDigitAnchored(text, add, dates);
    findWordDates(text, add, dates);
    const ipp = cachedPattern(options.ippPattern, 'AIDE_PRIVACY_IPP_PATTERN');
    if (ipp) findCustom(text, ipp, 'IPP', add);
    const nda = cachedPattern(options.ndaPattern, 'AIDE_PRIVACY_NDA_PATTERN');
    if (nda) findCustom(text, nda, 'NDA', add);
    const identifierStarts: number[] = [];
    const strong = new Set<number>();
    for (const c of candidates)
      if (c.type !== 'ADRESSE' && c.type !== 'EMAIL' && c.type !== 'IBAN') {
        identifierStarts.push(c.start);
        strong.add(c.start);
      }
    for (let k = 0; k < dates.length; k += 2) identifierStarts.push(dates[k]!);
    sortNumbers(identifierStarts);
    const persons = findPersons(text, emails, identifierStarts, strong, options.names);
    for (let i = 0; i < persons.length; i++) {
      const [s, e] = persons[i]!;
      // "United Kingdom", "Canada", "Côte d'Ivoire" after an address or in a sentence: a country, not a person; "Charing
      // Cross Hospital", "Victoria Station": a place named after a person; "the Hand Hygiene Policy": a title; « Offre
      // Dräger Perseus A500 »: a product before its code. Not after a title.
      if (namesNoPerson(text, s, e) && !titleJustBefore(text, s)) continue;
      // « Dr Ahmed bin Khalid al-Rashid »: an Arabic article joined to the last part of the name by a hyphen.
      const article = text.charCodeAt(e) === 32 && hyphenSoonAfter(text, e + 2) ? ARTICLE_JOINED_AFTER_RE.exec(text.slice(e, e + 40)) : null;
      add('PERSONNE', s, article ? e + article[0].length : e);
    }
    if (otherScript) otherScriptNames(text, add);
    if (options.knownNames?.length) for (const [s, e] of findKnownNames(text, options.knownNames)) add('PERSONNE', s, e);
    if (nirPending.text === text) nirsAfterNames(text, persons, add);
    // « IPP : 801-234-5678 », « IP: 0012345678 »: a number shaped like a phone right after the label of a file number
    // is that file number.
    for (const c of candidates)
      if (c.type === 'TEL') {
        const type = fileLabelTypeBefore(text, c.start);
        if (type) {
          c.type = type;
          c.priority = PRIORITY[type];
        }
      }
    if (dates.length) birthDatesInIdentityRows(text, dates, persons, add, candidates);
    // « née dans la nuit entre le 01/02 et le 02/02/1952 », « du 1er au 2 février 1952 »: the first date of a range
    // whose last one is a birth date is one too, with or without its year.
    // « nés le 12/03/1950 et le 01/02/1952 », « nés en 1950, 1953 et 1955 », « Martine naît en 1950 puis Jean-Paul en
    // 1953 »: the next birth dates of an enumeration (of the same kind: years after a year, dates after a date).
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      if (c.type !== 'DATE_NAISSANCE') continue;
      if (c.start >= 8) {
        const range = RANGE_START_BEFORE_RE.exec(text.slice(Math.max(0, c.start - 48), c.start));
        if (range) {
          const end = c.start - range[2]!.length;
          add('DATE_NAISSANCE', end - range[1]!.length, end);
        }
      }
      // A year alone (maybe joined to the one before it by the candidates' merging: « 1950, 1953 »).
      const year = c.end - c.start <= 40 && YEARS_ONLY_RE.test(text.slice(c.start, c.end));
      const next = (year ? NEXT_BIRTH_YEAR_RE : NEXT_BIRTH_DATE_RE).exec(text.slice(c.end, c.end + 60));
      if (next) {
        const at = c.end + next[0].length;
        DATE_AT_RE.lastIndex = at;
        const date = year ? YEAR_AT_START_RE.exec(text.slice(at, at + 5)) : DATE_AT_RE.exec(text);
        if (date && !candidates.some((o) => o.type === 'DATE_NAISSANCE' && o.start === at)) add('DATE_NAISSANCE', at, at + date[0].length);
      }
    }
    return resolve(original, candidates);
  } finally {
    candidatesOfCall = outer;
  }
}

/**
 * Nouns that end the English name of a place or a service, written after the name it honours ("St Mary's Hospital",
 * "Charing Cross Hospital"). Not « Centre », which also starts a French institution's name on the same line, nor the
 * nouns that are family names too: "Ward", "Wing", "Street", "Hall", "House" ("Kind regards, Rebecca Ward", "Mary Ward
 * called": a ward named after a person, "Florence Nightingale Ward", stays hidden).
 */
const PLACE_NOUNS_AFTER = new WordList(
  'hospital hospitals infirmary hospice clinic clinics center unit building station surgery practice institute university college school airport road avenue square theatre theatres suite'.split(' '),
);
/** Of those, the ones that a name found does not end with unless it is a place's ("Victoria Station"). */
const PLACE_NOUNS_LAST = new WordList('hospital hospitals infirmary hospice clinic unit building station institute university college airport road avenue'.split(' '));

/**
 * The name text[s, e) is part of an English place's name on its line: its last word is a place noun that is no family
 * name, or up to two capitalised words later (maybe after 's: "St Mary's Hospital", "Charing Cross Hospital") comes a
 * place noun that ends the run — before the end of the line, punctuation or a lower-case word, not before a capitalised
 * word or a digit ("Jane Smith Unit Manager", "… Unit 5" stay a person and a unit).
 */
function englishPlaceNamed(text: string, s: number, e: number): boolean {
  if (lastWordListed(text, s, e, PLACE_NOUNS_LAST)) return true;
  let p = e;
  if ((text.charCodeAt(p) === 39 || text.charCodeAt(p) === 0x2019) && text.charCodeAt(p + 1) === 115) p += 2;
  for (let words = 0; words < 3; words++) {
    const start = p + 1;
    p = capitalisedWordAfter(text, p);
    if (p < 0) return false;
    if (PLACE_NOUNS_AFTER.hasRange(text, start, p)) return runEndsAt(text, p) || organisationEndsAfter(text, p);
  }
  return false;
}

/** The last word of text[s, e), after another word of it, is one of `list`. */
function lastWordListed(text: string, s: number, e: number, list: WordList): boolean {
  let w = e;
  while (w > s && isLetter(text.charCodeAt(w - 1))) w--;
  return w > s && list.hasRange(text, w, e);
}

/** A title right before text[s] (« Mme », "Dr", « Professeur »): what a name found there is, whatever else it looks like. */
function titleJustBefore(text: string, s: number): boolean {
  return TITLE_BEFORE_RE.test(text.slice(Math.max(0, s - 16), s));
}

/** The name found at text[s, e) names a country, a place, a title, a product or a saint, not a person (see each). */
function namesNoPerson(text: string, s: number, e: number): boolean {
  return (e - s >= 4 && isCountryName(text, s, e)) || englishPlaceNamed(text, s, e) || englishThingNamed(text, s, e) || productBeforeCode(text, s, e) ||
    initialledBrandAt(text, s) || (e - s <= 60 && saintInName(text, s, e));
}

/** English nouns that end the title of a document, a plan or a meeting ("Hand Hygiene Policy", "Falls Prevention
 * Pathway", "Sepsis Six Bundle"): none of them a family name. */
const THING_NOUNS_LAST = new WordList(
  ('policy policies procedure procedures protocol protocols guideline guidelines pathway pathways programme programmes ' +
    'program strategy framework checklist bundle toolkit committee initiative campaign scheme workshop conference ' +
    'symposium audit report meeting training award awards course module lecture guardian').split(' '),
);

/**
 * The name text[s, e) is the first word(s) of an English title on its line: its last word, or up to three capitalised
 * words later, is one of THING_NOUNS_LAST that ends the run ("the Hand Hygiene Policy": "Hand" was taken for a family
 * name; "the Caldicott Guardian").
 */
function englishThingNamed(text: string, s: number, e: number): boolean {
  // Its own last word ends the title ("Freedom to Speak Up Guardian").
  if (lastWordListed(text, s, e, THING_NOUNS_LAST)) return true;
  let p = e;
  for (let words = 0; words < 3; words++) {
    const start = p + 1;
    p = capitalisedWordAfter(text, p);
    if (p < 0) return false;
    if (THING_NOUNS_LAST.hasRange(text, start, p)) return runEndsAt(text, p);
  }
  return false;
}

/** A model's code one space after a name: letters, then two to four digits (« Perseus A500 », "MX450", « DC-70 »). */
const MODEL_CODE_AFTER_RE = /^[ \u00A0][A-Z]{1,3}-?\d{2,4}[A-Z]?(?![\p{L}\p{N}@\-\/]|[.,]\p{L})/u;

/** text[s, e) names a product, not a person: a model's code follows it (« Offre Dräger Perseus A500 ») and none of its
 * words is a first name of the lexicon (« Jean Dupont B12 », « DUPONT Jean A12 » stay persons). */
function productBeforeCode(text: string, s: number, e: number): boolean {
  // (A capital one space after the name, a digit within four characters: the cheap test before the pattern.)
  if (text.charCodeAt(e) !== 32 && text.charCodeAt(e) !== 160) return false;
  if (!isCapital(text.charCodeAt(e + 1)) || !(isDigit(text.charCodeAt(e + 2)) || isDigit(text.charCodeAt(e + 3)) || isDigit(text.charCodeAt(e + 4)) || isDigit(text.charCodeAt(e + 5)))) return false;
  if (!MODEL_CODE_AFTER_RE.test(text.slice(e, e + 12))) return false;
  const flags = wordFlagMap();
  for (let w = s; w < e; ) {
    while (w < e && !isLetter(text.charCodeAt(w))) w++;
    const start = w;
    while (w < e && isLetter(text.charCodeAt(w))) w++;
    if (w > start && ((flags.get(nameKey(text.slice(start, w))) ?? 0) & WORD_FIRST_NAME) !== 0) return false;
  }
  return true;
}

const PRODUCT_WORDS = new WordList(PRODUCT_NOUNS);
/** After a name: « al-Rashid », « el-Amine », « ad-Din », « Abu-Bakr », « ibn-Saud », one space before. */
const ARTICLE_JOINED_AFTER_RE = new RegExp(`^ (?:al|el|ad|ar|as|at|an|az|ash|ed|er|es|et|ibn|abu|abou|bint|ould)-[${UP}][${LO}]+(?:-[${UP}][${LO}]+)?(?![${L}0-9@])`);
/** A saint's name, a place's or a unit's (« Sainte Thérèse », « Saint Joseph », "St John"), not a person's: the word
 * starts the name, or follows its first word (« Unités Sainte Thérèse » at the start of a sentence). */
const SAINT_IN_RE = /^(?:[^ \u00A0]+[ \u00A0])?(?:Saint|Sainte|SAINT|SAINTE|St|Ste|ST|STE)\.?[ \u00A0]/;
function saintInName(text: string, s: number, e: number): boolean {
  // (An S starting the name or its second word: the cheap test before the pattern.)
  if (text.charCodeAt(s) !== 83) {
    let p = s;
    while (p < e && text.charCodeAt(p) !== 32 && text.charCodeAt(p) !== 160) p++;
    if (text.charCodeAt(p + 1) !== 83) return false;
  }
  return SAINT_IN_RE.test(text.slice(s, e));
}
/** A hyphen within four characters from `p` (« al-… », « ibn-… »: the cheap test before ARTICLE_JOINED_AFTER_RE). */
function hyphenSoonAfter(text: string, p: number): boolean {
  for (let q = p; q < p + 4; q++) if (text.charCodeAt(q) === 45) return true;
  return false;
}
/** A name with an initial first, right after a noun that names a product (« pousse-seringue B. Braun Perfusor »): a
 * maker's name (the rules read « B. Braun » as a person's, as « A. Lemar »). */
function initialledBrandAt(text: string, s: number): boolean {
  return isCapital(text.charCodeAt(s)) && text.charCodeAt(s + 1) === 46 && listedWordBefore(text, s, 2, isInstitutionSeparator, PRODUCT_WORDS, INSTITUTION_LINKS);
}

/** A capitalised Greek or Cyrillic word (« Олена », « ШЕВЧЕНКО », « Παπαδοπούλου »), and a run of two to four. */
const OTHER_WORD = "[\u0386\u0388-\u038F\u0391-\u03A9\u0400-\u042F\u0490](?:[\u03AC-\u03CE\u0430-\u045F\u0491'’ʼ\\-]+|[\u0386\u0388-\u038F\u0391-\u03A9\u0400-\u042F\u0490'’ʼ\\-]+)";
const OTHER_SCRIPT_NAME_RE = new RegExp(`(?<![\\u0370-\\u04FF])${OTHER_WORD}(?:[ \\t\\u00A0]+${OTHER_WORD}){0,3}(?![\\u0370-\\u04FF])`, 'g');

/**
 * Names written in Greek or Cyrillic (a patient from Ukraine, Greece, Bulgaria in a French or English mail: « Mme
 * Олена Шевченко », « Patient : Дмитро Коваленко »): two to four capitalised words in a row, or one after a title, a
 * greeting or a field label. The rules and the model read Latin letters only; in such a mail, a run of capitalised words in those
 * scripts is most often a name (a Ukrainian sentence's first word is no run: it is left).
 */
function otherScriptNames(text: string, add: (t: EntityType, s: number, e: number) => void): void {
  OTHER_SCRIPT_NAME_RE.lastIndex = 0;
  for (let m = OTHER_SCRIPT_NAME_RE.exec(text); m; m = OTHER_SCRIPT_NAME_RE.exec(text)) {
    const s = m.index;
    const run = /[ \t\u00A0]/.test(m[0]);
    let p = s;
    while (p > 0 && isBlankCode(text.charCodeAt(p - 1))) p--;
    const labelled = text.charCodeAt(p - 1) === 58 && fieldLabelBefore(text, p - 1) > 0;
    if (run || labelled || listedWordJustBefore(text, s, GREETINGS) || titleJustBefore(text, s)) add('PERSONNE', s, s + m[0].length);
  }
}

/** The end of the capitalised word one space after text[..p), or -1. */
function capitalisedWordAfter(text: string, p: number): number {
  if (text.charCodeAt(p) !== 32 || !isLatinCapital(text.charCodeAt(p + 1))) return -1;
  p++;
  while (isLetter(text.charCodeAt(p))) p++;
  return p;
}

/** A run of capitalised words ends at p: no capitalised word, digit or letter follows. */
function runEndsAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c !== 32) return !isLetter(c) && !isDigit(c);
  const n = text.charCodeAt(p + 1);
  return !isLatinCapital(n) && !isDigit(n);
}

/** Nouns that end an organisation's name of several capitalised words ("… University Healthcare NHS Foundation Trust"). */
const ORGANISATION_LAST = new WordList('trust foundation healthcare hospital hospitals infirmary clinic centre center university college council board partnership authority institute group'.split(' '));

/** After text[..p), a place noun, up to four more capitalised words end with an organisation's noun, at the end of
 * the run ("Royal Devon University Healthcare NHS Foundation Trust"; not "Jane Smith Unit Manager"). */
function organisationEndsAfter(text: string, p: number): boolean {
  for (let words = 0; words < 4; words++) {
    const start = p + 1;
    p = capitalisedWordAfter(text, p);
    if (p < 0) return false;
    if (ORGANISATION_LAST.hasRange(text, start, p) && runEndsAt(text, p)) return true;
  }
  return false;
}

let countryList: WordList | undefined;
/**
 * text[s, e), single-spaced, is a country's name: looked up from the text's characters (no slice, no lower-casing);
 * a span with a tab, a no-break space or two spaces in a row is single-spaced first, as before.
 */
function isCountryName(text: string, s: number, e: number): boolean {
  for (let p = s; p < e; p++) {
    const c = text.charCodeAt(p);
    if (c === 9 || c === 160 || (c === 32 && p + 1 < e && text.charCodeAt(p + 1) === 32)) return countryNames().has(nameKey(singleSpaced(text.slice(s, e))));
  }
  return (countryList ??= new WordList(countryNames())).hasRange(text, s, e);
}

/** The words of display names worth hiding: letters (2 or more), not a title, a service or an institution. */
function knownNameWords(names: readonly string[]): string[] {
  const map = wordFlagMap();
  const words = new Set<string>();
  for (const name of names) {
    // "(CHU Nancy)", "[Externe]": what a display name adds in brackets is an affiliation.
    const bare = name.replace(/\([^)]*\)|\[[^\]]*\]|<[^>]*>|\S+@\S+/g, ' ');
    for (const raw of bare.split(/[\s,;/|"]+/)) {
      const word = raw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if (word.length < 2 || !/^\p{L}[\p{L}'’\-]*$/u.test(word)) continue;
      const key = nameKey(word);
      const flags = map.get(key) ?? 0;
      if (flags & (WORD_NOT_NAME | WORD_ARTICLE) || ACRONYMS.has(key) || TITLE_WORDS.has(key)) continue;
      words.add(key);
    }
  }
  return [...words];
}
const TITLE_WORDS = new Set('m mr mrs ms mme mlle dr pr prof docteur professeur monsieur madame mademoiselle de la le du'.split(' '));

/**
 * Every occurrence, in any case, of a word of the known names (a whole word: not inside another), adjacent ones
 * joined ("Diallo Fatoumata", "DIALLO, Fatoumata" stay one name).
 */
function findKnownNames(text: string, names: readonly string[]): Array<[number, number]> {
  const words = knownNameWords(names);
  if (!words.length) return [];
  // Longest first, so that "Marie-Claire" wins over "Marie"; case-insensitive in Unicode (É = é), ' = ’.
  const alternatives = words.sort((a, b) => b.length - a.length).map((w) => escapeRe(w).replace(/'/g, "['’]"));
  const re = new RegExp(`(?<![\\p{L}])(?:${alternatives.join('|')})(?![\\p{L}])`, 'giu');
  const found: Array<[number, number]> = [];
  for (let m = re.exec(text); m; m = re.exec(text)) found.push([m.index, m.index + m[0].length]);
  const merged: Array<[number, number]> = [];
  for (const f of found) {
    const last = merged[merged.length - 1];
    if (last && (f[0] <= last[1] || /^[ \t\u00A0,\-]{1,3}$/.test(text.slice(last[1], f[0])))) last[1] = Math.max(last[1], f[1]);
    else merged.push([f[0], f[1]]);
  }
  return merged;
}

/**
 * Numbers shaped like a NIR whatever their context and key: 13 digits, or 15, the first 1 to 4, 7 or 8, in groups
 * of any size with any separators. `AIDE_PRIVACY=block` refuses a text where one remains, even if nothing else
 * found it (a safety net: a mistyped NIR in a table with no context must not leave).
 */
export function nirShapedNumbers(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  DIGITS_RE.lastIndex = 0;
  let floor = 0;
  for (let m = DIGITS_RE.exec(text); m; m = DIGITS_RE.exec(text)) {
    const at = m.index;
    if (at < floor || (at > 0 && isWordChar(text.charCodeAt(at - 1)))) continue;
    const c = text.charCodeAt(at);
    if (!(c === 49 || c === 50 || c === 51 || c === 52 || c === 55 || c === 56)) continue;
    const groups = readDigitGroups(text, at, 16);
    const count = groups.digits.length;
    const end = count === 16 ? -1 : endAfterDigits(groups, count >= 15 ? 15 : 13);
    if (end > 0 && (count === 13 || count === 15) && !isDigit(text.charCodeAt(end))) {
      found.push([at, end]);
      floor = end;
      DIGITS_RE.lastIndex = end;
    }
  }
  return found;
}

/** « mil » in any case: a character class per letter scans faster than the 'i' flag. */
const MIL_RE = /[mM][iI][lL]/g;
/**
 * Dates in words: "né le deux janvier mille neuf cent soixante dix huit". Found from each "mille" (rare in prose),
 * read back to the day and month and on to the end of the year.
 */
function findWordDates(text: string, add: (t: EntityType, s: number, e: number) => void, dates: number[]): void {
  // In any case (« MILLE NEUF CENT », « Mil Neuf Cent »).
  MIL_RE.lastIndex = 0;
  for (let m = MIL_RE.exec(text); m; m = MIL_RE.exec(text)) {
    const at = m.index;
    if (at > 0 && isLetter(text.charCodeAt(at - 1))) continue;
    // "mille" or "mil" (both are written in dates), not "milieu", "militaire".
    const next = text.charCodeAt(at + 3);
    if (!(next === 32 || next === 45 || ((next | 32) === 108 && (text.charCodeAt(at + 4) | 32) === 101))) continue;
    const before = WORD_DATE_BEFORE_RE.exec(text.slice(Math.max(0, at - 70), at));
    if (!before) {
      // A year alone in words after a birth (« née en mille neuf cent vingt-trois », « naît en février mille … »,
      // « née en deux mille trois »).
      const lead = /(?:deux|un)[ -]$/i.exec(text.slice(Math.max(0, at - 5), at));
      const yearStart = lead ? at - lead[0].length : at;
      if (!DOB_YEAR_CONTEXT_RE.test(text.slice(Math.max(0, yearStart - 60), yearStart))) continue;
      WORD_YEAR_AFTER_RE.lastIndex = at;
      const year = WORD_YEAR_AFTER_RE.exec(text);
      if (!year) continue;
      const month = MONTH_BEFORE_RE.exec(text.slice(Math.max(0, yearStart - 12), yearStart));
      add('DATE_NAISSANCE', month ? yearStart - month[0].length : yearStart, at + year[0].length);
      continue;
    }
    WORD_YEAR_AFTER_RE.lastIndex = at;
    const year = WORD_YEAR_AFTER_RE.exec(text);
    if (!year) continue;
    const start = at - before[1]!.length;
    const end = at + year[0].length;
    if (birthContextBefore(text, start)) add('DATE_NAISSANCE', start, end);
    else dates.push(start, end);
  }
}

/** « Date de naissance : 12031950 »: eight digits ddmmyyyy after a birth context; added. */
function compactBirthDateAt(text: string, at: number, end: number, add: (t: EntityType, s: number, e: number) => void): boolean {
  if (!isDdMmYyyy(text.slice(at, end)) || (at > 0 && isWordChar(text.charCodeAt(at - 1))) || !birthContextBefore(text, at)) return false;
  add('DATE_NAISSANCE', at, end);
  return true;
}

/** The text just before a date says it is a birth date: a tight context (« né le », "DOB", « DDN : », « ° »), or a
 * word of birth earlier in the same clause. */
function birthContextBefore(text: string, start: number): boolean {
  if (DOB_CONTEXT_RE.test(text.slice(Math.max(0, start - 45), start))) return true;
  const clause = DOB_CLAUSE_RE.exec(text.slice(Math.max(0, start - 75), start));
  return clause !== null && !CLAUSE_BREAK_RE.test(clause[1]!);
}

/** Between a name and a date in an identity row: spaces, commas, bars, slashes, dashes, and a sex (M, F, H) or an
 * age (« HEGE Sophie, 46 ans, 12/05/1978 »). */
const NAME_TO_DATE_RE = /^[ \t\u00A0,;:|\/\-–(]*(?:\r?\n[ \t\u00A0]*)?(?:\(?(?:M|F|H|Masc\.?|Fém\.?|Masculin|Féminin|Homme|Femme|\d{1,3}[ \u00A0]?ans)\)?[ \t\u00A0,;:|\/\-–]+)?$/;
/** Cells of a table row between a name and a date: "| F | 06 12 34 56 78 | ". */
const ROW_CELLS_RE = /^(?:[ \t\u00A0]*\|[^|\n]{1,30}){1,3}\|[ \t\u00A0]*$/;
/** After a date in an identity row, the next cell is a file number. */
const ID_CELL_AFTER_RE = /^[ \t\u00A0]*\|[ \t\u00A0]*[A-Z]{0,2}\d{6,}/;
/** The label of a birth date after it: « 12/03/1983 (date de naissance) », « 12/03/1983 (DDN) », « 12/03/1983 date de
 * naissance » (a form read with its label after the value), « (DN) »; not a label followed by its
 * own date (« hospitalisée du … au 15/03/2020, née le 01/01/1950 »). */
const BIRTH_AFTER_RE = /^[ \t\u00A0]*(?:[(\[,:–\-=][ \t\u00A0]*)?(?:date de naissance|ddn|d\.d\.n\.?|naissance|dob|date of birth|n[ée]e?(?:\(e\))? le|\(dn\)|na[îi]t|naquit|voit le jour|vient au monde)(?![a-zà-ÿ])(?![ \t\u00A0]*[:=]?[ \t\u00A0]*(?:le[ \t\u00A0]*)?\d)/i;
/** Between a NIR and a date of the same row: blanks, a comma, a bar, a slash or a dash, no line break. */
const NEXT_TO_NIR_RE = /^[ \t\u00A0,;|\/\-–]*$/;
const AGE_AFTER_RE = /^[ \t\u00A0,;:|\-–]*\(?\d{1,3}[ \u00A0]?ans\b/;
/** A sex cell before a date (« | M | 13/09/1965 », « | Homme | », « | F | 68 ans | »), maybe with an age after it. */
const SEX_BEFORE_RE =
  /[|,;(][ \t\u00A0]*(?:M|F|H|m|f|h|Homme|Femme|HOMME|FEMME|Masculin|Féminin|MASCULIN|FÉMININ|Masc\.?|Fém\.?|Male|Female|MALE|FEMALE)(?:[ \t\u00A0]*[|,;]|\t)(?:[ \t\u00A0]*\d{1,3}[ \u00A0]?ans[ \t\u00A0]*[|,;])?[ \t\u00A0]*$/;
/** An age right before a date (« 45 ans, 12/03/1979 », « 45 ans (12/03/1979) »): the date is the birth the age counts
 * from. */
const AGE_BEFORE_RE = /(?<![\d,.]|(?:y a|depuis|pendant|durant|pour|dans|en|(?<![âa]g[ée]e?[ \u00A0]|ÂG[ÉE]E?[ \u00A0])de|sur|après|apres|avant)[ \u00A0])(\d{1,3})[ \u00A0]?ans[ \t\u00A0]*[,;(|\-–][ \t\u00A0]*$/;
const DOCTOR_BEFORE_RE = /(?:Dr|Pr|Docteur|Professeur|DR|PR)\.?[ \t\u00A0]+(?:[A-Z]\.[ \t\u00A0]*)?$/;

/**
 * A date is a birth date when an identity row says so: the date comes right after a person's name (but not a
 * doctor's: "Dr Martin, 12/03/2024" is when the doctor wrote), or after a sex ("| M | 13/09/1965 |"), or before an age
 * ("22/02/1962 (68 ans)").
 */
function birthDatesInIdentityRows(
  text: string,
  dates: number[],
  persons: Array<[number, number]>,
  add: (t: EntityType, s: number, e: number) => void,
  candidates: readonly Candidate[],
): void {
  // Social-security numbers found so far: a date written right before or after one is its holder's birth date
  // (« DUPONT Jean 1 50 03 75 114 123 45 12/03/1950 », a form's boxes).
  let nirs: Candidate[] | undefined;
  for (const c of candidates) if (c.type === 'NIR' || c.type === 'INS') (nirs ??= []).push(c);
  let pi = 0;
  let ages: number[] | undefined;
  const currentYear = thisYear();
  let latest = 0;
  for (let k = 0; k < dates.length; k += 2) latest = Math.max(latest, dateYear(text, dates[k]!, dates[k + 1]!));
  for (let k = 0; k < dates.length; k += 2) {
    const start = dates[k]!;
    const end = dates[k + 1]!;
    while (pi < persons.length && persons[pi]![1] <= start) pi++;
    const prev = pi > 0 ? persons[pi - 1] : undefined;
    let birth = AGE_AFTER_RE.test(text.slice(end, end + 12)) || SEX_BEFORE_RE.test(text.slice(Math.max(0, start - 24), start)) || BIRTH_AFTER_RE.test(text.slice(end, end + 40)) ||
      ageBeforeBirthDate(text, start, end);
    if (!birth && prev && start - prev[1] <= 14 && NAME_TO_DATE_RE.test(text.slice(prev[1], start)))
      birth = !DOCTOR_BEFORE_RE.test(text.slice(Math.max(0, prev[0] - 16), prev[0]));
    // « Mme DUPONT Jeanne IPP 12345678 12/05/1978 », « DUPONT Jean - 06 12 34 56 78 - 12/03/1950 »: from the name to
    // the date the line holds only identifiers found (and their labels).
    if (!birth && prev && start - prev[1] <= 90 && identifiersOnlyBetween(text, prev[1], start, candidates))
      birth = !DOCTOR_BEFORE_RE.test(text.slice(Math.max(0, prev[0] - 16), prev[0]));
    // "Azila Marie | F | 06 … | 12/05/1973 | 5976349378 |": the first date of a row that names a person and goes on
    // with a file number.
    if (!birth && prev && start - prev[1] <= 60 && ID_CELL_AFTER_RE.test(text.slice(end, end + 16)) && ROW_CELLS_RE.test(text.slice(prev[1], start)))
      birth = k === 0 || dates[k - 1]! < prev[1];
    if (!birth) birth = birthDateColumn(text, start);
    const year = birth ? 0 : dateYear(text, start, end);
    const isAgeNow = (age: number): boolean => [latest, currentYear].some((ref) => ref - year - age >= 0 && ref - year - age <= 1);
    // « 12/03/1950 (74) », « 12/03/1950 - 74 a »: a number after the date that is its age now. Cheap test first: a
    // bracket, a dash, a comma or a digit next.
    if (!birth && year > 0 && ageNumberMayFollow(text, end)) {
      const after = AGE_NUMBER_AFTER_RE.exec(text.slice(end, end + 14));
      birth = after !== null && Number(after[1]) >= 1 && isAgeNow(Number(after[1]));
    }
    // A date fifteen years old or more (as a person's birth is; the rules below need no other):
    if (!birth && year > 0 && Math.max(latest, currentYear) - year >= 15) {
      // « Patient âgé de 73 ans … 15/04/1951 »: the text gives an age, and the date is that many years before the
      // text's latest date or this year (within a year: the birthday may be still to come);
      ages ??= agesIn(text);
      birth = ages.some(isAgeNow);
      // « Il voit le jour le 12 mars 1950 » (a birth idiom, said of a project too: only before a date this old).
      if (!birth && currentYear - year >= 15) birth = BIRTH_IDIOM_BEFORE_RE.test(text.slice(Math.max(0, start - 50), start));
    }
    if (!birth && nirs)
      birth = nirs.some((c) => (c.end <= start && start - c.end <= 4 && NEXT_TO_NIR_RE.test(text.slice(c.end, start))) || (c.start >= end && c.start - end <= 4 && NEXT_TO_NIR_RE.test(text.slice(end, c.start))));
    // A whole date fifteen years or more before the text's latest one, standing as a value (after a name, a comma, a
    // bracket, a bar, a dash or at a line start; not after « le », « depuis », « en » nor a label): a person's birth,
    // not a care date (« Mme Rousset, 23/04/1976, vue le 02/03/2024 »).
    // A date written with marks or words counts from this year when the text has no later date (a text with one old
    // date); eight digits in a row (« Lot 12051978 ») and a year of two digits (« 09/08/07 ») only from the text's
    // other dates.
    if (!birth) {
      const from = (end - start === 8 && isDigit(text.charCodeAt(start + 2))) || !isDigit(text.charCodeAt(end - 3)) ? latest : Math.max(latest, currentYear);
      birth = year > 0 && from - year >= 15 && standsAsValue(text, start);
    }
    if (birth) add('DATE_NAISSANCE', start, end);
  }
}

/** The current local year, right at each call (a gateway runs across the new year); `new Date().getFullYear()` (a
 * time-zone look-up, measured at nearly 1 % of the detection) only when the clock leaves the year last seen. */
let yearSeen = 0;
let yearStartsAt = 0;
let yearEndsAt = 0;
function thisYear(): number {
  const now = Date.now();
  if (now < yearStartsAt || now >= yearEndsAt) {
    yearSeen = new Date(now).getFullYear();
    yearStartsAt = new Date(yearSeen, 0, 1).getTime();
    yearEndsAt = new Date(yearSeen + 1, 0, 1).getTime();
  }
  return yearSeen;
}

/** Words that label an identifier in an identity row (« IPP », « N° SS », « tél. », « NIR »), lower-cased. */
const ROW_LABEL_WORDS = new WordList(
  'ipp nip nda ins insc nir ss sécu secu ssn no n° nº num numéro numero dossier id tel tél tel. tél. téléphone telephone mob mob. portable fixe fax mail e-mail email courriel sexe'.split(' '),
);

/**
 * From `from` to `to` (on one line) there are only identifiers already found (not names nor addresses) or long
 * numbers, their labels and separators, and at least one of them.
 */
function identifiersOnlyBetween(text: string, from: number, to: number, candidates: readonly Candidate[]): boolean {
  let found = 0;
  let p = from;
  while (p < to) {
    const c = text.charCodeAt(p);
    if (c === 10) return false;
    if (c === 32 || c === 9 || c === 160 || c === 44 || c === 59 || c === 58 || c === 124 || c === 47 || c === 45 || c === 0x2013 || c === 40 || c === 41) {
      p++;
      continue;
    }
    let next = -1;
    for (const k of candidates)
      if (k.start === p && k.end <= to && k.type !== 'PERSONNE' && k.type !== 'ADRESSE') {
        next = k.end;
        break;
      }
    if (next > p) {
      found++;
      p = next;
      continue;
    }
    // A number of five digits or more that no rule named (« DUPONT Jean 14238568378353 09/01/1987 »).
    let d = p;
    while (d < to && isDigit(text.charCodeAt(d))) d++;
    if (d - p >= 5 && !isWordChar(text.charCodeAt(d))) {
      found++;
      p = d;
      continue;
    }
    let q = p;
    while (q < to && (isLetter(text.charCodeAt(q)) || text.charCodeAt(q) === 176 || text.charCodeAt(q) === 186 || text.charCodeAt(q) === 46 || text.charCodeAt(q) === 45)) q++;
    if (q === p || !ROW_LABEL_WORDS.hasRange(text, p, q)) return false;
    p = q;
  }
  return found > 0;
}

/** The ages a text gives (« 73 ans », « âgée de 73 ans », "73-year-old", "aged 73"), 15 to 110; not a duration
 * (« depuis 20 ans », « il y a 30 ans », « pendant 15 ans »). */
function agesIn(text: string): number[] {
  // Cheap test first: « ans » right after a digit or a digit and a blank (not « dans », « sans »), or an English form.
  let some = text.indexOf('year') >= 0 || text.indexOf('aged') >= 0;
  for (let p = text.indexOf('ans'); !some && p > 0; p = text.indexOf('ans', p + 3)) {
    const c = text.charCodeAt(p - 1);
    some = isDigit(c) || ((c === 32 || c === 160) && p > 1 && isDigit(text.charCodeAt(p - 2)));
  }
  if (!some) return [];
  const ages: number[] = [];
  AGE_IN_TEXT_RE.lastIndex = 0;
  for (let m = AGE_IN_TEXT_RE.exec(text); m; m = AGE_IN_TEXT_RE.exec(text)) {
    const age = Number(m[1] ?? m[2]);
    if (age >= 15 && age <= 110 && !ages.includes(age)) ages.push(age);
  }
  return ages;
}
const AGE_NUMBER_AFTER_RE = /^[ \t\u00A0]*(?:[,\-–][ \t\u00A0]*)?\(?(\d{1,3})(?![\d:hH])(?:[ \u00A0]?(?:a|ans?|yo|y\.o\.|years?))?\)?(?![\d\/.:,]\d|[a-zà-ÿ])/;
const AGE_IN_TEXT_RE =
  /(?<![\d,.]|(?:y a|depuis|pendant|durant|pour|dans|en|sur|après|apres|avant|plus de|moins de|de plus de|fois|tous les)[ \u00A0])(\d{2,3})[ \u00A0]?(?:ans|-year-old|years? old)(?![a-zà-ÿ])|aged (\d{2,3})(?!\d)/g;

/** « 45 ans, 12/03/1979 »: an age right before the date, and the date at least that many years ago (this year). */
function ageBeforeBirthDate(text: string, start: number, end: number): boolean {
  const age = AGE_BEFORE_RE.exec(text.slice(Math.max(0, start - 24), start));
  if (!age) return false;
  const year = dateYear(text, start, end);
  return year > 0 && year + Number(age[1]) <= thisYear() + 1;
}

/** The year of a date (four digits at its start, as in 2021/12/10, or at its end, or two after a mark, read 19xx/20xx),
 * or 0. */
function dateYear(text: string, start: number, end: number): number {
  if (end - start >= 8 && isDigit(text.charCodeAt(start)) && isDigit(text.charCodeAt(start + 1)) && isDigit(text.charCodeAt(start + 2)) && isDigit(text.charCodeAt(start + 3)) && !isDigit(text.charCodeAt(start + 4)))
    return Number(text.slice(start, start + 4));
  let e = end;
  while (e > start && !isDigit(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > start && e - s < 4 && isDigit(text.charCodeAt(s - 1))) s--;
  const n = e - s;
  if (n === 4) return Number(text.slice(s, e));
  // Boxes (« 1 2 0 2 1 9 4 0 », « 0 1 / 0 2 / 1 9 4 0 »): the last four digits, one per box.
  if (n === 1 && s - start >= 7 && text.charCodeAt(s - 1) === 32) {
    let year = '';
    for (let p = e - 1; p >= start && year.length < 4; p--) {
      const c = text.charCodeAt(p);
      if (isDigit(c)) year = text[p] + year;
      else if (c !== 32) return 0;
    }
    return year.length === 4 ? Number(year) : 0;
  }
  if (n === 2 && s - start >= 4) {
    const y = Number(text.slice(s, e));
    return y > 30 ? 1900 + y : 2000 + y;
  }
  return 0;
}

/** What stands before `start`: a comma, bracket, bar, dash, line start, or a capitalised word (a name). */
function standsAsValue(text: string, start: number): boolean {
  let p = start;
  while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160 || text.charCodeAt(p - 1) === 9)) p--;
  if (p === 0) return true;
  const c = text.charCodeAt(p - 1);
  // A dash after a digit joins a range (« 08-09/08/07 »), not a value to its label.
  if ((c === 45 || c === 0x2013) && p > 1 && isDigit(text.charCodeAt(p - 2))) return false;
  if (c === 10 || c === 44 || c === 40 || c === 124 || c === 45 || c === 0x2013 || c === 59) return true;
  if (!isLetter(c)) return false;
  let q = p;
  while (q > 0 && isLetter(text.charCodeAt(q - 1))) q--;
  const first = text.charCodeAt(q);
  return p - q >= 2 && isLatinCapital(first) && !INITIAL_GUARD_BEFORE_DATE.hasRange(text, q, p);
}
/** Capitalised words that introduce a care date, not a name: « Le 12/03/1998 », « Depuis … », « Vu … ». */
const INITIAL_GUARD_BEFORE_DATE = new WordList('le la du au en depuis vu vue since on of from date entrée sortie admission opéré opérée'.split(' '));

const BIRTH_HEADER_RE = /naiss|^(?:ddn|dn|dob|d\.o\.b\.?|birth ?date|date of birth|n[ée]e?\(?e?\)?(?: le)?)$/i;

/**
 * A date in a table (cells separated by "|", tabs or ";") whose column is headed « Date de naissance », « DDN »,
 * "DOB"… in one of the rows above.
 */
function birthDateColumn(text: string, start: number): boolean {
  return columnHeader(text, start, BIRTH_HEADER_RE) || alignedBirthColumn(text, start);
}

/** The words of a header that name a date's column, the birth's in group 1: « Date de naissance », « DDN », "DOB",
 * « Né(e) le »; « Date d'entrée », « Date », "Date of visit". */
const DATE_HEADER_WORD_RE = /(date de naissance|date of birth|naissance|ddn|dob|n[ée]e?\(e\) le|n[ée]e? le)|date(?: (?:d['’]|de |of )?[a-zà-ÿ]+)?|entr[ée]e|sortie|admission|visite/gi;

/**
 * A table laid out with spaces (a PDF's extraction: no bar, tab nor semicolon): a header line above (within 12 lines,
 * with no digit) names its date columns in order; the date at `start` is the k-th whole date of its row, and the k-th
 * date column of the header is the birth's (« Nom   Prénom   DDN   Entrée\ndupont   jean   12/03/1950   02/03/2024 »).
 */
function alignedBirthColumn(text: string, start: number): boolean {
  const lineStart = lineStartAt(text, start - 1);
  // A row laid out in columns: a gap of three blanks or more before the date.
  if (!/(?: {3,}|\t)$/.test(text.slice(Math.max(lineStart, start - 8), start))) return false;
  if (start - lineStart > MAX_ROW) return false;
  let lineEnd = start;
  while (lineEnd < text.length && lineEnd - start <= MAX_ROW && text.charCodeAt(lineEnd) !== 10) lineEnd++;
  if (lineEnd - start > MAX_ROW) return false;
  // Which whole date of its row this is.
  const row = text.slice(lineStart, lineEnd);
  let k = 0;
  let found = -1;
  SLASH_DATES_IN_ROW_RE.lastIndex = 0;
  for (let m = SLASH_DATES_IN_ROW_RE.exec(row); m; m = SLASH_DATES_IN_ROW_RE.exec(row)) {
    if (lineStart + m.index === start) {
      found = k;
      break;
    }
    k++;
  }
  if (found < 0) return false;
  let end = lineStart - 1;
  for (let rows = 0; rows < 12 && end > 0; rows++) {
    const s = lineStartAt(text, end - 1);
    const line = text.slice(s, end);
    end = s - 1;
    if (!/(?:naiss|ddn|dob|date of birth|n[ée]e?(?:\(e\))? le)/i.test(line) || /\d/.test(line) || !/ {3}\S.* {3}\S/.test(line)) continue;
    const kinds: boolean[] = [];
    DATE_HEADER_WORD_RE.lastIndex = 0;
    for (let m = DATE_HEADER_WORD_RE.exec(line); m; m = DATE_HEADER_WORD_RE.exec(line)) kinds.push(m[1] !== undefined);
    return kinds[found] === true;
  }
  return false;
}
const SLASH_DATES_IN_ROW_RE = /(?<![\d\/.\-])\d{1,2}[\/.\-]\d{1,2}[\/.\-](?:\d{4}|\d{2})(?![\d\/.\-])/g;

/** A cell at `start` in a table (cells separated by "|", tabs or ";") whose column is headed, in one of the 12 rows
 * above, by a cell matching `header`. */
/** The longest row of a table read (a longer line is prose, or a text with no line breaks: not read cell by cell, so
 * that a long line's many values do not each read the whole line). */
const MAX_ROW = 2000;

function columnHeader(text: string, start: number, header: RegExp): boolean {
  if (start - lineStartAt(text, start - 1) > MAX_ROW) return false;
  let lineStart = start;
  let bar = false;
  let tab = false;
  let semicolon = false;
  for (let c = text.charCodeAt(lineStart - 1); lineStart > 0 && c !== 10; c = text.charCodeAt(--lineStart - 1)) {
    if (c === 124) bar = true;
    else if (c === 9) tab = true;
    else if (c === 59) semicolon = true;
  }
  if (!bar && !tab && !semicolon) {
    // The first cell of its row, at the start of its line: the separator is after it.
    for (let p = lineStart; p < start; p++) if (text.charCodeAt(p) !== 32 && text.charCodeAt(p) !== 160) return false;
    for (let p = start, c = text.charCodeAt(p); p < text.length && p - start < 200 && c !== 10; c = text.charCodeAt(++p)) {
      if (c === 124) bar = true;
      else if (c === 9) tab = true;
      else if (c === 59) semicolon = true;
    }
  }
  const sep = bar ? '|' : tab ? '\t' : semicolon ? ';' : '';
  if (!sep) return false;
  let column = 0;
  for (let p = text.indexOf(sep, lineStart); p >= 0 && p < start; p = text.indexOf(sep, p + 1)) column++;
  let end = lineStart - 1;
  for (let rows = 0; rows < 12 && end > 0; rows++) {
    const s = lineStartAt(text, end - 1);
    const line = text.slice(s, end);
    end = s - 1;
    if (line.indexOf(sep) < 0) continue;
    const cell = line.split(sep)[column];
    if (cell !== undefined && header.test(cell.trim())) return true;
  }
  return false;
}

/** The header of a column of names: a name field's label, alone in its cell. */
const NAME_HEADER_RE =
  /^(?:nom|noms|prénom|prenom|prénoms|prenoms|nom de naissance|nom d'usage|nom de famille|nom marital|nom usuel|nom patronymique|nom et prénom|nom et prenom|nom prénom|nom - prénom|nom \/ prénom|patient|patiente|name|surname|first name|last name|given name|family name|patient name|full name)$/i;
/** A semicolon with no blank after it, as between the cells of a CSV row (prose writes « ; » with a space after). */
function gluedSemicolon(text: string): boolean {
  for (let p = text.indexOf(';'); p >= 0; p = text.indexOf(';', p + 1)) {
    const c = text.charCodeAt(p + 1);
    if (c !== 32 && c !== 160 && c !== 10 && c !== 13 && c !== 9 && p + 1 < text.length) return true;
  }
  return false;
}
/** A header cell of NAME_HEADER_RE somewhere in the text, beside a separator (the test before nameColumnCells). */
const NAME_HEADER_CELL_RE =
  /(?:^|[|;\t])[ \t\u00A0]*(?:nom|noms|prénoms?|prenoms?|nom d['’]usage|nom de (?:naissance|famille)|nom (?:marital|usuel|patronymique)|nom (?:et|-|\/)? ?prénom|nom et prenom|patiente?|name|surname|first name|last name|given name|family name|patient name|full name)[ \t\u00A0]*(?=[|;\t]|$)/im;
/** A cell's content made of name words only (« MARTIN », « N'DIAYE », « Le Gall », « de La Tour », « Marie-Claire »). */
const NAME_CELL_RE = new RegExp(`^(?:(?:${[...PARTICLES].join('|')}|[dD]['’])${SP}*)*[${UP}][${L}'’\-]*(?:${SP}+(?:(?:${[...PARTICLES].join('|')})${SP}+)*[${UP}dD][${L}'’\-]*){0,3}$`);

/** Step 6b' of findPersons: the cells of a column of names in a table (see there); spans pushed onto `spans`. */
function nameColumnCells(text: string, spans: Array<[number, number]>): void {
  const tk = pTk;
  for (let i = 0; i < pN; i++) {
    const start = tk.start[i]!;
    // The token starts its cell: after a separator and blanks, or at the start of the line.
    let p = start;
    while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160)) p--;
    const b = p > 0 ? text.charCodeAt(p - 1) : 10;
    if (b !== 124 && b !== 9 && b !== 59 && b !== 10) continue;
    // The cell ends at the next separator or at the end of the line.
    let end = start;
    while (end < text.length && end - start <= 60) {
      const c = text.charCodeAt(end);
      if (c === 124 || c === 9 || c === 59 || c === 10 || c === 13) break;
      end++;
    }
    if (end - start > 60) continue;
    const cellEnd = end;
    while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 160)) end--;
    // A cell of one line only (a bar, a tab or a semicolon after it, or before it on a line that has one after it).
    if (cellEnd >= text.length || text.charCodeAt(cellEnd) === 10 || text.charCodeAt(cellEnd) === 13) {
      if (b === 10) continue;
    }
    // Whatever the lexicon says (« ROUX », « Le Gall »), but no acronym alone (« SAMU »).
    if (pFlags[i]! & WORD_ACRONYM && (i + 1 >= pN || tk.start[i + 1]! >= end)) continue;
    if (!NAME_CELL_RE.test(text.slice(start, end)) || !columnHeader(text, start, NAME_HEADER_RE)) continue;
    spans.push([start, end]);
    while (i + 1 < pN && tk.start[i + 1]! < end) i++;
  }
}

// Sorting the short lists of one text: a stable insertion sort with its comparison written in costs less than
// Array.prototype.sort calling a comparator for each pair; a long list goes to the built-in sort, as stable, so the
// order is the same either way.
const INSERTION_SORT_MAX = 64;

function sortNumbers(a: number[]): void {
  if (a.length > INSERTION_SORT_MAX) {
    a.sort((x, y) => x - y);
    return;
  }
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** By priority, then longest first, then by position. */
function candidateBefore(a: Candidate, b: Candidate): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  const la = a.end - a.start;
  const lb = b.end - b.start;
  return la !== lb ? la > lb : a.start < b.start;
}

function sortCandidates(c: Candidate[]): void {
  if (c.length > INSERTION_SORT_MAX) {
    c.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
    return;
  }
  for (let i = 1; i < c.length; i++) {
    const x = c[i]!;
    let j = i - 1;
    while (j >= 0 && candidateBefore(x, c[j]!)) {
      c[j + 1] = c[j]!;
      j--;
    }
    c[j + 1] = x;
  }
}

function sortByStart(kept: DetectedEntity[]): DetectedEntity[] {
  if (kept.length > INSERTION_SORT_MAX) return kept.sort((a, b) => a.start - b.start);
  for (let i = 1; i < kept.length; i++) {
    const x = kept[i]!;
    let j = i - 1;
    while (j >= 0 && kept[j]!.start > x.start) {
      kept[j + 1] = kept[j]!;
      j--;
    }
    kept[j + 1] = x;
  }
  return kept;
}

/** By start, the longest first at one start. */
function sortSpans(spans: Array<[number, number]>): void {
  if (spans.length > INSERTION_SORT_MAX) {
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    return;
  }
  for (let i = 1; i < spans.length; i++) {
    const x = spans[i]!;
    let j = i - 1;
    while (j >= 0 && (spans[j]![0] > x[0] || (spans[j]![0] === x[0] && spans[j]![1] < x[1]))) {
      spans[j + 1] = spans[j]!;
      j--;
    }
    spans[j + 1] = x;
  }
}

/** Keeps, by priority then length, the candidates that do not overlap one already kept. */
function resolve(text: string, candidates: Candidate[]): DetectedEntity[] {
  if (candidates.length === 0) return [];
  sortCandidates(candidates);
  if (candidates.length <= 48) {
    // Few candidates (one mail): comparing pairs is cheaper than an occupancy array.
    const kept: DetectedEntity[] = [];
    for (const c of candidates) {
      let free = true;
      for (const k of kept)
        if (c.start < k.end && k.start < c.end) {
          free = false;
          break;
        }
      if (free) kept.push({ type: c.type, start: c.start, end: c.end, value: text.slice(c.start, c.end) });
    }
    return sortByStart(kept);
  }
  // Only the covered range needs an occupancy array; texts without identifiers never allocate one.
  let lo = Infinity;
  let hi = 0;
  for (const c of candidates) {
    if (c.start < lo) lo = c.start;
    if (c.end > hi) hi = c.end;
  }
  const taken = new Uint8Array(hi - lo);
  const kept: DetectedEntity[] = [];
  outer: for (const c of candidates) {
    for (let i = c.start; i < c.end; i++) if (taken[i - lo]) continue outer;
    taken.fill(1, c.start - lo, c.end - lo);
    kept.push({ type: c.type, start: c.start, end: c.end, value: text.slice(c.start, c.end) });
  }
  return sortByStart(kept);
}

// ---------------------------------------------------------------------------------------------------------------

function isLocalChar(c: number): boolean {
  // A-Z a-z 0-9 . _ % + - '
  // Accented letters too: "élodie.martin@…" (RFC 6531 allows them, and people write them).
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39 || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}
function isDomainChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 95 || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** In the window around a lone "@": local part, " @ ", domain labels joined by " . ", a top-level domain; the "@" may
 * also end or start a line (an address wrapped by a PDF or a narrow column). */
const SPACED_EMAIL_AT_RE = /[A-Za-z0-9._%+-]{1,64}(?:[ \t]{0,3}|\r?\n)@(?:[ \t]{0,3}|\r?\n)[A-Za-z0-9_-]{1,63}(?: ?\. ?[A-Za-z0-9-]{1,63})*? ?\. ?[A-Za-z]{2,10}(?![A-Za-z0-9])/;
/** "jean.dupont(at)chu.fr", "j.dupont [at] chu [dot] fr", "j.dupont(@)chu.fr", « j.dupont(arobase)chu.fr »: the "@"
 * and dots written as words or in brackets against spam robots. */
/** « <at> », « <a> » (a mail's headers have many other angle brackets, around addresses). */
const ANGLE_AT_RE = /<(?:at|AT|a|A)>/;
const WORDED_AT_RE = /[(\[{<](?:at|AT|@|arobase|AROBASE|a|A)[)\]}>]/g;
const WORDED_EMAIL_RE = /[A-Za-z0-9._%+-]{1,64} ?[(\[{<](?:at|@|arobase|a)[)\]}>] ?[A-Za-z0-9-]{1,63}(?: ?(?:\.|[(\[{<](?:dot|point)[)\]}>]) ?[A-Za-z0-9-]{1,63})+/iy;
/** The same without brackets: « j.dupont arobase chu-lyon point fr » (the French word for "@", as dictated), "j.dupont
 * at chu-lyon dot fr", "j.dupont at chu-lyon.fr"; a bare "at" only with a local part no sentence has (or a mail label
 * before it), and the last label a top-level domain. */
// Lower case only: each alternative more costs a scan of every text (measured: the capitals doubled the gate's time).
const WORDED_GATE_RE = /robase| dot | at /;
const BARE_WORDED_EMAIL_RE =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}[ \u00A0](?:arobase|Arobase|AROBASE|at|AT)[ \u00A0][A-Za-z0-9-]{1,63}(?:(?:[ \u00A0]?\.[ \u00A0]?|[ \u00A0](?:dot|point|DOT|POINT)[ \u00A0])[A-Za-z0-9-]{1,63})*(?:[ \u00A0]?\.[ \u00A0]?|[ \u00A0](?:dot|point|DOT|POINT)[ \u00A0])[A-Za-z]{2,10}(?![A-Za-z0-9@])/g;

/** E-mail addresses, found from each "@" and extended both ways (no regex restarting at every letter). */
function findEmails(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let at = text.indexOf('@');
  let floor = 0;
  while (at !== -1) {
    let s = at;
    // A local part has at most 64 characters (RFC 5321): the bound keeps "a.a.a…@a.a.a…@" linear.
    const lowest = Math.max(floor, at - 64);
    while (s > lowest && isLocalChar(text.charCodeAt(s - 1))) s--;
    while (s < at && (text[s] === '.' || text[s] === "'" || text[s] === '-')) s++;
    // « jean.dupont@@chu.fr »: the "@" typed twice.
    const d0 = text.charCodeAt(at + 1) === 64 && s < at ? at + 2 : at + 1;
    let e = d0;
    const highest = Math.min(text.length, at + 256);
    while (e < highest && isDomainChar(text.charCodeAt(e))) e++;
    // « …@chu-\nlyon.fr »: a domain cut after a hyphen by a line break (a PDF, a narrow column) goes on on the next line.
    while (e + 1 < highest && e > d0 + 1 && text.charCodeAt(e) === 10 && text.charCodeAt(e - 1) === 45 && isDomainChar(text.charCodeAt(e + 1))) {
      e++;
      while (e < highest && isDomainChar(text.charCodeAt(e))) e++;
    }
    while (e > d0 && (text[e - 1] === '.' || text[e - 1] === '-')) e--;
    let domain = text.slice(d0, e);
    let dot = domain.lastIndexOf('.');
    // « dupont@aphp.fr0612345678 »: text glued after the address (a PDF extraction); the top-level domain ends at the
    // first digit after its letters.
    // « …@AP-HP.frSmith Paul »: a name glued after a lower-case top-level domain, cut at its capital.
    const tldText = dot > 0 ? domain.slice(dot + 1) : '';
    if ((dot > 0 && !/^[A-Za-z]+$/.test(tldText)) || /^[a-z]{2,}[A-Z][a-z]/.test(tldText)) {
      const tld = /^(?:[A-Za-z]{2,}(?=\d)|[a-z]{2,}(?=[A-Z][a-z]))/.exec(tldText);
      if (tld) {
        e = d0 + dot + 1 + tld[0].length;
        domain = text.slice(d0, e);
        dot = domain.lastIndexOf('.');
      }
    }
    if (s < at && dot > 0 && domain.length - dot - 1 >= 2 && /^[A-Za-z]+$/.test(domain.slice(dot + 1))) {
      found.push([s, e]);
      floor = e;
    } else {
      // "tlabelle @ medimail . com": an address written with spaces (against spam robots, or by dictation).
      const spaced = SPACED_EMAIL_AT_RE.exec(text.slice(Math.max(floor, at - 65), Math.min(text.length, at + 80)));
      if (spaced) {
        const base = Math.max(floor, at - 65);
        found.push([base + spaced.index, base + spaced.index + spaced[0].length]);
        floor = base + spaced.index + spaced[0].length;
        e = floor;
      } else if (s < at && dot < 0 && LOCAL_DOMAIN_RE.test(domain) && /[A-Za-z]/.test(text.slice(s, at)) && text.charCodeAt(e) !== 64) {
        // « jean.dupont@aphp »: an address of the hospital's own mail system, or one whose domain was cut.
        found.push([s, e]);
        floor = e;
      } else if (s < at && /[A-Za-z]/.test(text.slice(s, at))) {
        // « j.dupont@chu-lyon.f » (a top-level domain cut by a column), « j.dupont@10.2.0.15 », « …@[10.2.0.15] »
        // (an address literal, RFC 5321).
        const cut = CUT_OR_IP_DOMAIN_RE.exec(text.slice(d0, Math.min(text.length, d0 + 70)));
        if (cut) {
          e = d0 + cut[0].length;
          found.push([s, e]);
          floor = e;
        } else if (CUT_LOCAL_PART_RE.test(text.slice(s, at)) && !isDigit(text.charCodeAt(d0))) {
          // « jean.dupont@ » with nothing after it (the domain lost at a cut, a line, a cell), or a domain no rule
          // reads (« …@ap hp.fr », « …@aphp_fr »): the local part still names the person; only one shaped like a
          // person's address (« prénom.nom », « p_nom », « nom2 »).
          if (e === d0) e = at + 1;
          found.push([s, e]);
          floor = e;
        }
      }
    }
    at = text.indexOf('@', Math.max(at + 1, e));
  }
  const before = found.length;
  // A bracket first (half the mails have none; the look-up of one character costs next to nothing).
  WORDED_AT_RE.lastIndex =
    text.indexOf('(') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0 || (text.indexOf('<') >= 0 && ANGLE_AT_RE.test(text)) ? 0 : text.length;
  for (let w = WORDED_AT_RE.exec(text); w; w = WORDED_AT_RE.exec(text)) {
    let s = w.index; // the bracket
    if (s > 0 && text.charCodeAt(s - 1) === 32) s--;
    const end = s;
    while (s > 0 && end - s < 64 && isLocalChar(text.charCodeAt(s - 1))) s--;
    if (s === end) continue;
    WORDED_EMAIL_RE.lastIndex = s;
    const m = WORDED_EMAIL_RE.exec(text);
    // Two letters in the local part at least: « x <a> y.fr », « 2 (a) 3.5 » are no addresses.
    if (m && TWO_LETTERS_RE.test(text.slice(s, end)) && !found.some(([a, b]) => a < s + m[0].length && s < b)) found.push([s, s + m[0].length]);
  }
  // A cheap look-up first: the regex runs only on a text with the French word (« arobase », « Arobase »), or with a
  // "dot" written out. One regex for both: indexOf(' dot ') stops at every space (measured: 3.5 times slower).
  if (WORDED_GATE_RE.test(text)) {
    BARE_WORDED_EMAIL_RE.lastIndex = 0;
    for (let m = BARE_WORDED_EMAIL_RE.exec(text); m; m = BARE_WORDED_EMAIL_RE.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      // A bare "at" needs a "dot", a local part that no sentence has (a dot, a digit, "_" or "-": "me at noon dot
      // com" is prose) or a label of a mail address just before it (« Courriel : jdupont at wanadoo dot fr »), and a
      // usual top-level domain.
      if (/^[^ \u00A0]+[ \u00A0](?:at|AT)[ \u00A0]/.test(m[0]) && !(/[ \u00A0]dot[ \u00A0]|\.[A-Za-z]/i.test(m[0]) &&
          (/[._\d-]/.test(m[0].slice(0, m[0].search(/[ \u00A0]/))) || MAIL_LABEL_BEFORE_RE.test(text.slice(Math.max(0, s - 40), s))) &&
          TWO_LETTERS_RE.test(m[0].slice(0, m[0].search(/[ \u00A0]/))) && BARE_AT_TLD_RE.test(m[0])))
        continue;
      if (!found.some(([a, b]) => a < e && s < b)) found.push([s, e]);
    }
  }
  if (found.length > before) found.sort((a, b) => a[0] - b[0]);
  return found;
}

/** The label of a mail address, right before a value on its line (« Courriel : », "E-mail:", « Mél. »). */
const MAIL_LABEL_BEFORE_RE = /(?:^|[^a-zà-ÿ])(?:e-?mail|courriel|m[ée]l|mail|adresse (?:é|e)lectronique|email address)[ \t\u00A0]*[.:]?[ \t\u00A0]*$/i;
const TWO_LETTERS_RE = /[A-Za-z][^A-Za-z]*[A-Za-z]/;
const BARE_AT_TLD_RE = /(?:^|[ .\u00A0])(?:fr|com|org|net|eu|be|ch|lu|ca|uk|de|it|es|info)$/i;
/** The local part of an address whose domain is lost: letters joined by a dot, an underscore or a hyphen, or ending in digits. */
const CUT_LOCAL_PART_RE = /^[A-Za-zÀ-ÿ]{1,30}(?:[._-][A-Za-zÀ-ÿ]{1,30})+$|^[A-Za-zÀ-ÿ]{2,30}\d{1,4}$/;
/** A domain cut after one letter of its top-level domain, or an IP address (bare or in brackets). */
const CUT_OR_IP_DOMAIN_RE = /^(?:[A-Za-z0-9][A-Za-z0-9-]{1,62}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z](?![A-Za-z0-9.@-])|\[\d{1,3}(?:\.\d{1,3}){3}\]|\d{1,3}(?:\.\d{1,3}){3}(?!\d|\.\d))/;
/** A domain with no dot: a name of three letters or more. */
const LOCAL_DOMAIN_RE = /^[A-Za-z][A-Za-z0-9\-]{2,62}$/;

/** An IBAN starting at `at` (its two letters), or its length 0. */
function ibanAt(text: string, at: number): number {
  IBAN_RE.lastIndex = at;
  const m = IBAN_RE.exec(text);
  if (!m) return 0;
  const raw = m[0];
  const expected = IBAN_LENGTHS[raw.slice(0, 2)];
  // The match may run into the next word ("… 189 BIC"): cut at the country's length, or try shorter groups.
  const ends: number[] = [];
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== ' ' && raw[i] !== '\u00A0') {
      count++;
      if (expected === undefined ? count >= 15 : count === expected) ends.push(i + 1);
    }
  }
  const tries = expected === undefined ? ends.reverse() : ends;
  for (const end of tries) if (ibanValid(raw.slice(0, end))) return end;
  return 0;
}

/**
 * A NIR (or INS) starting at `at`, added; its length, or 0. Read by grammar: 13 digits and a 2-digit key in groups
 * of any size with any separators (the key may be set apart: `… 017 - 28`, `… 096 / 23`). Three ways to be one:
 * - 15 digits with a valid key (97 − body mod 97): a NIR anywhere, no context needed;
 * - 12 to 16 digits after a social-security or INS context on the same line ("N° SS", "Assuré", "immatriculation",
 *   "sécurité sociale", "INS"…): hidden whatever the key says (typos and OCR exist);
 * - 13 to 15 digits written one by one ("1 8 5 7 4 6 …", the boxes of a printed form) starting with 1 or 2; a date
 *   written the same way right after it (ddmmyyyy) is a birth date.
 * Corsica's 2A/2B are read by NIR_RE.
 */
/** A NIR whose digits a scan or a keyboard wrote with letters (O or o for 0, I or l for 1), in its groups. */
const OCR_NIR_AT_RE = /[1-478](?:[ .\-\u00A0]?[0-9OoIl]){12,14}(?![0-9A-Za-z])/y;
/**
 * « NIR 1 84 O5 75 123 456 78 »: after a NIR's or an INS's label only, 13 or 15 digits of which some are letters read
 * for digits (the digits' groups from `at` stop at `groupsEnd`, a letter right after them).
 */
function ocrNirAt(text: string, at: number, groupsEnd: number, add: (t: EntityType, s: number, e: number) => void): number {
  let p = groupsEnd;
  if (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 46 || text.charCodeAt(p) === 45 || text.charCodeAt(p) === 160) p++;
  const c = text.charCodeAt(p);
  if (c !== 79 && c !== 111 && c !== 73 && c !== 108) return 0;
  OCR_NIR_AT_RE.lastIndex = at;
  const m = OCR_NIR_AT_RE.exec(text);
  if (!m) return 0;
  // Its digits: the characters that are no separator of the pattern's groups.
  let digits = 0;
  for (let q = at; q < at + m[0].length; q++) {
    const ch = text.charCodeAt(q);
    if (ch !== 32 && ch !== 46 && ch !== 45 && ch !== 160) digits++;
  }
  if (digits !== 13 && digits !== 15) return 0;
  // Its line's last 80 characters, as nirAt reads them.
  const before = text.slice(Math.max(lineStartAt(text, at - 1), at - 80), at);
  const ins = INS_CONTEXT_RE.test(before);
  if (!ins && !NIR_CONTEXT_RE.test(before)) return 0;
  add(ins ? 'INS' : 'NIR', at, at + m[0].length);
  return m[0].length;
}

function nirAt(text: string, at: number, add: (t: EntityType, s: number, e: number) => void, previousIdentifierEnd = -1): number {
  // Cheap test first: twelve digits in a row, or more digits just after a separator.
  let r = at;
  while (r < text.length && r - at < 12 && isDigit(text.charCodeAt(r))) r++;
  if (r - at < 12 && !moreDigitsAfter(text, r)) return r - at >= 5 ? corsicanNirAt(text, at, add) : 0;
  // « Né le 12/05/1978 1 8 5 0 5 … »: a whole date first is a date, not the start of a NIR (the date path reads it).
  const mark = text.charCodeAt(r);
  if (r - at <= 2 && (mark === 47 || mark === 46 || mark === 45) && WHOLE_DATE_AT_RE.test(text.slice(at, at + 11))) return 0;
  // Nor does a NIR start inside another number or a date (« 12/05/1978 … », « 1.85.05 … » read from « 85 »).
  const prev = at > 1 ? text.charCodeAt(at - 1) : 32;
  if ((prev === 47 || prev === 46 || prev === 45) && isDigit(text.charCodeAt(at - 2))) return 0;
  const groups = dateCut(text, readDigitGroups(text, at, 32));
  const count = groups.digits.length;
  if (count < 12) return ocrNirAt(text, at, groups.ends[groups.ends.length - 1]!, add) || corsicanNirAt(text, at, add);
  // « OID : 1.2.250.1.213.1.4.8 » (the INS's own object identifier): digits joined by dots, not in a NIR's layout.
  if (groups.starts.length >= 5 && dotsOnly(text, groups) && !nirGrouping(groups, Math.min(count, 15))) return 0;
  let lineStart = lineStartAt(text, at - 1);
  // A number alone at the start of its line: its label may be the line above (a form's label, the value under it).
  if (lineStart > 1 && lineStart === at - leadingBlanks(text, lineStart, at)) lineStart = lineStartAt(text, lineStart - 2);
  const before = text.slice(Math.max(lineStart, at - 80), at);
  const ins = INS_CONTEXT_RE.test(before);
  const type: EntityType = ins ? 'INS' : 'NIR';
  // A key glued to more digits ("1234567890123456789") is no NIR.
  const end15 = endAfterDigits(groups, 15);
  if (end15 > 0 && nirKeyValid(groups.digits.slice(0, 15)) && nirGrouping(groups, 15)) {
    add(type, at, end15);
    return end15 - at;
  }
  // In an identity block, right after the person's phone, mail address or another identifier on the same line
  // ("… 07 77 77 77 77 jbonnet@free.fr 29 241 876 532 98 90"): 13 or 15 digits starting 1 or 2, whatever the key.
  const first0 = text.charCodeAt(at);
  if ((count === 13 || count === 15) && (first0 === 49 || first0 === 50) && (before.indexOf('@') >= 0 || (previousIdentifierEnd >= lineStart && at - previousIdentifierEnd <= 30))) {
    const end = endAfterDigits(groups, count);
    if (end > 0) {
      add(type, at, end);
      return end - at;
    }
  }
  if ((count === 13 || count === 15) && nirStructure(groups.digits)) {
    const end = endAfterDigits(groups, count);
    if (end > 0) {
      if (nirPending.text !== text) nirPending = { text, spans: [] };
      // Written in a NIR's own layout (sex, year, month, département, commune, order, key: « 1 85 03 75 123 456 78 »)
      // with a first digit 1 or 2: a NIR to any reader, whatever its key (see nirsAfterNames).
      const layout = groups.starts.length >= 5 && (first0 === 49 || first0 === 50) && nirGrouping(groups, count);
      nirPending.spans.push(at, end, layout ? 1 : 0);
    }
  }
  if (ins || NIR_CONTEXT_RE.test(before) || nirContextAfter(text, groups, count) || ((count === 13 || count === 15) && columnHeader(text, at, NIR_HEADER_RE))) {
    // The longest group boundary at 12 to 16 digits; in boxes, not into a birth date in boxes right after it
    // (« N° d'immatriculation 1 8 5 0 5 … 5 6 1 2 0 5 1 9 7 8 »).
    const boxes = leadingSingleDigits(groups);
    const boxDate = trailingBoxDate(groups.digits, boxes);
    for (let n = Math.min(16, boxDate ? boxes - boxDate : count); n >= 12; n--) {
      let end = endAfterDigits(groups, n);
      if (end > 0) {
        if (boxDate) {
          add(type, at, end);
          add('DATE_NAISSANCE', groups.starts[boxes - boxDate]!, groups.ends[boxes - 1]!);
          return groups.ends[boxes - 1]! - at;
        }
        // "… 123 456 clé 12", "… 123 456 (12)": the key named or bracketed after the number.
        if (n === 13) {
          const key = NAMED_KEY_AFTER_RE.exec(text.slice(end, end + 14));
          if (key) end += key[0].length;
        }
        add(type, at, end);
        return end - at;
      }
    }
  }
  const single = leadingSingleDigits(groups);
  const first = text.charCodeAt(at);
  // The first digit of a NIR: 1 or 2, 3 or 4 (born abroad, temporary), 7 or 8 (temporary).
  if (single >= 13 && (first === 49 || first === 50 || first === 51 || first === 52 || first === 55 || first === 56)) {
    // "1 4 2 3 … 3 0 9 0 1 1 9 8 7": NIR then a birth date ddmmyyyy, both in boxes; the form's own date may come
    // first ("1 5 0 3 2 0 2 4 4 5 2 4 … 1 5 0 3 1 9 8 5": date, NIR, birth date).
    let from = 0;
    let to = single;
    // (A NIR of 12 digits at least: 12 + 8 boxes.)
    const trailing = trailingBoxDate(groups.digits, single);
    if (trailing) to = single - trailing;
    if (to >= 20 && isDdMmYyyy(groups.digits.slice(0, 8))) from = 8;
    const end = groups.ends[from + Math.min(to - from, 15) - 1]!;
    add(type, groups.starts[from]!, end);
    // « 1 2 0 5 1 9 7 8 1 4 2 3 … »: one date only, right before the NIR, is its holder's birth date.
    if (from === 8 && to === single) add('DATE_NAISSANCE', groups.starts[0]!, groups.ends[7]!);
    if (to < single) {
      add('DATE_NAISSANCE', groups.starts[to]!, groups.ends[single - 1]!);
      return groups.ends[single - 1]! - at;
    }
    return end - at;
  }
  return corsicanNirAt(text, at, add);
}

/**
 * After a NIR in boxes (12 digits at least), a birth date in boxes ending the run: ddmmyyyy (8), or ddmmyy (6) when
 * the run is too long for a NIR and ddmmyyyy does not read; its number of digits, or 0.
 */
function trailingBoxDate(digits: string, boxes: number): number {
  if (boxes >= 20 && isDdMmYyyy(digits.slice(boxes - 8, boxes))) return 8;
  if (boxes >= 18) {
    const d = digits.slice(boxes - 6, boxes);
    const day = Number(d.slice(0, 2));
    const month = Number(d.slice(2, 4));
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) return 6;
  }
  return 0;
}

/** « 12 05 1978 » (a year 19xx or 20xx), « 1 2 / 0 5 / 1 9 7 8 » (boxes with marks), at the start of a text. */
const SPACED_OR_BOXED_DATE_AT_RE =
  /^(?:(?:0?[1-9]|[12]\d|3[01])[ \t\u00A0](?:0?[1-9]|1[0-2])[ \t\u00A0](?:19|20)\d\d(?!\d)|\d ?\d ?[\/.\-] ?\d ?\d ?[\/.\-] ?\d ?\d ?\d ?\d(?![ \d]))/;
/**
 * The groups of a number read from a NIR's first digit, cut before a whole date that follows it on the line (« N° SS :
 * 1 85 05 75 123 456 12/05/1978 »: a NIR of 13 digits, then the birth date, whose day the NIR would otherwise take): a
 * group that starts dd/mm/yyyy (any mark), or an eight-digit group ddmmyyyy, after twelve digits at least.
 */
function dateCut(text: string, groups: DigitGroups): DigitGroups {
  if (groups.digits.length <= 12) return groups;
  let digits = 0;
  for (let k = 0; k < groups.starts.length; k++) {
    const s = groups.starts[k]!;
    const n = groups.ends[k]! - s;
    if (digits >= 12 && k > 0) {
      const blankGap = /^[ \t\u00A0]+$/.test(text.slice(groups.ends[k - 1]!, s));
      const date = n <= 2 ? WHOLE_DATE_AT_RE.test(text.slice(s, s + 11)) || SPACED_OR_BOXED_DATE_AT_RE.test(text.slice(s, s + 24)) : n === 8 && isDdMmYyyy(text.slice(s, s + 8));
      if (blankGap && date)
        return { digits: groups.digits.slice(0, digits), starts: groups.starts.slice(0, k), ends: groups.ends.slice(0, k) };
    }
    digits += n;
  }
  return groups;
}

/**
 * The published structure of a NIR's first seven digits: sex (1, 2; 3, 4, 7, 8 for foreigners and temporary numbers),
 * year, month (01–12, or 20–42 and 50–99 when unknown or recorded late), département (01–95, 2A/2B read as digits
 * elsewhere, 97/98 overseas, 99 born abroad; 96 no longer issued).
 */
function nirStructure(digits: string): boolean {
  const sex = digits.charCodeAt(0) - 48;
  if (!(sex === 1 || sex === 2 || sex === 3 || sex === 4 || sex === 7 || sex === 8)) return false;
  const month = Number(digits.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || (month >= 50 && month <= 99))) return false;
  const dept = Number(digits.slice(5, 7));
  return dept >= 1 && dept !== 96;
}

/** NIR-shaped numbers (13 or 15 digits, the published structure) nirAt did not take, per text: decided once the
 * names are known (nirsAfterNames). */
let nirPending: { text: string; spans: number[] } = { text: '', spans: [] };

/** « DUPONT Jean 1 85 05 78 006 084 99 »: a NIR-shaped number right after a person's name (whatever its key, as in
 * an identity row) is the person's NIR; so is one written in a NIR's own layout (a mistyped key must not let it
 * leave), unless a doctor's name comes just before it, or the words before or after it, or its column's header, name
 * another kind of number (« Réf », « (référence de commande) », « | Commande | »); added. */
function nirsAfterNames(text: string, persons: Array<[number, number]>, add: (t: EntityType, s: number, e: number) => void): void {
  if (nirPending.text !== text) return;
  const spans = nirPending.spans;
  nirPending = { text: '', spans: [] };
  let pi = 0;
  for (let k = 0; k < spans.length; k += 3) {
    const start = spans[k]!;
    const end = spans[k + 1]!;
    while (pi < persons.length && persons[pi]![1] <= start) pi++;
    const prev = pi > 0 ? persons[pi - 1] : undefined;
    const afterName = prev !== undefined && start - prev[1] <= 6 && /^[ \t\u00A0,;:|\-–]*$/.test(text.slice(prev[1], start));
    if (afterName && DOCTOR_BEFORE_RE.test(text.slice(Math.max(0, prev[0] - 16), prev[0]))) continue;
    if (afterName || (spans[k + 2] === 1 && !otherNumberAround(text, start, end))) add('NIR', start, end);
  }
}

/** The words before or after a number, or its column's header, say it is another kind of number. */
function otherNumberAround(text: string, start: number, end: number): boolean {
  const lineStart = lineStartAt(text, start - 1);
  if (NOT_PERSONAL_NUMBER_RE.test(text.slice(Math.max(lineStart, start - 40), start))) return true;
  if (NOT_PERSONAL_AFTER_RE.test(text.slice(end, end + 30))) return true;
  return columnHeader(text, start, NOT_PERSONAL_HEADER_RE);
}
const NOT_PERSONAL_WORDS = 'FINESS|RPPS|ADELI|SIRE[TN]|lot|commande|facture|r[ée]f[ée]rence|r[ée]f\\.?|code|CIP|UCD|EAN|montant|ticket|suivi|colis|tracking|order|invoice';
const NOT_PERSONAL_AFTER_RE = new RegExp(`^[ \\t\\u00A0]*[(\\[,:–\\-]?[ \\t\\u00A0]*(?:${NOT_PERSONAL_WORDS})(?![a-zà-ÿ])`, 'i');
const NOT_PERSONAL_HEADER_RE = new RegExp(`^(?:n[°º]?${SP}*(?:de${SP}+)?)?(?:${NOT_PERSONAL_WORDS})`, 'i');
/** The header of a table column of social-security numbers. */
const NIR_HEADER_RE = /^(?:n[°º]?\s*(?:de\s*)?(?:ss|s\.s\.?|s[ée]cu(?:rit[ée] sociale)?|nir|nss|insee|immatriculation)|nir|nss|ssn|ins|insee|matricule|immatriculation|s[ée]curit[ée] sociale|n[°º]? assur[ée]e?|assur[ée]\(?e?\)?)$/i;

/** 13 or 15 digits with the context just after them: « 1 84 12 75 123 456 99 (n° de sécurité sociale) ». */
function nirContextAfter(text: string, groups: DigitGroups, count: number): boolean {
  if (count !== 13 && count !== 15) return false;
  const end = groups.ends[groups.ends.length - 1]!;
  const lineEnd = text.indexOf('\n', end);
  return NIR_CONTEXT_AFTER_RE.test(text.slice(end, Math.min(lineEnd < 0 ? text.length : lineEnd, end + 30)));
}
const NIR_CONTEXT_AFTER_RE = new RegExp(`^[ \\t\\u00A0]*[(,:–\\-]?[ \\t\\u00A0]*(?:[Nn][°º]|[Nn]um[ée]ro)?[^\\n\\d]{0,6}?(?:${NIR_CONTEXT_RE.source})`);

/** A numeric date dd/mm/yyyy with one mark twice, ending there (not « 1.85.05.78 … », a NIR written with dots). */
const WHOLE_DATE_AT_RE = /^\d{1,2}([\/.\-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d\/.\-])/;

const NAMED_KEY_AFTER_RE = /^[ \t\u00A0]*(?:[-–\/][ \t\u00A0]*)?(?:(?:[Cc]l[ée]|CL[ÉE]|[Kk]ey)[ \t\u00A0]*:?[ \t\u00A0]*\d{2}|\((?:(?:[Cc]l[ée]|CL[ÉE]|[Kk]ey)[ \t\u00A0]*:?[ \t\u00A0]*)?\d{2}\))(?!\d)/;

/** Every gap between the groups is one dot. */
function dotsOnly(text: string, groups: DigitGroups): boolean {
  for (let k = 1; k < groups.starts.length; k++) if (groups.starts[k]! - groups.ends[k - 1]! !== 1 || text.charCodeAt(groups.ends[k - 1]!) !== 46) return false;
  return true;
}

/** Number of spaces and tabs from `from` up to `to`, stopping at the first other character. */
function leadingBlanks(text: string, from: number, to: number): number {
  let p = from;
  while (p < to && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 160)) p++;
  return p - from;
}

/**
 * Without a context, the groups must fall where a NIR's parts end (sex 1, year 3, month 5, département 7, commune
 * 10, order 13, key 15; the département and commune may be written together): a random run of a numeric table with a
 * valid key by chance (one in 97) is not taken for one.
 */
function nirGrouping(groups: { starts: number[]; ends: number[]; digits: string }, digits: number): boolean {
  // Overseas (971–978) and Monaco-style (98x) départements have three digits and a commune of two: « 2 82 03 971 12 … ».
  const overseas = groups.digits.charCodeAt(5) === 57 && (groups.digits.charCodeAt(6) === 55 || groups.digits.charCodeAt(6) === 56);
  let count = 0;
  for (let k = 0; k < groups.starts.length && count < digits; k++) {
    count += groups.ends[k]! - groups.starts[k]!;
    if (count < digits && count !== 1 && count !== 3 && count !== 5 && count !== 7 && count !== 10 && count !== 13 && !(overseas && count === 8)) return false;
  }
  return true;
}

function corsicanNirAt(text: string, at: number, add: (t: EntityType, s: number, e: number) => void): number {
  NIR_RE.lastIndex = at;
  const m = NIR_RE.exec(text);
  const whole = m !== null && /[AaBb]/.test(m[0]);
  // « N° SS : 2 85 03 2B 123 456 - 78 », « INS : 1 76 05 2A 004 012 (45) », or no key at all: the number without its
  // key, hidden with a social-security context only (no key to check), as for the other départements.
  let body: RegExpExecArray | null = null;
  if (!whole) {
    CORSICAN_NIR_BODY_RE.lastIndex = at;
    body = CORSICAN_NIR_BODY_RE.exec(text);
    if (!body) return 0;
  }
  const lineStart = lineStartAt(text, at - 1);
  const before = text.slice(Math.max(lineStart, at - 60), at);
  const ins = INS_CONTEXT_RE.test(before);
  if (whole) {
    if (!nirKeyValid(m[0]) && !ins && !NIR_CONTEXT_RE.test(before)) return 0;
    add(ins ? 'INS' : 'NIR', at, at + m[0].length);
    return m[0].length;
  }
  if (!ins && !NIR_CONTEXT_RE.test(before)) return 0;
  let end = at + body![0].length;
  const rest = text.slice(end, end + 16);
  const key = KEY_APART_RE.exec(rest) ?? NAMED_KEY_AFTER_RE.exec(rest);
  if (key) end += key[0].length;
  add(ins ? 'INS' : 'NIR', at, end);
  return end - at;
}
/** A NIR of Corsica (2A, 2B) without its key: sex, year, month, département, commune, order. */
const CORSICAN_NIR_BODY_RE = /[1-478][ .\-]?\d{2}[ .\-]?\d{2}[ .\-]?2[AaBb][ .\-]?\d{3}[ .\-]?\d{3}(?![\dA-Za-z])/y;
/** The key set apart after a dash or a slash: « … 456 - 78 », « … 456 / 78 ». */
const KEY_APART_RE = /^[ \t\u00A0]*[-–\/][ \t\u00A0]*\d{2}(?![\dA-Za-z])/;

/** A phone number starting at `at` ("0…", "+…", "(+…", "00…"), added; its length, or 0. */
function telAt(text: string, at: number, add: (t: EntityType, s: number, e: number) => void): number {
  const before = at > 0 ? text.charCodeAt(at - 1) : 32;
  if ((before === 43 && text.charCodeAt(at) !== 43) || isWordChar(before)) return 0; // inside a longer number or word
  TEL_RE.lastIndex = at;
  const m = TEL_RE.exec(text);
  // "(+41 22 …)": only "(+33)" belongs to the number; otherwise the number starts after the parenthesis.
  if (!m) {
    const n = telGrammarAt(text, at);
    if (n) {
      add('TEL', at, at + n);
      return n;
    }
    return text.charCodeAt(at) === 40 ? telAt(text, at + 1, add) : 0;
  }
  // "(+33 6 …" without its closing parenthesis: the parenthesis is not part of the number.
  const start = m[0].charCodeAt(0) === 40 && m[0].indexOf(')') < 0 ? at + 1 : at;
  add('TEL', start, at + m[0].length);
  return m[0].length;
}

/**
 * A phone number by its grammar, when TEL_RE (one separator throughout, pairs of digits) did not match: a French
 * number (0 and 9 digits, or +33 / 0033 / (33) / (+33), maybe (0), and 9 digits) in groups of any size separated by
 * spaces of any kind or dots (`0 969 32 15 48`, `01 2048 3632`, `06.45.0945.87`, `06 12 34 56 78` with U+202F);
 * its length, or 0. Not after a number ("1Z 999 AA1 01 2345 6784" is a tracking number).
 */
function telGrammarAt(text: string, at: number): number {
  let p = at;
  let c = text.charCodeAt(p);
  let national = 0; // digits expected after the prefix
  if (c === 48 && text.charCodeAt(p + 1) !== 48) national = 10;
  else {
    if (c === 40) c = text.charCodeAt(++p); // "(+33)", "(33)"
    if (c === 43) {
      c = text.charCodeAt(++p);
      if (c === 32) c = text.charCodeAt(++p); // "+ 33 1 …"
    }
    else if (c === 48 && text.charCodeAt(p + 1) === 48) {
      p += 2;
      if (isNumberSpace(text.charCodeAt(p))) p++; // "00 33 6 …"
      c = text.charCodeAt(p);
    }
    if (c !== 51 || text.charCodeAt(p + 1) !== 51) return 0;
    p += 2;
    if (text.charCodeAt(p) === 41) p++;
    while (isNumberSpace(text.charCodeAt(p)) || text.charCodeAt(p) === 46) p++;
    if (text.startsWith('(0)', p)) {
      p += 3;
      while (isNumberSpace(text.charCodeAt(p))) p++;
    } else if (text.charCodeAt(p) === 48 && text.charCodeAt(p + 1) >= 49 && text.charCodeAt(p + 1) <= 57) p++; // "+33 06 12 …": the national 0 kept

    if (!(text.charCodeAt(p) >= 49 && text.charCodeAt(p) <= 57)) return 0;
    national = 9;
  }
  if (national === 10) {
    let q = at - 1;
    while (q >= 0 && isNumberSpace(text.charCodeAt(q))) q--;
    if (q >= 0 && q < at - 1 && (text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57)) return 0;
  }
  const groups = readDigitGroups(text, p, national + 1, 'phone');
  // "0 6 1 2 3 4 5 6 7 8": a national number in the boxes of a form (or spaced out by a PDF extraction), alone.
  if (national === 10 && groups.digits.length === 10 && leadingSingleDigits(groups) === 10 && !moreDigitsAfter(text, groups.ends[9]!)) return groups.ends[9]! - at;
  if (groups.starts.length > 6 || leadingSingleDigits(groups) >= 4) return 0;
  // Dashes between groups of pairs or triples only ("06-12-34-56.78"): "01-02-2024 12:30" is a date and a time.
  for (let k = 1; k < groups.starts.length; k++)
    if (text.slice(groups.ends[k - 1]!, groups.starts[k]!).search(/[-–]/) >= 0 && groups.ends.some((e, j) => e - groups.starts[j]! > 3)) return 0;
  // "0 800 130 000": the official writing of a free or special-rate service number, nobody's own line.
  if (national === 10 && groups.ends[0]! - groups.starts[0]! === 1 && groups.digits.charCodeAt(1) === 56) return 0;
  const end = endAfterDigits(groups, national);
  if (end > 0) return end - at;
  // A British national number: 0 and 10 digits, grouped 3-4-4, 4-3-4, 5-6 or 5-3-3 ("020 7946 0958", "07700 900123").
  if (national === 10 && groups.digits.length === 11 && !isDigit(text.charCodeAt(groups.ends[groups.ends.length - 1]!))) {
    const sizes = groups.starts.map((s, k) => groups.ends[k]! - s).join('-');
    if (sizes === '3-4-4' || sizes === '4-3-4' || sizes === '5-6' || sizes === '5-3-3') return groups.ends[groups.ends.length - 1]! - at;
  }
  return 0;
}

/** The type of the file number `at` when the word just before it (past blanks, a colon, « n° », « # ») labels a
 * patient's or a stay's file number: IPP, or NDA for a stay. */
function fileLabelTypeBefore(text: string, at: number): 'IPP' | 'NDA' | undefined {
  let p = at;
  const floor = Math.max(0, at - 16);
  while (p > floor) {
    const c = text.charCodeAt(p - 1);
    // Blanks, « : », « # », « ° », « - », and brackets around the label (« Numéro d'identification (IPP) : »).
    if (c === 32 || c === 160 || c === 9 || c === 58 || c === 35 || c === 176 || c === 186 || c === 45 || c === 40 || c === 41) p--;
    else break;
  }
  // « n° »: the n before the degree sign.
  if (p < at && (text.charCodeAt(p) === 176 || text.charCodeAt(p) === 186) && p > 0 && (text.charCodeAt(p - 1) | 32) === 110) {
    p--;
    while (p > floor && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160)) p--;
  }
  const end = p;
  while (p > 0 && end - p < 12 && isLetter(text.charCodeAt(p - 1))) p--;
  if (end === p || (p > 0 && isLetter(text.charCodeAt(p - 1))) || !FILE_NUMBER_LABELS.hasRange(text, p, end)) return undefined;
  return STAY_NUMBER_LABELS.hasRange(text, p, end) ? 'NDA' : 'IPP';
}
const STAY_NUMBER_LABELS = new WordList(['nda', 'dossier', 'séjour', 'sejour', 'venue', 'admission', 'visite']);
const FILE_NUMBER_LABELS = new WordList(['ipp', 'ip', 'nip', 'nda', 'mrn', 'pid', 'dossier', 'séjour', 'sejour', 'venue', 'admission', 'visite', 'identifiant']);

/** A French number with its national 0 or its area code in brackets: « (0)1 42 16 00 00 », « (01) 42 16 00 00 ». */
const PAREN_NATIONAL_RE = /\((?:0\)[ \u00A0]?[1-9]|0[1-9]\))(?:[ .\u00A0\u202F]?\d){8}(?!\d)/y;
/** A French number in five pairs with one separator throughout (« 06 12 34 56 78 », « 01.42.16.00.00 »). */
const GLUED_TEL_RE = /0[1-9]([ .\-\u00A0\u202F])\d{2}(?:\1\d{2}){3}(?!\d)/y;
const NORTH_AMERICAN_RE = /^\d{3}\)?[ .\-]?\d{3}-\d{4}(?!\d)/;
const PHONE_CONTEXT_RE =
  /(?<![A-Za-zÀ-ÿ])(?:[Tt][ée]l[ée]phon\w*|T[ÉE]L[ÉE]PHON\w*|[Tt][ée]l\.?|T[ÉE]L\.?|[Pp]hone|PHONE|[Ff]ax|FAX|[Pp]ortable|[Mm]obile|GSM|[Jj]oignables?|[Aa]ppele[rz]|[Ss]tandard|[Pp]oste|[Cc]ell|[Cc]all|[Rr]ing|[Nn]umber)(?![a-zé])[^\n\d]{0,24}$/;

/** Digits, in groups, of a number after a phone word, or shaped (NNN) NNN-NNNN; its length, or 0. */
function phoneByContextAt(text: string, at: number): number {
  // "(205) 276-2043", "205-276-2043".
  if (text.charCodeAt(at - 1) === 40 || text.charCodeAt(at + 3) === 45) {
    const na = NORTH_AMERICAN_RE.exec(text.slice(at, at + 14));
    if (na) return na[0].length;
  }
  // Phones are grouped with spaces or dots, never slashes: "12/03/2024" stops at once.
  const groups = readDigitGroups(text, at, 14, 'dot');
  const count = groups.digits.length;
  if (count < 8 || count > 13 || isDigit(text.charCodeAt(groups.ends[groups.ends.length - 1]!))) return 0;
  const end = groups.ends[groups.ends.length - 1]!;
  // « (consultation téléphonique) … né le 24.06.1971 »: a date's grouping (2, 2, 4) is a date, not a phone.
  if (count === 8 && groups.starts.length === 3 && groups.ends[0]! - groups.starts[0]! === 2 && groups.ends[2]! - groups.starts[2]! === 4 && isDdMmYyyy(groups.digits)) return 0;
  const before = text.slice(Math.max(0, at - 40), at);
  const context = PHONE_CONTEXT_RE.exec(before);
  if (!context) return 0;
  // "Order number 45001234", "Serial number SN 2109887766": "number" after a word of a thing's number is no phone's.
  if ((context[0].charCodeAt(0) | 32) === 110 && NOT_PERSONAL_NUMBER_RE.test(before)) return 0;
  // "hospital number 80012345", « numéro de dossier »: the word "number" of an identifier's label, not a phone's.
  const id = ID_CONTEXT_RE.exec(before);
  return id && (id[1] || id[2]) ? 0 : end - at;
}

/** A postal address starting at `at` (its street number), added. */
function addressAt(text: string, at: number, add: (t: EntityType, s: number, e: number) => void): void {
  ADDRESS_RE.lastIndex = at;
  const m = ADDRESS_RE.exec(text);
  if (!m) return;
  let value = m[0];
  // After the postcode, « Le », « La », « Les » start the next sentence (« … 75002 Paris Le patient … »); before it, they
  // are part of the street's name.
  const postcode = m[1] ? value.lastIndexOf(m[1]) : -1;
  const streetStop = STREET_STOP_RE.exec(postcode >= 0 ? value.slice(0, postcode) : value);
  if (streetStop) value = value.slice(0, streetStop.index);
  else if (postcode >= 0) {
    const cityStop = CITY_STOP_RE.exec(value.slice(postcode));
    if (cityStop) value = value.slice(0, postcode + cityStop.index);
  }
  value = value.replace(STREET_TRAILING_RE, '').replace(/[ \t\u00A0,\r\n]+$/, '');
  // "3 cours de la matinée" leaves only the type of street: not an address.
  if (!STREET_HAS_NAME_RE.test(value)) return;
  if (!m[1] && commonNounStreet(text, at, value)) return;
  let end = at + value.length;
  // « 7 impasse du Moulin, Saint-Jean-de-Luz (64500) »: the city, then its postcode in brackets.
  const city = m[1] || !bracketSoonAfter(text, end) ? null : CITY_POSTCODE_AFTER_RE.exec(text.slice(end, end + 80));
  end = city ? end + city[0].length : end + foreignTail(text, end);
  add('ADRESSE', complementsBefore(text, at), end);
}
/** An opening bracket within 80 characters after `p`, on its line (the cheap test before CITY_POSTCODE_AFTER_RE). */
function bracketSoonAfter(text: string, p: number): boolean {
  for (let q = p; q < text.length && q < p + 80; q++) {
    const c = text.charCodeAt(q);
    if (c === 40) return true;
    if (c === 10) return false;
  }
  return false;
}
const CITY_POSTCODE_AFTER_RE = new RegExp(`^,?${SP}+${CITY}${SP}*\\(\\d{5}\\)`);
/** What may come before the street on the line, comma-separated: the flat, the building, the residence. */
const COMPLEMENT_BEFORE_RE = new RegExp(
  `(?:^|[^${L}])((?:Appt?\\.?|APPT\\.?|Appartement|Apt\\.?|Bât\\.?|BÂT\\.?|Bâtiment|Batiment|Bat\\.|Esc\\.?|Escalier|Étage|Etage|Porte|Résidence|RÉSIDENCE|Residence|Rés\\.|Lotissement|Immeuble|Imm\\.|Cité|Villa|Hameau|Flat|Apartment)${SP}[^,\\n;:()]{1,40}?)${SP}*,${SP}*$`,
);
/** The start of an address found at `at`, moved back over up to three complements before it (« Résidence Les
 * Tilleuls, Bât. B, Appt 24, 3 rue Pasteur »). */
function complementsBefore(text: string, at: number): number {
  // (A comma before the number, blanks aside: the cheap test before the pattern.)
  let q = at;
  while (q > 0 && isBlankCode(text.charCodeAt(q - 1))) q--;
  if (text.charCodeAt(q - 1) !== 44) return at;
  const lineStart = lineStartAt(text, at - 1);
  for (let k = 0; k < 3 && at - lineStart >= 4; k++) {
    const from = Math.max(lineStart, at - 60);
    const m = COMPLEMENT_BEFORE_RE.exec(text.slice(from, at));
    if (!m) break;
    at = from + m.index + m[0].indexOf(m[1]!);
  }
  return at;
}

/** « 1 passage aux urgences »: a type of street that is a common noun, a name all in lower case, no postcode, and
 * no word introducing an address before the number. */
function commonNounStreet(text: string, at: number, value: string): boolean {
  const type = /^\d{1,4}(?:[ \t\u00A0]?(?:bis|ter|quater|BIS|TER|[A-Da-d])(?![a-zA-Z]))?,?[ \t\u00A0]+([^ \t\u00A0'’]+)/.exec(value);
  if (!type || !COMMON_NOUN_VOIES.has(type[1]!.toLowerCase())) return false;
  if (/[A-ZÀ-ÖØ-ÞŒ]/.test(value.slice(type[0].length))) return false;
  const lineStart = lineStartAt(text, at - 1);
  return !ADDRESS_CUE_BEFORE_RE.test(text.slice(Math.max(lineStart, at - 30), at));
}

const WORDS_STREET_BEFORE_RE = new RegExp(
  `(?:^|[^${L}])(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent)(?:[ -](?:et|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|vingt|cent))*${SP}+(?:${VOIE})${SP}+[^\\n\\d]{2,40}?,?${SP}*$`,
  'i',
);
const CITY_AT_RE = new RegExp(CITY, 'y');
/** Before a postcode, a street with no number (« Rue de la Paix, 75002 Paris », « Lieu-dit Le Bourg, 24310 … »,
 * « ZI des Paluds 13400 … »), maybe with a post-office box (« BP 123 », « CS 70001 », « TSA 1234 »), or the box alone
 * (« BP 123, 59037 Lille Cedex »). Group 1 or 2 runs from the street (or box) to the postcode. */
const BOX = `(?:BP|B\\.P\\.|CS|TSA)${SP}*\\d{1,6}`;
const POSTCODE_GAP = `(?:${SP}*[,\\-–]${SP}*|${SP}*\\r?\\n${SP}*|${SP}+)`;
const POSTCODE_STREET_WORDS = new WordList(['bp', 'cs', 'tsa', 'zi', 'za', 'zac', 'zone', 'b', 'p', 'z', 'i', 'a']);
const STREET_BEFORE_POSTCODE_RE = new RegExp(
  `(?:^|[^${L}0-9.])(?:((?:${VOIE}|ZI|ZA|ZAC|Z\\.I\\.|Z\\.A\\.|[Zz]one${SP}+(?:[Ii]ndustrielle|[Aa]rtisanale|d['’][Aa]ctivit[ée]s?))(?:${SP}+${STREET_PART}|(?<=['’])${STREET_PART}){1,6}${POSTCODE_GAP}(?:${BOX}${POSTCODE_GAP})?)|(${BOX}${POSTCODE_GAP}))$`,
);

/** Before a postcode, a street number and a name with no type of street (« Adresse : 22 Grande Rue 69003 Lyon »,
 * « 22 Le Bourg 24310 Brantôme »), at the start of a line or a field, or after a word introducing an address. Group 1
 * runs from the number to the postcode. */
const NUMBERED_BEFORE_POSTCODE_RE = new RegExp(
  `(?:^|[,:;(]|(?<![${L}])(?:au|à|chez|[Hh]abite|[Dd]emeurant|[Dd]omicili[ée]e?|[Dd]omicile|[Rr][ée]side|[Rr][ée]sidant|[Aa]dresse|ADRESSE|[Aa]ddress))${SP}*` +
    `(\\d{1,4}(?:${SP}?(?:bis|ter|BIS|TER)(?![${L}]))?,?${SP}+(?:[dlDL]['’])?${LOOSE_WORD}(?:${SP}+${STREET_PART}){0,4}${POSTCODE_GAP})$`,
);

/** A postcode at `at` (five digits, `end`), followed by a city, with a street without number or a box before it. */
function streetBeforePostcode(text: string, at: number, end: number, add: (t: EntityType, s: number, e: number) => void): void {
  if (text.charCodeAt(end) !== 32 || !isLatinCapital(text.charCodeAt(end + 1))) return;
  const lineStart = lineStartAt(text, at - 1);
  // The street may be on the line above the postcode.
  const from = Math.max(lineStart > 0 && at - lineStart < 2 ? lineStartAt(text, lineStart - 2) : lineStart, at - 80);
  // Cheap test first: a type of street, a box or a zone among the words before (read back by hand, one look-up each).
  let seen = false;
  for (let p = at - 1; p >= from && !seen; ) {
    while (p >= from && !isLetter(text.charCodeAt(p))) p--;
    const e = p + 1;
    while (p >= from && (isLetter(text.charCodeAt(p)) || text.charCodeAt(p) === 45)) p--;
    const s = p + 1;
    seen = e > s && (VOIE_LIST.hasRange(text, s, e) || shortVoieAt(text, s, e) || capsVoieAt(text, s, e) || (text.charCodeAt(e) === 46 && VOIE_LIST.hasRange(text, s, e + 1)) || POSTCODE_STREET_WORDS.hasRange(text, s, e));
  }
  let street = '';
  if (seen) {
    const m = STREET_BEFORE_POSTCODE_RE.exec(text.slice(from, at));
    if (m && (!m[1] || STREET_HAS_NAME_RE.test(m[1]))) street = m[1] ?? m[2]!;
  }
  // « 22 Grande Rue 69003 Lyon »: the type of street may be the name itself.
  if (!street) {
    const m = NUMBERED_BEFORE_POSTCODE_RE.exec(text.slice(lineStart > at - 80 ? lineStart : at - 80, at));
    if (!m) return;
    street = m[1]!;
  }
  CITY_AT_RE.lastIndex = end + 1;
  const city = CITY_AT_RE.exec(text);
  let cityEnd = end;
  if (city) {
    const stop = CITY_STOP_RE.exec(city[0]);
    cityEnd = end + 1 + (stop ? stop.index : city[0].length);
  }
  add('ADRESSE', at - street.length, cityEnd);
}

/** English street types, after the street's name ("221B Baker Street", "4500 Sherbrooke St W"). */
const EN_STREET_TYPES =
  'Street|St\\.?|Road|Rd\\.?|Avenue|Ave\\.?|Lane|Ln\\.?|Drive|Boulevard|Blvd\\.?|Way|Close|Crescent|Cres\\.?|Place|Square|Court|Ct\\.?|Terrace|Gardens|Grove|Hill|Park|Row|Mews|Parkway|Highway|Hwy\\.?|Walk|Circle';
const EN_ADDRESS_RE = new RegExp(
  `\\d{1,5}[A-Za-z]?,?${SP}+(?:[${UP}][${L}'’\\-]{1,25}${SP}+){1,4}(?:${EN_STREET_TYPES})(?![${L}])(?:${SP}+(?:North|South|East|West|N|S|E|W|NE|NW|SE|SW|Ouest|Est|Nord|Sud)(?![${L}]))?`,
  'y',
);
/** German, Swiss, Austrian, Dutch streets: the type glued to the name, the number after ("Schlussstraße 13"). */
const GERMAN_STREET_BEFORE_RE = /^[A-ZÄÖÜ][A-Za-zäöüß\-]{1,30}(?:stra(?:ss|ß)e|Strasse|Straße|str\.|weg|gasse|platz|allee|ring|damm|straat|laan|gracht)[ \u00A0]$/;
/**
 * What follows a street abroad: a city, maybe a province ("(Québec)", ", ON") and a postcode (UK "NW1 6XE", Canada
 * "H3G 1P1", or 4–5 digits before the city in Europe): its length, or 0 when there is no postcode.
 */
const FOREIGN_CITY = `[${UP}][${L}'’\\-]*(?:${SP}+[${UP}][${L}'’\\-]*){0,2}`;
const FOREIGN_TAIL_RE = new RegExp(
  `,?${SP}*(?:\\r?\\n${SP}*)?(?:(?:Suite|Apt\\.?|Apartment|Unit|Flat|Floor|Bureau|#)${SP}*[A-Z0-9]{1,5},?${SP}*)?(?:` +
    // UK and Canada: a city, maybe a province ("(Québec)", ", ON", ", Ontario"), the postcode.
    `${FOREIGN_CITY}(?:${SP}*\\([^)\\n]{2,20}\\)|,?${SP}*[A-Z]{2}(?![A-Za-z])|,${SP}*[${UP}][${LO}]+(?:${SP}+[${UP}][${LO}]+)?)?,?${SP}*(?:[A-Z]{1,2}\\d[A-Z\\d]?${SP}?\\d[A-Z]{2}|[A-Z]\\d[A-Z]${SP}?\\d[A-Z]\\d)(?![A-Za-z0-9])` +
    // United States: a city, the state's two letters, the ZIP code.
    `|${FOREIGN_CITY},?${SP}*[A-Z]{2}${SP}+\\d{5}(?:-\\d{4})?(?!\\d)` +
    // Continental Europe: the postcode (maybe "CH-", "B-") before the city.
    `|(?:[A-Z]{1,2}-)?(?:\\d{4}-\\d{3}|\\d{4,5})${SP}+[${UP}][${L}'’\\-]+(?:${SP}+[${UP}][${L}'’\\-]+)?)`,
  'y',
);
const STREET_FIRST_TYPES = 'Rue|Avenue|Av\\.|Boulevard|Bd|Chemin|Route|Place|Quai|Chaussée|Allée|Drève|Square|Clos|Via|Viale|Corso|Piazza|Calle|Avenida|Plaza|Paseo|Carrer|Rua|Travessa|Largo';
const STREET_FIRST_BEFORE_RE = new RegExp(
  `(?:^|[^${L}])((?:${STREET_FIRST_TYPES})(?:${SP}+(?:[${UP}][${L}'’\\-]*|(?:de|du|des|la|le|di|del|della|de la|da|do|dos)(?![${L}])|[dlDL]['’][${UP}][${L}'’\\-]*)){1,5}${SP}+)$`,
);
function foreignTail(text: string, at: number): number {
  FOREIGN_TAIL_RE.lastIndex = at;
  const m = FOREIGN_TAIL_RE.exec(text);
  return m ? m[0].length : 0;
}

/** An address abroad starting at `at` (its street number), English-style; added. */
function englishAddressAt(text: string, at: number, add: (t: EntityType, s: number, e: number) => void): boolean {
  EN_ADDRESS_RE.lastIndex = at;
  const m = EN_ADDRESS_RE.exec(text);
  if (!m) return false;
  const end = at + m[0].length;
  add('ADRESSE', at, end + foreignTail(text, end));
  return true;
}

/**
 * Every family with digits (IBAN, NIR/INS, phones, addresses, birth dates, IPP/NDA) starts at, or just before, a run
 * of digits: one scan finds the runs and tries each family's sticky pattern there, with its context looked for in
 * the few characters before. Much cheaper than one regex pass per family over the whole text.
 */
const DIGITS_RE = /\d+/g;

function findDigitAnchored(text: string, add: (t: EntityType, s: number, e: number) => void, dates: number[]): void {
  const len = text.length;
  let valueEnd = -1;
  let structuredEnd = -1;
  let dateEnd = -1;
  // test() with a global regex moves lastIndex to the end of each run of digits without allocating a match.
  DIGITS_RE.lastIndex = 0;
  while (DIGITS_RE.test(text)) {
    const runEnd = DIGITS_RE.lastIndex;
    let i = runEnd - 1;
    while (i > 0 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) i--;
    const c = text.charCodeAt(i);
    const b = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (i < structuredEnd || i < dateEnd) {
      // Inside a phone, NIR, IBAN or date already found: on to its end, past the run of digits that crosses it (the
      // scan does not stop at each of its runs).
      let to = structuredEnd > dateEnd ? structuredEnd : dateEnd;
      if (to > runEnd) {
        while (to < len && isDigit(text.charCodeAt(to)) && isDigit(text.charCodeAt(to - 1))) to++;
        DIGITS_RE.lastIndex = to;
      }
      continue;
    }
    // IBAN: two capital letters, then the check digits.
    if (i >= 2 && isCapital(b) && isCapital(text.charCodeAt(i - 2)) && (i < 3 || !isWordChar(text.charCodeAt(i - 3)))) {
      const n = ibanAt(text, i - 2);
      if (n) {
        add('IBAN', i - 2, i - 2 + n);
        structuredEnd = i - 2 + n;
        continue;
      }
    }
    if (!isWordChar(b)) {
      // NIR: first digit 1, 2 (3, 4, 7, 8 for temporary numbers).
      if (c === 49 || c === 50 || c === 51 || c === 52 || c === 55 || c === 56) {
        const n = nirAt(text, i, add, structuredEnd);
        if (n) {
          structuredEnd = i + n;
          continue;
        }
      }
      // « (0)1 42 16 00 00 », « (01) 42 16 00 00 »: the national 0 or the area code in brackets.
      if (b === 40 && c === 48) {
        PAREN_NATIONAL_RE.lastIndex = i - 1;
        const m = PAREN_NATIONAL_RE.exec(text);
        if (m) {
          add('TEL', i - 1, i - 1 + m[0].length);
          structuredEnd = i - 1 + m[0].length;
          continue;
        }
      }
      // Phones: 0X…, 00CC…, +CC…, (+CC)…, « + 33 … » (a space after the plus).
      let telStart = -1;
      if (c === 48) telStart = i;
      else if (b === 43) telStart = i >= 2 && text.charCodeAt(i - 2) === 40 ? i - 2 : i - 1;
      else if (b === 32 && i >= 2 && text.charCodeAt(i - 2) === 43 && c === 51 && text.charCodeAt(i + 1) === 51) telStart = i - 2;
      else if (b === 40 && c === 51 && text.charCodeAt(i + 1) === 51 && text.charCodeAt(i + 2) === 41) telStart = i - 1; // (33) 1 45 …
      // « IPP 0045127893 », « N° de dossier : 0612345678 »: a file number may start with 0 or 00; its label decides.
      if (telStart >= 0 && fileLabelTypeBefore(text, telStart) === undefined) {
        const n = telAt(text, telStart, add);
        if (n) {
          structuredEnd = telStart + n;
          continue;
        }
      }
      // Any other number of 8 to 13 digits after a word naming a phone ("ligne téléphonique 031478923"), and the
      // North American (205) 276-2043.
      if (runEnd - i >= 8 || moreDigitsAfter(text, runEnd) || (b === 40 && runEnd - i === 3 && text.charCodeAt(runEnd) === 41)) {
        const n = phoneByContextAt(text, i);
        if (n) {
          add('TEL', i - (b === 40 ? 1 : 0), i + n);
          structuredEnd = i + n;
          continue;
        }
      }
    }
    // "O1.42.15.23.35": a capital O typed (or read by OCR) for the leading zero of a French number.
    if (b === 79 && c >= 49 && c <= 57 && (i < 2 || !isWordChar(text.charCodeAt(i - 2)))) {
      const n = telAt('0' + text.slice(i, i + 20), 0, () => undefined);
      if (n) {
        add('TEL', i - 1, i - 1 + n);
        structuredEnd = i - 1 + n;
        continue;
      }
    }
    // « Dr X06 12 34 56 78 »: a French number glued to the word before it (text pasted from a PDF), in its pairs.
    if (c === 48 && isLetter(b) && b !== 79) {
      GLUED_TEL_RE.lastIndex = i;
      const m = GLUED_TEL_RE.exec(text);
      if (m) {
        add('TEL', i, i + m[0].length);
        structuredEnd = i + m[0].length;
        continue;
      }
    }
    const r = runEnd;
    // Addresses: a street number of at most 4 digits, not inside a word, a decimal or a list of numbers, then (after
    // "bis"/"ter" or a comma) a type of street. The word is checked in a set before the pattern is tried.
    if (r - i <= 4 && !isWordChar(b) && b !== 44 && b !== 46 && voieAfter(text, r)) addressAt(text, i, add);
    else if (r - i <= 5 && !isWordChar(b) && b !== 44 && b !== 46 && englishStreetMayFollow(text, r)) englishAddressAt(text, i, add);
    // "sept allée des roses 77500 Ivry": a street number in words, found from the postcode after it.
    if (r - i === 5 && (b === 32 || b === 160) && i > 8) {
      const m = WORDS_STREET_BEFORE_RE.exec(text.slice(Math.max(lineStartAt(text, i), i - 60), i));
      if (m) {
        CITY_AT_RE.lastIndex = r + 1;
        const city = text.charCodeAt(r) === 32 ? CITY_AT_RE.exec(text) : null;
        add('ADRESSE', i - m[0].length + m[0].search(/\S/), city ? r + 1 + city[0].length : r);
      }
    }
    if (r - i === 5 && (b === 32 || b === 160 || b === 10)) streetBeforePostcode(text, i, r, add);
    // "Schlussstraße 13, 3049 Leipzig".
    if (r - i <= 4 && (b === 32 || b === 160) && i > 6) {
      const streetStart = germanStreetBefore(text, i - 1);
      if (streetStart >= 0) add('ADRESSE', streetStart, r + foreignTail(text, r));
      else {
        // "Rue du Rhône 12, 1204 Genève", "Via Roma 15, 00184 Roma": the type of street first, the number after
        // it, then a postcode and a city (Switzerland, Belgium, Italy, Spain, Portugal).
        // Cheap test first: a postcode follows (", 1204", " 00184"), and a letter ends the word before the number.
        const q = text.charCodeAt(r) === 44 ? r + 1 : r;
        const tail = text.charCodeAt(q) === 32 && (isDigit(text.charCodeAt(q + 1)) || isCapital(text.charCodeAt(q + 1))) && isLetter(text.charCodeAt(i - 2)) ? foreignTail(text, r) : 0;
        if (tail) {
          const m = STREET_FIRST_BEFORE_RE.exec(text.slice(Math.max(lineStartAt(text, i), i - 50), i));
          if (m) add('ADRESSE', i - m[0].length + (m[0].length - m[1]!.length), r + tail);
        }
      }
    }
    // A birth date starting here (1, 2 or 4 digits then a separator, a month or "er"), with its context before: the
    // sticky date pattern fails at once on most runs; the context is read only before a whole date.
    const after = r < len ? text.charCodeAt(r) : 0;
    if ((r - i <= 2 || r - i === 4) && (after === 47 || after === 46 || after === 45 || after === 32 || after === 160 || after === 101 || after === 124 || after === 44 ||
        (r - i <= 2 && isLetter(after)))) { // 1st 2nd 3rd 4th, a month glued to the day (« 12mars 1950 »)
      // « né le 14/O2/1936 », « 14/02/I936 »: O for 0, I or l for 1 (a scan read by OCR), after a birth context only.
      if (r - i <= 2 && (after === 47 || after === 46 || after === 45) && ocrLetterNear(text, r)) {
        OCR_DATE_RE.lastIndex = i;
        const m = OCR_DATE_RE.exec(text);
        if (m && /[OIl]/.test(m[0]) && birthContextBefore(text, i)) {
          add('DATE_NAISSANCE', i, i + m[0].length);
          dateEnd = i + m[0].length;
          continue;
        }
      }
      DATE_AT_RE.lastIndex = i;
      // After a letter only when that letter ends a birth context (« Née le22|8|1923 », « Date de nais21/05/1956 »).
      const date = !dateMayFollow(text, r, r - i === 4, i) || (isLetter(b) && !birthContextBefore(text, i)) ? null : DATE_AT_RE.exec(text);
      if (date) {
        // The other runs of digits of this date are not read again (« 03 », « 1950 » of « 12/03/1950 »).
        dateEnd = i + date[0].length;
        if (birthContextBefore(text, i)) {
          add('DATE_NAISSANCE', i, i + date[0].length);
          continue;
        }
        // Its context may come after (a name before it, "(68 ans)"): decided once names are known.
        dates.push(i, i + date[0].length);
      } else if (r - i === 1 && after === 32) {
        // "1 2 0 5 1 9 7 8", "0 6 / 0 2 / 1 9 9 3": a date ddmmyyyy in the boxes of a form; what follows on the line
        // may be another number (« … 1 9 7 8 24 avenue … ») or a NIR in boxes (« 0 9 0 1 1 9 8 7 1 4 2 3 … »).
        const groups = readDigitGroups(text, i, 32, 'all');
        const single = leadingSingleDigits(groups);
        const count = groups.starts.length;
        if (single >= 8 && isDdMmYyyy(groups.digits.slice(0, 8)) && (count === 8 || (single === 8 && groups.ends[8]! - groups.starts[8]! >= 2) || single - 8 >= 13)) {
          const end = groups.ends[7]!;
          dateEnd = end;
          if (birthContextBefore(text, i)) add('DATE_NAISSANCE', i, end);
          else dates.push(i, end);
        }
      }
    }
    if (r - i === 8 && compactBirthDateAt(text, i, r, add)) continue;
    // « née le 12/003/1950 », « DDN : 12:03:1950 », « né le 120350 »: right after a tight birth label, the value is hidden
    // whatever its shape (a typo, an odd mark), as long as it has four digits or more and is shaped like a date: groups,
    // six digits or more, or a year (not « Poids de naissance : 3250 g », « Lieu de naissance : 75014 »).
    if (i >= dateEnd && (b === 32 || b === 160 || b === 58 || b === 9 || b === 10) && labelEndMayBeBirth(text, i) && birthJustBefore(text, i) && birthContextBefore(text, i)) {
      LOOSE_BIRTH_VALUE_AT_RE.lastIndex = i;
      const m = LOOSE_BIRTH_VALUE_AT_RE.exec(text);
      const digits = m ? countDigits(m[0]) : 0;
      if (m && digits >= 4 && (digits !== m[0].length || digits >= 6 || YEAR_AT_START_RE.test(m[0]))) {
        add('DATE_NAISSANCE', i, i + m[0].length);
        dateEnd = i + m[0].length;
        continue;
      }
    }
    // « HEGE SOPHIE 12051978 F »: eight digits ddmmyyyy standing alone may be a birth date in an identity row,
    // decided once names are known (as a whole date written with marks is).
    if (r - i === 8 && !isWordChar(b) && !isWordChar(text.charCodeAt(r)) && isDdMmYyyy(text.slice(i, r))) dates.push(i, r);
    // "né en 1923", "née à Lyon en mars 1982", « le vingt-deux août 1923 », « Année de naissance : 1950 ».
    if (r - i === 4 && (c === 49 || c === 50) && (b === 32 || b === 160 || b === 58) && birthYearAt(text, i, r, add)) continue;
    // « Marie Lephaille (1923-2020) »: a lifespan in brackets after a capitalised word; its first year, fifteen years old or
    // more, is the birth (« Plan stratégique (2023-2027) » is a plan's).
    if (r - i === 4 && b === 40 && (c === 49 || c === 50) && (text.charCodeAt(r) === 45 || text.charCodeAt(r) === 0x2013 || text.charCodeAt(r) === 32)) {
      LIFESPAN_END_AT_RE.lastIndex = r;
      const life = LIFESPAN_END_AT_RE.exec(text);
      const born = Number(text.slice(i, r));
      const died = life ? Number(life[0].slice(-5, -1)) : 0;
      if (life && thisYear() - born >= 15 && died > born && died - born <= 120 && capitalisedWordBefore(text, i - 1)) {
        add('DATE_NAISSANCE', i, r);
        continue;
      }
    }
    // "March 3, 1950": an English date starts at the month, one space before the day.
    if (r - i <= 2 && (b === 32 || b === 160 || b === 9)) {
      let monthStart = i - 1;
      while (monthStart > 0 && (isLetter(text.charCodeAt(monthStart - 1)) || text.charCodeAt(monthStart - 1) === 46)) monthStart--;
      if (ENGLISH_MONTHS.hasRange(text, monthStart, i - 1)) {
        MONTH_FIRST_DATE_AT_RE.lastIndex = monthStart;
        const date = MONTH_FIRST_DATE_AT_RE.exec(text);
        if (date && birthContextBefore(text, monthStart)) add('DATE_NAISSANCE', monthStart, monthStart + date[0].length);
        // Its context may come after (a name before it, "(68 ans)"): decided once names are known, as for the others.
        else if (date) dates.push(monthStart, monthStart + date[0].length);
      }
    }
    if (i < valueEnd) continue;
    // « IPP 80 01 23 45 67 », « n° de séjour 26 103 412 »: a file number in groups, right after its label.
    if (r - i <= 4 && (after === 32 || after === 160 || after === 0x202f) && isDigit(text.charCodeAt(r + 1))) {
      const type = fileLabelTypeBefore(text, i) ?? groupedIdLabelBefore(text, i);
      if (type) {
        const groups = readDigitGroups(text, i, 15, 'none');
        const count = groups.digits.length;
        const end = groups.ends[groups.ends.length - 1]!;
        if (count >= 6 && count <= 14 && !isDigit(text.charCodeAt(end))) {
          add(type, i, end);
          valueEnd = end;
          continue;
        }
      }
    }
    // An identifier value around here: back to its first character (letters or dashes may come first: P123456).
    let vs = i;
    while (vs > 0 && vs > i - 6 && isIdChar(text.charCodeAt(vs - 1))) vs--;
    let ve = i;
    while (ve < len && ve - vs < 6 && isIdChar(text.charCodeAt(ve))) ve++;
    if (ve - vs < 5) continue; // identifiers have at least five characters
    ID_VALUE_AT_RE.lastIndex = vs;
    const value = ID_VALUE_AT_RE.exec(text);
    if (!value) continue;
    valueEnd = vs + value[0].length;
    const id = value[1]!;
    if (id.length < 5 || SLASH_DATE_RE.test(id)) continue;
    // "IPPN11232344", "IPP/8001234567": the label glued to its value.
    const glued = /^(?:IPP|NDA|NIP)([\/\-]?)(?=[A-Za-z0-9]*\d)([A-Za-z0-9]{5,})$/.exec(id);
    if (glued) {
      add(id.startsWith('NDA') ? 'NDA' : 'IPP', vs + 3 + glued[1]!.length, valueEnd);
      continue;
    }
    if (!idWordBefore(text, vs)) {
      if (bareIdentifierAt(text, vs, id)) add(bareIdentifierType(text, vs), vs, valueEnd);
      continue;
    }
    const context = ID_CONTEXT_RE.exec(text.slice(Math.max(0, vs - 60), vs));
    if (context && (context[3] === undefined || LONG_NUMBER_RE.test(id)))
      add(context[2] !== undefined || (context[3] !== undefined && /^[sv]/i.test(context[3])) ? 'NDA' : 'IPP', vs, valueEnd);
  }
}

/**
 * The label of a file number in a sentence or after a label of several words, before a number in groups: « son IPP
 * est le 80 012 345 », "Hospital number: 7731 0042 19" (what fileLabelTypeBefore, one word right before, does not
 * read). Only a patient's or a stay's label: « numéro » alone is no context for a number in groups (a phone's).
 */
function groupedIdLabelBefore(text: string, at: number): 'IPP' | 'NDA' | undefined {
  if (!idWordBefore(text, at)) return undefined;
  const context = ID_CONTEXT_RE.exec(text.slice(Math.max(0, at - 60), at));
  if (!context || context[3] !== undefined) return undefined;
  return context[2] !== undefined ? 'NDA' : 'IPP';
}

/** A numeric date with a letter read by OCR for a digit (O for 0; I, l for 1) in its month or year. */
const OCR_DATE_RE = /\d{1,2}([\/.\-])(?:[0O]?[1-9IlO]|1[0-2OIl]|[OIl][0-9OIl])\1(?:[12Il][0-9OIl]{3}|[0-9OIl]{2})(?![0-9A-Za-z])/y;
/** One of O, I, l within the eight characters from `p`. */
function ocrLetterNear(text: string, p: number): boolean {
  for (let q = p; q < p + 8 && q < text.length; q++) {
    const c = text.charCodeAt(q);
    if (c === 79 || c === 73 || c === 108) return true;
  }
  return false;
}

/**
 * After a run of digits ending at `r`, a date may go on: a mark then a digit or a month (12/03, 12 . 03, 03-Mar), a
 * space or comma then a month's initial (12 mars, 12, Mai), an ordinal (1er, 3rd); after four digits, only the dash
 * of an ISO date. A cheap test, so that the date pattern (a long alternation of month names) is not run at every
 * number followed by a space ("8 h", "1 g", "40 mg").
 */
function dateMayFollow(text: string, r: number, year: boolean, day: number): boolean {
  const c = text.charCodeAt(r);
  // A year first: only the ISO forms, « 2024-03-12 », « 2024/03/12 », « 2024.03.12 ».
  if (year) {
    if (!(c === 45 || c === 46 || c === 47) || !isDigit(text.charCodeAt(r + 1)) || !isDigit(text.charCodeAt(r + 2))) return false;
    const mark = text.charCodeAt(r + 3);
    return (mark === 45 || mark === 46 || mark === 47) && isDigit(text.charCodeAt(r + 4)) && isDigit(text.charCodeAt(r + 5));
  }
  // After a mark: a digit (maybe after one blank), or a month or a Roman month glued to it; not « 1. Point ».
  if (c === 47 || c === 46 || c === 45 || c === 124) {
    let q = r + 1;
    if (isBlankCode(text.charCodeAt(q)) && isDigit(text.charCodeAt(q + 1))) q++;
    if (!isDigit(text.charCodeAt(q))) return isLetter(text.charCodeAt(q)) && q === r + 1;
    // The month's group: with one or two digits, a second mark and a year of two digits or more must follow (« 12/03/50 »,
    // not « 9/12 à 9 h », « 1-0-0, »); with more, it is a month and year (« 03/1950 »). Without them, only a day and
    // month (or a month and year) after a tight birth context (« née le 12/03 »).
    const from = q;
    while (q < from + 5 && isDigit(text.charCodeAt(q))) q++;
    if (q - from <= 2) {
      if (isBlankCode(text.charCodeAt(q))) q++;
      const mark = text.charCodeAt(q);
      if (mark === 47 || mark === 46 || mark === 45 || mark === 124) {
        q++;
        if (isBlankCode(text.charCodeAt(q))) q++;
        if (isDigit(text.charCodeAt(q)) && isDigit(text.charCodeAt(q + 1))) return true;
      }
    }
    return birthJustBefore(text, day);
  }
  // 1er, 1st, 2nd, 3rd, 4th (not « 3e étage »), or a month glued to the day (« 12septembre1950 »).
  if (c === 101 || c === 115 || c === 110 || c === 114 || c === 116) {
    const next = text.charCodeAt(r + 1);
    return (c === 101 ? next === 114 : c === 115 ? next === 116 : c === 116 ? next === 104 : next === 100) || monthDateMayFollow(text, r, day);
  }
  let p = r;
  while (p < r + 3 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 160 || text.charCodeAt(p) === 44)) p++;
  const n = text.charCodeAt(p);
  if (p > r && isDigit(n)) {
    // « 12 03 1950 »: one or two digits, a space, then a year 19xx or 20xx.
    let q = p;
    while (q < p + 2 && isDigit(text.charCodeAt(q))) q++;
    const y = text.charCodeAt(q) === 32 || text.charCodeAt(q) === 160 ? q + 1 : -1;
    return y > 0 && (text.startsWith('19', y) || text.startsWith('20', y));
  }
  // « 12 / 03 / 1950 »: the mark after a blank, read as above.
  if (n === 47 || n === 46 || n === 45 || n === 124) return p > r ? dateMayFollow(text, p, false, day) : true;
  return monthDateMayFollow(text, p, day);
}

function isBlankCode(c: number): boolean {
  return c === 32 || c === 160 || c === 9;
}

/**
 * After the day, the month's word at p (a French or English month or its abbreviation, « of », a Roman month): a year
 * follows it (after a blank or a mark, or glued to it), or a tight birth context stands before the day (« née le 12
 * mars », « DDN : 3 avril »): what the date pattern needs (« le 12 mars » alone is no date for it), tested by hand.
 */
function monthDateMayFollow(text: string, p: number, day: number): boolean {
  if (!monthWordMayStart(text, p)) return false;
  let q = p;
  for (let words = 0; words < 2; words++) {
    while (q < p + 24 && (isLetter(text.charCodeAt(q)) || text.charCodeAt(q) === 46)) q++;
    const c = text.charCodeAt(q);
    if (isDigit(c)) return true;
    if ((isBlankCode(c) || c === 45 || c === 47 || c === 46) && isDigit(text.charCodeAt(q + 1))) return true;
    // "12th of March 1950": one word more.
    if (!(isBlankCode(c) && isLetter(text.charCodeAt(q + 1)))) break;
    q++;
  }
  return birthJustBefore(text, day);
}

/**
 * What BIRTH_JUST_BEFORE needs before the day at `day`, tested loosely (a superset): « né(e) le », « née en », « nés
 * le » (a word of two letters after a word of 2 to 4 letters starting with n, or after « (e) »), or a label of birth
 * (BIRTH_LABEL_WORDS: « DDN », "DOB", « naissance »…), maybe with a colon.
 */
function birthJustBefore(text: string, day: number): boolean {
  let q = day;
  while (q > 0 && isBlankCode(text.charCodeAt(q - 1))) q--;
  if (q > 0 && text.charCodeAt(q - 1) === 58) {
    q--;
    while (q > 0 && isBlankCode(text.charCodeAt(q - 1))) q--;
  }
  let s = q;
  while (s > 0 && isLetter(text.charCodeAt(s - 1))) s--;
  if (q - s === 2) {
    let r = s;
    while (r > 0 && isBlankCode(text.charCodeAt(r - 1))) r--;
    if (r > 0 && text.charCodeAt(r - 1) === 41) return true; // « né(e) le »
    let t = r;
    while (t > 0 && isLetter(text.charCodeAt(t - 1))) t--;
    return r - t >= 2 && r - t <= 4 && (text.charCodeAt(t) | 32) === 110;
  }
  return q - s >= 3 && BIRTH_LABEL_WORDS.hasRange(text, s, q);
}

/** The value after a tight birth label, whatever its shape: groups of digits (maybe « 1er », « 12ème ») joined by one
 * mark (not a bar, which parts cells) or one blank, or a month's name; sticky. */
const LOOSE_BIRTH_VALUE_AT_RE = new RegExp(
  `\\d{1,8}(?:er|ème|e)?(?:(?:${SP}?[\\/.\\-,:_\\\\]{1,2}${SP}?|${SP})(?:\\d{1,8}|(?:${MONTHS_FR}|${MONTHS_EN})(?![${L}]))){0,4}(?![${L}\\d])`,
  'y',
);

/** After a date, past blanks: a bracket, a dash, a comma or a digit (what AGE_NUMBER_AFTER_RE reads first). */
function ageNumberMayFollow(text: string, end: number): boolean {
  let p = end;
  while (p < text.length && isBlankCode(text.charCodeAt(p))) p++;
  const c = text.charCodeAt(p);
  return c === 40 || c === 45 || c === 0x2013 || c === 44 || isDigit(c);
}

/** Cheap test before birthJustBefore: the last character before `at` (past blanks and colons) is the last letter of
 * « le », « en », « naissance », « ddn », « dob », « birth » or « year ». */
function labelEndMayBeBirth(text: string, at: number): boolean {
  let q = at;
  while (q > 0 && (isBlankCode(text.charCodeAt(q - 1)) || text.charCodeAt(q - 1) === 58)) q--;
  const c = text.charCodeAt(q - 1) | 32;
  return c === 101 || c === 110 || c === 98 || c === 104 || c === 114;
}

function countDigits(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) if (isDigit(s.charCodeAt(k))) n++;
  return n;
}

/** Three letters (lower-cased) that begin a month's name or abbreviation in MONTHS_FR or MONTHS_EN. */
const MONTH_PREFIXES = new WordList('jan fév fev feb mar avr apr mai may jui jun jul aoû aou aug sep oct nov déc dec'.split(' '));

/**
 * A word that may be what the date pattern reads after a day: a month (its first three letters, any case), "of"
 * ("3rd of March") or a roman month (I, V, X). Finer than a month's initial, so that « 6 semaines », « 10 jours »,
 * « 2 fois », « 15 ans » do not run the date pattern.
 */
function monthWordMayStart(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c === 73 || c === 86 || c === 88) return true; // I V X
  if ((c | 32) === 111 && (text.charCodeAt(p + 1) | 32) === 102) return true; // of
  return MONTH_PREFIXES.hasRange(text, p, Math.min(text.length, p + 3));
}

/**
 * A long number with no context word, in an identity table row or a sentence ("| M | 13/09/1965 | 8054692357 |"):
 * 8 to 12 digits in a row (a letter or two may come first), not a date written without separators, not a decimal,
 * an amount or a quantity, not the number of an establishment, a professional, an order or a lot. In hospital text
 * such a number is a patient's or a stay's file number far more often than anything else: hidden as IPP.
 */
function bareIdentifierAt(text: string, start: number, id: string): boolean {
  let digits = 0;
  let inner = 0;
  for (let k = 0; k < id.length; k++) {
    const c = id.charCodeAt(k);
    if (isDigit(c)) digits++;
    else if (c === 45 || c === 47) return false;
    else if (k >= 2) inner++;
  }
  // Letters inside (« 28BG04493 », « 2003H847569 »): a file number only alone on its line, with at most 3 letters.
  if (inner && (inner > 3 || digits < 6 || !aloneOnLine(text, start, start + id.length))) return false;
  if (digits < (inner ? 6 : 8) || digits > 12) return false;
  if (digits === 8 && (isDdMmYyyy(id) || isYyyyMmDd(id))) return false;
  const end = start + id.length;
  const b = start > 0 ? text.charCodeAt(start - 1) : 32;
  const a = end < text.length ? text.charCodeAt(end) : 32;
  const a2 = end + 1 < text.length ? text.charCodeAt(end + 1) : 32;
  if (b === 44 || b === 46 || b === 43 || b === 36 || ((a === 44 || a === 46) && isDigit(a2))) return false; // decimals, +, $
  if (/^[ \u00A0]?(?:€|EUR|euros?|\$|%|mg|ml|g\b|kg|UI|ans)/.test(text.slice(end, end + 7))) return false;
  if (NOT_PERSONAL_NUMBER_RE.test(text.slice(Math.max(0, start - 40), start))) return false;
  // A number alone at the start of its line: its label may be the line above (« N° FINESS\n12345067 »).
  const lineStart = lineStartAt(text, start - 1);
  if (lineStart < 2 || leadingBlanks(text, lineStart, start) !== start - lineStart) return true;
  const above = text.slice(Math.max(lineStartAt(text, lineStart - 2), lineStart - 41), lineStart - 1);
  // Under a date's label (« Date de l'examen :\n383838383838 ») a number is a mistyped date, not a file number.
  return !NOT_PERSONAL_NUMBER_RE.test(above.replace(/[ \t\u00A0:\r]+$/, '')) && !/(?:^|[^A-Za-z])[Dd]ate\b[^\n]*:[ \t\u00A0\r]*$/.test(above);
}

/** Only blanks between the line's start and `start`, and between `end` and the line's end. */
function aloneOnLine(text: string, start: number, end: number): boolean {
  const lineStart = lineStartAt(text, start - 1);
  if (leadingBlanks(text, lineStart, start) !== start - lineStart) return false;
  let p = end;
  while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 160 || text.charCodeAt(p) === 13)) p++;
  return p === text.length || text.charCodeAt(p) === 10;
}

/** A file number in a table: a stay's (NDA) when its column is headed so (« NDA », « N° de séjour », « Venue »…), a
 * patient's (IPP) otherwise. */
function bareIdentifierType(text: string, start: number): EntityType {
  const header = columnHeader(text, start, STAY_HEADER_RE);
  return header ? 'NDA' : 'IPP';
}
const STAY_HEADER_RE = /^(?:nda|n[°º]? ?(?:de )?(?:s[ée]jour|venue|dossier|visite)|s[ée]jour|venue|dossier|visite|stay(?: number| id)?|encounter|visit(?: number| id)?)$/i;

/** Words that end an IPP/NDA context ("IPP : ", "n° de séjour ", "Dossier n° "): a cheap test before the regex. */
const ID_CONTEXT_WORDS = new WordList(
  ('ipp ip nip nda patient patiente séjour sejour venue dossier admission mrn id pid encounter number hospitalisation ' +
    'administratif médical medical identification identifiant identifier visite visit numéro numero examen demande accession nhs ' +
    'hospital unit case record chart episode passage urgences').split(' '),
);
const ID_FILLER_WORDS = new WordList(['n', 'no', 'num', 'nº', 'est', 'étant', 'etant', 'le', 'la', 'is', 'was', 'of', 'de', 'du', 'comme']);
/** Between the words of an IPP/NDA context: " \t\u00A0:#=°º-". */
function isIdContextSeparator(c: number): boolean {
  // The dot of an abbreviation too ("NHS No. 485 777 3456", « Num. dossier »).
  return c === 32 || c === 9 || c === 160 || c === 58 || c === 35 || c === 61 || c === 0xb0 || c === 0xba || c === 45 || c === 40 || c === 41 || c === 59 || c === 46;
}

function idWordBefore(text: string, pos: number): boolean {
  return listedWordBefore(text, pos, 3, isIdContextSeparator, ID_CONTEXT_WORDS, ID_FILLER_WORDS);
}

/**
 * Reading back from `pos`, word by word (at most `maxWords`, skipping the separators between them): true at the first
 * word of `wanted`, false at a word that is neither in `wanted` nor in `links` (« de », « du »…), or at no word.
 */
function listedWordBefore(text: string, pos: number, maxWords: number, isSeparator: (c: number) => boolean, wanted: WordList, links: WordList): boolean {
  let p = pos;
  for (let words = 0; words < maxWords; words++) {
    while (p > 0 && isSeparator(text.charCodeAt(p - 1))) p--;
    const end = p;
    while (p > 0 && isLetter(text.charCodeAt(p - 1))) p--;
    if (end === p) return false;
    if (wanted.hasRange(text, p, end)) return true;
    if (!links.hasRange(text, p, end)) return false;
  }
  return false;
}

/** Abbreviations of four letters or fewer, looked up apart (after a test of their second letter) so that the words
 * most often written after a number (« 72 ans », « 3 fois », « 5 mg ») do not pass the main list's length filter. */
const SHORT_VOIES = new Set(['av', 'ave', 'fg', 'crs', 'bld', 'bvd', 'blvd', 'rte', 'fbg']);
const SHORT_VOIE_LIST = new WordList(SHORT_VOIES);
const VOIE_LIST = new WordList(VOIES.filter((v) => !SHORT_VOIES.has(v)).map((v) => v.toLowerCase()));
const VOIE_LIST_NO_DOT = new WordList(VOIES.filter((v) => v.endsWith('.') && !SHORT_VOIES.has(v.slice(0, -1))).map((v) => v.slice(0, -1)));
const CAPS_VOIE_LIST = new WordList(CAPS_VOIES.map((v) => v.toLowerCase()));
/** One of CAPS_VOIES at text[s, p), in capitals. */
function capsVoieAt(text: string, s: number, p: number): boolean {
  if (p - s < 2 || p - s > 4 || !CAPS_VOIE_LIST.hasRange(text, s, p)) return false;
  for (let q = s; q < p; q++) if (!isCapital(text.charCodeAt(q))) return false;
  return true;
}
/** A short abbreviation of a type of street at text[s, p): its second letter first (v g r l t b). */
function shortVoieAt(text: string, s: number, p: number): boolean {
  if (p - s < 2 || p - s > 4) return false;
  const c2 = text.charCodeAt(s + 1) | 32;
  return (c2 === 118 || c2 === 103 || c2 === 114 || c2 === 108 || c2 === 116 || c2 === 98) && SHORT_VOIE_LIST.hasRange(text, s, p);
}

function skipBlanks(text: string, p: number, end: number): number {
  while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 160 || text.charCodeAt(p) === 9)) p++;
  return p;
}
/** End of the word at p for voieAfter: letters, "-" and "." ("rond-point", "av."). */
function streetWordEnd(text: string, p: number, end: number): number {
  while (p < end && (isLetter(text.charCodeAt(p)) || text.charCodeAt(p) === 45 || text.charCodeAt(p) === 46)) p++;
  return p;
}

/** Start of a German-style street name ending just before `space` ("Schlussstraße 13"), or -1: the word is read
 * back by hand and its ending checked only when its last letter can end one (e g z . t n m). */
function germanStreetBefore(text: string, space: number): number {
  const last = text.charCodeAt(space - 1);
  if (last !== 101 && last !== 103 && last !== 122 && last !== 46 && last !== 116 && last !== 110 && last !== 109) return -1;
  let q = space - 1;
  while (q > 0 && space - q < 32 && (isLetter(text.charCodeAt(q - 1)) || text.charCodeAt(q - 1) === 45)) q--;
  if (space - q < 5 || !isLatinCapital(text.charCodeAt(q))) return -1;
  return GERMAN_STREET_BEFORE_RE.test(text.slice(q, space + 1)) ? q : -1;
}

/** A birth date ending with the year at `at`..`end` (four digits): after « né en » (maybe a place or a month
 * between), a day in words and a month (« le vingt-deux août 1923 », after a birth context), or a label of birth;
 * added. */
function birthYearAt(text: string, at: number, end: number, add: (t: EntityType, s: number, e: number) => void): boolean {
  // The start of the line, looked for no further back than the 70 characters any pattern here reads.
  let lineStart = at - 1;
  while (lineStart > 0 && at - lineStart < 70 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  if (yearAfterBirthWord(text, at) && (DOB_YEAR_CONTEXT_RE.test(text.slice(Math.max(0, at - 60), at)) ||
      (thisYear() - Number(text.slice(at, end)) >= 15 && BIRTH_IDIOM_BEFORE_RE.test(text.slice(Math.max(0, at - 50), at))))) {
    const month = MONTH_BEFORE_RE.exec(text.slice(Math.max(lineStart, at - 12), at));
    add('DATE_NAISSANCE', month ? at - month[0].length : at, end);
    return true;
  }
  const [ws, we] = wordBefore(text, at);
  if (we - ws >= 3 && MONTH_WORDS.hasRange(text, ws, we)) {
    // Cheap test first: a number in words (not the digits of « 12 mars 2024 », not « en mars 2024 ») before the month.
    let q = ws - 1;
    while (q > 0 && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 160)) q--;
    let qs = q;
    while (qs > 0 && isLetter(text.charCodeAt(qs - 1))) qs--;
    if (q < 0 || !NUMBER_WORD_LIST.hasRange(text, qs, q + 1)) return false;
    const words = WORD_DATE_BEFORE_RE.exec(text.slice(Math.max(lineStart, at - 70), at));
    if (words && isLetter(words[1]!.charCodeAt(0)) && birthContextBefore(text, at - words[1]!.length)) {
      add('DATE_NAISSANCE', at - words[1]!.length, end);
      return true;
    }
    return false;
  }
  // Cheap test first: the label's last word (naissance, DDN, DOB, birth, year) just before, after blanks or a colon.
  let q = at - 1;
  while (q > lineStart && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 160 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 58)) q--;
  let ls = q;
  while (ls > lineStart && isLetter(text.charCodeAt(ls - 1))) ls--;
  if (BIRTH_LABEL_WORDS.hasRange(text, ls, q + 1) && BIRTH_YEAR_LABEL_RE.test(text.slice(Math.max(lineStart, at - 30), at))) {
    add('DATE_NAISSANCE', at, end);
    return true;
  }
  // « En 1953 naît Jean-Paul », « 1950 : naissance de Martine », « c'est en 1950 qu'elle naît »: the birth after the
  // year. Cheap test first: a blank, a comma or a colon after the year.
  const after = text.charCodeAt(end);
  if ((after === 32 || after === 44 || after === 58 || after === 160) && BIRTH_AFTER_YEAR_RE.test(text.slice(end, end + 40))) {
    add('DATE_NAISSANCE', at, end);
    return true;
  }
  return false;
}
const BIRTH_AFTER_YEAR_RE = new RegExp(
  `^${SP}*[,:–-]?${SP}+(?:qu['’]|que${SP}+)?(?:(?:il|elle|lui|sa|son|leur)${SP}+|[${L}]+${SP}+)?(?:na[îi]t|naquit|naissance|est${SP}+n[ée]e?|(?:voit|vit)${SP}+le${SP}+jour|vient${SP}+au${SP}+monde)(?![${L}])`,
  'i',
);

const NUMBER_WORD_LIST = new WordList(
  'un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt vingts trente quarante cinquante soixante cent cents premier'.split(' '),
);
const BIRTH_LABEL_WORDS = new WordList(['naissance', 'ddn', 'dob', 'birth', 'year']);

/** The word before a year is "en"/"in", or a month (itself after "en", « courant », « au mois de », « au mois d' »),
 * in any case (« NÉE EN 1923 »): cheap test before DOB_YEAR_CONTEXT_RE. */
function yearAfterBirthWord(text: string, at: number): boolean {
  let [s, e] = wordBefore(text, at);
  if (e - s > 2 && MONTH_WORDS.hasRange(text, s, e)) {
    if (s >= 2 && (text.charCodeAt(s - 1) === 39 || text.charCodeAt(s - 1) === 0x2019) && (text.charCodeAt(s - 2) | 32) === 100) return true; // d'avril
    [s, e] = wordBefore(text, s);
  }
  return YEAR_LEAD_WORDS.hasRange(text, s, e);
}
const YEAR_LEAD_WORDS = new WordList(['en', 'in', 'de', 'courant', 'vers', 'an', 'année', 'annee', 'le']);
const MONTH_WORDS = new WordList(
  'janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre january february march april may june july august september october november december'.split(' '),
);

/** After a street number: maybe a letter (221B), a space, then a capitalised word: cheap test before EN_ADDRESS_RE. */
function englishStreetMayFollow(text: string, p: number): boolean {
  if (isLetter(text.charCodeAt(p)) && !isLetter(text.charCodeAt(p + 1))) p++;
  if (text.charCodeAt(p) === 44) p++;
  if (text.charCodeAt(p) !== 32 && text.charCodeAt(p) !== 160) return false;
  return isLatinCapital(text.charCodeAt(p + 1));
}

/** The word after a street number ("12 rue", "7 bis, avenue", "3bis Rue") is a type of street. */
function voieAfter(text: string, p: number): boolean {
  const first = text.charCodeAt(p);
  // After the number: a space, a comma, or "bis"/"ter"/a letter glued to it ("3bis", "12B").
  if (first !== 32 && first !== 160 && first !== 44 && first !== 9 && !isLetter(first)) return false;
  const end = Math.min(text.length, p + 40);
  let s = skipBlanks(text, p, end);
  p = streetWordEnd(text, s, end);
  // "bis", "ter", "quater" or one letter ("12 B") come before the type of street.
  const firstLength = p - s;
  if (firstLength === 1 || ((firstLength === 3 || firstLength === 6) && BIS_TER.hasRange(text, s, p))) {
    s = skipBlanks(text, p, end);
    p = streetWordEnd(text, s, end);
  }
  if (text.charCodeAt(p) === 44) p++; // "7 bis, avenue"
  if (p === s || text.charCodeAt(p - 1) === 44) {
    s = skipBlanks(text, p, end);
    p = streetWordEnd(text, s, end);
  }
  // "av" for "av.", "pl" for "pl.": the dot may be left out.
  return VOIE_LIST.hasRange(text, s, p) || (text.charCodeAt(p - 1) !== 46 && VOIE_LIST_NO_DOT.hasRange(text, s, p)) || shortVoieAt(text, s, text.charCodeAt(p - 1) === 46 ? p - 1 : p) || capsVoieAt(text, s, p);
}
const BIS_TER = new WordList(['bis', 'ter', 'quater']);

/** The one to three words before a colon are a field label ("Patient :", "Nom d'usage :", "Médecin traitant:"). */
function fieldLabelBefore(text: string, colon: number): 0 | 1 | 2 {
  let p = colon;
  while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160 || text.charCodeAt(p - 1) === 9)) p--;
  // "Patient 1 :", "Patient 2:": the number of the row.
  const digitsEnd = p;
  while (p > 0 && digitsEnd - p < 3 && isDigit(text.charCodeAt(p - 1))) p--;
  if (p < digitsEnd) while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160)) p--;
  const end = p;
  for (let words = 0; words < 3; words++) {
    while (p > 0 && (isLetter(text.charCodeAt(p - 1)) || text.charCodeAt(p - 1) === 39 || text.charCodeAt(p - 1) === 0x2019)) p--;
    if (p === end) return 0;
    // The label starts a line, a sentence or follows a separator: "… (IDE). Témoin : …".
    if (FIELD_LABELS.hasRange(text, p, end)) {
      const b = p > 0 ? text.charCodeAt(p - 1) : 10;
      if (isLetter(b) || b === 45) return 0;
      return NAME_FIELD_LABELS.hasRange(text, p, end) ? 2 : 1;
    }
    if (p === 0 || text.charCodeAt(p - 1) !== 32) return 0;
    p--;
  }
  return 0;
}

function isCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}
/** A capital of ASCII or Latin-1 (À–Þ, × included as the older tests had it). */
function isLatinCapital(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
}

function isIdChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 47;
}

function findCustom(text: string, re: RegExp, type: EntityType, add: (t: EntityType, s: number, e: number) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const group = m[1];
    if (group !== undefined && group.length > 0) {
      const at = m[0].indexOf(group);
      add(type, m.index + at, m.index + at + group.length);
    } else add(type, m.index, m.index + m[0].length);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Person names.

interface Tokens {
  start: number[];
  end: number[];
  /** Lower-case form, for look-ups (DUPONT = Dupont). */
  key: string[];
  /** WORD_* flags of each token, looked up once. */
  flags: number[];
  /** The memo's entry of each token's spelling (where the name model's weight of the spelling is kept). */
  info: TokenInfo[];
}

/** What depends on a token's spelling alone, kept per spelling in the memo (see memoized). */
interface TokenInfo {
  key: string;
  /** A number for the key, the same for every spelling with that key (« Dupont », « DUPONT »): see keyIdOf. */
  keyId: number;
  flags: number;
  /** The name model's weight of the token's own features (`ownWeight`), NaN until needed. */
  own: number;
  /** An English common word (dictionaries.ts): 1 yes, 2 no, 0 not looked up yet. */
  english: number;
  /** A French common word (dictionaries.ts): 1 yes, 2 no, 0 not looked up yet. */
  french: number;
}

// What a word is, as bits: one Map look-up per token instead of one Set look-up per question.
const WORD_NOT_NAME = 1;
const WORD_FIRST_NAME = 2;
const WORD_WEAK_FIRST_NAME = 4;
const WORD_ACRONYM = 8;
const WORD_ARTICLE = 16;
const WORD_COMMON = 32;
const WORD_UPPER = 64;
const WORD_SURNAME = 128;
let wordFlags: Map<string, number> | undefined;
const SPECIALTY_END_RE = /(?:logie|iatrie|thérapie|graphie|scopie)$/;
/** The endings of drugs' international names (the WHO's stems), in English and French spellings. */
const DRUG_STEM_RE =
  /(?:pril|sartan|olol|prazole|mycine?|cilline?|floxacine?|statine?|parine?|xaban|gatran|tinib|ciclib|dipine|tidine|s[ée]mide|thiazide|gliptine?|gliflozine?|glutide|az[ée]pam|azolam|ox[ée]tine|triptyline|triptan|s[ée]tron|prof[èe]ne?|coxib|dronate|lukast|sonide|tropium|platine?|rubicine?|taxel|fungine?|conazole|cyclines?|p[ée]n[èe]me?|bactam|[uxz]imab|vudine|navir|previr|buvir|t[ée]gravir|ciclovir|amoxiclav)$/;

function isAllUpper(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7) || (c >= 0x100 && isExtendedLower(c))) return false;
  }
  return true;
}
function wordFlagMap(): Map<string, number> {
  if (wordFlags) return wordFlags;
  const map = new Map<string, number>();
  const set = (words: Iterable<string>, flag: number): void => {
    for (const w of words) map.set(w, (map.get(w) ?? 0) | flag);
  };
  set(firstNameSet(), WORD_FIRST_NAME);
  set(weakFirstNameSet(), WORD_WEAK_FIRST_NAME);
  set(NOT_A_NAME, WORD_NOT_NAME);
  // The same words without their accents (« Equipe Medicale », typed fast or converted), unless that is a name.
  const names = firstNameSet();
  const surnames = surnameSet();
  set([...NOT_A_NAME].map(foldAccents).filter((w) => !NOT_A_NAME.has(w) && !names.has(w) && !surnames.has(w)), WORD_NOT_NAME);
  set(ACRONYMS, WORD_ACRONYM);
  set(ARTICLE_KEYS, WORD_ARTICLE);
  set(COMMON_SURNAME_WORDS, WORD_COMMON);
  set(FIRST_NAME_STOPLIST, WORD_COMMON);
  set(surnameSet(), WORD_SURNAME);
  wordFlags = map;
  return map;
}

/** A diaeresis (ä ë ï ö ü ÿ), often typed for an acute or for none in a first name (Zoë / Zoé, Chloë, Noëmie). */
const DIAERESIS_RE = /[äëïöüÿ]/;

function tokenFlags(word: string, key: string, map: Map<string, number>): number {
  let flags = map.get(key) ?? 0;
  // « Zoë » for Zoé: a word with a diaeresis that is nothing of the lexicon is the first name it is without its marks.
  if (flags === 0 && DIAERESIS_RE.test(key)) flags = (map.get(foldAccents(key)) ?? 0) & (WORD_FIRST_NAME | WORD_WEAK_FIRST_NAME);
  // Jean-Pierre, Marie-Claire: a first name when every part is one.
  if (!(flags & WORD_FIRST_NAME) && key.indexOf('-') > 0 && key.split('-').every((part) => ((map.get(part) ?? 0) & WORD_FIRST_NAME) !== 0))
    flags |= WORD_FIRST_NAME;
  const wl = word.length;
  if (wl >= 2 && isAllUpper(word)) flags |= WORD_UPPER;
  // Specialties and services: Pneumologie, Gériatrie, Kinésithérapie.
  if (wl > 6 && key.charCodeAt(wl - 1) === 101 && key.charCodeAt(wl - 2) === 105 && SPECIALTY_END_RE.test(key)) flags |= WORD_NOT_NAME;
  // Drugs by the stems of their international names (Ramipril, Atorvastatine, Apixaban, Amoxicilline), written with a
  // capital at the start of a sentence or a line of a prescription; no name of the lexicon ends so.
  if (wl >= 6 && !(flags & (WORD_FIRST_NAME | WORD_SURNAME)) && DRUG_STEM_RE.test(key)) flags |= WORD_NOT_NAME;
  return flags;
}

/**
 * text[at] follows an at with no word before it: a mention in Teams or Outlook ("@Jérôme Martin"), not a mail
 * address's domain.
 */
function mentionAt(text: string, at: number): boolean {
  return at > 0 && text.charCodeAt(at - 1) === 64 && (at < 2 || !isWordChar(text.charCodeAt(at - 2)));
}

/** « …@AP-HP.frSmith Paul »: a word glued right after a mail address starts there. */
function endsAnEmail(emails: ReadonlyArray<[number, number]>, at: number): boolean {
  for (let k = 0; k < emails.length; k++) if (emails[k]![1] === at) return true;
  return false;
}

/** The capitalised tokens of a text as the name rules and the name model see them (for the model's training). */
export function nameTokens(text: string): Tokens {
  return tokenize(text);
}

function tokenize(text: string, emails: ReadonlyArray<[number, number]> = []): Tokens {
  const t: Tokens = { start: [], end: [], key: [], flags: [], info: [] };
  const map = wordFlagMap();
  // Emptied between texts only: within one text, the tokens' key numbers must stay distinct (step 7 of findPersons).
  if (memoWords.length >= TOKEN_MEMO_MAX) clearTokenMemo();
  // Every token starts with a capital: from each capital, the token pattern is tried there (sticky), which is what a
  // global scan does, without a match object and a substring per token (test() only moves lastIndex).
  CAPITAL_RE.lastIndex = 0;
  while (CAPITAL_RE.test(text)) {
    const at = CAPITAL_RE.lastIndex - 1;
    TOKEN_AT_RE.lastIndex = at;
    if (!TOKEN_AT_RE.test(text)) continue;
    const end = TOKEN_AT_RE.lastIndex;
    CAPITAL_RE.lastIndex = end;
    if (at > 0) {
      const b = text.charCodeAt(at - 1);
      // Inside a word, a number or an address ("eDupont", "x.Martin@", "3B"); but "d'Estaing" is a name.
      // "Z.Phillot": a dot after one capital letter is an initial's.
      const afterInitial = b === 46 && at >= 2 && isCapital(text.charCodeAt(at - 2)) && (at < 3 || !isLetter(text.charCodeAt(at - 3)));
      if (!afterInitial && !mentionAt(text, at) && (isLetter(b) || (b >= 48 && b <= 57) || b === 45 || b === 95 || b === 46 || b === 64) && !endsAnEmail(emails, at)) continue;
      // "qu'Emilien", "lorsqu'Anne": the elided "que" is no part of the name.
      if ((b === 39 || b === 0x2019) && at > 2 && isLetter(text.charCodeAt(at - 2)) && isLetter(text.charCodeAt(at - 3)) &&
          !((text.charCodeAt(at - 2) | 32) === 117 && (text.charCodeAt(at - 3) | 32) === 113)) continue;
      // "at 2:32 PM Priya Natarajan <…>": AM / PM after a time is no part of a name.
      if (end - at === 2 && text.charCodeAt(at + 1) === 77 && (text.charCodeAt(at) === 65 || text.charCodeAt(at) === 80) && b === 32 && at >= 2 && isDigit(text.charCodeAt(at - 2))) continue;
    }
    const known = memoized(text, at, end, map);
    t.start.push(at);
    t.end.push(end);
    t.key.push(known.key);
    t.flags.push(known.flags);
    t.info.push(known);
  }
  return t;
}
const CAPITAL_RE = new RegExp(`[${UP}]`, 'g');
const TOKEN_AT_RE = new RegExp(TOKEN_RE.source, 'y');

/**
 * The key and flags of the capitalised words seen lately, by their exact spelling: hospital text repeats its
 * capitalised words (Le, Patient, Madame, Dr, the patient's name) within a text and from one text to the next, and a
 * look-up by the exact word skips the lower-casing and the lexicon's look-ups. Bounded (emptied when full); a word's
 * flags depend on the word alone, so the memo never changes a result. An open-addressing table looked up by the
 * characters of the text themselves: no substring is made for a word already seen (measured: a third faster than a
 * Map keyed by the word).
 */
const TOKEN_MEMO_MAX = 8192;
let memoMask = 2 * TOKEN_MEMO_MAX - 1;
/** Slot → 1 + index in memoWords and memoInfos; 0 when empty. At most half full: a text with more new words than the
 * memo holds doubles it (emptied, and back to its size, before the next text). */
let memoSlots = new Int32Array(memoMask + 1);
const memoWords: string[] = [];
const memoInfos: TokenInfo[] = [];
function memoized(text: string, start: number, end: number, map: Map<string, number>): TokenInfo {
  const h = memoHash(text, start, end);
  const length = end - start;
  let slot = h & memoMask;
  for (; ; slot = (slot + 1) & memoMask) {
    const k = memoSlots[slot]!;
    if (k === 0) break;
    const word = memoWords[k - 1]!;
    if (word.length !== length) continue;
    let p = 0;
    while (p < length && word.charCodeAt(p) === text.charCodeAt(start + p)) p++;
    if (p === length) return memoInfos[k - 1]!;
  }
  if (2 * (memoWords.length + 1) > memoMask + 1) {
    growMemo();
    for (slot = h & memoMask; memoSlots[slot] !== 0; slot = (slot + 1) & memoMask);
  }
  const word = text.slice(start, end);
  const key = nameKey(word);
  const info: TokenInfo = { key, keyId: keyIdOf(key), flags: tokenFlags(word, key, map), own: NaN, english: 0, french: 0 };
  memoWords.push(word);
  memoInfos.push(info);
  memoSlots[slot] = memoWords.length;
  return info;
}
/** Empties the memo (the bench measures the worst case: no word carried over from one text to the next). */
export function clearTokenMemo(): void {
  if (memoMask !== 2 * TOKEN_MEMO_MAX - 1) {
    memoMask = 2 * TOKEN_MEMO_MAX - 1;
    memoSlots = new Int32Array(memoMask + 1);
  } else memoSlots.fill(0);
  memoWords.length = 0;
  memoInfos.length = 0;
  keyIds.clear();
}
/** FNV-1a of text[start, end), by its characters as written. */
function memoHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let p = start; p < end; p++) h = Math.imul(h ^ text.charCodeAt(p), 16777619);
  return h;
}
/** Twice the slots, every word put back. */
function growMemo(): void {
  memoMask = 2 * memoMask + 1;
  memoSlots = new Int32Array(memoMask + 1);
  for (let k = 0; k < memoWords.length; k++) {
    const word = memoWords[k]!;
    let slot = memoHash(word, 0, word.length) & memoMask;
    while (memoSlots[slot] !== 0) slot = (slot + 1) & memoMask;
    memoSlots[slot] = k + 1;
  }
}
/** The keys of the memo's words, numbered: step 7 of findPersons marks the keys of the names found in an array read by
 * that number (no set of strings to fill and look up for each text). Emptied with the memo. */
const keyIds = new Map<string, number>();
function keyIdOf(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) keyIds.set(key, (id = keyIds.size));
  return id;
}
/** Per key number, the number of the findPersons call that last found a name with that key. */
let keyMarks = new Int32Array(1024);
let markEpoch = 0;

function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

function isLowerCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7) || (c >= 0x100 && isExtendedLower(c));
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff);
}


/**
 * `identifiers`: sorted starts of the birth dates, NIR, IPP, NDA, phones and whole dates already found, for the
 * identity-row rule.
 */
// Patterns of findPersons, compiled once (a literal in a loop makes a new RegExp object at each evaluation).
const NAME_ONLY_LEAD_RE = /[\s"'<(]/;
const NAME_ONLY_TRAIL_RE = /[\s"',.;>)]/;
/** What may follow a name that ends its line, and what may follow a name that starts it ("Jean Dupont - Cadre"). */
const LINE_REST_EMPTY_RE = /^[ \t\u00A0]*[,.]?$/;
const LINE_REST_PART_RE = /^(?:[ \t\u00A0]+[-–|][ \t\u00A0]|,|[ \t\u00A0]+\()/;
const COMMA_GAP_RE = /^,[ \t\u00A0]?$/;
/** Before and after a first name alone on its line. */
const ALONE_BEFORE_RE = /^[ \t\u00A0>]*$/;
const ALONE_AFTER_RE = /^[ \t\u00A0]*[,.!]?[ \t\u00A0\r]*$/;

/**
 * The text and tokens findPersons is reading, for its helpers below. They read them from here rather than being
 * closures made anew for each text: besides one more object per helper and text, a closure's identity changes from one
 * text to the next, and a call site that had seen only one throws the optimizing compiler's code away ("wrong call
 * target"), again and again on a varied stream of texts.
 */
let pText = '';
let pTk: Tokens = { start: [], end: [], key: [], flags: [], info: [] };
let pN = 0;
let pFlags: number[] = [];

function indexAtOrAfter(pos: number): number {
  let lo = 0;
  let hi = pN;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pTk.start[mid]! < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function adjacent(i: number, j: number): boolean {
  if (j >= pN || j <= i) return false;
  const from = pTk.end[i]!;
  const to = pTk.start[j]!;
  if (to - from === 1) return pText.charCodeAt(from) === 32 || pText.charCodeAt(from) === 160 || pText.charCodeAt(from) === 9;
  return to - from <= 16 && mayBeNameGap(pText, from, to) && NAME_GAP_RE.test(pText.slice(from, to));
}
/**
 * What NAME_GAP_RE needs, tested on the characters before any slice: it starts with a blank or d/D and holds only
 * blanks, lower-case ASCII letters (the particles), D and apostrophes. Most gaps (", ", ". ", a line break) fail at
 * their first character.
 */
function mayBeNameGap(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = text.charCodeAt(from);
  if (first !== 32 && first !== 160 && first !== 9 && first !== 100 && first !== 68) return false;
  for (let p = from + 1; p < to; p++) {
    const c = text.charCodeAt(p);
    if (!((c >= 97 && c <= 122) || c === 32 || c === 160 || c === 9 || c === 68 || c === 39 || c === 0x2019)) return false;
  }
  return true;
}
function surnameLike(i: number): boolean {
  const f = pFlags[i]!;
  return (f & WORD_NOT_NAME) === 0 && (f & (WORD_ACRONYM | WORD_UPPER)) !== (WORD_ACRONYM | WORD_UPPER);
}
function isArticle(i: number): boolean {
  return (pFlags[i]! & WORD_ARTICLE) !== 0;
}
/** Last token of the name that continues after token i (Jean → Jean Pierre Dupont; Le Goff; de La Fontaine). */
function extendRight(i: number, max: number): number {
  let last = i;
  let j = i + 1;
  let count = 1;
  while (count < max && j < pN && adjacent(j - 1, j)) {
    if (surnameLike(j)) {
      last = j;
      j++;
      count++;
    } else if (isArticle(j) && j + 1 < pN && adjacent(j, j + 1) && surnameLike(j + 1)) {
      last = j + 1;
      j += 2;
      count += 2;
    } else {
      // "Rebecca Ward", "Mary Ward called": right after a first name, a word of the stop list that is also a family
      // name of the lexicon is the surname (a ward named after a person, "Florence Nightingale Ward", is hidden too).
      if (isFirstName(last) && stopWordSurname(j)) last = j;
      break;
    }
  }
  return last;
}
/** Token j is a stop-list word (never a name by itself) that is also a family name of the lexicon ("Ward"). */
function stopWordSurname(j: number): boolean {
  const f = pFlags[j]!;
  return (f & (WORD_NOT_NAME | WORD_SURNAME)) === (WORD_NOT_NAME | WORD_SURNAME);
}
function isFirstName(i: number): boolean {
  return (pFlags[i]! & WORD_FIRST_NAME) !== 0;
}
function isUpperToken(i: number): boolean {
  return (pFlags[i]! & WORD_UPPER) !== 0;
}
/** The word before token i (skipping "de", "du", "l'"…) names a place or an institution, or (unless `products` is false)
 * a product or its maker. */
function institutionBefore(i: number, products = true): boolean {
  return listedWordBefore(pText, pTk.start[i]!, 2, isInstitutionSeparator, products ? INSTITUTION_OR_PRODUCT_WORDS : INSTITUTION_WORDS, INSTITUTION_LINKS);
}
/** Between the words of an institution's name: spaces and apostrophes ("Hôpital d'Instruction"). */
function isInstitutionSeparator(c: number): boolean {
  return c === 32 || c === 160 || c === 39 || c === 0x2019;
}
/**
 * Token i stands alone in running prose, before a lower-case word, and after a lower-case word or at the start of
 * a sentence ("sur la rubrique Carrière et formation", "Pensez à vous inscrire").
 */
function loneInProse(i: number): boolean {
  const s = pTk.start[i]!;
  const e = pTk.end[i]!;
  if (pText.charCodeAt(e) !== 32 || !isLowerCode(pText.charCodeAt(e + 1)) || isUpperToken(i)) return false;
  if (s === 0) return true;
  const b = pText.charCodeAt(s - 1);
  if (b === 10) return true;
  if (b !== 32 || s < 2) return false;
  const before = pText.charCodeAt(s - 2);
  return (isLowerCode(before) || before === 46 || before === 33 || before === 63) && !(i > 0 && adjacent(i - 1, i));
}
/** One space and a capital's initial follow text[..e) (« Ambre L. », « Noah B., 6 ans »). */
function initialAt(text: string, e: number): boolean {
  return text.charCodeAt(e) === 32 && isCapital(text.charCodeAt(e + 1)) && text.charCodeAt(e + 2) === 46 && !isLetter(text.charCodeAt(e + 3));
}
/** A digit follows token i, after at most two blanks (« Rose 2 », « Capucine 3 »: a ward named after a flower). */
function numberAfter(i: number): boolean {
  let q = pTk.end[i]!;
  while (q < pTk.end[i]! + 2 && isBlankCode(pText.charCodeAt(q))) q++;
  return isDigit(pText.charCodeAt(q));
}
/** Token i is followed by the initial of a surname. */
function initialAfter(i: number): boolean {
  return initialAt(pText, pTk.end[i]!);
}
/** A lower-case article ends right before `pos` (« la Rose », « du Lys »): a thing's or a place's name follows. */
const LOWER_ARTICLES = new WordList(['le', 'la', 'les', 'du', 'des', 'l', 'the']);
function articleBefore(text: string, pos: number): boolean {
  return listedWordBefore(text, pos, 1, isInstitutionSeparator, LOWER_ARTICLES, LOWER_ARTICLES);
}
/** Token i is a family name of the lexicon and no word of the dictionaries (Dupont; not Carrière, Blanc). */
function surnameNoWord(i: number): boolean {
  return (pFlags[i]! & (WORD_SURNAME | WORD_COMMON)) === WORD_SURNAME && !isEnglishWord(pTk.key[i]!) && !isFrenchWordToken(i);
}
/** Token i is a family name of the lexicon, no common word, after « avec », « et », « à », « voir », « contacter »… */
function loneSurnameIntroduced(i: number): boolean {
  if (!surnameNoWord(i)) return false;
  const s = pTk.start[i]!;
  return GREETING_BEFORE_RE.test(pText.slice(Math.max(0, s - 24), s));
}
/** Token i, alone, after "à", "au", "en", "in", "at" ("Fait à Lyon, le…", "born in Leeds"): a place. */
function placeAfterPreposition(i: number): boolean {
  const s = pTk.start[i]!;
  if (s < 2 || pText.charCodeAt(s - 1) !== 32) return false;
  const c1 = pText.charCodeAt(s - 2) | 32;
  const c0 = s >= 3 ? pText.charCodeAt(s - 3) : 32;
  const oneLetter = c1 === 0xe0 && !isLetter(c0);
  const twoLetters = !oneLetter && s >= 3 && !(s >= 4 && isLetter(pText.charCodeAt(s - 4))) &&
    ((c0 | 32) === 97 ? c1 === 117 || c1 === 116 : ((c0 | 32) === 101 || (c0 | 32) === 105) && c1 === 110); // au at / en in
  return (oneLetter || twoLetters) && !(i + 1 < pN && adjacent(i, i + 1));
}
/** text[p, end) is "you" after "thank" ("Thank you Aoife"). */
function thankYouAt(text: string, p: number, end: number): boolean {
  if (end - p !== 3 || (text.charCodeAt(p) | 32) !== 121 || (text.charCodeAt(p + 1) | 32) !== 111 || (text.charCodeAt(p + 2) | 32) !== 117) return false;
  let q = p;
  while (q > 0 && text.charCodeAt(q - 1) === 32) q--;
  return q < p && q >= 5 && /^thank$/i.test(text.slice(q - 5, q)) && (q === 5 || !isLetter(text.charCodeAt(q - 6)));
}

/** Phrasal verbs with "in" whose object is a person ("copying in Declan", "loop in Niamh"). */
const IN_PHRASAL_VERBS = new WordList('copy copying copied cc cc\'d cc\'ing loop looping looped bring bringing brought'.split(' '));

/** The word just before `at` is "in" (one space apart), not in "copying in" and the like. */
function afterIn(text: string, at: number): boolean {
  if (!(at >= 3 && text.charCodeAt(at - 1) === 32 && (text.charCodeAt(at - 2) | 32) === 110 && (text.charCodeAt(at - 3) | 32) === 105 &&
      (at === 3 || !isLetter(text.charCodeAt(at - 4))))) return false;
  let p = at - 3;
  while (p > 0 && text.charCodeAt(p - 1) === 32) p--;
  const end = p;
  while (p > 0 && (isLetter(text.charCodeAt(p - 1)) || text.charCodeAt(p - 1) === 39)) p--;
  return !(end > p && IN_PHRASAL_VERBS.hasRange(text, p, end));
}
/** A name that starts at token k (after a title or in a header): its last token, or -1. */
function nameFrom(k: number, max = 4): number {
  if (k >= pN) return -1;
  if (surnameLike(k)) return extendRight(k, max);
  if (isArticle(k) && adjacent(k, k + 1) && surnameLike(k + 1)) return extendRight(k + 1, max - 1);
  return -1;
}

/** A whole piece of text that is only a name (a header entry, a signature line): its span, or null. */
function nameOnly(from: number, to: number, requireKnown: boolean, requireTwo = false): [number, number] | null {
  while (from < to && NAME_ONLY_LEAD_RE.test(pText[from]!)) from++;
  while (to > from && NAME_ONLY_TRAIL_RE.test(pText[to - 1]!)) to--;
  if (to <= from) return null;
  const k = indexAtOrAfter(from);
  if (k >= pN || pTk.start[k] !== from) return null;
  const last = nameFrom(k, 5);
  if (last < 0 || pTk.end[last] !== to) return null;
  if (requireKnown && last === k && !isFirstName(k) && !isUpperToken(k)) return null;
  if (requireTwo && last === k) return null;
  return [from, to];
}

/**
 * One byte per token (steps 6c and 7: inside a name found), zeroed for its first n tokens: one buffer for every
 * text, as a new typed array per step and text costs more than the loop it serves.
 */
let tokenBytes = new Uint8Array(256);
function zeroedFlags(n: number): Uint8Array {
  if (tokenBytes.length < n) tokenBytes = new Uint8Array(Math.max(n, tokenBytes.length * 2));
  else tokenBytes.fill(0, 0, n);
  return tokenBytes;
}

/** Days and months ("On Fri, Feb 5", "by June"): the dictionary writes them with a capital, as names. */
const DAYS_AND_MONTHS = new Set(
  ('mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday ' +
    'wednesday thursday friday saturday sunday january february march april may june july august september october ' +
    'november december').split(' '),
);

/** Token i may be a name in English prose (step 6d): capitalised, no English word, no label, not in a link. */
function englishNameToken(i: number, inside: Uint8Array): boolean {
  if (inside[i] || pFlags[i]! & (WORD_NOT_NAME | WORD_ACRONYM | WORD_ARTICLE) || isUpperToken(i)) return false;
  const s = pTk.start[i]!;
  const e = pTk.end[i]!;
  // A label ("Attendees:", « Opérateur : »).
  let p = e;
  while (p < pText.length && p - e < 2 && pText.charCodeAt(p) === 32) p++;
  if (e - s < 3 || pText.charCodeAt(p) === 58) return false;
  const b = s > 0 ? pText.charCodeAt(s - 1) : 32;
  if (b === 63 || b === 61 || b === 38 || b === 47 || b === 35) return false; // ?LinkId=, /Path
  const info = pTk.info[i]!;
  if (info.english === 0) info.english = isEnglishWord(info.key) || DAYS_AND_MONTHS.has(info.key) || brandShaped(pText, s, e) ? 1 : 2;
  return info.english === 2;
}

/** Prefixes after which a capital inside a surname is usual (McAllister, MacDonald, DiCaprio, LeBlanc, VanDyke). */
const INNER_CAPITAL_PREFIXES = new Set(['mc', 'mac', 'di', 'de', 'le', 'la', 'van', 'von', 'fitz', 'du', 'da', 'st', 'ter', 'ten']);

/** text[s, e) has a capital after a lower-case letter other than a surname's prefix: a brand or code ("SharePoint",
 * "GitLab", "WhatsApp", "UsersController"), not a person. */
function brandShaped(text: string, s: number, e: number): boolean {
  for (let p = s + 1; p < e; p++) {
    if (!isCapital(text.charCodeAt(p)) || !isLowerCode(text.charCodeAt(p - 1))) continue;
    let q = p - 1;
    while (q > s && isLetter(text.charCodeAt(q - 1))) q--;
    if (!INNER_CAPITAL_PREFIXES.has(text.slice(q, p).toLowerCase())) return true;
  }
  return false;
}

/** Determiners before a capitalised word make it a thing ("the Datix reference", "a Fresenius pump"). */
const DETERMINERS = new WordList('the a an this that these those each every another no any'.split(' '));

/** Token i is a French word (dictionaries.ts) and no first name of the lexicon (« Constance Roy », « Rose Martin »:
 * a first name that is also a French word still may be one). */
function frenchWordToken(i: number): boolean {
  return isFrenchWordToken(i) && !(pTk.info[i]!.flags & (WORD_FIRST_NAME | WORD_WEAK_FIRST_NAME));
}

/** Token i's spelling is a French common word (dictionaries.ts), looked up once per spelling (its memo entry). */
function isFrenchWordToken(i: number): boolean {
  const info = pTk.info[i]!;
  if (info.french === 0) info.french = isFrenchWord(info.key) ? 1 : 2;
  return info.french === 1;
}

/** The French and English common words of faker's lists (lexicon.ts), built once. */
let fakerWords: Set<string> | undefined;

/**
 * Token i (capitalised, no label, not in a link: see englishNameToken) may be a name by the dictionaries: no English
 * or French word (dictionaries.ts), no word of faker's French and English lists, and not at the model's lowest scores.
 */
/** The span is one token, a first name of the lexicon (« Maïwenn », "Chiamaka" found by a rule). */
function aloneFirstNameSpan(span: readonly [number, number]): boolean {
  const k = indexAtOrAfter(span[0]);
  return k < pN && pTk.start[k] === span[0] && pTk.end[k] === span[1] && isFirstName(k);
}

function noWordOfTheDictionaries(i: number, modelToo = true): boolean {
  const info = pTk.info[i]!;
  if (info.english !== 2 || (fakerWords ??= commonWordSet()).has(info.key)) return false;
  if (frenchWordToken(i)) return false;
  return !modelToo || modelAllows(i);
}

/**
 * Tokens first…last are all English or French common words (dictionaries.ts), none a first name or a surname of the
 * lexicon (nor, with `weakNames`, a first name that is also a common word: Rose, Aurore).
 */
function commonWordsOnly(first: number, last: number, weakNames = true): boolean {
  const names = weakNames ? WORD_FIRST_NAME | WORD_WEAK_FIRST_NAME | WORD_SURNAME : WORD_FIRST_NAME | WORD_SURNAME;
  for (let j = first; j <= last; j++) {
    if (pFlags[j]! & names) return false;
    if (!isEnglishWord(pTk.key[j]!) && !isFrenchWordToken(j)) return false;
  }
  return true;
}

/** The name model scores token i above `threshold` (by default the threshold it has alone: not at its lowest scores). */
function modelAllows(i: number, threshold = nameModel().threshold): boolean {
  const model = nameModel();
  const info = pTk.info[i]!;
  if (Number.isNaN(info.own)) info.own = ownWeight(model, pText, pTk, i);
  return scoreToken(model, pText, pTk, i, info.own) > threshold;
}

/** Flags of the current text's tokens: 1 for each token inside one of `spans`. */
function tokensInside(spans: ReadonlyArray<[number, number]>): Uint8Array {
  const inside = zeroedFlags(pN);
  for (const [s, e] of spans) for (let k = indexAtOrAfter(s); k < pN && pTk.start[k]! < e; k++) inside[k] = 1;
  return inside;
}

/** pText[from, to) is " de ", " du " or " d'" (a surname's particle between a first name and the surname). */
function particleBetween(from: number, to: number): boolean {
  const gap = to - from;
  if (gap === 3 && pText.charCodeAt(from) === 32 && pText.charCodeAt(from + 1) === 100 && (pText.charCodeAt(from + 2) === 39 || pText.charCodeAt(from + 2) === 0x2019)) return true;
  if (gap !== 4 || pText.charCodeAt(from) !== 32 || pText.charCodeAt(from + 3) !== 32 || pText.charCodeAt(from + 1) !== 100) return false;
  const c = pText.charCodeAt(from + 2);
  return c === 101 || c === 117;
}

/** Token i is a word that introduces a name (« Contacter Chidi », "Dear Ngozi", « Patient Dupont »). */
function introducesName(i: number): boolean {
  const s = pTk.start[i]!;
  const e = pTk.end[i]!;
  return CONTACT_VERBS.hasRange(pText, s, e) || ADDRESSEE_VERBS.hasRange(pText, s, e) || GREETINGS.hasRange(pText, s, e) ||
    KIN_WORDS.hasRange(pText, s, e) || PAIR_INTRO_WORDS.hasRange(pText, s, e);
}

/**
 * Tokens first…last are one family name or first name that is also a common word (Blanc, Blanche), in title case,
 * right after a capitalised common word (no article, not in capitals) that no rule took and that introduces no name:
 * « Plan Blanc », « Alerte Blanche ».
 */
function adjectiveOfTerm(first: number, last: number, inside: Uint8Array): boolean {
  if (first !== last || (pFlags[first]! & (WORD_COMMON | WORD_UPPER)) !== WORD_COMMON || first === 0) return false;
  const before = first - 1;
  // Not after an article (« RDV LE ROUX », « Mme Le Blanc »): the surname's own.
  return pTk.end[before]! + 1 === pTk.start[first]! && adjacent(before, first) && !inside[before] && !(pFlags[before]! & (WORD_ARTICLE | WORD_UPPER)) &&
    commonWordsOnly(before, before) && !introducesName(before);
}

/** Step 7b of findPersons: each span grows by the one capitalised word just before and after it that may be a name. */
function neighboursOfNames(spans: Array<[number, number]>): void {
  const n = pN;
  const inside = tokensInside(spans);
  const mayJoin = (i: number): boolean => englishNameToken(i, inside) && !introducesName(i) && noWordOfTheDictionaries(i);
  // « le patient Le Bihan Marie », « De : Le Floch Gwenaëlle »: a capitalised article inside a sentence or a field,
  // right before a name found, is the surname's (not at a sentence's start: « Le Dupont… » is rare, « Le patient » not).
  const articleOfName = (i: number): boolean => {
    if (inside[i] || !(pFlags[i]! & WORD_ARTICLE) || !isCapital(pText.charCodeAt(pTk.start[i]!))) return false;
    const s = pTk.start[i]!;
    if (s < 2 || pText.charCodeAt(s - 1) !== 32) return false;
    const b = pText.charCodeAt(s - 2);
    return isLowerCode(b) || b === 58 || b === 44 || b === 40;
  };
  for (const span of spans) {
    const k = indexAtOrAfter(span[0]);
    if (k > 0 && k < n && pTk.start[k] === span[0] && adjacent(k - 1, k) && pTk.end[k - 1]! + 1 === span[0] && (articleOfName(k - 1) || mayJoin(k - 1))) {
      span[0] = pTk.start[k - 1]!;
      inside[k - 1] = 1;
    }
    // « Dominique de La Fontaine »: a first name, then « de » / « du » / « d' » in lower case, then the name found.
    const f = indexAtOrAfter(span[0]) - 1;
    if (f >= 0 && !inside[f] && pFlags[f]! & (WORD_FIRST_NAME | WORD_WEAK_FIRST_NAME) && !(pFlags[f]! & WORD_NOT_NAME) && particleBetween(pTk.end[f]!, span[0])) {
      span[0] = pTk.start[f]!;
      inside[f] = 1;
    }
    const j = indexAtOrAfter(span[1]);
    if (j < n && j > 0 && pTk.end[j - 1] === span[1] && adjacent(j - 1, j) && pTk.start[j] === span[1] + 1 &&
        (mayJoin(j) || (!inside[j] && isFirstName(j - 1) && stopWordSurname(j)))) {
      span[1] = pTk.end[j]!;
      inside[j] = 1;
    }
  }
}

const ENGLISH_WORDS = new WordList(ENGLISH_FUNCTION_WORDS);
const FRENCH_WORDS = new WordList(FRENCH_FUNCTION_WORDS);

/**
 * text[from, to) (a line) is English: at least one English function word (dictionaries.ts) and more of them than French
 * ones ("Spoke with Chidi this morning" yes; « Vu avec Chidi ce matin » no). Words in lower case only, not glued to a
 * digit ("280032A11").
 */
function englishLine(text: string, from: number, to: number): boolean {
  let english = 0;
  let french = 0;
  let p = from;
  while (p < to) {
    while (p < to && !isLetter(text.charCodeAt(p))) p++;
    const s = p;
    while (p < to && isLetter(text.charCodeAt(p))) p++;
    if (p - s > 6 || p === s || !isLowerCode(text.charCodeAt(s))) continue;
    if ((s > 0 && isDigit(text.charCodeAt(s - 1))) || (p < text.length && isDigit(text.charCodeAt(p)))) continue;
    if (ENGLISH_WORDS.hasRange(text, s, p)) english++;
    else if (FRENCH_WORDS.hasRange(text, s, p)) french++;
  }
  return english >= 1 && english > french;
}

/** Step 6d of findPersons: names in English sentences, added to `spans`. */
function englishProseNames(text: string, spans: Array<[number, number]>): void {
  const n = pN;
  const inside = tokensInside(spans);
  // Whether the current line is English, read once per line.
  let lineEnd = -1;
  let english = false;
  for (let i = 0; i < n; i++) {
    // Not after a possessive or a determiner ("Sent from my Samsung", "our Trust", "the Datix reference"): a thing or
    // a body, not a person.
    // A French word written with a capital ("Suite à…") is no name in English either; looked up first, so that few
    // lines of French text are read for their language.
    if (!englishNameToken(i, inside) || frenchWordToken(i) || placeAfterPreposition(i) || possessiveBefore(text, pTk.start[i]!) || determinerBefore(text, pTk.start[i]!)) continue;
    if (pTk.start[i]! >= lineEnd) {
      const lineStart = lineStartAt(text, pTk.start[i]! - 1);
      lineEnd = text.indexOf('\n', pTk.start[i]!);
      if (lineEnd < 0) lineEnd = text.length;
      english = englishLine(text, lineStart, lineEnd);
    }
    if (!english || institutionBefore(i) || !modelAllows(i)) continue;
    let last = i;
    while (last + 1 < n && adjacent(last, last + 1) && englishNameToken(last + 1, inside) && !frenchWordToken(last + 1)) last++;
    spans.push([pTk.start[i]!, pTk.end[last]!]);
    i = last;
  }
}

function findPersons(
  text: string,
  emails: Array<[number, number]>,
  identifiers: number[] = [],
  strongIdentifiers: ReadonlySet<number> = new Set(),
  method: NameMethod = DEFAULT_NAME_METHOD,
): Array<[number, number]> {
  const tk = tokenize(text, emails);
  const n = tk.start.length;
  const spans: Array<[number, number]> = [];
  if (n === 0) return spans;
  const flags = tk.flags;
  pText = text;
  pTk = tk;
  pN = n;
  pFlags = flags;

  // 1. Titles: "Mme Dupont", "Dr J. Martin", "M. le Professeur Durand", "Monsieur de Villepin".
  TITLE_RE.lastIndex = 0;
  for (let m = TITLE_RE.exec(text); m; m = TITLE_RE.exec(text)) {
    if (m.index > 0 && isLetter(text.charCodeAt(m.index - 1))) continue;
    const initials = m[1] ?? '';
    const nameStart = m.index + m[0].length;
    const k = indexAtOrAfter(nameStart);
    if (k >= n || tk.start[k]! - nameStart > 12) continue;
    const gap = text.slice(nameStart, tk.start[k]!);
    if (gap && !TITLE_GAP_RE.test(gap)) continue;
    // "Dr Ward", « Mme Ward »: after a title, a stop-list word that is also a family name of the lexicon is one.
    let last = nameFrom(k);
    if (last < 0 && stopWordSurname(k)) last = k;
    if (last < 0) continue;
    // « Dr Myriam Bureau », « Mme Claire Petit »: after a title and a first name, the next capitalised word is the
    // surname even when it is also a common word; not « Dr Jean Chef de service », « Mme Anne Direction des soins ».
    if (last === k && isFirstName(k) && k + 1 < n && adjacent(k, k + 1) && !(flags[k + 1]! & WORD_ACRONYM) &&
        tk.end[k + 1]! - tk.start[k + 1]! >= 3 && !OF_AFTER_RE.test(text.slice(tk.end[k + 1]!, tk.end[k + 1]! + 5)))
      last = k + 1;
    spans.push([nameStart - initials.length, tk.end[last]!]);
  }

  // 2. Maiden and married names: "née Martin", "épouse Durand": the word before a token, after spaces.
  for (let k = 0; k < n; k++) {
    let p = tk.start[k]!;
    while (p > 0 && isBlankCode(text.charCodeAt(p - 1))) p--;
    if (p === tk.start[k]) continue;
    const word = maidenWordEndingAt(text, p);
    if (word < 0) continue;
    const last = nameFrom(k, 3);
    if (last < 0) continue;
    spans.push([tk.start[k]!, tk.end[last]!]);
    // « Dubois épouse Martin », « BERNARD épouse MARTIN Josiane », « Leroy veuve Dupuis »: the word before is the
    // other name of the same person (not after "born": « Patient born … » is no name).
    if (MAIDEN_WORDS[word] === 'born') continue;
    const wordStart = p - MAIDEN_WORDS[word]!.length;
    let q = wordStart;
    while (q > 0 && isBlankCode(text.charCodeAt(q - 1))) q--;
    const j = indexAtOrAfter(q) - 1;
    if (j < 0 || j >= k || tk.end[j] !== q || q === wordStart || !surnameLike(j)) continue;
    let first = j;
    // « Marie DUBOIS épouse … »: one blank apart only (not « Transfert de Dubois épouse … »).
    while (first > 0 && j - first < 2 && tk.start[first]! - tk.end[first - 1]! === 1 && adjacent(first - 1, first) && surnameLike(first - 1)) first--;
    spans.push([tk.start[first]!, tk.end[j]!]);
  }

  // 3. Mail headers: "De : DUPONT Marie <m.dupont@chu.fr>; Martin Paul".
  // Lines: [start, end) of each non-blank one, for headers, signatures and the last lines of a mail.
  const lines: Array<[number, number]> = []; // few per text: tuples are fine
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    let s = at;
    while (s < end && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9 || text.charCodeAt(s) === 62 || text.charCodeAt(s) === 160)) s++;
    let e = end;
    while (e > s && (text.charCodeAt(e - 1) <= 32 || text.charCodeAt(e - 1) === 160)) e--;
    if (e > s) lines.push([s, e]);
    at = end + 1;
  }
  for (const [at] of lines) {
    const c = text.charCodeAt(at);
    // Header lines start with one of A À B C D E F P R S T.
    if (!(c >= 65 && c <= 84) && c !== 0xc0) continue;
    HEADER_RE.lastIndex = at;
    const m = HEADER_RE.exec(text);
    if (!m) continue;
    const lineStart = m.index + m[0].length - m[1]!.length;
    const line = m[1]!;
    // Its entries, split at "," and ";" (by hand: no array of pieces).
    for (let from = 0; from <= line.length; ) {
      let to = from;
      while (to < line.length && line.charCodeAt(to) !== 44 && line.charCodeAt(to) !== 59) to++;
      const lt = line.indexOf('<', from);
      const mail = line.indexOf('@', from);
      const nameEnd = lt >= 0 && lt < to ? lt - from : mail >= 0 && mail < to ? 0 : to - from;
      const span = nameOnly(lineStart + from, lineStart + from + nameEnd, false);
      if (span) spans.push(span);
      from = to + 1;
    }
  }

  // 3b. Mentions: "@Jérôme", "@Jérôme Martin" (Teams, Outlook): the name after the at, whatever the lexicon says.
  for (let k = 0; k < n; k++) {
    if (!mentionAt(text, tk.start[k]!)) continue;
    const last = nameFrom(k, 3);
    if (last >= 0) spans.push([tk.start[k]!, tk.end[last]!]);
  }

  // 4. "Jean Dupont <jean.dupont@chu.fr>" anywhere (quoted-reply lines "… Jean Dupont <…> a écrit :").
  for (const [start] of emails) {
    if (text[start - 1] !== '<') continue;
    let to = start - 1;
    while (to > 0 && /[ \t"']/.test(text[to - 1]!)) to--;
    const k = indexAtOrAfter(to) - 1;
    if (k < 0 || tk.end[k] !== to) continue;
    let first = k;
    while (first > 0 && k - first < 4 && adjacent(first - 1, first) && (surnameLike(first - 1) || isArticle(first - 1))) first--;
    while (first < k && isArticle(first)) first++;
    // "Secrétariat Pneumologie <…>": a service mailbox, not a person.
    if (first > 0 && adjacent(first - 1, first) && flags[first - 1]! & WORD_NOT_NAME) continue;
    if (surnameLike(first)) spans.push([tk.start[first]!, to]);
  }

  // 5. Signatures: the name line after a closing formula or after "-- ", and a name alone on one of the last lines.
  const lastLines = Math.max(0, lines.length - 5);
  for (let li = 1; li < lines.length; li++) {
    const [lineStart0, lineEnd] = lines[li]!;
    const c = text.charCodeAt(lineStart0);
    if (!isLatinCapital(c)) continue;
    // Cheapest tests first: the line begins with a name (after an optional title) that ends the line or its
    // first part ("Jean Dupont - Cadre de santé", "Jean Dupont, secrétaire"); only then look for a formula.
    let lineStart = lineStart0;
    const title = c === 68 || c === 80 ? SIGNATURE_TITLE_RE.exec(text.slice(lineStart0, lineStart0 + 14)) : null; // Dr, Pr…
    if (title) lineStart += title[0].length;
    const k = indexAtOrAfter(lineStart);
    if (k >= n || tk.start[k] !== lineStart) continue;
    const last = nameFrom(k, 5);
    if (last < 0) continue;
    const rest = text.slice(tk.end[last]!, lineEnd);
    const whole = LINE_REST_EMPTY_RE.test(rest);
    if (!whole && !LINE_REST_PART_RE.test(rest)) continue;
    const [prevStart, prevEnd] = lines[li - 1]!;
    let afterFormula = false;
    if (prevEnd - prevStart <= 120) {
      const prev = text.slice(prevStart, prevEnd);
      afterFormula = SIGNOFF_RE.test(prev) || SIGNATURE_DASH_RE.test(prev);
    }
    // Without a formula: a bare "First Last" line among the last lines of the text.
    if (!afterFormula && (li < lastLines || !whole || title || last === k)) continue;
    // "Royal Infirmary", "Clinical Engineering": a line of common words only (none a first name or a surname of the
    // lexicon) is a service or a title under the name; after a closing formula, a first name that is also a common
    // word still signs (« Aurore Rose »).
    if (!title && commonWordsOnly(k, last, afterFormula)) continue;
    spans.push([lineStart, tk.end[last]!]);
  }

  // 5b. Form fields and lists: "Déclarant : Jean Martin (IDE). Témoin : Paul Roux", "Présents : A, Mme B, C".
  //     Found from each ":" (rare), the label read backwards and looked up, instead of a regex of all labels.
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const label = fieldLabelBefore(text, colon);
    if (!label) continue;
    let p = colon + 1;
    while (p < text.length && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 160 || text.charCodeAt(p) === 9)) p++;
    for (let entries = 0; entries < 12; entries++) {
      const title = TITLE_AT_RE.exec(text.slice(p, p + 24));
      if (title) p += title[0].length;
      const k = indexAtOrAfter(p);
      let entryEnd = -1;
      if (k < n && tk.start[k] === p) {
        const last = nameFrom(k, 4);
        if (last >= 0) entryEnd = tk.end[last]!;
      } else entryEnd = lowerCaseNameAt(text, p);
      // « Prénom : aziz », « Nom : dupont »: a field that holds a name holds one whatever its case.
      if (entryEnd < 0 && label === 2 && entries === 0) entryEnd = nameFieldValueAt(text, p);
      if (entryEnd < 0) break;
      // « Jean ; Prénoms : … »: a capitalised word followed by a colon is the next field's label, not an entry.
      if (entries > 0 && LABEL_AFTER_RE.test(text.slice(entryEnd, entryEnd + 4))) break;
      spans.push([p, entryEnd]);
      // Next entry after ", " / "; " / " et ", skipping a "(role)".
      const rest = listNextMayFollow(text, entryEnd) ? LIST_NEXT_RE.exec(text.slice(entryEnd, entryEnd + 60)) : null;
      if (!rest) break;
      p = entryEnd + rest[0].length;
    }
  }

  // 5c. Two capitalised words after a word of kinship or role: "sa fille, Marie Dupont", "patient John Smith".
  for (let i = 0; i < n; i++) {
    const pair = i + 1 < n && surnameLike(i) && adjacent(i, i + 1) && surnameLike(i + 1);
    // One word is enough when it is a first name from the lexicon ("votre fils Lucas"), or any name after a family
    // word with its possessive ("sa sœur Aïssatou").
    const knownFirst = isFirstName(i) && !(flags[i]! & WORD_NOT_NAME);
    // "le patient DUPONT", "the patient SMITH": an upper-case word of 3 letters or more (no acronym) is a surname.
    const upperSurname = isUpperToken(i) && surnameLike(i) && !(flags[i]! & WORD_ACRONYM) && tk.end[i]! - tk.start[i]! >= 3;
    if (!pair && !knownFirst && !surnameLike(i)) continue;
    let p = tk.start[i]!;
    while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 44 || text.charCodeAt(p - 1) === 160)) p--;
    const end = p;
    while (p > 0 && (isLetter(text.charCodeAt(p - 1)) || text.charCodeAt(p - 1) === 45)) p--;
    if (end === p) continue;
    // A capitalised word of role ("Interne Fati CHEHAB", "Pour Ilario Bonanno") introduces a pair or an upper-case
    // surname only (« Famille KOUASSI », « Patient DUPONT »).
    if (text.charCodeAt(p) < 97 && !pair && !upperSurname && !CONTACT_VERBS.hasRange(text, p, end)) continue;
    // Not two common words ("Consultant Paediatric Surgeon": a job title, as "Clinical Nurse Specialist").
    if (pair && (PAIR_INTRO_WORDS.hasRange(text, p, end) || fromSomeoneBefore(text, p, end)) && !commonWordsOnly(i, i + 1)) {
      const last = extendRight(i, 4);
      spans.push([tk.start[i]!, tk.end[last]!]);
      i = last;
      continue;
    }
    if (pair || knownFirst || upperSurname ? KIN_WORDS.hasRange(text, p, end) : (FAMILY_WORDS.hasRange(text, p, end) && possessiveBefore(text, p)) ||
        (end - p >= 3 && end === tk.start[i]! - 1 && !(i + 1 < n && adjacent(i, i + 1)) &&
          (ADDRESSEE_VERBS.hasRange(text, p, end) || (ONE_NAME_AFTER_WORDS.hasRange(text, p, end) && !listedWordJustBefore(text, p, QUALIFIED_BY_ROLE)) ||
            (CONTACT_VERBS.hasRange(text, p, end) && englishNameToken(i, zeroedFlags(n)) && noWordOfTheDictionaries(i, false))))) {
      const last = extendRight(i, 4);
      spans.push([tk.start[i]!, tk.end[last]!]);
      i = last;
    }
  }

  // 5d. A name by its grammar, whatever its spelling:
  //   - after a greeting ("Bonjour Fatoumata", "Dear Aditi Rao", "Chère Mme …" is the title rule's);
  //   - after initials ("A. Lemar", "P.E. Jilliot", "Ph. ROCHE", "R-L. BOULEVANT", "Z.Phillot");
  //   - an upper-case name with a middle initial ("CAVALIER S MARION");
  //   - in a row of an identity table, just before a birth date, a NIR, an IPP or a phone ("Mirella Rousset,
  //     23/04/1976", "AID MERGHAD, ZINEDINE 1 2 5 2 …", "Darinet Antoine | M | 15/09/1965");
  //   - the word of a mail address's local part ("Berengère Vilbert be.vilbert@…").
  let si = 0;
  for (let i = 0; i < n; i++) {
    if (!surnameLike(i)) continue;
    const start = tk.start[i]!;
    // Greeting: the word before, on the same line.
    let p = start;
    while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160 || text.charCodeAt(p - 1) === 44)) p--;
    const wordEnd = p;
    while (p > 0 && isLetter(text.charCodeAt(p - 1))) p--;
    if (wordEnd > p && wordEnd < start && (GREETINGS.hasRange(text, p, wordEnd) || thankYouAt(text, p, wordEnd)) && (p === 0 || !isLetter(text.charCodeAt(p - 1)))) {
      const last = extendRight(i, 3);
      spans.push([start, tk.end[last]!]);
      i = last;
      continue;
    }
    // Initials just before: "A. ", "A.", "Ph. ", "P.E. ", "R-L. ".
    const initials = initialsBefore(text, start);
    if (initials >= 0 && !INITIAL_GUARD_WORDS.hasRange(text, ...wordBefore(text, initials))) {
      const last = extendRight(i, 3);
      spans.push([initials, tk.end[last]!]);
      i = last;
      continue;
    }
    // "CAVALIER S MARION": upper-case, one capital letter, upper-case.
    if (i + 1 < n && isUpperToken(i) && isUpperToken(i + 1) && surnameLike(i + 1) && tk.start[i + 1]! - tk.end[i]! === 3 &&
        tk.end[i]! - start >= 3 && tk.end[i + 1]! - tk.start[i + 1]! >= 3 &&
        text.charCodeAt(tk.end[i]!) === 32 && isCapital(text.charCodeAt(tk.end[i]! + 1)) && text.charCodeAt(tk.end[i]! + 2) === 32 &&
        !ONE_LETTER_WORDS.has(text.charCodeAt(tk.end[i]! + 1))) {
      spans.push([start, tk.end[i + 1]!]);
      i++;
      continue;
    }
    // "OBAMA Barack", "Marzie MARTI": one upper-case word of 4 letters or more (no acronym) beside a capitalised
    // one: how French records write a surname next to a first name.
    if (i + 1 < n && adjacent(i, i + 1) && surnameLike(i + 1) && isUpperToken(i) !== isUpperToken(i + 1) && !(flags[i]! & WORD_NOT_NAME) && !(flags[i + 1]! & WORD_NOT_NAME)) {
      const upper = isUpperToken(i) ? i : i + 1;
      if (tk.end[upper]! - tk.start[upper]! >= 4 && !(flags[upper]! & WORD_ACRONYM) && !institutionBefore(i)) {
        // « Transfert de DUBOIS », « Demande du LEROY » (a capitalised common word, a particle, a surname): the name
        // starts at the surname; « Jean de LATTRE » (a first name of the lexicon) stays whole.
        const from = upper === i + 1 && tk.start[i + 1]! - tk.end[i]! > 1 && !isFirstName(i) ? i + 1 : i;
        const last = extendRight(from, 4);
        spans.push([tk.start[from]!, tk.end[last]!]);
        i = last;
        continue;
      }
    }
    // Identity row: a pair of names (or "SURNAME, First") right before an identifier.
    let last = -1;
    if (i + 1 < n && adjacent(i, i + 1) && surnameLike(i + 1)) last = extendRight(i, 4);
    else if (i + 1 < n && isUpperToken(i) && surnameLike(i + 1) && COMMA_GAP_RE.test(text.slice(tk.end[i]!, tk.start[i + 1]!))) last = i + 1;
    if (last >= 0 && !(flags[i]! & WORD_NOT_NAME)) {
      const end = tk.end[last]!;
      while (si < identifiers.length && identifiers[si]! < end) si++;
      const gap = si < identifiers.length && identifiers[si]! - end <= 8 ? text.slice(end, identifiers[si]!) : undefined;
      if (gap !== undefined && ROW_GAP_RE.test(gap) && (strongIdentifiers.has(identifiers[si]!) || ROW_SEPARATOR_RE.test(gap))) {
        spans.push([start, end]);
        i = last;
        continue;
      }
    }
  }
  for (const [eStart, eEnd] of emails) {
    const at = text.indexOf('@', eStart);
    if (at < 0 || at > eEnd) continue;
    const pieces = localPartWords(text.slice(eStart, at).toLowerCase());
    if (!pieces.length) continue;
    const lineStart = lineStartAt(text, eStart - 1);
    for (let k = indexAtOrAfter(Math.max(lineStart, eStart - 80)); k < n && tk.end[k]! <= eStart; k++) {
      if (!surnameLike(k) || !pieces.includes(tk.key[k]!)) continue;
      let first = k;
      while (first > 0 && k - first < 2 && adjacent(first - 1, first) && surnameLike(first - 1)) first--;
      spans.push([tk.start[first]!, tk.end[extendRight(k, 2)]!]);
    }
  }

  // 6. First names from the lexicon, with a surname after (Marie Dupont) or an upper-case one before (DUPONT Marie);
  //    alone only after a greeting or on a line of their own (a signature, "Bonjour Sophie,").
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if (f & WORD_NOT_NAME || !(f & (WORD_FIRST_NAME | WORD_WEAK_FIRST_NAME))) continue;
    const weak = (f & WORD_WEAK_FIRST_NAME) !== 0;
    if (institutionBefore(i)) {
      // "CHU Claude Bernard", "place Victor Hugo": the whole run of capitalised words names the place.
      while (i + 1 < n && adjacent(i, i + 1)) i++;
      continue;
    }
    if (weak && sentenceStart(text, tk.start[i]!) && !initialAfter(i)) continue;
    if (i + 1 < n && adjacent(i, i + 1) && (surnameLike(i + 1) || (isArticle(i + 1) && adjacent(i + 1, i + 2) && surnameLike(i + 2)))) {
      // "Royal Infirmary", « Rose Trémière »: a first name that is also a common word, then a common word that is no
      // surname of the lexicon, is a thing's name.
      if (weak && !isArticle(i + 1) && commonWordsOnly(i + 1, i + 1)) {
        i++;
        continue;
      }
      const last = extendRight(i, 4);
      spans.push([tk.start[i]!, tk.end[last]!]);
      i = last;
      continue;
    }
    if (i > 0 && adjacent(i - 1, i) && isUpperToken(i - 1) && (surnameLike(i - 1) || isArticle(i - 1))) {
      let first = i - 1;
      while (first > 0 && i - first < 3 && adjacent(first - 1, first) && isUpperToken(first - 1) && (surnameLike(first - 1) || isArticle(first - 1))) first--;
      while (first < i && isArticle(first)) first++;
      if (first < i) {
        spans.push([tk.start[first]!, tk.end[i]!]);
        continue;
      }
    }
    // "La Rochelle", "Le Vésinet": after a capitalised article, a place (or a surname the other rules take).
    if (i > 0 && isArticle(i - 1) && adjacent(i - 1, i)) continue;
    const lineStart = lineStartAt(text, tk.start[i]! - 1);
    const before = text.slice(Math.max(lineStart, tk.start[i]! - 30), tk.start[i]!);
    if (weak) {
      // A first name that is also a common word (Claire, Rose, Grace, Hope), written as a name mid-sentence, after a word
      // that introduces a person (« voir avec Claire », « j'ai parlé à Rose », "I spoke to Grace", "Thanks to Hope"): one;
      // not before a number (« Rose 2 »: a ward named after a flower).
      // And before the initial of a surname (« Aide-soignante : Ambre L. »).
      if (!isUpperToken(i) && !numberAfter(i) && (initialAfter(i) || WEAK_NAME_INTRODUCED_RE.test(before) || SPEAKING_TO_BEFORE_RE.test(before) ||
          (SUBJECT_BEFORE_RE.test(before) && lowerWordAfter(text, tk.end[i]!))))
        spans.push([tk.start[i]!, tk.end[i]!]);
      continue;
    }
    let lineEnd = text.indexOf('\n', tk.end[i]!);
    if (lineEnd < 0) lineEnd = text.length;
    const alone = ALONE_BEFORE_RE.test(text.slice(lineStart, tk.start[i]!)) && ALONE_AFTER_RE.test(text.slice(tk.end[i]!, lineEnd));
    // "Marie (IDE), Paul (AS)": a first name followed by a role in parentheses (not "LUCIE (NEZ)" in an upper-case list).
    const mixedCase = !isUpperToken(i);
    const roleAfter = mixedCase && text.charCodeAt(tk.end[i]!) === 32 && text.charCodeAt(tk.end[i]! + 1) === 40;
    // A first name of the lexicon (not one that is also a common word) written as a name, mid-sentence or starting
    // one ("Clotaire préfère…", "qu'Emilien prévienne", "I spoke to Aditi"): a person.
    // "The meeting is in London", "born in Florence": after "in", a place (not after « à »: « dire à Marie »).
    if (!alone && afterIn(text, tk.start[i]!) && !(i + 1 < n && adjacent(i, i + 1))) continue;
    if (alone || roleAfter || mixedCase || GREETING_BEFORE_RE.test(before)) spans.push([tk.start[i]!, tk.end[i]!]);
  }

  // 6b. Lists: after a name found, ", X Y", " et X Y", " and X Y" is the next one ("John Smith and Aditi Rao", "Mme
  //     Martin, Paul Roux et Awa Diop"): two capitalised words, a first name of the lexicon or an upper-case surname.
  for (let si = 0; si < spans.length && si < 400; si++) {
    const end = spans[si]![1];
    const rest = listNextMayFollow(text, end) ? LIST_NEXT_RE.exec(text.slice(end, end + 60)) : null;
    if (!rest) continue;
    const p = end + rest[0].length;
    const k = indexAtOrAfter(p);
    if (k >= n || tk.start[k] !== p || isUpperToken(k) !== isUpperToken(Math.max(0, indexAtOrAfter(end) - 1))) continue;
    // « Bonjour Fatoumata, Salut Ndeye »: a greeting starts the next entry (the greeting rule takes the name after it).
    if (GREETINGS.hasRange(text, p, tk.end[k]!)) continue;
    const last = nameFrom(k, 4);
    if (last < 0 || institutionBefore(k)) continue;
    // A first name that is also a common word (Océane, Clémence, Jade) is one in a list of people (« Jean-Baptiste et
    // Océane »), unless a number follows it (« Mme Roux, Capucine 2 »: a unit named after a flower, as wards often are).
    const weakInList = (flags[k]! & WORD_WEAK_FIRST_NAME) !== 0 && !numberAfter(k);
    // A word no dictionary knows, after a first name found alone, is the next first name ("looped in Chiamaka and
    // Tadhg", « avec Maïwenn et Goulven »), not « Pharmacy » or « Cardiologie ».
    const unknownAfterFirstName = (): boolean =>
      last === k && !(flags[k]! & (WORD_ACRONYM | WORD_UPPER | WORD_NOT_NAME)) && !numberAfter(k) && aloneFirstNameSpan(spans[si]!) &&
      englishNameToken(k, zeroedFlags(n)) && noWordOfTheDictionaries(k, false);
    if (last > k || isFirstName(k) || weakInList || (isUpperToken(k) && !(flags[k]! & WORD_ACRONYM) && tk.end[k]! - p >= 3) || unknownAfterFirstName()) spans.push([p, tk.end[last]!]);
  }
  // … and before it: « Équipe présente : Aurore, Céline, Mathis »: a first name of the lexicon (one that is also a
  // common word too) right before ", " or « et » and a name found is the one before in the list, written alike.
  for (let si = 0; si < spans.length && si < 400; si++) {
    const k = indexAtOrAfter(spans[si]![0]) - 1;
    if (k < 0 || !(flags[k]! & (WORD_FIRST_NAME | WORD_WEAK_FIRST_NAME)) || flags[k]! & WORD_NOT_NAME || isUpperToken(k)) continue;
    if (tk.end[k]! > spans[si]![0] || !LIST_GAP_RE.test(text.slice(tk.end[k]!, spans[si]![0]))) continue;
    if (spans.some((o) => o[0] <= tk.start[k]! && o[1] >= tk.end[k]!) || institutionBefore(k) || articleBefore(text, tk.start[k]!)) continue;
    spans.push([tk.start[k]!, tk.end[k]!]);
  }

  // 6b'. Identity tables: « | Nom | Prénom |\n| MARTIN | Léa | »: a cell of capitalised words alone, in a column
  //     headed by a name's label (« Nom », « Prénom », « Nom de naissance », "Surname"…), is a name whatever the
  //     lexicon says (the first name of the row was found, not « MARTIN » beside it behind a bar).
  if ((text.indexOf('|') >= 0 || text.indexOf('\t') >= 0 || gluedSemicolon(text)) && NAME_HEADER_CELL_RE.test(text)) nameColumnCells(text, spans);

  // 6c. The trained model (name-model.ts) on the tokens no rule took: each scored on its own, neighbours above the
  //     threshold joined into one name, initials just before included. "model" alone drops the rules' findings (to
  //     measure it on its own); "both" keeps the union, and step 7 then finds every other occurrence of either.
  if (method === 'model') spans.length = 0;
  if (method !== 'rules') {
    const model = nameModel();
    const threshold = method === 'model' ? model.threshold : model.thresholdWithRules;
    const inside = tokensInside(spans);
    let runStart = -1;
    let runEnd = -1;
    let runFirst = -1;
    let runLast = -1;
    // Beside the rules, a run of common words only ("Clinical Engineering Lead" under a signature) is a title or a
    // service: the model, trained on French, scores capitalised English words high. Not after initials ("P. Baker").
    // Nor a lone family name that is also a common word, right after a capitalised common word: the adjective of a
    // term (« Plan Blanc », « Alerte Blanche »), not after a word that introduces a name (« Patient Blanc »).
    const commonRun = (first: number, last: number): boolean =>
      method === 'both' && runStart === tk.start[first] && (commonWordsOnly(first, last) || adjectiveOfTerm(first, last, inside));
    for (let i = 0; i < n; i++) {
      if (inside[i] || flags[i]! & WORD_NOT_NAME) continue;
      // Beside the rules, a lone capitalised word inside running prose ("rubrique Carrière et formation") is left to
      // them (titles, greetings, the lexicon): the model's gain is in tables, lists, headers and runs of names.
      // But a family name of the lexicon that is no common word, alone in prose after a word that introduces a person,
      // is one (« Rendez-vous avec Dupont demain », « Pensez à Garnier pour la garde »; not « rubrique Carrière et
      // formation », nor a brand after a noun: « le véhicule Renault est en panne »).
      const lone = method === 'both' && loneInProse(i);
      if (method === 'both' && ((lone && !loneSurnameIntroduced(i)) || placeAfterPreposition(i))) continue;
      // (scored against the model's own threshold: alone in prose, the word has none of the neighbours that lift a
      // name's score in tables and lists).
      if (!modelAllows(i, lone ? model.threshold : threshold)) continue;
      if (institutionBefore(i)) {
        // "Hôpital Paul Brousse", "rue Pierre Charlot": as in step 6, the run names the place.
        while (i + 1 < n && adjacent(i, i + 1)) i++;
        continue;
      }
      if (runLast >= 0 && runLast === i - 1 && adjacent(i - 1, i)) {
        runEnd = tk.end[i]!;
        runLast = i;
        continue;
      }
      if (runStart >= 0 && !commonRun(runFirst, runLast)) spans.push([runStart, runEnd]);
      const initials = initialsBefore(text, tk.start[i]!);
      runStart = initials >= 0 ? initials : tk.start[i]!;
      runEnd = tk.end[i]!;
      runFirst = i;
      runLast = i;
    }
    if (runStart >= 0 && !commonRun(runFirst, runLast)) spans.push([runStart, runEnd]);
  }

  // 6d. Names in English sentences ("Spoke with Chidi this morning", "Nurse Kovalenko will take over", "I have copied
  //     Oksana Kovalenko in"): the model, trained on French, scores English words written with a capital as names
  //     ("Pharmacy", "Matron"), so beside the rules its threshold is high and these were missed. In English context, a
  //     capitalised word that is no English word (dictionaries.ts), not at the model's lowest scores, is a name.
  if (method === 'both') englishProseNames(text, spans);

  // 7. Every other occurrence of a name already found ("M. Dupont … Dupont a été vu").
  if (spans.length > 0 && method !== 'model') {
    // The keys of the names found: marked with this call's number (see keyMarks).
    if (++markEpoch === 0x7fffffff) {
      keyMarks.fill(0);
      markEpoch = 1;
    }
    const epoch = markEpoch;
    if (keyMarks.length < keyIds.size) {
      const grown = new Int32Array(Math.max(keyIds.size, keyMarks.length * 2));
      grown.set(keyMarks);
      keyMarks = grown;
    }
    /** "le goff": an article that belongs to the surname comes along when the surname is found again. */
    const articlePairs = new Set<string>();
    const inside = zeroedFlags(n);
    for (let si = 0; si < spans.length; si++) {
      const s = spans[si]![0];
      const e = spans[si]![1];
      for (let k = indexAtOrAfter(s); k < n && tk.end[k]! <= e; k++) {
        inside[k] = 1;
        if (k > 0 && tk.start[k - 1]! >= s && isArticle(k - 1)) articlePairs.add(tk.key[k - 1] + ' ' + tk.key[k]);
        if (tk.key[k]!.length >= 2 && !(flags[k]! & (WORD_ARTICLE | WORD_NOT_NAME | WORD_ACRONYM))) keyMarks[tk.info[k]!.keyId] = epoch;
      }
    }
    let runStart = -1;
    let runEnd = -1;
    for (let i = 0; i < n; i++) {
      if (inside[i] || keyMarks[tk.info[i]!.keyId] !== epoch) continue;
      // "Petit rappel" is not M. Petit; but "Claire, peux-tu…" (a vocative comma) is Claire.
      if (flags[i]! & WORD_COMMON && sentenceStart(text, tk.start[i]!) && text.charCodeAt(tk.end[i]!) !== 44) continue;
      if (institutionBefore(i, false)) continue;
      if (runEnd >= 0 && i - 1 >= 0 && tk.end[i - 1] === runEnd && adjacent(i - 1, i)) runEnd = tk.end[i]!;
      else {
        if (runStart >= 0) spans.push([runStart, runEnd]);
        const withArticle = i > 0 && !inside[i - 1] && adjacent(i - 1, i) && articlePairs.has(tk.key[i - 1] + ' ' + tk.key[i]);
        runStart = tk.start[withArticle ? i - 1 : i]!;
        runEnd = tk.end[i]!;
      }
    }
    if (runStart >= 0) spans.push([runStart, runEnd]);
  }

  // 7b. The capitalised word just before or after a name found ("Au nom de Chidi Adeyemi", "Attendees: Ingrid
  //     Solberg, Dr Solberg"): part of it when it is no English or French word and the model does not rule it out.
  if (method === 'both' && spans.length > 0) neighboursOfNames(spans);

  // Overlapping findings of different rules become one name, and so do two one space apart ("Testy" found again
  // beside "McTesterson" found in English prose), unless the second starts with an initial (« C. Carlizian D. Demouchet »:
  // two people).
  sortSpans(spans);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && (s[0] < last[1] || (s[0] === last[1] + 1 && text.charCodeAt(last[1]) === 32 && text.charCodeAt(s[0] + 1) !== 46)))
      last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  // « Noah B., 6 ans », « DUPONT J. »: the initial of a name's other part written after it, unless it starts the next
  // name found (« C. Carlizian D. Demouchet »).
  for (let k = 0; k < merged.length; k++) {
    const e = merged[k]![1];
    if (initialAt(text, e) && !(k + 1 < merged.length && merged[k + 1]![0] <= e + 3))
      merged[k]![1] = e + 3;
  }
  return merged;
}

/** The words of 3 characters or more of a mail address's local part, between ".", "_" and "-" (no regex split). */
function localPartWords(local: string): string[] {
  const words: string[] = [];
  for (let p = 0; p < local.length; ) {
    let q = p;
    while (q < local.length && local.charCodeAt(q) !== 46 && local.charCodeAt(q) !== 95 && local.charCodeAt(q) !== 45) q++;
    if (q - p >= 3) words.push(local.slice(p, q));
    p = q + 1;
  }
  return words;
}

/**
 * A name written in lower case as the value of a field ("Infirmiers : theodore roux, marie cécile lefevre"): 2 to 4
 * lower-case words, the first a first name of the lexicon, none a function word, ending the entry (",", ";", ".",
 * "(", end of line). Its end, or -1.
 */
/** The value of a name field: one to three words of letters (any case), then the end of the line, a separator or
 * another field; -1 when a word is one that is never a name (« non renseigné », « inconnu »). */
function nameFieldValueAt(text: string, p: number): number {
  const map = wordFlagMap();
  let q = p;
  for (let words = 1; words <= 3; words++) {
    const s = q;
    while (q < text.length && (isLetter(text.charCodeAt(q)) || (q > s && (text.charCodeAt(q) === 45 || text.charCodeAt(q) === 39)))) q++;
    if (q - s < 2 || q - s > 30) return -1;
    const word = text.slice(s, q);
    if (tokenFlags(word, nameKey(word), map) & WORD_NOT_NAME || NOT_A_NAME_VALUE.has(nameKey(word))) return -1;
    const end = q;
    while (q < text.length && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 160 || text.charCodeAt(q) === 9 || text.charCodeAt(q) === 13)) q++;
    const next = q < text.length ? text.charCodeAt(q) : 10;
    if (next === 10 || next === 44 || next === 59 || next === 124 || next === 40 || next === 46 || q - end >= 2) return end;
    if (q === end || !isLetter(next)) return -1;
  }
  return -1;
}
const LABEL_AFTER_RE = /^[ \t\u00A0]*:/;
/** Values of a name field that say there is none. */
const NOT_A_NAME_VALUE = new Set(['non', 'inconnu', 'inconnue', 'néant', 'neant', 'aucun', 'aucune', 'nc', 'nr', 'na', 'none', 'unknown', 'idem', 'voir', 'cf']);

function lowerCaseNameAt(text: string, p: number): number {
  const map = wordFlagMap();
  let words = 0;
  let q = p;
  for (;;) {
    const s = q;
    while (q < text.length && (isLetter(text.charCodeAt(q)) || (q > s && (text.charCodeAt(q) === 45 || text.charCodeAt(q) === 39)))) q++;
    if (q === s || q - s > 30 || isCapital(text.charCodeAt(s))) return -1;
    const word = text.slice(s, q);
    const f = tokenFlags(word, nameKey(word), map);
    if (f & WORD_NOT_NAME || (words === 0 && !(f & WORD_FIRST_NAME))) return -1;
    words++;
    const c = text.charCodeAt(q);
    if (words < 4 && c === 32 && isLetter(text.charCodeAt(q + 1))) {
      q++;
      continue;
    }
    const end = q;
    while (q < text.length && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 160 || text.charCodeAt(q) === 13)) q++;
    const next = text.charCodeAt(q);
    return words >= 2 && (q >= text.length || next === 10 || next === 44 || next === 59 || next === 46 || next === 40) ? end : -1;
  }
}

/** Capital letters that are words of their own in upper-case text ("ACTES REALISES A L'ENTREE"): A, À, Y, O. */
const ONE_LETTER_WORDS = new Set([65, 0xc0, 89, 79]);
/** How names are found: the rules, the trained model (name-model.ts), or both (the union). */
export type NameMethod = 'rules' | 'model' | 'both';
export const DEFAULT_NAME_METHOD: NameMethod = 'both';
/** Words after which a capitalised word is a first name or a name: greetings, in French and English. */
const GREETINGS = new WordList('bonjour bonsoir salut coucou hello hi hey dear cher chère chers chères merci thanks cheers'.split(' '));
/** Words after which two capitalised words are a person: "pour Ilario Bonanno", "vu par Jean Dupont", "seen by …". */
const PAIR_INTRO_WORDS = new WordList(
  'pour par chez avec by for with from to interne internes externe infirmier infirmière consultant consultante attaché attachée'.split(' '),
);
/** « de » after a word that comes from someone (« de la part de », « message de », « appel de »): the pair after it is
 * a person (not « Hôpital de Haute Provence »). */
function fromSomeoneBefore(text: string, p: number, end: number): boolean {
  if (end - p !== 2 || (text.charCodeAt(p) | 32) !== 100 || text.charCodeAt(p + 1) !== 101) return false;
  const [s, e] = wordBefore(text, p);
  return e > s && FROM_SOMEONE_WORDS.hasRange(text, s, e);
}
const FROM_SOMEONE_WORDS = new WordList('part message messages appel appels mail mails courriel courrier lettre demande nouvelles sms texto visite'.split(' '));

/** Words before a single capital letter that is a grade or a label, not an initial ("vitamine D. Le…"). */
const INITIAL_GUARD_WORDS = new WordList(
  ('vitamine vitamin hépatite hepatitis groupe group type stade stage classe class annexe annex article lot catégorie ' +
    'niveau grade phase plan zone bâtiment aile secteur salle point option version série tableau figure liste')
    .split(' '),
);
/** Between a name and the identifier after it in a table row. */
const ROW_GAP_RE = /^[ \t\u00A0,;:|¦\-–(]*(?:(?:M|F|H)[ \t\u00A0]*[|¦,;][ \t\u00A0]*)?$/;
/** Before a date that is not known to be a birth date, the row must show its separators (", ", " | "). */
const ROW_SEPARATOR_RE = /[,|¦;]/;

/**
 * Start of the initials that end just before `pos` ("A. ", "A.", "Ph. ", "P.E. ", "R-L. "), or -1. "M." alone is
 * the title Monsieur (the title rule's), not an initial.
 */
function initialsBefore(text: string, pos: number): number {
  let p = pos;
  // One space, or a line break inside a list ("…, L.\nHespadon, …").
  if (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160 || text.charCodeAt(p - 1) === 10)) p--;
  let start = -1;
  for (let k = 0; k < 3; k++) {
    if (p < 2 || text.charCodeAt(p - 1) !== 46) break;
    let q = p - 1;
    if (isCapital(text.charCodeAt(q - 1))) q -= 1;
    else if (q >= 2 && text.charCodeAt(q - 1) === 104 && isCapital(text.charCodeAt(q - 2))) q -= 2; // Ph. Ch. Th.
    else break;
    if (q >= 2 && text.charCodeAt(q - 1) === 45 && isCapital(text.charCodeAt(q - 2))) q -= 2; // R-L.
    else if (q >= 3 && text.charCodeAt(q - 1) === 45 && text.charCodeAt(q - 2) === 46 && isCapital(text.charCodeAt(q - 3))) q -= 3; // J.-M.
    start = q;
    p = q;
    // « J. R. R. Tolkien »: an initial one space before, its dot written (not « M. », a title: « M. J. Dupont »).
    if (q >= 3 && text.charCodeAt(q - 1) === 32 && text.charCodeAt(q - 2) === 46 && isCapital(text.charCodeAt(q - 3)) && text.charCodeAt(q - 3) !== 77 &&
        (q < 4 || !isLetter(text.charCodeAt(q - 4))))
      p = q - 1;
  }
  // « J-M Fabre »: two capitals joined by a hyphen, without their dots.
  if (start < 0 && p === pos - 1 && p >= 3 && isCapital(text.charCodeAt(p - 1)) && text.charCodeAt(p - 2) === 45 && isCapital(text.charCodeAt(p - 3)))
    start = p - 3;
  if (start < 0 || (p === start && pos - start <= 3 && text.charCodeAt(start) === 77 && text.charCodeAt(start + 1) === 46)) return -1;
  if (start > 0 && (isLetter(text.charCodeAt(start - 1)) || isDigit(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46)) return -1;
  // A unit ("µmol/L."), a path or a formula is no initial: one comes after a blank, a bracket or punctuation.
  if (start > 0 && '/\\%°=+*'.includes(text[start - 1]!)) return -1;
  return start;
}

/** [start, end) of the word just before `pos` (skipping spaces), for a look-up. */
function wordBefore(text: string, pos: number): [number, number] {
  let p = pos;
  while (p > 0 && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 160)) p--;
  const end = p;
  while (p > 0 && isLetter(text.charCodeAt(p - 1))) p--;
  return [p, end];
}

function sentenceStart(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00A0' || text[i] === '"' || text[i] === '«')) i--;
  return i < 0 || '.!?:\n\r-•*'.includes(text[i]!);
}

/** The index in MAIDEN_WORDS of the one that ends at `end`, not glued to a word before it; -1 if none. */
function maidenWordEndingAt(text: string, end: number): number {
  const c = text.charCodeAt(end - 1);
  if (c !== 101 && c !== 110 && c !== 46) return -1; // e, n, "."
  for (let w = 0; w < MAIDEN_WORDS.length; w++) {
    const word = MAIDEN_WORDS[w]!;
    const start = end - word.length;
    if (start >= 0 && text.startsWith(word, start) && (start === 0 || !isLetter(text.charCodeAt(start - 1)))) return w;
  }
  return -1;
}

/** The word just before `pos` (one space apart) is a determiner ("the", "a", "this"…). */
function determinerBefore(text: string, pos: number): boolean {
  return listedWordJustBefore(text, pos, DETERMINERS);
}

/** The word just before `pos` (one space apart) is a possessive: "sa" in "sa sœur". */
function possessiveBefore(text: string, pos: number): boolean {
  return listedWordJustBefore(text, pos, POSSESSIVES);
}

/** The whole word just before `pos`, one space (or no-break space) apart, is one of `list`. */
function listedWordJustBefore(text: string, pos: number, list: WordList): boolean {
  if (pos < 2 || (text.charCodeAt(pos - 1) !== 32 && text.charCodeAt(pos - 1) !== 160)) return false;
  let p = pos - 1;
  while (p > 0 && isLetter(text.charCodeAt(p - 1))) p--;
  return (p === 0 || !isLetter(text.charCodeAt(p - 1))) && list.hasRange(text, p, pos - 1);
}
