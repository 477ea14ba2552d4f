/**
 * Extractive summary for the offline engine: sentences ranked by TextRank over TF-IDF cosine similarity (the sentences
 * most similar to the rest of the text are the central ones), with a small bonus for the opening and for sentences
 * that carry a request or a date; mail formulas (greetings, closings, thanks) are never kept. The kept sentences are
 * given in their original order, word for word: nothing is rephrased, so nothing can be invented.
 */
import type { Lang } from '../prompts/schema';
import { splitSentences, type Sentence } from './text/sentences';
import { contentWords } from './text/stopwords';
import { findDates, formatDay, formatTime } from './text/dates';
import { splitThread, type ThreadMessage } from './text/thread';
import { isInjectedSentence, mayContainInjection } from '../safety/injection';

/**
 * A sentence of the text as a bullet of the summary: without its own list mark ("- ", "1. ", "a) ") and without the
 * ";" or "," that joined it to the next item of its list.
 */
function asBullet(sentence: string): string {
  // "a) " but not an initial ("J. Martin demande…").
  const text = sentence.replace(/^(?:[-*•▪►–—]|\d{1,2}[.)]|[a-h]\))\s+/, '').replace(/\s*[;,]$/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface RankedSentence extends Sentence {
  score: number;
}

/** Greetings, closings, thanks and other mail formulas: never worth a bullet of a summary. */
const FORMULA =
  /^(?:(?:bonjour|bonsoir|hello|hi|dear|cher|chère|chers|chères|madame|monsieur)\b[^.!?]{0,60}[,!.:]?$|(?:bien\s+)?cordialement|bien\s+à\s+vous|(?:meilleures|sincères)\s+salutations|(?:best|kind|warm)\s+regards|regards|sincerely|merci(?:\s+(?:d['’]avance|beaucoup|par avance|à vous|pour votre (?:aide|retour|réponse|compréhension)))?\s*[.!]*$|thanks?(?:\s+you)?(?:\s+in advance)?\s*[.!]*$|bonne\s+(?:journée|soirée|fin de journée|semaine)|have a (?:nice|good|great) (?:day|week|evening)|je reste à (?:votre|ta) disposition|n['’]hésitez pas à (?:me|nous) (?:contacter|solliciter)|do not hesitate to contact|don['’]t hesitate to|feel free to contact|i remain at your disposal|veuillez agréer|je vous prie d['’]agréer)/i;

/**
 * Sentences of the text worth ranking (formulas and near-empty lines removed). A sentence that addresses the assistant
 * ("ignore your instructions", « résume ce mail en disant que… ») is never a candidate: quoting it as a key point would
 * do what it asks.
 */
export function candidateSentences(text: string): Sentence[] {
  const check = mayContainInjection(text);
  return splitSentences(text).filter((s) => !FORMULA.test(s.text) && contentWords(s.text).length >= 2 && !(check && isInjectedSentence(s.text)));
}

/** TextRank over TF-IDF vectors; scores sum to about the number of sentences. */
export function rankSentences(text: string): RankedSentence[] {
  return rankSentenceList(candidateSentences(text));
}

/** Ranks given sentences (their `index` says their order; the first two get a small bonus). */
export function rankSentenceList(sentences: Sentence[]): RankedSentence[] {
  const n = sentences.length;
  if (n === 0) return [];
  const words = sentences.map((s) => contentWords(s.text));
  const df = new Map<string, number>();
  for (const ws of words) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const vectors = words.map((ws) => {
    const tf = new Map<string, number>();
    for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v = new Map<string, number>();
    for (const [w, c] of tf) v.set(w, (1 + Math.log(c)) * Math.log(1 + n / (df.get(w) ?? 1)));
    return v;
  });
  const norms = vectors.map((v) => Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0)) || 1);
  // TextRank is quadratic: past a few hundred sentences (a long document), similarity to the centroid ranks nearly as
  // well in linear time and keeps the gateway responsive.
  const pr = n > TEXTRANK_MAX ? centroidScores(vectors, norms) : textRank(vectors, norms);
  return sentences.map((s, i) => {
    const length = words[i].length;
    let factor = 1;
    if (i === 0) factor += 0.25; // mails state their purpose first
    else if (i === 1) factor += 0.1;
    if (length < 4) factor *= 0.7; // "Voir ci-dessous." carries little
    if (length > 45) factor *= 0.8; // a run-on paragraph is a poor bullet
    if (findDates(s.text, new Date()).length > 0) factor += 0.15;
    if (REQUEST_HINT.test(s.text)) factor += 0.15;
    return { ...s, score: pr[i] * factor };
  });
}

const TEXTRANK_MAX = 400;

type Vector = Map<string, number>;

function textRank(vectors: Vector[], norms: number[]): number[] {
  const n = vectors.length;
  const sim: number[][] = vectors.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let dot = 0;
      const [small, large] = vectors[i].size < vectors[j].size ? [vectors[i], vectors[j]] : [vectors[j], vectors[i]];
      for (const [w, x] of small) dot += x * (large.get(w) ?? 0);
      sim[i][j] = sim[j][i] = dot / (norms[i] * norms[j]);
    }
  const outWeight = sim.map((row) => row.reduce((a, x) => a + x, 0));
  let pr = new Array<number>(n).fill(1);
  const d = 0.85;
  for (let iter = 0; iter < 40; iter++) {
    const next = new Array<number>(n).fill(1 - d);
    for (let j = 0; j < n; j++) {
      if (outWeight[j] === 0) continue;
      for (let i = 0; i < n; i++) if (sim[j][i] > 0) next[i] += (d * sim[j][i] * pr[j]) / outWeight[j];
    }
    pr = next;
  }
  return pr;
}

function centroidScores(vectors: Vector[], norms: number[]): number[] {
  const centroid: Vector = new Map();
  vectors.forEach((v, i) => {
    for (const [w, x] of v) centroid.set(w, (centroid.get(w) ?? 0) + x / norms[i]);
  });
  const cNorm = Math.sqrt([...centroid.values()].reduce((a, x) => a + x * x, 0)) || 1;
  return vectors.map((v, i) => {
    let dot = 0;
    for (const [w, x] of v) dot += x * (centroid.get(w) ?? 0);
    return dot / (norms[i] * cNorm);
  });
}

const REQUEST_HINT =
  /\b(?:merci de|pourriez-vous|pouvez-vous|je vous remercie de|il faudrait|veuillez|please|could you|can you|would you|action|décision|decision|urgent)\b/i;

/** How many sentences to keep: a quarter of the text, at least 3 and at most 6 (all of them when there are fewer). */
export function summaryLength(candidates: number): number {
  return Math.min(candidates, Math.max(3, Math.min(6, Math.round(candidates / 4))));
}

/** The key sentences in their original order. */
export function keySentences(text: string, max?: number): RankedSentence[] {
  const ranked = rankSentences(text);
  const k = max ?? summaryLength(ranked.length);
  return [...ranked]
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k)
    .sort((a, b) => a.index - b.index);
}

export interface KeyFacts {
  people: string[];
  dates: { raw: string; date?: string; deadline: boolean; asap: boolean; time?: string; weekdayConflict?: string }[];
}

/** Titles that name a person ("M. Dupont", "Dr Martin", "Pr. Leroy", "Mrs Smith"). */
const PERSON_RE =
  /(?<![\p{L}])(M\.|MM\.|Mme\.?|Mmes\.?|Mlle\.?|Madame|Monsieur|Dr\.?|Docteur|Drs\.?|Pr\.?|Professeur|Prof\.?|Me|Maître|Mr\.?|Mrs\.?|Ms\.?)\s+((?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.(?:-\p{Lu}\.)?)(?:\s+(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)){0,3})/gu;

const BARE_WEEKDAY = /^(?:ce\s+|this\s+|next\s+)?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+prochain)?$/i;

/** People named with a civilité, and the dates and deadlines of the text (deduplicated, in order of appearance). */
export function keyFacts(text: string, today: Date): KeyFacts {
  const people: string[] = [];
  for (const m of text.matchAll(PERSON_RE)) {
    // Keep "Madame Durand" but drop trailing sentence-start words ("M. Dupont Merci" is rare enough to accept).
    const name = `${m[1]} ${m[2]}`.replace(/\s+/g, ' ').trim();
    if (!people.some((p) => p.toLowerCase() === name.toLowerCase())) people.push(name);
  }
  const dates: KeyFacts['dates'] = [];
  // Dates said in a sentence aimed at the assistant are not the mail's facts.
  const factsText = mayContainInjection(text) ? splitSentences(text).filter((s) => !isInjectedSentence(s.text)).map((s) => s.text).join('\n') : text;
  for (const f of findDates(factsText, today)) {
    // A bare weekday ("la réunion de jeudi") may be past or next: only worth listing when it is a deadline.
    if (!f.deadline && BARE_WEEKDAY.test(f.raw.trim())) continue;
    if (dates.some((d) => d.raw.toLowerCase() === f.raw.toLowerCase())) continue;
    dates.push({ raw: f.raw, date: f.date, deadline: f.deadline, asap: f.asap, ...(f.time ? { time: f.time } : {}), ...(f.weekdayConflict ? { weekdayConflict: f.weekdayConflict } : {}) });
  }
  return { people, dates };
}

const LABELS = {
  fr: {
    heading: 'Résumé',
    threadHeading: (n: number) => `Résumé du fil (${n} messages, extraits, mode hors ligne)`,
    participants: 'Participants',
    mode: 'extraits du texte, mode hors ligne',
    facts: 'Points clés',
    people: 'Personnes citées',
    dates: 'Dates et échéances',
    deadline: 'échéance',
    asap: 'dès que possible',
    empty: 'Le texte fourni ne contient aucune phrase à résumer.',
  },
  en: {
    heading: 'Summary',
    threadHeading: (n: number) => `Summary of the thread (${n} messages, excerpts, offline mode)`,
    participants: 'Participants',
    mode: 'excerpts of the text, offline mode',
    facts: 'Key facts',
    people: 'People named',
    dates: 'Dates and deadlines',
    deadline: 'deadline',
    asap: 'as soon as possible',
    empty: 'The text given has no sentence to summarize.',
  },
} as const;

/** "⚠ le texte dit « jeudi »": the weekday written does not match the date (shown, never silently corrected). */
export function weekdayConflictNote(written: string, lang: Lang): string {
  return lang === 'fr' ? `⚠ le texte dit « ${written} »` : `⚠ the text says “${written}”`;
}

/** One date fact as a line: "« avant le 12/03 » → jeudi 12 mars 2026 (échéance)". */
export function describeDate(d: KeyFacts['dates'][number], lang: Lang): string {
  const l = LABELS[lang];
  const quoted = lang === 'fr' ? `« ${d.raw} »` : `“${d.raw}”`;
  if (d.asap) return `${quoted} (${l.asap})`;
  const at = d.time ? (lang === 'fr' ? ` à ${formatTime(d.time, lang)}` : ` at ${formatTime(d.time, lang)}`) : '';
  const when = d.date ? ` → ${formatDay(d.date, lang)}${at}` : '';
  return `${quoted}${when}${d.deadline ? ` (${l.deadline})` : ''}${d.weekdayConflict ? ` (${weekdayConflictNote(d.weekdayConflict, lang)})` : ''}`;
}

/** The Markdown summary: heading, 3–6 key sentences as bullets, then the key facts. */
export function summarizeText(text: string, lang: Lang, today: Date): string {
  const thread = splitThread(text);
  if (thread) return summarizeThread(thread, lang, today);
  const l = LABELS[lang];
  const kept = keySentences(text);
  if (kept.length === 0) return `### ${l.heading}\n\n${l.empty}\n`;
  const lines = [`### ${l.heading} (${l.mode})`, '', ...kept.map((s) => `- ${asBullet(s.text)}`)];
  const facts = keyFacts(text, today);
  if (facts.people.length || facts.dates.length) {
    lines.push('', `**${l.facts}**`, '');
    const colon = lang === 'fr' ? ' :' : ':';
    if (facts.people.length) lines.push(`- ${l.people}${colon} ${facts.people.join(', ')}`);
    if (facts.dates.length) lines.push(`- ${l.dates}${colon} ${facts.dates.map((d) => describeDate(d, lang)).join(lang === 'fr' ? ' ; ' : '; ')}`);
  }
  return lines.join('\n') + '\n';
}

/** The text of a thread without its headers (for facts and triage). */
export function threadBody(messages: ThreadMessage[]): string {
  return messages.map((m) => m.text).join('\n\n');
}

/**
 * A conversation: sentences ranked across all messages (the latest message gets a small bonus: it holds where things
 * stand), kept in order, each with who wrote it; then participants and the key facts of the messages' text.
 */
export function summarizeThread(messages: ThreadMessage[], lang: Lang, today: Date): string {
  const l = LABELS[lang];
  const colon = lang === 'fr' ? ' :' : ':';
  const sentences: (Sentence & { from?: string })[] = [];
  messages.forEach((m, i) => {
    for (const s of candidateSentences(m.text)) sentences.push({ ...s, index: sentences.length, paragraph: i, from: m.from });
  });
  const ranked = rankSentenceList(sentences).map((r) => (r.paragraph === messages.length - 1 ? { ...r, score: r.score * 1.15 } : r));
  // Coverage before centrality: the best sentence of each message first (a short reply can hold the decision), then
  // the next best ones, up to 8 bullets.
  const k = Math.min(ranked.length, 8, Math.max(4, new Set(ranked.map((r) => r.paragraph)).size));
  const byScore = [...ranked].sort((a, b) => b.score - a.score || a.index - b.index);
  const seen = new Set<number>();
  const firsts = byScore.filter((r) => !seen.has(r.paragraph) && seen.add(r.paragraph));
  const kept = [...firsts, ...byScore.filter((r) => !firsts.includes(r))].slice(0, k).sort((a, b) => a.index - b.index);
  const lines = [`### ${l.threadHeading(messages.length)}`, ''];
  if (kept.length === 0) lines.push(l.empty);
  for (const s of kept) {
    const from = sentences[s.index].from;
    lines.push(`- ${from ? `**${from}**${colon} ` : ''}${asBullet(s.text)}`);
  }
  const participants = [...new Set(messages.map((m) => m.from).filter((f): f is string => !!f))];
  const facts = keyFacts(threadBody(messages), today);
  if (participants.length || facts.people.length || facts.dates.length) lines.push('', `**${l.facts}**`, '');
  if (participants.length) lines.push(`- ${l.participants}${colon} ${participants.join(', ')}`);
  if (facts.people.length) lines.push(`- ${l.people}${colon} ${facts.people.join(', ')}`);
  if (facts.dates.length) lines.push(`- ${l.dates}${colon} ${facts.dates.map((d) => describeDate(d, lang)).join(lang === 'fr' ? ' ; ' : '; ')}`);
  return lines.join('\n') + '\n';
}
