/**
 * Requests, deadlines and urgency found by French and English cues, for the offline engine's `actions` and `triage`
 * tasks. Every item quotes the sentence it comes from, so the user can check it; nothing is inferred beyond the cues.
 */
import type { Lang } from '../prompts/schema';
import { splitSentences } from './text/sentences';
import { daysUntil, findDates, formatDay, formatTime, type FoundDate } from './text/dates';
import { startRe, wordRe } from './text/regex';
import { splitThread } from './text/thread';
import type { Sentence } from './text/sentences';
import { isInjectedSentence } from '../safety/injection';
import { weekdayConflictNote } from './offline-summary';

export interface ActionItem {
  /** What is asked, from the sentence (the request cue removed when it opens the sentence). */
  what: string;
  /** The sentence as written. */
  sentence: string;
  /** Who asks: the sender when known. */
  who?: string;
  /** The cue that marked it ("merci de", "by Friday"…). */
  cue: string;
  deadline?: { raw: string; date?: string; asap: boolean; time?: string; weekdayConflict?: string };
}

/** Request cues. Order matters only for which cue is reported. */
const REQUEST_CUES: RegExp[] = [
  /\bje vous (?:remercie|saurais gré|serais reconnaissante?) (?:(?:également|aussi|par avance|d['’]avance)\s+)?de\b/i,
  /\bmerci (?:(?:également|aussi|encore|bien|donc|enfin|ensuite)\s+)?(?:de (?!(?:votre|vos|ta|ton|tes|la|le|les|l['’])\s?\b)|d['’](?!avance)\p{L})/iu,
  /\bmerci par avance de\b/i,
  /\b(?:pourriez|pouvez|pourrais|peux|voudriez|voulez|auriez)[- ](?:vous|tu)\b/i,
  /\b(?:serait|est)-il possible de\b/i,
  /\bvous serait-il possible\b/i,
  /\bil (?:faudrait|faut|serait (?:bien|utile|nécessaire) de|est (?:demandé|nécessaire|impératif) de)\b/i,
  /\b(?:je|nous) vous (?:demande|demandons|prie|prions|invite|invitons) de\b/i,
  /\bveuillez\b(?!\s+trouver)/i, // "Veuillez trouver ci-joint" is "please find attached", not a request
  /\bprière de\b/i,
  /\bn['’]oubliez pas\b/i,
  /\bje compte sur (?:vous|toi)\b/i,
  /\b(?:je|nous) souhaiterions?\s+(?:que|recevoir|avoir|obtenir)\b/i,
  wordRe('à (?:faire|compléter|renvoyer|retourner|transmettre|valider|signer|prévoir)'),
  startRe('(?:action|todo|to-do|à faire)\\s*:'),
  /\bplease\b(?!\s+(?:find|see)\s+(?:attached|below|enclosed))/i,
  /\b(?:could|can|would|will) you\b/i,
  /\bkindly\b/i,
  /\b(?:i|we) (?:need|would like|'d like) you to\b/i,
  /\byou (?:need|have|will need) to\b/i,
  /\bmake sure\b/i,
  /\bdon['’]t forget\b/i,
  /\baction required\b/i,
  /\blet (?:me|us) know\b/i,
  /\bwould it be possible\b/i,
  /\bi would (?:appreciate|be grateful)\b/i,
];

export function hasRequestCue(sentence: string): boolean {
  return REQUEST_CUES.some((re) => re.test(sentence));
}

/** Leading request cues removed from "what" ("Merci de prévenir…" → "Prévenir…"), after a greeting or a reminder of
 * what was agreed ("Comme convenu jeudi, merci de…", "As agreed last week, could you…"). */
const LEADING_CUE =
  /^(?:(?:bonjour|hello|hi)[^,]{0,30},\s*|(?:comme (?:convenu|dit|prévu|vu|évoqué)|as (?:agreed|discussed|mentioned|planned)|suite à|following)[^,.;:?!]{0,40},\s*)?(?:je vous (?:remercie|saurais gré|serais reconnaissante?) (?:(?:également|aussi) )?de|merci (?:(?:par avance|également|aussi|encore|bien|donc|enfin|ensuite) )?(?:de|d['’])|(?:et|puis) (?:de|d['’])|(?:pourriez|pouvez|pourrais|peux)[- ](?:vous|tu)|(?:serait|est)-il possible de|veuillez|prière de|il faudrait|il faut|(?:je|nous) vous (?:demande|demandons|prie|prions) de|please|kindly|could you(?: please)?|can you(?: please)?|would you(?: please)?|(?:i|we) need you to|make sure(?: to| that)?)(?:\s+|(?<=['’]))(?:(?:aussi|également|also)\s+)?/i;

/** Where a mail says who wrote it, when the form did not give the sender ("De : Jean Dupont <…>", "From: …"). */
function senderFromHeaders(text: string): string | undefined {
  const m = /^\s*(?:De|From|Expéditeur)\s*:\s*(.+)$/im.exec(text);
  return m ? m[1].replace(/<[^>]*>/g, '').replace(/["']/g, '').trim() || undefined : undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The requests of a text, each with its deadline (resolved against `today`) and who asks. In an assembled thread,
 * who asks is the sender of the message the request is in.
 */
export function findActions(text: string, options: { today: Date; sender?: string }): ActionItem[] {
  const thread = splitThread(text);
  if (thread) return thread.flatMap((m) => requestsIn(m.text, options.today, m.from ?? options.sender));
  return requestsIn(text, options.today, options.sender?.trim() || senderFromHeaders(text));
}

const HEADER_LINE = /^\s*(?:De|From|À|To|Cc|Objet|Subject|Envoyé|Sent|Date)\s*:/i;
/** A sentence that introduces a list of requests: it asks, or announces actions, and ends with a colon. */
const LIST_INTRO = /(?:actions?|à faire|to do|todo|points? suivants?|following|demandes?|requests?|tâches?|tasks?|étapes?|steps?)\b[^:]{0,40}:\s*$/iu;
/** Where one sentence asks two things: « merci de confirmer … et de transmettre … », "…; please also …". */
const CLAUSE_SPLIT = /\s*;\s+|,?\s+(?=(?:et|puis|ainsi que)\s+(?:de|d['’])\s?\p{L})|,?\s+(?=and (?:also |then )?(?:please|to) )/iu;

const CONTINUATION = /^\s*(?:(?:et|puis|ainsi que)\s+(?:de|d['’])|and (?:also |then )?(?:please|to) )/iu;

function item(sentence: string, cue: string, deadline: FoundDate | undefined, who: string | undefined): ActionItem {
  const clean = sentence.replace(/^[-*•▪►–—]\s+|^\d{1,2}[.)]\s+|^[a-z][.)]\s+/i, '');
  const stripped = clean.replace(LEADING_CUE, '').replace(/\s*[?!.:;,]+$/, '').trim();
  // "Pouvez-vous regarder ?" → "Regarder" says too little: keep the sentence when the cue was most of it.
  const what = stripped.split(/\s+/).length >= 3 ? capitalize(stripped) : clean;
  return {
    what,
    sentence: clean,
    who,
    cue,
    deadline: deadline
      ? { raw: deadline.raw, date: deadline.date, asap: deadline.asap, ...(deadline.time ? { time: deadline.time } : {}), ...(deadline.weekdayConflict ? { weekdayConflict: deadline.weekdayConflict } : {}) }
      : undefined,
  };
}

function deadlineOf(text: string, today: Date, asks: boolean): FoundDate | undefined {
  // "Suite à la réunion de jeudi dernier, merci de :": a day already gone is context, never the deadline.
  const dates = findDates(text, today).filter((d) => !d.past);
  return dates.find((d) => d.deadline) ?? (dates.length && asks ? dates[0] : undefined);
}

/**
 * Every request of one message: each sentence that asks (split where it asks two things, each part with its own
 * deadline), and each item of a bulleted or numbered list introduced by a sentence that asks (« Merci de : », "Could
 * you:", « Actions : »), each with its own deadline or else the introduction's. Sentences aimed at an assistant are
 * never requests.
 */
function requestsIn(text: string, today: Date, who: string | undefined): ActionItem[] {
  const items: ActionItem[] = [];
  const sentences = splitSentences(text).filter((s) => !HEADER_LINE.test(s.text) && !isInjectedSentence(s.text));
  let intro: { cue: string; deadline?: FoundDate; paragraph: number } | null = null;
  sentences.forEach((s: Sentence, i) => {
    const cueMatch = REQUEST_CUES.map((re) => re.exec(s.text)).find((m): m is RegExpExecArray => m !== null);
    if (s.listItem && intro && s.paragraph - intro.paragraph <= 1) {
      const own = deadlineOf(s.text, today, true);
      items.push(item(s.text, cueMatch ? cueMatch[0].trim() : intro.cue, own ?? intro.deadline, who));
      return;
    }
    const next = sentences[i + 1];
    const opensList = /:\s*$/.test(s.text) && next?.listItem === true && (cueMatch !== undefined || LIST_INTRO.test(s.text));
    intro = null;
    if (opensList) {
      const deadline = deadlineOf(s.text, today, true);
      intro = { cue: cueMatch ? cueMatch[0].trim() : s.text.replace(/:\s*$/, '').trim(), deadline, paragraph: s.paragraph };
      // The introduction is the list's frame (« Merci de : », "Could you, by Friday:"), not a request of its own.
      return;
    }
    const sentenceDeadline = deadlineOf(s.text, today, cueMatch !== undefined);
    // A deadline alone ("Le rapport est attendu avant le 15 mars") is a request too; a date alone is not.
    if (!cueMatch && !(sentenceDeadline && sentenceDeadline.deadline)) return;
    const clauses = cueMatch ? s.text.split(CLAUSE_SPLIT).filter((c) => c.trim()) : [s.text];
    const deadlines = clauses.map((c) => deadlineOf(c, today, true));
    // "Merci de confirmer et de transmettre avant jeudi": one deadline said once applies to every part.
    const shared = deadlines.filter(Boolean).length === 1 ? deadlines.find(Boolean) : undefined;
    clauses.forEach((clause, k) => {
      if (k > 0 && clause.trim().split(/\s+/).length < 3) return;
      // "We need the badges too; please order them": only the parts that ask are requests.
      if (clauses.length > 1 && !hasRequestCue(clause) && !CONTINUATION.test(clause)) return;
      items.push(item(k === 0 ? clause : clause.trim(), cueMatch ? cueMatch[0].trim() : (sentenceDeadline as FoundDate).raw, deadlines[k] ?? shared ?? (clauses.length === 1 ? sentenceDeadline : undefined), who));
    });
  });
  return items;
}

const ACTION_LABELS = {
  fr: {
    heading: 'Demandes et échéances',
    mode: 'repérées par mots-clés, mode hors ligne',
    asked: 'Demandé par',
    unknown: 'expéditeur non précisé',
    deadline: 'Échéance',
    none: 'non précisée',
    asap: 'dès que possible',
    cue: 'Indice',
    empty: 'Aucune demande explicite ni échéance trouvée dans le texte (recherche par mots-clés : « merci de », « pourriez-vous », « avant le… », « please », « by… »). Relisez le message pour confirmer.',
    check: 'Repérage automatique par mots-clés : vérifiez chaque point dans le message.',
  },
  en: {
    heading: 'Requests and deadlines',
    mode: 'found by keywords, offline mode',
    asked: 'Asked by',
    unknown: 'sender not given',
    deadline: 'Deadline',
    none: 'not stated',
    asap: 'as soon as possible',
    cue: 'Cue',
    empty: 'No explicit request or deadline found in the text (keyword search: “please”, “could you”, “by…”, “merci de”, “avant le…”). Read the message to confirm.',
    check: 'Found automatically by keywords: check each item in the message.',
  },
} as const;

function describeDeadline(d: ActionItem['deadline'], lang: Lang): string {
  const l = ACTION_LABELS[lang];
  if (!d) return l.none;
  if (d.asap) return `${l.asap} (${quote(d.raw, lang)})`;
  const at = d.time ? `${lang === 'fr' ? ' à' : ' at'} ${formatTime(d.time, lang)}` : '';
  const conflict = d.weekdayConflict ? ` (${weekdayConflictNote(d.weekdayConflict, lang)})` : '';
  return d.date ? `${formatDay(d.date, lang)}${at} (${quote(d.raw, lang)})${conflict}` : quote(d.raw, lang);
}

function quote(s: string, lang: Lang): string {
  return lang === 'fr' ? `« ${s} »` : `“${s}”`;
}

export function actionsText(text: string, lang: Lang, today: Date, sender?: string): string {
  const l = ACTION_LABELS[lang];
  const items = findActions(text, { today, sender });
  const colon = lang === 'fr' ? ' :' : ':';
  const lines = [`### ${l.heading} (${l.mode})`, ''];
  if (items.length === 0) return lines.concat(l.empty).join('\n') + '\n';
  items.forEach((item, i) => {
    lines.push(`${i + 1}. **${item.what}**`);
    lines.push(`   - ${l.asked}${colon} ${item.who ?? l.unknown}`);
    lines.push(`   - ${l.deadline}${colon} ${describeDeadline(item.deadline, lang)}`);
  });
  lines.push('', `_${l.check}_`);
  return lines.join('\n') + '\n';
}

export type Urgency = 'urgent' | 'important' | 'normal';

export interface Triage {
  level: Urgency;
  /** Why: each cue with the sentence it was found in. */
  reasons: { cue: string; sentence: string; level: Exclude<Urgency, 'normal'> }[];
}

const URGENT_CUES = wordRe(
  'urgent(?:e|es|s)?|urgence|en urgence|urgently|immédiat(?:e|ement)?|immediate(?:ly)?|asap|as soon as possible|dès que possible|au plus vite|sans délai|critique|critical|bloquant(?:e)?|blocking|panne|outage|hors service|out of service|(?:is|are|has been|have been|went) down|danger|incident grave|événement indésirable grave|alerte|alert|priorité absolue|top priority|vital|life-threatening',
  'giu',
);
const IMPORTANT_CUES = wordRe(
  'important(?:e|es|s)?|prioritaire|priority|rappel|relance|reminder|second request|dernier délai|échéance|deadline|obligatoire|mandatory|réglementaire|regulatory|certification|plainte|réclamation|complaint|mise en demeure|contentieux|avocat|lawyer|legal|juridique|à valider|validation|approval|signature|inspection|audit',
  'giu',
);
const NEGATED = /(?:\bnon|\bpas|\bnot|\bpeu|\bnullement|\bno longer)[\s-]+(?:très\s+|si\s+|very\s+)?$/i;
/** Acronyms, case-sensitive so that English "has" is not the Haute Autorité de Santé. */
const URGENT_ACRONYMS = wordRe('EIG|EIGS', 'gu');
const IMPORTANT_ACRONYMS = wordRe('HAS|ARS|CREX|RMM', 'gu');

/**
 * Urgency from cue words (in the subject too: « URGENT — Tension sur les lits ») and from how close the deadlines are
 * to the mail's date (`today` is the day it was sent: the same day, « avant 13 h », « ce jour » or the next day:
 * urgent; within 7 days: important).
 */
export function triageText(input: string, today: Date, subject?: string): Triage {
  const thread = splitThread(input);
  const text = thread ? thread.map((m) => m.text).join('\n\n') : input;
  const reasons: Triage['reasons'] = [];
  const subjectLine = subject?.trim() ? [{ text: subject.trim().replace(/^(?:(?:re|tr|fw|fwd|aw)\s*:\s*)+/i, '') }] : [];
  for (const s of [...subjectLine, ...splitSentences(text).filter((x) => !isInjectedSentence(x.text))]) {
    for (const [re, level] of [
      [URGENT_CUES, 'urgent'],
      [URGENT_ACRONYMS, 'urgent'],
      [IMPORTANT_CUES, 'important'],
      [IMPORTANT_ACRONYMS, 'important'],
    ] as const) {
      for (const m of s.text.matchAll(re)) {
        // « non urgentes », "not urgent", « pas prioritaire »: the cue denied.
        if (NEGATED.test(s.text.slice(Math.max(0, (m.index ?? 0) - 12), m.index))) continue;
        if (!reasons.some((r) => r.cue.toLowerCase() === m[0].toLowerCase())) reasons.push({ cue: m[0], sentence: s.text, level });
      }
    }
    for (const d of findDates(s.text, today)) {
      // A date counts when it is a deadline, or when the sentence asks for something ("Il faut le rendre demain").
      if (!d.date || d.asap || !(d.deadline || hasRequestCue(s.text))) continue;
      const days = daysUntil(d.date, today);
      if (days < 0) continue;
      const level = days <= 1 ? 'urgent' : days <= 7 ? 'important' : undefined;
      if (level && !reasons.some((r) => r.cue === d.raw)) reasons.push({ cue: d.raw, sentence: s.text, level });
    }
  }
  const level: Urgency = reasons.some((r) => r.level === 'urgent') ? 'urgent' : reasons.length ? 'important' : 'normal';
  return { level, reasons };
}

const TRIAGE_LABELS = {
  fr: {
    heading: 'Tri par urgence',
    mode: 'mots-clés et échéances, mode hors ligne',
    level: 'Niveau',
    levels: { urgent: 'urgent', important: 'important', normal: 'normal' },
    why: 'Indices',
    none: 'Aucun mot d’urgence ni échéance proche trouvés.',
    check: 'Tri automatique par mots-clés : votre jugement prime.',
  },
  en: {
    heading: 'Urgency triage',
    mode: 'keywords and deadlines, offline mode',
    level: 'Level',
    levels: { urgent: 'urgent', important: 'important', normal: 'normal' },
    why: 'Cues',
    none: 'No urgency word and no close deadline found.',
    check: 'Automatic keyword triage: your judgement comes first.',
  },
} as const;

export function triageAnswer(text: string, lang: Lang, today: Date, subject?: string): string {
  const l = TRIAGE_LABELS[lang];
  const t = triageText(text, today, subject);
  const colon = lang === 'fr' ? ' :' : ':';
  const lines = [`### ${l.heading} (${l.mode})`, '', `**${l.level}${colon} ${l.levels[t.level]}**`, ''];
  if (t.reasons.length === 0) lines.push(l.none);
  else {
    lines.push(`${l.why}${colon}`, '');
    for (const r of t.reasons.slice(0, 8)) {
      const excerpt = r.sentence.length > 160 ? r.sentence.slice(0, 157) + '…' : r.sentence;
      lines.push(`- ${quote(r.cue, lang)} (${l.levels[r.level]}) — ${excerpt}`);
    }
  }
  lines.push('', `_${l.check}_`);
  return lines.join('\n') + '\n';
}
