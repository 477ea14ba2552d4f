/**
 * Running a prompt: prefill its variables from the host, render the messages, stream the answer from the gateway's
 * `/v1/chat/completions` with the openai SDK (the `aide` extension tells the gateway the prompt, role and offline
 * task — never stored), and turn gateway errors (OpenAI error format) into plain words.
 */
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { OFFLINE_MODEL, type AideExtension } from '../core/llm/types';
import { assembleThread, cleanMail } from '../core/mail';
import type { Lang, PromptDefinition, PromptVariable, Role } from '../core/prompts/schema';
import type { Conversation, HostContext } from '../hosts/types';
import { authFetch, SignInError } from './contracts';
import { summarizeLongDocument, type ChunkProgress, type DocumentChunk } from '../core/llm/chunked';
import { prepareRun } from '../core/llm/run';
import { contentVariableOf } from '../core/prompts/render';
import type { MessageKey } from './i18n';
import { quotedHistoryConversation } from './sources';

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
            const mail = cleanMail(body);
            value = mail.text;
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
  return { values, filled, cleaned, ...(thread ? { thread } : {}), ...(attachment ? { attachment } : {}) };
}

export { missingVariables } from '../core/llm/run';

export interface RunOptions {
  baseUrl: string;
  token: string;
  model: string;
  prompt: PromptDefinition;
  lang: Lang;
  role: Role;
  values: Record<string, string>;
  signal: AbortSignal;
  onText: (textSoFar: string) => void;
  /** The fetch the SDK uses (default: the pane's authenticated fetch); tests pass their own. */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

export interface RunResult {
  text: string;
  /** The answer came from the offline engine (no generative AI). */
  offline: boolean;
  inputChars: number;
  firstTokenMs: number | null;
  totalMs: number;
}

export async function runPrompt(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  // The same request the CLI builds (defaults, choice labels for the offline engine, the aide extension).
  const request = prepareRun(options.prompt, { lang: options.lang, values: options.values, model: options.model, stream: true });
  const messages = request.messages;
  const client = new OpenAI({
    baseURL: `${options.baseUrl}/v1`,
    apiKey: options.token,
    // The pane's one authenticated fetch: the user's current token (renewed once on a 401), not a copy taken here.
    fetch: options.fetch ?? ((input, init) => authFetch(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, init)),
    dangerouslyAllowBrowser: true,
    // A failed run is shown to the user, who decides to retry; silent retries would double the wait.
    maxRetries: 0,
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
    for await (const chunk of stream) {
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

/** A gateway or network error in plain words (the translation key and its variables). */
export function describeError(err: unknown): { key: MessageKey; vars?: Record<string, string> } {
  if (err instanceof SignInError) return { key: err.key };
  // A token that could not be had inside the SDK's fetch reaches here wrapped as a connection error.
  if (err instanceof OpenAI.APIConnectionError && err.cause instanceof SignInError) return { key: err.cause.key };
  if (err instanceof OpenAI.APIConnectionError) return { key: 'error.network' };
  if (err instanceof OpenAI.APIError) {
    const message = (err.error as { message?: string } | undefined)?.message ?? err.message;
    const status = err.status ?? 0;
    // The token was renewed once already (authFetch): the user must sign in again.
    if (status === 401) return { key: 'auth.expired' };
    if (status === 403) return { key: 'error.forbidden' };
    if (status === 429) return { key: 'error.rateLimit' };
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
export function insertMode(prompt: PromptDefinition, filled: Record<string, string>, offline: boolean): 'replace' | 'cursor' {
  const content = contentVariableOf(prompt);
  if (prompt.category !== 'rewrite' || !content || filled[content] !== 'selection') return 'cursor';
  return offline && (prompt.offline === 'rewrite' || prompt.offline === 'none') ? 'cursor' : 'replace';
}
