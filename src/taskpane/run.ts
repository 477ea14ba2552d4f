/**
 * Running a prompt: prefill its variables from the host, render the messages, stream the answer from the gateway's
 * `/v1/chat/completions` with the openai SDK (the `aide` extension tells the gateway the prompt, role and offline
 * task — never stored), and turn gateway errors (OpenAI error format) into plain words.
 */
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { OFFLINE_MODEL, type AideExtension } from '../core/llm/types';
import { assembleThread, cleanMail, forwardedMessage, withForwarded } from '../core/mail';
import type { Lang, PromptDefinition, PromptVariable, Role } from '../core/prompts/schema';
import { browserStore, HostError, type Conversation, type HostContext, type KeyValueStore } from '../hosts/types';
import { authFetch, SignInError } from './contracts';
import { summarizeLongDocument, type ChunkProgress, type DocumentChunk } from '../core/llm/chunked';
import { prepareRun } from '../core/llm/run';
import { letterDate } from '../core/llm/offline-fill';
import { splitDocument } from '../core/llm/chunked';
import { dedupeTitles, type LetterheadSettings } from '../core/word/markdown';
import { contentVariableOf } from '../core/prompts/render';
import type { MessageKey } from './i18n';
import { quotedHistoryConversation } from './sources';
import { detectInjectionIn, type InjectionWarning } from '../core/safety/injection';
import { needsModel } from '../core/llm/needs-model';

/** How the conversation given to the model was made: its source, and which messages are in it (oldest first). */
export interface ThreadInfo {
  /** Messages found in the conversation. */
  messages: number;
  /** How many of the used ones were condensed to fit the budget (oldest first). */
  condensed: number;
  source: Conversation['source'];
  fallbackReason?: Conversation['fallbackReason'];
  /** Only the most recent messages were read (very long conversation). */
  truncated: boolean;
  /** The messages present in the text, oldest first (index into the conversation, 0-based). */
  used: { index: number; from?: string; date?: string; condensed: boolean }[];
  /** Messages left out: duplicates, empty ones, or over budget. */
  omitted: number;
}

/** The text of an attachment, when it is the prompt's source. */
export interface AttachmentSourceInfo {
  name: string;
  pages?: number;
  truncated: boolean;
  chars: number;
}

/** What the prompt's main text is made from, when the user chose (Outlook read mode: mail, thread, attachment). */
export type ContentSource =
  | { type: 'mail' }
  | { type: 'thread'; conversation: Conversation }
  | { type: 'attachment'; name: string; text: string; pages?: number; truncated: boolean };

export interface Prefill {
  values: Record<string, string>;
  /** Variables filled from the host, by name → source. */
  filled: Record<string, NonNullable<PromptVariable['source']>>;
  /** True when quoted history / signature / disclaimer were removed from the mail body. */
  cleaned: boolean;
  /** For a conversation: where it was read, how many messages were found, which were used and condensed. */
  thread?: ThreadInfo;
  /** For an attachment: which one, and how much of it. */
  attachment?: AttachmentSourceInfo;
  /** Characters of hidden HTML text (display:none, white on white…) removed from the open mail; never sent. */
  hiddenChars?: number;
  /** When the text was written: the mail's sent date, or the latest message's of the conversation used. */
  sentDate?: string;
}

/** The conversation as the text given to the model, and what the pane says about it. */
export function threadText(conversation: Conversation): { text: string; info: ThreadInfo } {
  const assembled = assembleThread(conversation.messages, { budgetChars: THREAD_BUDGET_CHARS });
  const condensed = new Set(assembled.condensed);
  return {
    text: assembled.text,
    info: {
      messages: conversation.messages.length,
      condensed: assembled.condensed.length,
      source: conversation.source,
      ...(conversation.fallbackReason ? { fallbackReason: conversation.fallbackReason } : {}),
      truncated: conversation.truncated,
      used: assembled.used.map((index) => {
        const m = conversation.messages[index];
        return { index, ...(m.from ? { from: m.from } : {}), ...(m.date ? { date: m.date } : {}), condensed: condensed.has(index) };
      }),
      omitted: assembled.omitted.length,
    },
  };
}

/**
 * The variables' starting values: from the host where the prompt says so, else the prompt's defaults. `content`
 * replaces what the prompt's main mail variable is filled from (the source the user chose).
 */
export function prefillVariables(prompt: PromptDefinition, context: HostContext | null, content?: ContentSource): Prefill {
  const values: Record<string, string> = {};
  const filled: Prefill['filled'] = {};
  let cleaned = false;
  let thread: Prefill['thread'];
  let attachment: Prefill['attachment'];
  let hiddenChars = 0;
  const contentName = contentVariableOf(prompt);
  for (const v of prompt.variables) {
    let value: string | undefined;
    let source = v.source;
    if (content && v.name === contentName && (source === 'mail.body' || source === 'mail.thread')) {
      source = content.type === 'mail' ? 'mail.body' : content.type === 'thread' ? 'mail.thread' : 'mail.attachment';
    }
    if (context && source) {
      if (context.kind === 'mail') {
        const body = { html: context.html, text: context.text };
        switch (source) {
          case 'mail.body': {
            const mail = cleanMail(body, { senderName: context.sender?.name || undefined });
            value = mail.text;
            // A forward: the message forwarded is the content, under the note written above it (« Pour info »).
            const forwarded = forwardedMessage(body, context.subject, mail.removed.quoted);
            if (forwarded) value = withForwarded(mail.text, forwarded);
            hiddenChars = mail.hidden.chars;
            cleaned = cleaned || Object.values(mail.removed).some((r) => r.trim() !== '');
            break;
          }
          case 'mail.thread': {
            const conversation = content?.type === 'thread' ? content.conversation : quotedHistoryConversation(context);
            const assembled = threadText(conversation);
            value = assembled.text;
            thread = assembled.info;
            cleaned = true;
            break;
          }
          case 'mail.attachment':
            if (content?.type === 'attachment') {
              value = content.text;
              attachment = { name: content.name, pages: content.pages, truncated: content.truncated, chars: content.text.length };
            }
            break;
          case 'mail.subject':
            value = context.subject;
            break;
          case 'mail.sender':
            value = context.sender ? context.sender.name || context.sender.address : undefined;
            break;
          case 'selection':
            // Composing: "improve the draft or the selection" — with nothing selected, the whole draft.
            value = context.selection || context.text || undefined;
            break;
          case 'document':
            value = context.text ?? (context.html ? cleanMail(body).text : undefined);
            break;
          default:
            break;
        }
      } else {
        if (source === 'selection') value = context.selection || undefined;
        else if (source === 'document') value = context.document || undefined;
      }
    }
    if (value !== undefined && value.trim() !== '') {
      values[v.name] = value;
      filled[v.name] = source as NonNullable<PromptVariable['source']>;
    } else {
      values[v.name] = v.default ?? '';
    }
  }
  const latest = thread?.used.length ? thread.used[thread.used.length - 1].date : undefined;
  const sentDate = latest ?? (context?.kind === 'mail' ? context.date : undefined);
  return { values, filled, cleaned, ...(thread ? { thread } : {}), ...(attachment ? { attachment } : {}), ...(hiddenChars ? { hiddenChars } : {}), ...(sentDate ? { sentDate } : {}) };
}

/**
 * The warnings for what a run sends: every value of the form (the user may have pasted text too), the open mail's
 * hidden text (removed by the cleaner, never sent, but instructions hidden there are an attack) and its links.
 */
export function injectionWarnings(values: Record<string, string>, context: HostContext | null): InjectionWarning[] {
  const html = context?.kind === 'mail' ? context.html : undefined;
  const hidden = html ? cleanMail({ html }).hidden.fragments : [];
  return detectInjectionIn(Object.values(values), { hidden, ...(html ? { html } : {}) });
}

export { missingVariables } from '../core/llm/run';

/** The people a context names: the mail's sender, recipients and cc, the document's author (display names). */
export function participantsOf(context: HostContext | null): string[] {
  if (!context) return [];
  const names = context.kind === 'mail' ? [context.sender?.name ?? '', ...(context.participants ?? [])] : [context.author ?? ''];
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))];
}

export interface RunOptions {
  baseUrl: string;
  token: string;
  model: string;
  prompt: PromptDefinition;
  lang: Lang;
  role: Role;
  values: Record<string, string>;
  /** When the text was written (see Prefill.sentDate): the offline engine reads its dates against it. */
  sentDate?: string;
  signal: AbortSignal;
  onText: (textSoFar: string) => void;
  /** The fetch the SDK uses (default: the pane's authenticated fetch); tests pass their own. */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Display names the context names (participantsOf): the gateway hides them wherever they appear. */
  participants?: string[];
}

export interface RunResult {
  text: string;
  /** The answer came from the offline engine (no generative AI). */
  offline: boolean;
  inputChars: number;
  firstTokenMs: number | null;
  totalMs: number;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Bytes of a network read handed to the SDK at once. */
const READ_PIECE = 4096;

/**
 * The SDK's event-stream reader copies what is left of a network read after every event it takes out of it, so its
 * cost grows with the square of the read's size: a fast stream of a long answer comes in reads of hundreds of KB
 * and froze the pane for seconds. The answer's reads are cut into 4 KB pieces before the SDK sees them.
 */
export function boundedReads(fetchImpl: Fetch): Fetch {
  return async (input, init) => {
    const res = await fetchImpl(input, init);
    if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) return res;
    const pieces = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        for (let i = 0; i < chunk.length; i += READ_PIECE) controller.enqueue(chunk.subarray(i, i + READ_PIECE));
      },
    });
    return new Response(res.body.pipeThrough(pieces), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

export async function runPrompt(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  // The same request the CLI builds (defaults, choice labels for the offline engine, the aide extension).
  const request = prepareRun(options.prompt, { lang: options.lang, values: letterValues(options.prompt, options.values, options.lang), model: options.model, stream: true, ...(options.participants ? { participants: options.participants } : {}), ...(options.sentDate ? { sentDate: options.sentDate } : {}) });
  // "au Dr {{colleagueName}}" with "Dr Paul Bernard" typed: the model must not see (and copy) « Dr Dr ».
  const messages = request.messages.map((m) => ({ ...m, content: dedupeTitles(m.content) }));
  request.messages = messages;
  const client = new OpenAI({
    baseURL: `${options.baseUrl}/v1`,
    apiKey: options.token,
    // The pane's one authenticated fetch: the user's current token (renewed once on a 401), not a copy taken here.
    fetch: boundedReads(options.fetch ?? ((input, init) => authFetch(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init))),
    dangerouslyAllowBrowser: true,
    // A failed run is shown to the user, who decides to retry; silent retries would double the wait.
    maxRetries: 0,
    // With sign-in off, the gateway counts limits per browser (this id), not one allowance for every tester.
    defaultHeaders: { [CLIENT_ID_HEADER]: paneClientId() },
  });
  const body = { ...request, stream: true, aide: { ...request.aide, role: options.role } } as ChatCompletionCreateParamsStreaming & { aide: AideExtension };
  let text = '';
  let offline = options.model === OFFLINE_MODEL;
  let firstTokenMs: number | null = null;
  const cancelled = () => new RunCancelled(firstTokenMs, Math.round(performance.now() - started));
  // Stop must stop at once: in Chromium an aborted stream can leave the SDK's iterator waiting forever, so the
  // abort signal is raced against the request rather than trusted to end it.
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(cancelled());
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  const consume = async () => {
    const stream = await client.chat.completions.create(body, { signal: options.signal });
    // Chunks that arrive together are read in one go (promise jobs only): every ~30 ms of that work the page gets a
    // turn, so a fast stream of a long answer never makes a long task.
    let turn = performance.now();
    for await (const chunk of stream) {
      if (performance.now() - turn > 30) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        turn = performance.now();
      }
      if (options.signal.aborted) break;
      if (chunk.model === OFFLINE_MODEL) offline = true;
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        if (firstTokenMs === null) firstTokenMs = Math.round(performance.now() - started);
        text += delta;
        options.onText(text);
      }
    }
  };
  try {
    await Promise.race([consume(), aborted]);
  } catch (err) {
    if (options.signal.aborted) throw cancelled();
    throw err;
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
  // The SDK may also end the iteration quietly when aborted mid-stream: a partial answer is not an answer.
  if (options.signal.aborted) throw cancelled();
  return {
    text,
    offline,
    inputChars: messages.reduce((n, m) => n + m.content.length, 0),
    firstTokenMs,
    totalMs: Math.round(performance.now() - started),
  };
}

/** The user pressed Stop: carries the timings so far, for the metrics. */
export class RunCancelled extends Error {
  constructor(
    readonly firstTokenMs: number | null,
    readonly totalMs: number,
  ) {
    super('cancelled');
    this.name = 'AbortError';
  }
}

export function isAbort(err: unknown): boolean {
  return err instanceof RunCancelled || err instanceof OpenAI.APIUserAbortError || (err instanceof Error && err.name === 'AbortError');
}

/** A gateway or network error in plain words (the translation key and its variables, in `lang`). */
export function describeError(err: unknown, lang: Lang = 'fr', timeZone?: string): { key: MessageKey; vars?: Record<string, string> } {
  if (err instanceof SignInError) return { key: err.key };
  // A token that could not be had inside the SDK's fetch reaches here wrapped as a connection error.
  if (err instanceof OpenAI.APIConnectionError && err.cause instanceof SignInError) return { key: err.cause.key };
  if (err instanceof HostError && err.code === 'item-changed') return { key: 'error.itemChanged' };
  if (err instanceof OpenAI.APIConnectionError) return { key: 'error.network' };
  if (err instanceof OpenAI.APIError) {
    const message = (err.error as { message?: string } | undefined)?.message ?? err.message;
    const status = err.status ?? 0;
    // The token was renewed once already (authFetch): the user must sign in again.
    if (status === 401) return { key: 'auth.expired' };
    if (status === 403) return { key: 'error.forbidden' };
    if (status === 429) return describeLimit(err.error, lang, timeZone, Number(err.headers?.get?.('retry-after') ?? NaN));
    if (status === 413) return { key: 'error.tooLarge' };
    if (status >= 400 && status < 500) return { key: 'error.badRequest', vars: { message } };
    if (status >= 500) return { key: 'error.server' };
  }
  if (err instanceof TypeError) return { key: 'error.network' };
  return { key: 'error.unknown', vars: { message: err instanceof Error ? err.message : String(err) } };
}

/** Beyond this many characters of content, a summary is made in parts (a 50-page document is ~150 000). */
export const LONG_DOCUMENT_CHARS = 40_000;
/**
 * A conversation is sent whole, not summarized in parts (its order matters: the latest message wins), so it is
 * condensed to the size beyond which a text would be cut into parts: oldest messages first.
 */
export const THREAD_BUDGET_CHARS = LONG_DOCUMENT_CHARS;
/**
 * Size of each part: ~15 000 tokens, well within today's model contexts and the gateway's input limit, and few
 * enough requests (a 300-page document in ~15) to stay under the gateway's per-user rate limit.
 */
export const LONG_DOCUMENT_CHUNK_CHARS = 60_000;
const MAX_RATE_WAITS = 3;

/** Waits out the gateway's per-user rate limit (429, Retry-After) a few times instead of failing a long job. */
async function withRateLimitWait<T>(call: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof OpenAI.APIError) || err.status !== 429 || attempt >= MAX_RATE_WAITS || signal.aborted) throw err;
      // Only a short wait is worth it (requests per minute); a daily allowance used up is reported at once.
      const retryAfter = Number(err.headers?.get?.('retry-after') ?? 10);
      if (!(retryAfter > 0 && retryAfter <= 60)) throw err;
      await abortableDelay(retryAfter * 1000, signal);
    }
  }
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(new RunCancelled(null, 0));
    }
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** The variable holding a long text to summarize in parts, or null when the prompt runs in one go. */
export function longContentVariable(prompt: PromptDefinition, values: Record<string, string>, threshold = LONG_DOCUMENT_CHARS): string | null {
  if (prompt.category !== 'summarize' && prompt.offline !== 'summarize') return null;
  const name = contentVariableOf(prompt);
  return name && (values[name] ?? '').length > threshold ? name : null;
}

export interface LongRunResult extends RunResult {
  covered: string[];
  total: number;
  complete: boolean;
  cancelled: boolean;
  /** Why the job stopped before the end, when a part failed (the parts done are still in `text`). */
  failure: unknown;
}

/**
 * A long document summarized chunk by chunk (each chunk through the same prompt), with progress after each; Stop
 * keeps what was done and the result says which sections it covered.
 */
export async function runLongSummary(options: RunOptions, contentName: string, onProgress: (p: ChunkProgress) => void): Promise<LongRunResult> {
  const started = performance.now();
  let offline = false;
  let firstTokenMs: number | null = null;
  let failure: unknown = null;
  // A part that fails (limit reached, gateway down) stops the job like Stop does: the parts done are kept.
  const inner = new AbortController();
  const forward = () => inner.abort();
  options.signal.addEventListener('abort', forward, { once: true });
  const content = options.values[contentName] ?? '';
  const summary = await summarizeLongDocument(content, {
    signal: inner.signal,
    maxChunkChars: LONG_DOCUMENT_CHUNK_CHARS,
    onProgress,
    summarizeChunk: async (chunk: DocumentChunk, _index, signal) => {
      try {
        const part = await withRateLimitWait(() => runPrompt({ ...options, values: { ...options.values, [contentName]: chunk.text }, signal, onText: () => undefined }), signal);
        offline = offline || part.offline;
        if (firstTokenMs === null && part.firstTokenMs !== null) firstTokenMs = Math.round(performance.now() - started);
        return part.text;
      } catch (err) {
        if (!signal.aborted && !isAbort(err)) {
          failure = err;
          inner.abort();
        }
        throw err;
      }
    },
  });
  options.signal.removeEventListener('abort', forward);
  if (failure && !summary.covered.length) throw failure;
  return {
    text: summary.text,
    offline,
    inputChars: content.length,
    firstTokenMs,
    totalMs: Math.round(performance.now() - started),
    covered: summary.covered,
    total: summary.total,
    complete: summary.complete,
    cancelled: summary.cancelled,
    failure,
  };
}

/**
 * A rewrite of the selection (rewrite, correct, translate, simplify) replaces it — Word keeps the original as a tracked
 * deletion and in the review comment; anything else (a summary of it, a letter) goes in at the cursor. The offline
 * engine cannot rewrite: its answer to a rewrite is an explanation, which must not take the selection's place.
 */
export { needsModel };

export function insertMode(prompt: PromptDefinition, filled: Record<string, string>, offline: boolean): 'replace' | 'cursor' {
  const content = contentVariableOf(prompt);
  if (prompt.category !== 'rewrite' || !content || filled[content] !== 'selection') return 'cursor';
  return needsModel(prompt, offline) ? 'cursor' : 'replace';
}

/** The header carrying the pane's random per-browser id (the gateway's limits with sign-in off). */
export const CLIENT_ID_HEADER = 'X-Aide-Client-Id';
const CLIENT_ID_KEY = 'aide.clientId';

/** The random id this browser keeps (made on first use; 32 hex digits): no user, no device, just "this pane". */
export function paneClientId(store: KeyValueStore = browserStore()): string {
  const kept = store.getItem(CLIENT_ID_KEY);
  if (kept && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    store.setItem(CLIENT_ID_KEY, id);
  } catch {
    // Storage refused: this session keeps its id in memory through the fallback store.
  }
  return id;
}

/** The user's time zone (the browser's), e.g. Europe/Paris. */
export function userTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * When a limit renews, in the user's time zone: « demain à 1 h 00 (heure de Paris) » / "tomorrow at 1:00 am (Paris
 * time)". `now` for tests.
 */
export function formatResetTime(iso: string, lang: Lang, timeZone = userTimeZone(), now = new Date()): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = (d: Date) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d).map((x) => [x.type, x.value]));
    return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour), minute: p.minute };
  };
  const when = parts(at);
  const today = parts(now).day;
  const tomorrow = parts(new Date(now.getTime() + 86_400_000)).day;
  const city = zone === 'UTC' || zone === 'Etc/UTC' ? null : (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
  if (lang === 'fr') {
    const time = `${when.hour} h ${when.minute}`;
    const day = when.day === today ? '' : when.day === tomorrow ? 'demain ' : `le ${letterDate(when.day, 'fr')} `;
    return `${day}à ${time} (${city ? `heure de ${city}` : 'UTC'})`;
  }
  const h12 = when.hour % 12 === 0 ? 12 : when.hour % 12;
  const time = `${h12}:${when.minute} ${when.hour < 12 ? 'am' : 'pm'}`;
  const day = when.day === today ? '' : when.day === tomorrow ? 'tomorrow ' : `on ${letterDate(when.day, 'en')} `;
  return `${day}at ${time} (${city ? `${city} time` : 'UTC'})`;
}

/**
 * A 429 in the server's own terms: the daily allowance used up (and when it renews, in the user's time zone), or too
 * many requests this minute (and how many seconds to wait); else the server's own sentence in the user's language.
 */
export function describeLimit(body: unknown, lang: Lang, timeZone?: string, retryAfterHeader = NaN): { key: MessageKey; vars?: Record<string, string> } {
  const error = (body && typeof body === 'object' ? body : {}) as { code?: unknown; resetsAt?: unknown; retryAfter?: unknown; messages?: { fr?: unknown; en?: unknown }; message?: unknown };
  const retryAfter = typeof error.retryAfter === 'number' ? error.retryAfter : retryAfterHeader;
  if (error.code === 'tokens_per_day_exceeded') {
    const when = typeof error.resetsAt === 'string' ? formatResetTime(error.resetsAt, lang, timeZone) : null;
    return when ? { key: 'limits.daily', vars: { when } } : { key: 'limits.dailyNoTime' };
  }
  if (error.code === 'requests_per_minute_exceeded' && Number.isFinite(retryAfter) && retryAfter > 0) return { key: 'limits.perMinute', vars: { seconds: String(Math.ceil(retryAfter)) } };
  const own = error.messages?.[lang];
  if (typeof own === 'string' && own.trim()) return { key: 'limits.server', vars: { message: own } };
  return { key: 'error.rateLimit' };
}

/** The day's allowance as `GET /api/limits` gives it; null when the server does not say (older server, offline). */
export interface DailyAllowance {
  limit: number;
  used: number;
  resetsAt: string;
}

/** The day's allowance through the pane's authenticated fetch (the bearer added there); null when unknown. */
export async function fetchAllowance(baseUrl: string, doFetch: (input: string, init?: RequestInit) => Promise<Response> = authFetch): Promise<DailyAllowance | null> {
  try {
    const res = await doFetch(`${baseUrl}/api/limits`, { headers: { [CLIENT_ID_HEADER]: paneClientId() } });
    if (!res.ok) return null;
    const body = (await res.json()) as { perDay?: Partial<DailyAllowance> };
    const day = body?.perDay;
    if (!day || typeof day.limit !== 'number' || typeof day.used !== 'number' || !(day.limit > 0)) return null;
    return { limit: day.limit, used: day.used, resetsAt: typeof day.resetsAt === 'string' ? day.resetsAt : '' };
  } catch {
    return null;
  }
}

/** Tokens a long summary in parts will use: the text (~4 characters a token), each part's instructions and answer. */
export function estimateLongRunTokens(prompt: PromptDefinition, text: string, lang: Lang, chunkChars = LONG_DOCUMENT_CHUNK_CHARS): { tokens: number; parts: number } {
  const parts = splitDocument(text, chunkChars).length;
  const template = prompt.templates[lang].system.length + prompt.templates[lang].user.length;
  const ANSWER_TOKENS = 700;
  return { tokens: Math.ceil(text.length / 4) + parts * (Math.ceil(template / 4) + ANSWER_TOKENS), parts };
}

/** Beyond this share of the day's allowance (or more than what is left), the pane asks before starting. */
export const LARGE_SHARE = 0.2;

/** What the pane says before a long run: its share of the day's allowance, and whether to ask first. */
export function allowanceCheck(estimate: number, allowance: DailyAllowance): { share: number; left: number; ask: boolean; exceeds: boolean } {
  const left = Math.max(0, allowance.limit - allowance.used);
  const share = estimate / allowance.limit;
  return { share, left, ask: share >= LARGE_SHARE || estimate > left, exceeds: estimate > left };
}

/** Date fields written as a letter writes them (« 12 mars 2026 »), not as the form gives them (2026-03-12). */
export function letterValues(prompt: PromptDefinition, values: Record<string, string>, lang: Lang): Record<string, string> {
  const out = { ...values };
  for (const v of prompt.variables) if (v.type === 'date' && out[v.name]) out[v.name] = letterDate(out[v.name], lang);
  return out;
}

/** Form fields a letter's signatory and service fill from the letterhead settings (when the user left them empty). */
const SIGNATORY_FIELDS = /^(signer|signerName|signatory|signataire|signatoryName|author|authorName|physicianName|doctorName)$/i;
const SERVICE_FIELDS = /^(department|service|unit|serviceName|departmentName)$/i;
const SIGNATORY_TITLE_FIELDS = /^(signerRole|signerTitle|signatoryTitle|signatoryRole|signerFunction|fonction)$/i;

/**
 * A letter's signatory and service from the letterhead, once: the form's empty signer / service fields take them, so
 * the letter's own signature block names the signatory and the pane adds no second one.
 */
export function withLetterhead(prompt: PromptDefinition, values: Record<string, string>, letterhead: LetterheadSettings | undefined): Record<string, string> {
  if (!letterhead || prompt.output !== 'letter') return values;
  const out = { ...values };
  for (const v of prompt.variables) {
    if ((out[v.name] ?? '').trim()) continue;
    if (SIGNATORY_FIELDS.test(v.name) && letterhead.signatory) out[v.name] = letterhead.signatory;
    else if (SERVICE_FIELDS.test(v.name) && letterhead.department) out[v.name] = letterhead.department;
    else if (SIGNATORY_TITLE_FIELDS.test(v.name) && letterhead.signatoryTitle) out[v.name] = letterhead.signatoryTitle;
  }
  return out;
}

const FR_WORDS = new Set('le la les des du un une est et pour vous nous dans que qui pas sur avec au aux ce cette mon ma mes votre vos merci bonjour madame monsieur je suis être avez avons ou mais donc car très bien cordialement'.split(' '));
const EN_WORDS = new Set('the and is are for you we in that who not on with to of this my your thank thanks hello dear please i am be have has or but so very well regards would could will'.split(' '));

/** The language a mail is written in (fr or en), or null when too short or unclear to tell. */
export function detectTextLang(text: string): Lang | null {
  const words = text.toLowerCase().normalize('NFC').match(/[\p{L}']+/gu) ?? [];
  let fr = 0;
  let en = 0;
  for (const w of words.slice(0, 400)) {
    const bare = w.replace(/^(?:l|d|j|qu|n|s|c|m)'/, '');
    if (FR_WORDS.has(bare) || /[éèêàçù]/.test(w)) fr++;
    if (EN_WORDS.has(w)) en++;
  }
  if (fr + en < 4) return null;
  if (fr >= en * 1.5) return 'fr';
  if (en >= fr * 1.5) return 'en';
  return null;
}

/** True when the prompt answers the open mail (its answer goes into a reply form, in the mail's language). */
export function isReplyPrompt(prompt: PromptDefinition): boolean {
  return prompt.category === 'reply';
}

/** The language of the open mail (its own text, without the quoted history), null for a document or when unclear. */
export function mailLang(context: HostContext | null): Lang | null {
  if (!context || context.kind !== 'mail') return null;
  return detectTextLang(`${context.subject}\n${cleanMail({ html: context.html, text: context.text }).text}`);
}
