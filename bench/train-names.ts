/**
 * Trains the name model (src/core/privacy/name-model.ts) and writes its weights to
 * src/core/privacy/name-model-data.ts. Run: `npm run train:names` (built) or `npx tsx bench/train-names.ts`.
 *
 * Data, all of it either generated here or the public corpus' TUNE part (the measure part is never read):
 *  - texts of the labelled-set generator (test/fixtures/privacy/generate.ts) with seeds other than the labelled
 *    set's and the throughput corpus's;
 *  - sentences of the kinds the rules find hard (names alone after greetings and titles, in English sentences, in
 *    lists, tables and signatures, upper-case surnames, initials) and their look-alikes that are no names
 *    (institutions, services, upper-case headings, products, field labels), from the templates below, with names
 *    from faker (fr, en) and made-up names outside every lexicon (so that the context, not the lexicon, is learnt);
 *  - the tune part of EDS-Pseudo (NOM and PRENOM spans are names), weighted 3×.
 * Each capitalised token (the rules' token list, words the lexicon says are never names left out as at run time) is
 * one example; label: inside a labelled name. Averaged perceptron, hashed features, seeded shuffles: the same data
 * give the same file. The threshold is chosen on a held-out quarter of the texts (best F2), then the model is trained again on everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fakerEN, fakerFR } from '@faker-js/faker';
import { detectIdentifiers } from '../src/core/privacy';
import { nameTokens } from '../src/core/privacy/detect';
import { CommonWordFilter, decodeModel, hashString, MAX_FEATURES, scoreToken, tokenFeatures, type CommonWords, type NameTokens } from '../src/core/privacy/name-model';
import { commonWordSet } from '../src/core/privacy/lexicon';
import { generateCorpus } from '../test/fixtures/privacy/generate';
import { fnv1a, loadPublicCorpus } from '../test/fixtures/privacy/public-corpus';

const BITS = 16;
/** Bloom filter of common words: 2^17 bits (16 KiB). */
const COMMON_BITS = 17;
/** Beside the rules, the model may cost at most this much token precision on held-out tune text. */
const PRECISION_BUDGET = 0.05;
const EPOCHS = 10;
/** WORD_NOT_NAME of detect.ts: such tokens are never scored (see findPersons, step 6c). */
const NOT_A_NAME_FLAG = 1;

interface Text {
  text: string;
  names: Array<[number, number]>;
  weight: number;
  tune?: boolean;
}
interface Example {
  features: Int32Array;
  label: 1 | -1;
  weight: number;
  group: number;
  /** From the public corpus' tune part (the thresholds are chosen on these, each quarter held out in turn). */
  tune: boolean;
  /** Inside a name the rules find (tune part only). */
  covered: boolean;
  /** The token in its context, for the study output. */
  where: string;
}

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences of the hard kinds. `{P}` full name, `{F}` first name, `{L}` surname, `{U}` upper-case surname, `{I}` an
// initial and surname ("C. Lambert", "P.E. Jaillet"); `{N}` a capitalised word that is no name (from NOT_NAMES).

const WITH_NAMES = [
  'Bonjour {F},\nmerci pour votre retour.', 'Bonsoir {F}, je te transmets le planning.', 'Hi {F}, thanks for the update.',
  'Dear {F},\nplease find attached the letter.', 'Dear Professor {L},', 'Cher {F}, voici le compte rendu.',
  'I discussed the case with Professor {L} yesterday.', 'Thank you Dr {L} for seeing this patient.',
  'She was reviewed by {P} in clinic on Monday.', 'I spoke with {F} this morning and she agrees.',
  'Please ask {F} to call the ward back.', '{P} will attend the meeting on Thursday.',
  'The patient {U} was discharged home today.', 'Le patient {U} est sorti ce matin.',
  'Vu avec {P} ce jour.', 'Dicté par le Dr {L}, frappe : {F}', 'frappe : {F} {L}', 'Relu par {I} et {I}.',
  'Internes : {I}, {I}, {I}', 'Présents : {P}, {P}, {P}.', 'Copie : Dr {L}, {P}', 'Radiologues :\n{I}, {I}, {I}',
  'Cordialement,\n{P}\nSecrétariat de cardiologie', 'Kind regards,\n{P}\nConsultant physician',
  'Best,\n{F}', 'Bien à vous,\n{F} {U}', '{U} {F}\nCadre de santé', '{P} | né le 12/03/1961 | IPP 80012345',
  '{U} {F} 14/02/1970', '{P}, 23 ans, adressé par le Dr {L}.', 'Merci à {F} et {F} pour leur aide.',
  '{F} passera demain au secrétariat.', "On a décidé qu'{F} préviendrait {F}.", 'Equipe : {P} ; {P} ; {P}',
  'Contact : {P} (IDE), {P} (AS)', 'Médecin traitant : Dr {I}', 'Signé : {I}', 'Patient : {U} {F}',
  'Nom : {U}\nPrénom : {F}', 'Name: {P}\nDOB: 03/04/1955', 'Referred by {I} (GP).', 'cc {P}, {P}',
  '{P} and {P} were on call.', 'Mme {L} et sa fille {F} sont venues.', 'Le Dr {L} et le Pr {L} ont validé.',
]
const WITHOUT_NAMES = [
  'Transfert au CHRU de Nancy prévu demain.', 'She was seen in the Emergency Department on Monday.',
  'DOB: 12/03/1961', 'DDN : 12/03/1961', 'ACTES MEDICAUX REALISES A L\'ENTREE', 'CONCLUSION MEDICALE',
  'Service de Pneumologie, Hôpital Saint-Louis', 'Merci de contacter le Secrétariat des Urgences.',
  'Réunion du Comité de Direction jeudi.', 'Compte Rendu Opératoire', 'Traitement : Kardegic 75 mg, Bisoce 2,5 mg.',
  'Dispositif fourni par Medtrax Inc, Boston.', 'On essaye plusieurs marques :\n- EPIDERM (NEZ)\n- CORA PLUS (FACE)',
  'Intensive Care Unit, Royal Infirmary', 'Department of Cardiology, University Hospital', 'Please see the Discharge Summary.',
  'Belle journée à tous !', 'Nouvelle adresse à La Rochelle depuis mars.', 'Transféré au CHU Claude Bernard.',
  'Créatinine 96 µmol/L.\nTraitement inchangé.', 'Hôpital Européen Georges Pompidou', 'IRM Cérébrale Sans Injection',
  'Le Conseil de Surveillance se réunira en Mars.', 'Groupe Hospitalier Paris Saint-Joseph', 'RAS. Bonne Tolérance.',
  'Antécédents : HTA, Diabète de type II, BPCO.', 'Objet : Demande de Transfert', 'Next of Kin: see below',
  'NHS Trust, Outpatients Clinic', 'Surgical Ward B, Level 3', 'Lundi 3 Mars : Staff de Cardiologie',
]

/** Made-up names outside every lexicon: syllables, one to four. */
function madeUpName(r: () => number): string {
  const onsets = ['b', 'br', 'c', 'ch', 'd', 'f', 'g', 'gr', 'h', 'j', 'k', 'kr', 'l', 'm', 'n', 'p', 'r', 's', 't', 'tr', 'v', 'z', ''];
  const vowels = ['a', 'e', 'i', 'o', 'ou', 'u', 'ai', 'é', 'è', 'ia', 'y'];
  const codas = ['', '', 'n', 'r', 's', 'l', 't', 'ck', 'x', 'll', 'rd', 'z'];
  const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  let s = '';
  const syllables = 1 + Math.floor(r() * 3) + (r() < 0.2 ? 1 : 0);
  for (let k = 0; k < syllables; k++) s += pick(onsets) + pick(vowels) + (k === syllables - 1 ? pick(codas) : '');
  return s[0]!.toUpperCase() + s.slice(1);
}

function fillTemplate(template: string, r: () => number): Text {
  const first = (): string => (r() < 0.4 ? madeUpName(r) : r() < 0.6 ? fakerFR.person.firstName() : fakerEN.person.firstName());
  const last = (): string => (r() < 0.5 ? madeUpName(r) : r() < 0.6 ? fakerFR.person.lastName() : fakerEN.person.lastName());
  let text = '';
  const names: Array<[number, number]> = [];
  const put = (value: string): void => {
    names.push([text.length, text.length + value.length]);
    text += value;
  };
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '{' && template[i + 2] === '}') {
      const slot = template[i + 1]!;
      if (slot === 'P') put(r() < 0.3 ? `${last().toUpperCase()} ${first()}` : `${first()} ${last()}`);
      else if (slot === 'F') put(first());
      else if (slot === 'L') put(last());
      else if (slot === 'U') put(last().toUpperCase());
      else if (slot === 'I') {
        const letters = 'ABCDEFGHJLMNPRSTVY';
        const initial = letters[Math.floor(r() * letters.length)]!;
        put(`${r() < 0.2 ? `${initial}.${letters[Math.floor(r() * letters.length)]!}.` : `${initial}.`} ${r() < 0.3 ? last().toUpperCase() : last()}`);
      }
      i += 2;
    } else text += c;
  }
  return { text, names, weight: 1 };
}

function trainingTexts(): Text[] {
  const texts: Text[] = [];
  for (const [count, seed] of [[480, 7001], [480, 9137]] as const)
    for (const doc of generateCorpus(count, seed))
      texts.push({ text: doc.text, names: doc.entities.filter((e) => e.type === 'PERSONNE').map((e) => [e.start, e.end]), weight: 1 });
  fakerFR.seed(4242);
  fakerEN.seed(4243);
  const r = rng(31337);
  for (let k = 0; k < 3000; k++) texts.push(fillTemplate(WITH_NAMES[k % WITH_NAMES.length]!, r));
  for (let k = 0; k < 600; k++) texts.push({ text: WITHOUT_NAMES[k % WITHOUT_NAMES.length]!, names: [], weight: 1 });
  const pub = loadPublicCorpus();
  if (!pub) throw new Error('the public corpus ../shared/corpora/aphp-eds-pseudo is needed to train the name model');
  for (const s of pub.tune)
    texts.push({ text: s.text, names: s.spans.filter((g) => g.label === 'NOM' || g.label === 'PRENOM').map((g) => [g.start, g.end]), weight: 3, tune: true });
  // Ordinary French prose with no person in it: the project's own prompt files, one paragraph each.
  for (const file of promptFiles(path.resolve(repoRoot(), 'prompts')))
    for (const paragraph of fs.readFileSync(file, 'utf8').split(/\n\s*\n/)) if (paragraph.length > 40) texts.push({ text: paragraph, names: [], weight: 1 });
  return texts;
}

/** Quarter of a text, for held-out folds. Not fnv1a % 4 alone: its low bit is the parity of the characters, which
 * the tune/measure split (also FNV-1a) already fixes for every tune snippet. */
function groupOf(text: string): number {
  return Math.imul(fnv1a(text), 0x9e3779b1) >>> 30;
}

function repoRoot(): string {
  return path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
}
function promptFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? promptFiles(path.join(dir, d.name)) : d.name.endsWith('.md') ? [path.join(dir, d.name)] : [],
  ).sort();
}

/**
 * Common words: faker's fr and en word lists and the lower-case words (3 letters or more, outside any name) of the
 * training texts. A word written in lower case somewhere is rarely a name when capitalised elsewhere.
 */
function commonWords(texts: Text[]): CommonWordFilter {
  const filter = new CommonWordFilter(new Uint8Array(1 << (COMMON_BITS - 3)), COMMON_BITS);
  const words = commonWordSet();
  for (const t of texts) {
    let masked = t.text;
    for (const [a, b] of t.names) masked = masked.slice(0, a) + ' '.repeat(b - a) + masked.slice(b);
    for (const m of masked.matchAll(/(?<![\p{L}])[a-zß-öø-ÿœ][a-zß-öø-ÿœ'’\-]{2,}(?![\p{L}])/gu)) words.add(m[0]);
  }
  for (const w of words) filter.add(hashString(w));
  console.log(`common words: ${words.size} in a ${1 << (COMMON_BITS - 13)} KiB filter`);
  return filter;
}

function examplesOf(texts: Text[], mask: number, common: CommonWords): Example[] {
  const out: Example[] = [];
  const buffer = new Int32Array(MAX_FEATURES);
  for (const t of texts) {
    const tk = nameTokens(t.text) as NameTokens;
    const group = groupOf(t.text);
    const ruleNames = t.tune ? detectIdentifiers(t.text, { names: 'rules' }).filter((d) => d.type === 'PERSONNE') : [];
    for (let i = 0; i < tk.start.length; i++) {
      if (tk.flags[i]! & NOT_A_NAME_FLAG) continue;
      const s = tk.start[i]!;
      const e = tk.end[i]!;
      const label = t.names.some(([a, b]) => s < b && a < e) ? 1 : -1;
      const count = tokenFeatures(t.text, tk, i, mask, buffer, common);
      const covered = ruleNames.some((d) => s < d.end && d.start < e);
      const where = t.tune ? `${t.text.slice(s, e)} … ${t.text.slice(Math.max(0, s - 30), e + 30).replace(/\s+/g, ' ')}` : '';
      out.push({ features: buffer.slice(0, count), label, weight: t.weight, group, tune: t.tune === true, covered, where });
    }
  }
  return out;
}

/** Averaged perceptron (the usual trick: w − u / c), examples in a seeded random order each epoch. */
function train(examples: Example[], bits: number): Float32Array {
  const size = 1 << bits;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  let c = 1;
  const order = examples.map((_, i) => i);
  const r = rng(12345);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const ex = examples[idx]!;
      for (let rep = 0; rep < ex.weight; rep++) {
        let score = 0;
        for (let k = 0; k < ex.features.length; k++) score += w[ex.features[k]!]!;
        if (ex.label * score <= 0) {
          for (let k = 0; k < ex.features.length; k++) {
            w[ex.features[k]!]! += ex.label;
            u[ex.features[k]!]! += ex.label * c;
          }
        }
        c++;
      }
    }
  }
  const avg = new Float32Array(size);
  for (let i = 0; i < size; i++) avg[i] = w[i]! - u[i]! / c;
  return avg;
}

function scoreWith(weights: Float32Array, ex: { features: Int32Array }): number {
  let s = 0;
  for (let k = 0; k < ex.features.length; k++) s += weights[ex.features[k]!]!;
  return s;
}

interface Scored {
  s: number;
  y: 1 | -1;
  covered: boolean;
  where: string;
}

/**
 * Threshold with the best F2 on held-out tokens; `withRules`: a token the rules cover is predicted whatever its score,
 * and the precision may fall at most `PRECISION_BUDGET` below the rules' own (recall is bought, within a budget).
 */
function chooseThreshold(held: Scored[], withRules: boolean): { threshold: number; recall: number; precision: number } {
  const scored = [...held].sort((a, b) => b.s - a.s);
  const positives = scored.filter((x) => x.y === 1).length;
  let tp = withRules ? scored.filter((x) => x.covered && x.y === 1).length : 0;
  let fp = withRules ? scored.filter((x) => x.covered && x.y === -1).length : 0;
  // F2: recall weighs four times precision (a name left in clear costs more than a word hidden for nothing).
  const f1 = (): number => (5 * tp) / (5 * tp + fp + 4 * (positives - tp));
  let best = { threshold: scored[0]!.s + 1, recall: tp / positives, precision: tp + fp ? tp / (tp + fp) : 1, f: f1() };
  const floor = withRules ? best.precision - PRECISION_BUDGET : 0;
  for (let i = 0; i < scored.length; i++) {
    const x = scored[i]!;
    if (!(withRules && x.covered)) {
      if (x.y === 1) tp++;
      else fp++;
    }
    if (i + 1 < scored.length && scored[i + 1]!.s === x.s) continue;
    const f = f1();
    const threshold = i + 1 < scored.length ? (x.s + scored[i + 1]!.s) / 2 : x.s - 1;
    if (f > best.f && tp / (tp + fp) >= floor) best = { threshold, recall: tp / positives, precision: tp / (tp + fp), f };
  }
  return best;
}

/** int8 weights: count, varint gaps between indices of non-zero weights, one signed byte per weight; base64. */
function encode(weights: Float32Array): { scale: number; data: string; nonZero: number } {
  let max = 0;
  for (const x of weights) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const q = Math.round(weights[i]! / scale);
    if (q !== 0) {
      indices.push(i);
      values.push(q & 0xff);
    }
  }
  const bytes: number[] = [indices.length & 0xff, (indices.length >> 8) & 0xff, (indices.length >> 16) & 0xff, (indices.length >>> 24) & 0xff];
  let prev = -1;
  for (const i of indices) {
    let gap = i - prev;
    prev = i;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap);
  }
  bytes.push(...values);
  return { scale, data: Buffer.from(bytes).toString('base64'), nonZero: indices.length };
}

export async function run(): Promise<void> {
  const t0 = Date.now();
  const texts = trainingTexts();
  const mask = (1 << BITS) - 1;
  const common = commonWords(texts);
  const examples = examplesOf(texts, mask, common);
  const positives = examples.filter((e) => e.label === 1).length;
  console.log(`training texts ${texts.length}, token examples ${examples.length} (${positives} inside a name)`);
  // Thresholds from the tune part only, each quarter held out in turn (4 models trained on everything else): one for
  // the model alone, one for the model beside the rules (a token the rules already cover counts as found).
  const pooled: Scored[] = [];
  const study = process.argv.includes('--cv');
  for (let fold = 0; fold < 4; fold++) {
    const w = train(examples.filter((e) => !(e.group === fold && e.tune)), BITS);
    for (const ex of examples) if (ex.group === fold && ex.tune) pooled.push({ s: scoreWith(w, ex), y: ex.label, covered: ex.covered, where: ex.where });
  }
  const alone = chooseThreshold(pooled, false);
  const withRules = chooseThreshold(pooled, true);
  console.log(`held-out tune tokens (${pooled.length}): model alone threshold ${alone.threshold.toFixed(2)} recall ${alone.recall.toFixed(3)} precision ${alone.precision.toFixed(3)}; ` +
    `with the rules threshold ${withRules.threshold.toFixed(2)} recall ${withRules.recall.toFixed(3)} precision ${withRules.precision.toFixed(3)}`);
  if (study) {
    for (const th of [0, 2, 4, 6, 8, 10, 12, 15, 20, 25, 30]) {
      const tp = pooled.filter((x) => x.y === 1 && (x.covered || x.s > th)).length;
      const fp = pooled.filter((x) => x.y === -1 && (x.covered || x.s > th)).length;
      const pos = pooled.filter((x) => x.y === 1).length;
      console.log(`  with rules, threshold ${th}: recall ${(tp / pos).toFixed(3)} precision ${(tp / (tp + fp)).toFixed(3)}`);
    }
    for (const x of pooled) if (!x.covered && (x.s > withRules.threshold) !== (x.y === 1)) console.log(`  ${x.y === 1 ? 'MISS' : 'FP  '} ${x.s.toFixed(1).padStart(6)} ${x.where}`);
    return;
  }
  const weights = train(examples, BITS);
  const { scale, data, nonZero } = encode(weights);
  const threshold = alone.threshold;
  const thresholdWithRules = withRules.threshold;
  const file = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../src/core/privacy/name-model-data.ts' : '../src/core/privacy/name-model-data.ts');
  const chunks = data.match(/.{1,120}/g) ?? [];
  const commonData = Buffer.from(common.bits).toString('base64');
  const source =
    `/**\n * Weights of the name model (name-model.ts), written by bench/train-names.ts: do not edit, retrain.\n` +
    ` * ${BITS}-bit hashed features, ${nonZero} non-zero int8 weights (${data.length} base64 characters), trained on ${texts.length} texts\n` +
    ` * (generated, hard-case templates, EDS-Pseudo tune part) = ${examples.length} capitalised tokens.\n */\n` +
    `export const NAME_MODEL_DATA = {\n  bits: ${BITS},\n  scale: ${scale},\n  threshold: ${threshold},\n  thresholdWithRules: ${thresholdWithRules},\n  weights: [\n` +
    chunks.map((c) => `    '${c}',`).join('\n') +
    `\n  ].join(''),\n  commonBits: ${COMMON_BITS},\n  common: [\n` +
    (commonData.match(/.{1,120}/g) ?? []).map((c) => `    '${c}',`).join('\n') +
    `\n  ].join(''),\n};\n`;
  fs.writeFileSync(file, source);
  // Check: the file decodes to the weights trained (within the rounding).
  const decoded = decodeModel({ bits: BITS, scale, threshold, thresholdWithRules, weights: data, commonBits: COMMON_BITS, common: commonData });
  let agree = 0;
  let tokens = 0;
  for (const t of texts.slice(0, 400)) {
    const tk = nameTokens(t.text) as NameTokens;
    for (let i = 0; i < tk.start.length; i++) {
      tokens++;
      const b = new Int32Array(MAX_FEATURES);
      const exact = scoreWith(weights, { features: b.slice(0, tokenFeatures(t.text, tk, i, mask, b, common)) });
      if (exact > threshold === scoreToken(decoded, t.text, tk, i) > threshold) agree++;
    }
  }
  console.log(`wrote ${file}: ${(source.length / 1024).toFixed(0)} KiB, ${nonZero} weights; int8 decisions agree with float on ${agree}/${tokens} tokens; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (require.main === module) run().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
