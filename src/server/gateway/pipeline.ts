/**
 * One chat run as the gateway does it, shared by the HTTP route and the CLI (`aide summarize`, `aide draft`):
 *   limits (input size, max_tokens cap, model allow-list) → privacy policy → provider → re-identified deltas.
 *
 * Privacy (`effectivePrivacy(config)`):
 * - `pseudonymize`: one PseudonymMap for every message of the request (a person named in the system prompt and in the
 *   mail gets one placeholder); the answer is re-identified chunk by chunk, also when a placeholder is split across
 *   chunks. The map lives in this function's closure only: nothing is written anywhere.
 * - `block`: refuses with the identifier types found (never their values).
 * - `off`: text goes as is (offline engine, or a server inside the hospital).
 * The `aide` extension is stripped before any remote provider; the offline engine needs it (task, variables).
 */
import type { AideConfig } from '../config';
import { effectivePrivacy } from '../config';
import { createReidentifier, detectIdentifiers, nirShapedNumbers, pseudonymize, PseudonymMap, type EntityType, type PrivacyOptions } from '../../core/privacy';
import { OFFLINE_MODEL, type AideExtension, type ChatDelta, type ChatEngine, type ChatRequest } from '../../core/llm/types';
import { GatewayError } from './errors';
import { configuredModel, createEngine, type EngineOptions } from './providers';

export interface RunOptions {
  signal: AbortSignal;
  /** Who asks (for logs and limits upstream of this function; the pipeline itself does not need it). */
  user?: { oid: string | null } | null;
}

/** A request checked and ready for the engine (what `run` sends), with the facts the route logs. */
export interface PreparedRun {
  request: ChatRequest;
  model: string;
  privacy: 'pseudonymize' | 'off' | 'block';
  /** Number of identifiers replaced (pseudonymize) — a count, never the values. */
  pseudonymized: number;
  inputChars: number;
  map: PseudonymMap | null;
  /** The most output this run may stream: estimated tokens (4 characters each) and UTF-8 bytes. */
  outputCap: { tokens: number; bytes: number };
  /** Set by `stream` when the answer was cut at the cap (the route then ends it with finish_reason "length"). */
  capped?: boolean;
}

export interface ChatService {
  readonly engine: ChatEngine;
  /** The models the pane may ask for (`default` is always accepted too). */
  models(): Promise<string[]>;
  /** Checks and transforms a request; throws GatewayError (4xx) with a message a person can act on. */
  prepare(request: ChatRequest): PreparedRun;
  /** Streams a prepared run's answer, re-identified. */
  stream(prepared: PreparedRun, signal: AbortSignal): AsyncIterable<ChatDelta>;
  /** prepare + stream. */
  run(request: ChatRequest, options: RunOptions): AsyncIterable<ChatDelta>;
}

/** Input size as counted against AIDE_LLM_MAX_INPUT_CHARS: every message, plus the offline engine's letter. */
export function inputChars(request: ChatRequest): number {
  let n = 0;
  for (const m of request.messages) n += m.content.length;
  return n + (request.aide?.letter?.length ?? 0);
}

export function privacyOptions(config: AideConfig): PrivacyOptions {
  return {
    ...(config.privacyIppPattern ? { ippPattern: config.privacyIppPattern } : {}),
    ...(config.privacyNdaPattern ? { ndaPattern: config.privacyNdaPattern } : {}),
  };
}

export function createChatService(config: AideConfig, engineOptions: EngineOptions = {}): ChatService {
  const engine = createEngine(config, engineOptions);
  const privacy = effectivePrivacy(config);
  const options = privacyOptions(config);
  const defaultModel = configuredModel(config);
  const allowed = new Set([...(defaultModel ? [defaultModel] : []), ...config.llmAllowedModels]);

  function resolveModel(asked: string): string {
    // The pane asks for "default" (or the offline id it falls back to) and gets the configured model.
    if (asked === 'default' || (asked === OFFLINE_MODEL && config.llmProvider !== 'offline')) {
      if (defaultModel) return defaultModel;
      const first = config.llmAllowedModels[0];
      if (first) return first;
      throw new GatewayError(400, 'No model is configured on the gateway; an administrator must set AIDE_LLM_MODEL.', 'invalid_request_error', 'model_not_configured', 'model');
    }
    if (!allowed.has(asked)) {
      const list = [...allowed].join(', ') || '(none)';
      throw new GatewayError(400, `The model "${asked.slice(0, 100)}" is not allowed on this gateway; allowed: ${list} (or "default").`, 'invalid_request_error', 'model_not_allowed', 'model');
    }
    return asked;
  }

  function prepare(request: ChatRequest): PreparedRun {
    const model = resolveModel(request.model);
    const chars = inputChars(request);
    if (chars > config.llmMaxInputChars)
      throw new GatewayError(
        413,
        `The text sent is ${chars} characters long; the limit is ${config.llmMaxInputChars}. Shorten the selection or summarize the document in parts.`,
        'invalid_request_error',
        'input_too_large',
        'messages',
      );
    // Capped, not refused: the pane's prompts ask for generous answers and the user cannot change that.
    const cap = (n: number | undefined) => (n === undefined ? undefined : Math.min(n, config.llmMaxTokens));
    const maxTokens = cap(request.max_tokens);
    const maxCompletionTokens = cap(request.max_completion_tokens);
    const outputCap = { tokens: Math.min(maxTokens ?? Infinity, maxCompletionTokens ?? Infinity, config.llmMaxTokens), bytes: config.llmMaxOutputBytes };
    const base: ChatRequest = {
      ...request,
      model,
      ...(maxTokens !== undefined ? { max_tokens: maxTokens } : {}),
      ...(maxCompletionTokens !== undefined ? { max_completion_tokens: maxCompletionTokens } : {}),
    };
    // The people the pane knows are hidden wherever they are named, whatever the detectors say (issue 12).
    const participants = request.aide?.participants?.filter((p) => p.trim()) ?? [];
    const requestOptions: PrivacyOptions = participants.length ? { ...options, knownNames: participants } : options;
    // Remote providers never see the extension (it may hold the form's values); the offline engine works from it.
    const keepAide = engine.kind === 'offline';
    if (!keepAide) delete base.aide;
    else if (base.aide?.participants) {
      base.aide = { ...base.aide };
      delete base.aide.participants;
    }

    if (privacy === 'block') {
      const found = new Set<EntityType>();
      const texts = [...base.messages.map((m) => m.content), ...aideTexts(base.aide)];
      for (const text of texts) {
        for (const entity of detectIdentifiers(text, requestOptions)) found.add(entity.type);
        // A number shaped like a NIR is refused even when no detector took it for one (no context, wrong key).
        if (nirShapedNumbers(text).length > 0) found.add('NIR');
      }
      if (found.size > 0)
        throw new GatewayError(
          400,
          `This text contains identifiers that must not be sent to the model (${[...found].join(', ')}). Remove them, or ask your administrator about the privacy policy (AIDE_PRIVACY=block).`,
          'invalid_request_error',
          'identifiers_found',
          'messages',
        );
      return { request: base, model, privacy, pseudonymized: 0, inputChars: chars, map: null, outputCap };
    }
    if (privacy === 'off') return { request: base, model, privacy, pseudonymized: 0, inputChars: chars, map: null, outputCap };

    const map = new PseudonymMap();
    let count = 0;
    const hide = (text: string): string => {
      const result = pseudonymize(text, requestOptions, map);
      count += result.entities.length;
      return result.text;
    };
    const messages = base.messages.map((m) => ({ ...m, content: hide(m.content) }));
    const aide = base.aide ? hideAide(base.aide, hide) : undefined;
    return { request: { ...base, messages, ...(aide ? { aide } : {}) }, model, privacy, pseudonymized: count, inputChars: chars, map, outputCap };
  }

  async function* stream(prepared: PreparedRun, signal: AbortSignal): AsyncIterable<ChatDelta> {
    const reidentifier = prepared.map && prepared.map.size > 0 ? createReidentifier(prepared.map) : null;
    // The provider is told max_tokens, but a provider that ignores it (or a hostile one) must not stream without end:
    // the answer is cut at the cap and the upstream request is stopped.
    const upstream = new AbortController();
    const forward = () => upstream.abort();
    if (signal.aborted) upstream.abort();
    else signal.addEventListener('abort', forward, { once: true });
    const cap = createOutputCap(prepared.outputCap);
    // Usage comes last, after any text still held back by the re-identifier.
    let usage: ChatDelta | null = null;
    try {
      for await (const delta of engine.stream(prepared.request, upstream.signal)) {
        if (delta.type === 'usage') {
          usage = delta;
          continue;
        }
        const allowed = cap.take(delta.text);
        const text = reidentifier ? reidentifier.push(allowed) : allowed;
        if (text) yield { type: 'text', text };
        if (cap.reached) {
          prepared.capped = true;
          upstream.abort();
          break;
        }
      }
    } catch (err) {
      // The abort above ends some engines' streams with an error: the answer so far stands.
      if (!prepared.capped || signal.aborted) throw err;
    } finally {
      signal.removeEventListener('abort', forward);
    }
    const rest = reidentifier?.flush();
    if (rest) yield { type: 'text', text: rest };
    if (usage) yield usage;
  }

  return {
    engine,
    async models() {
      return engine.kind === 'offline' ? [OFFLINE_MODEL] : [...allowed];
    },
    prepare,
    stream,
    async *run(request: ChatRequest, runOptions: RunOptions) {
      yield* stream(prepare(request), runOptions.signal);
    },
  };
}

function aideTexts(aide: AideExtension | undefined): string[] {
  if (!aide) return [];
  return [...Object.values(aide.variables ?? {}), ...(aide.letter ? [aide.letter] : [])];
}

function hideAide(aide: AideExtension, hide: (text: string) => string): AideExtension {
  const out: AideExtension = { ...aide };
  if (aide.variables) out.variables = Object.fromEntries(Object.entries(aide.variables).map(([k, v]) => [k, hide(v)]));
  if (aide.letter) out.letter = hide(aide.letter);
  return out;
}

/**
 * Counts the model's output against the run's cap: estimated tokens (4 characters each, the estimate used for the
 * daily allowance) with a 25 % margin, so that a provider honouring max_tokens is never cut, and UTF-8 bytes.
 * `take` returns the part of a chunk that still fits.
 */
export function createOutputCap(limit: { tokens: number; bytes: number }): { take(text: string): string; readonly reached: boolean } {
  const maxChars = Math.floor(limit.tokens * 4 * 1.25);
  let chars = 0;
  let bytes = 0;
  let reached = false;
  const encoder = new TextEncoder();
  return {
    take(text: string): string {
      if (reached) return '';
      let out = text;
      if (chars + out.length > maxChars) {
        out = out.slice(0, Math.max(0, maxChars - chars));
        reached = true;
      }
      let size = encoder.encode(out).length;
      if (bytes + size > limit.bytes) {
        // Cut on a character boundary: drop characters until it fits.
        while (out && bytes + size > limit.bytes) {
          out = out.slice(0, Math.max(0, Math.floor(out.length * ((limit.bytes - bytes) / size)) - 1));
          size = encoder.encode(out).length;
        }
        reached = true;
      }
      chars += out.length;
      bytes += size;
      return out;
    },
    get reached() {
      return reached;
    },
  };
}
