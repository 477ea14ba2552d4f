/**
 * The offline engine: Aide's answer when no generative model is configured (the default). It is honest and useful
 * without a model: an extractive summary, requests and deadlines found by cues, an urgency triage, letters filled from
 * the prompt's skeleton, and for anything that needs writing new text, a plain statement that it needs a model plus
 * what it can still give. It follows the same streaming contract as a model (several `text` deltas, then `usage`).
 *
 * Driven by the request's `aide` extension: `task` (from the prompt's `offline` field), `variables` (the form),
 * `letter` (the skeleton for `fill`) and `lang` (default fr).
 */
import type { Lang } from '../prompts/schema';
import { OFFLINE_MODEL, type ChatDelta, type ChatEngine, type ChatRequest, type Usage } from './types';
import { keySentences, summarizeText } from './offline-summary';
import { actionsText, triageAnswer } from './offline-actions';
import { fillAnswer } from './offline-fill';
import { splitSentences } from './text/sentences';
import { sentDay } from './text/dates';
import { splitThread } from './text/thread';

export interface OfflineEngineOptions {
  /** Today's date (injected by tests; defaults to the clock). */
  now?: () => Date;
  /** Words per streamed delta (default 4). */
  wordsPerDelta?: number;
}

/** Variable names that hold the text to work on (mail body, thread, document, selection, notes…). */
const CONTENT_NAME =
  /body|content|contenu|corps|text|texte|thread|fil|mail|message|courriel|document|doc|selection|sélection|notes?|draft|brouillon|source|article|comments?|commentaires?|report|rapport|compte|input|extrait|excerpt|description|situation|faits|facts|event|evenement|événement|plainte|complaint|reclamation|réclamation/i;
/** Names that look like content words but hold a field, not the text ("mailSubject", "senderName"). */
const NOT_CONTENT = /subject|objet|sender|from|expediteur|expéditeur|recipient|destinataire|name|nom|date|email|address|adresse|title|titre|phone|tel/i;
const SENDER_NAME = /^(?:mail)?(?:sender|from|expediteur|expéditeur|author|auteur)(?:name|nom)?$/i;

/** The text the task works on: the longest content-like variable, else the last user message. */
export function contentOf(request: ChatRequest): string {
  const variables = request.aide?.variables ?? {};
  const named = request.aide?.contentVariable;
  if (named && variables[named]?.trim()) return variables[named].trim();
  let best = '';
  for (const [name, value] of Object.entries(variables)) {
    if (!CONTENT_NAME.test(name) || NOT_CONTENT.test(name)) continue;
    if (value.trim().length > best.length) best = value.trim();
  }
  if (best) return best;
  const users = request.messages.filter((m) => m.role === 'user');
  return users.length ? users[users.length - 1].content : '';
}

const SUBJECT_NAME = /^(?:mail)?(?:subject|objet|sujet)$/i;

/** The mail's subject, when the form has it (urgency reads it: « URGENT — Tension sur les lits »). */
function subjectOf(request: ChatRequest): string | undefined {
  for (const [name, value] of Object.entries(request.aide?.variables ?? {})) if (SUBJECT_NAME.test(name) && value.trim()) return value.trim();
  return undefined;
}

/**
 * The day the text's dates are read against: the mail's sent date (the latest message's for a thread; the
 * document's date for Word) given by the host as `aide.sentDate`, else the latest date in an assembled thread's
 * headers, else today. « avant le 20 mars » in a mail of 9 March 2026 is 20 March 2026, whenever it is read.
 */
export function referenceDay(request: ChatRequest, today: Date): Date {
  const given = sentDay(request.aide?.sentDate);
  if (given) return given;
  const thread = splitThread(contentOf(request));
  const dates = (thread ?? []).map((m) => sentDay(m.date)).filter((d): d is Date => d !== undefined);
  if (dates.length) return dates.reduce((a, b) => (b.getTime() > a.getTime() ? b : a));
  return today;
}

function senderOf(request: ChatRequest): string | undefined {
  const named = request.aide?.senderVariable;
  if (named && request.aide?.variables?.[named]?.trim()) return request.aide.variables[named].trim();
  for (const [name, value] of Object.entries(request.aide?.variables ?? {})) if (SENDER_NAME.test(name) && value.trim()) return value.trim();
  return undefined;
}

const NEEDS_MODEL = {
  fr: {
    heading: 'Mode hors ligne : cette demande nécessite une IA générative',
    rewrite:
      'Reformuler ou réécrire un texte demande un modèle génératif, et aucun n’est configuré (mode hors ligne). Aide n’écrit pas de texte à la place d’un modèle pour ne rien inventer.',
    none: 'Cette tâche demande un modèle génératif, et aucun n’est configuré (mode hors ligne). Aide n’écrit pas de texte à la place d’un modèle pour ne rien inventer.',
    offer: 'Ce que le mode hors ligne peut vous donner :',
    key: 'Phrases clés du texte',
    cleaned: 'Le texte d’origine, pour le retravailler vous-même',
    long: (n: number) => `Phrases longues à raccourcir (plus de ${n} mots)`,
    words: 'mots',
    admin: 'Pour obtenir une rédaction complète, demandez à votre administrateur de configurer un modèle (AIDE_LLM_PROVIDER).',
    nothing: 'Aucun texte n’a été fourni.',
  },
  en: {
    heading: 'Offline mode: this request needs generative AI',
    rewrite:
      'Rewording or rewriting a text needs a generative model, and none is configured (offline mode). Aide does not write text in a model’s place, so that nothing is invented.',
    none: 'This task needs a generative model, and none is configured (offline mode). Aide does not write text in a model’s place, so that nothing is invented.',
    offer: 'What offline mode can give you:',
    key: 'Key sentences of the text',
    cleaned: 'The original text, to rework yourself',
    long: (n: number) => `Long sentences to shorten (more than ${n} words)`,
    words: 'words',
    admin: 'For a complete draft, ask your administrator to configure a model (AIDE_LLM_PROVIDER).',
    nothing: 'No text was given.',
  },
} as const;

const LONG_SENTENCE_WORDS = 25;

/** Whitespace tidied: no trailing spaces, at most one blank line, no leading/trailing blank lines. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function needsModelAnswer(task: 'rewrite' | 'none', content: string, lang: Lang): string {
  const l = NEEDS_MODEL[lang];
  const lines = [`### ${l.heading}`, '', l[task], ''];
  const text = tidy(content);
  if (!text) return lines.concat(l.nothing, '', `_${l.admin}_`).join('\n') + '\n';
  lines.push(`**${l.offer}**`, '');
  const key = keySentences(text);
  if (key.length) {
    lines.push(`#### ${l.key}`, '', ...key.map((s) => `- ${s.text.replace(/^[-*•▪►–—]\s+/, '')}`), '');
  }
  if (task === 'rewrite') {
    // Rewriting is often about readability (plain language, FALC): the sentences too long to read easily are a start.
    const long = splitSentences(text)
      .map((s) => ({ text: s.text, words: s.text.split(/\s+/).length }))
      .filter((s) => s.words > LONG_SENTENCE_WORDS);
    if (long.length) lines.push(`#### ${l.long(LONG_SENTENCE_WORDS)}`, '', ...long.map((s) => `- (${s.words} ${l.words}) ${s.text}`), '');
    lines.push(`#### ${l.cleaned}`, '', ...text.split('\n').map((line) => (line ? `> ${line}` : '>')), '');
  }
  lines.push(`_${l.admin}_`);
  return lines.join('\n') + '\n';
}

/** The whole offline answer for a request (pure: the engine streams it). */
export function offlineAnswer(request: ChatRequest, today: Date): string {
  const aide = request.aide ?? {};
  const lang: Lang = aide.lang ?? 'fr';
  const task = aide.task ?? 'none';
  const day = referenceDay(request, today);
  switch (task) {
    case 'summarize':
      return summarizeText(tidy(contentOf(request)), lang, day);
    case 'actions':
      return actionsText(tidy(contentOf(request)), lang, day, senderOf(request));
    case 'triage':
      return triageAnswer(tidy(contentOf(request)), lang, day, subjectOf(request));
    case 'fill':
      return fillAnswer(aide.letter, aide.variables ?? {}, lang, today);
    case 'rewrite':
    case 'none':
      // Without a content variable the last user message is the rendered instruction, not a text to offer back.
      return needsModelAnswer(task, hasContentVariable(request) ? contentOf(request) : '', lang);
  }
}

function hasContentVariable(request: ChatRequest): boolean {
  const named = request.aide?.contentVariable;
  if (named && request.aide?.variables?.[named]?.trim()) return true;
  return Object.entries(request.aide?.variables ?? {}).some(([n, v]) => CONTENT_NAME.test(n) && !NOT_CONTENT.test(n) && v.trim() !== '');
}

/** A rough token count (about four characters per token for French and English), for the usage delta. */
export function estimateTokens(text: string): number {
  return text ? Math.max(1, Math.ceil(text.length / 4)) : 0;
}

/** Cuts an answer into pieces of a few words; their concatenation is exactly the answer. */
export function toDeltas(answer: string, wordsPerDelta = 4): string[] {
  const pieces: string[] = [];
  const re = new RegExp(`\\s*(?:\\S+\\s*){1,${Math.max(1, wordsPerDelta)}}`, 'g');
  let consumed = 0;
  for (const m of answer.matchAll(re)) {
    if (!m[0]) continue;
    pieces.push(m[0]);
    consumed += m[0].length;
  }
  if (consumed < answer.length) pieces.push(answer.slice(consumed)); // whitespace-only answer or tail
  return pieces;
}

export function createOfflineEngine(options: OfflineEngineOptions = {}): ChatEngine {
  const now = options.now ?? (() => new Date());
  return {
    kind: 'offline',
    onPremises: true,
    async models() {
      return [OFFLINE_MODEL];
    },
    async *stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatDelta> {
      if (signal.aborted) return;
      const answer = offlineAnswer(request, now());
      for (const text of toDeltas(answer, options.wordsPerDelta)) {
        // Let the consumer (an HTTP response, the pane) run between pieces, and stop as soon as it cancels.
        await Promise.resolve();
        if (signal.aborted) return;
        yield { type: 'text', text };
      }
      const promptTokens = estimateTokens(request.messages.map((m) => m.content).join('\n'));
      const completionTokens = estimateTokens(answer);
      const usage: Usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
      yield { type: 'usage', usage };
    },
  };
}
