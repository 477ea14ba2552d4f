/**
 * What a line of a signature block looks like, as features rather than spellings: a person's name, a job title, an
 * organisation (service, pôle, hospital, company), contact details (phones, extensions, DECT, e-mail, web, postal
 * address), a logo or a social link. A trailing block made only of such lines, with a name and something that says
 * who the person is, is the sender's signature — with or without a closing formula above it, whether or not the
 * host knows the sender's name. Every test runs on one line (at most 300 characters), so cleaning stays linear.
 */
import { CONTACT_RE } from './patterns';

/** Titles and honorifics in front of a name ("Dr", "Pr", "Mme", "Le Dr"). */
const HONORIFIC = "(?:(?:Le|La)\\s+)?(?:Dr|Dre|Docteur|Pr|Prof|Professeur|M|Mme|Mlle|Me|Mr|Mrs|Ms|Miss|Sr|Sra|Herr|Frau|Dott|Dott\\.ssa)\\.?";
/** Lower-case particles inside names ("Lisa de Vries", "Hugo van der Berg", "Ana da Silva"). */
const PARTICLE = /^(?:de|du|des|d[''’]|la|le|van|von|der|den|ter|da|das|dos|di|del|della|el|al|ben|bin|y|e|zu)$/;
/** One word of a name: a capitalised word (any case after the first letter, hyphens), an initial, or all capitals. */
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’-]{0,24}|\p{Lu}\.(?:-\p{Lu}\.)?)[.,]?$/u;

/** Words that start a line like a name but are the first words of a sentence or a closing. */
const NOT_NAME_WORD = new Set([
  'merci', 'bonjour', 'bonsoir', 'bonne', 'bon', 'belle', 'cordialement', 'salutations', 'amitiés', 'ok', 'oui', 'non',
  'le', 'la', 'les', 'un', 'une', 'ce', 'cette', 'je', 'nous', 'vous', 'il', 'elle', 'on', 'pour', 'avec', 'sans',
  'thanks', 'thank', 'regards', 'best', 'kind', 'cheers', 'hello', 'hi', 'dear', 'the', 'this', 'please', 'yes', 'no',
  'urgent', 'important', 'réunion', 'salle', 'objet', 'date', 'lieu', 'pièce', 'pièces', 'attention', 'rappel', 'note',
]);

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The part of a line before a separator ("M. Perrin – IDE de nuit" → "M. Perrin"). */
function head(line: string): string {
  return line.split(/\s+[–—|•·-]\s+|\s*[,;/]\s+|\s+\(/)[0].trim();
}

/** "Marie Dupont", "Dr P. Girard", "Isabelle LEROY", "Lisa de Vries", "M. Perrin" (the head of the line). */
export function isNameLike(line: string): boolean {
  const h = head(line.trim()).replace(new RegExp(`^${HONORIFIC}\\s+`, 'u'), '');
  if (!h || h.length > 60) return false;
  const words = h.split(/\s+/);
  if (words.length > 5) return false;
  let named = 0;
  for (const [i, w] of words.entries()) {
    if (i > 0 && PARTICLE.test(w)) continue;
    if (!NAME_WORD.test(w)) return false;
    if (NOT_NAME_WORD.has(fold(w).replace(/[.,]$/, ''))) return false;
    if (/\p{L}{2}/u.test(w)) named++;
  }
  return named >= 1 && (named >= 2 || words.length >= 2 || /^\p{Lu}[\p{Ll}'’-]+$/u.test(words[0]));
}

const words = (list: string[]): string => list.join('|');

/** Job titles of hospitals and their suppliers, opening a segment of the line (case-insensitive). */
const TITLE_RE = new RegExp(
  `^(?:${words([
    'cadre', 'infirmi(?:er|ère)s?', 'puéricultrice', 'aide[- ]soignante?', 'auxiliaire', 'sage[- ]femme', 'secrétaires?', 'assistante?s?',
    'médecin', 'praticien(?:ne)?', 'chef', 'cheffe', 'interne', 'docteur', 'directeur', 'directrice', 'responsable', 'référente?',
    'coordinat(?:eur|rice)', 'coordonnat(?:eur|rice)', 'ingénieure?', 'technicien(?:ne)?', 'pharmacien(?:ne)?', 'préparat(?:eur|rice)',
    'psychologue', 'neuropsychologue', 'kinésithérapeute', 'ergothérapeute', 'orthophoniste', 'diététicien(?:ne)?', 'manipulat(?:eur|rice)',
    'gestionnaire', 'chargée? (?:de|d[\'’])', 'attachée?', 'adjointe?', 'chirurgien(?:ne)?', 'anesthésiste', 'radiologue', 'biologiste',
    'cardiologue', 'pédiatre', 'gériatre', 'psychiatre', 'brancardier', 'conseill(?:er|ère)', 'juriste', 'qualiticien(?:ne)?', 'hygiéniste',
    'format(?:eur|rice)', 'président(?:e)?', 'vice-président(?:e)?', 'délégué(?:e)?', 'représentante?', 'commercial(?:e)?',
    'nurse', 'head nurse', 'manager', 'director', 'head of', 'officer', 'coordinator', 'secretary', 'engineer', 'physician', 'consultant',
    'professor', 'specialist', 'account manager', 'ärztin', 'arzt', 'oberarzt', 'pflegedienstleitung', 'enfermera', 'médico', 'infermiera',
  ])})(?![\\p{L}])`,
  'iu',
);
/** Abbreviated titles, in capitals only ("IDE de nuit", "PH", "AS"): as words they are ordinary ("as", "ide"). */
const TITLE_ABBR_RE = /^(?:IDE|IADE|IBODE|IPA|AS|ASH|AMP|PH|PU-PH|MCU-PH|CCA|DU|MD|PhD|RN)(?![\p{L}])/u;

/** Organisations opening a segment: services, pôles, hospitals, schools (case-insensitive). */
const ORG_RE = new RegExp(
  `^(?:${words([
    'service', 'services', 'pôle', 'unité', 'département', 'direction', 'secrétariat', 'pharmacie', 'laboratoire', 'institut',
    'hôpital', 'hôpitaux', 'hospital', 'hospitales?', 'clinique', 'clinic', 'klinik', 'klinikum', 'ospedale', 'clínica',
    'centre hospitalier', 'centre de', 'groupe hospitalier', 'groupement', 'maison de santé', 'cabinet', 'urgences',
    'bloc opératoire', 'réanimation', 'consultations?', 'hospitalisation', 'maternité', 'université', 'faculté', 'fondation',
    'association', 'médecine', 'chirurgie', 'cardiologie', 'néphrologie', 'oncologie', 'pédiatrie', 'gériatrie', 'psychiatrie',
    'radiologie', 'imagerie', 'neurologie', 'pneumologie', 'hématologie', 'endocrinologie', 'dermatologie', 'ophtalmologie',
    'biologie', 'anesthésie', 'gynécologie', 'obstétrique', 'rhumatologie', 'gastro-entérologie', 'urologie', 'orthopédie',
    'rééducation', 'soins', 'bureau', 'cellule', 'équipe', 'plateforme', 'plate-forme', 'filière',
  ])})(?![\\p{L}])`,
  'iu',
);
/** Establishments' and companies' abbreviations anywhere in a segment, in capitals only ("CH de Saint-Aubin", "Medi-Services SAS"). */
const ORG_ABBR_RE = /(?<![\p{L}])(?:CHU|CHR|CHRU|CHI|CH|CHS|GHT|GHU|GH|AP-HP|APHP|AP-HM|HCL|HUS|EHPAD|USLD|SSR|HAD|SMUR|SAMU|ORL|ARS|CPAM|IFSI|IFAS|PUI|SAS|SARL|SA|GmbH|Ltd|Inc|LLC|S\.A\.|S\.p\.A\.)(?![\p{L}])/u;

/** The segments of a signature line: "Responsable logistique | Hôpital Nord", "Pôle médecine – Hôpital Nord". */
const segments = (line: string): string[] =>
  line
    .split(/\s+[–—|•·-]\s+|\s*[|•·]\s*|,\s+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Postal addresses: a street, a post box, a five-digit code with a city, "Cedex". */
const ADDRESS_RE = /(?:\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|route|quai|impasse|cours|square)\s|\b(?:BP|CS)\s?\d|\b\d{5}\s+\p{Lu}|\bcedex\b)/iu;
/** Web, logos, social networks ("[cid:image001.png@…]", "www.chu.fr", "Suivez-nous sur LinkedIn"). */
const LINK_RE = /(?:https?:\/\/|www\.|\[cid:|\bcid:|linkedin|twitter|facebook|instagram|youtube|suivez[- ]nous|follow us)/i;

export interface LineFeatures {
  name: boolean;
  title: boolean;
  org: boolean;
  contact: boolean;
  link: boolean;
  /** Reads like a sentence of the message (ends a sentence, or is long): never part of a signature block. */
  sentence: boolean;
}

export function lineFeatures(raw: string): LineFeatures {
  const line = raw.trim().replace(/^\*+|\*+$/g, '').trim();
  const long = line.length > 200;
  // "Tél.", "Cedex 9", "Dr P." end with a dot without ending a sentence; a signature never asks or exclaims.
  const ends = /[.!?…:;]$/.test(line) && !/(?:\b(?:tél|tel|fax|ext|cedex|dr|pr|m|mme|bd|av|st)\.|\b\p{Lu}\.)$/iu.test(line);
  const count = line.split(/\s+/).length;
  const parts = long ? [] : segments(line);
  const name = !long && isNameLike(line);
  const title = parts.some((p) => TITLE_RE.test(p) || TITLE_ABBR_RE.test(p));
  const org = parts.some((p) => ORG_RE.test(p) || ORG_ABBR_RE.test(p));
  const contact = !long && (CONTACT_RE.test(line) || ADDRESS_RE.test(line) || /^\+?\(?\d[\d\s.()/-]{7,}\d$/.test(line));
  const link = !long && LINK_RE.test(line) && count <= 12;
  // Prose: ends like a sentence, or many words that are not an address, a service or a title.
  // A question or an exclamation is prose even with a phone number in it ("Pouvez-vous rappeler le 02 41 35 12 34 ?").
  const asks = /[?!]$/.test(line);
  const sentence = long || asks || (ends && !contact && !link) || (count > 14 && !(contact || link || org || title)) || count > 24;
  return { name, title, org, contact, link, sentence };
}

/** A line that can belong to a signature block. */
export function isSignatureLine(f: LineFeatures): boolean {
  return !f.sentence && (f.name || f.title || f.org || f.contact || f.link);
}

/** A block that says who the sender is: a name (or a service) and a title, an organisation or contact details. */
export function isSignatureBlock(features: LineFeatures[]): boolean {
  if (features.length < 2 || features.length > 12) return false;
  if (!features.every(isSignatureLine)) return false;
  const first = features[0];
  const about = features.filter((f) => f.title || f.org || f.contact || f.link).length;
  // Opens with a name (or a service: "Secrétariat de chirurgie / Nadia Benali – Secrétaire médicale").
  if (!(first.name || first.title || first.org)) return false;
  // One person: "Dr Martin (cardiologie) / Mme Durand, cadre de santé / M. Petit, pharmacien" is a list of people.
  const persons = features.filter((f) => f.name && !f.org).length;
  // At least one line beyond the name says who or where; a block of names only is a list, not a signature.
  return persons <= 1 && about >= 1 && features.some((f) => (f.name && !f.org) || f.title);
}
