/**
 * The model providers behind the gateway, each a ChatEngine: `azure` (the SDK's AzureOpenAI client: endpoint,
 * deployment, api-version, `api-key` header), `openai`, `compatible` (any OpenAI-compatible server: vLLM, Ollama,
 * llama.cpp, LiteLLM; key optional) and `offline` (Aide's own engine, no model).
 *
 * Upstream calls always stream (a non-streaming client request is assembled by the route), with:
 * - a timeout that covers the wait for the answer and every pause between chunks (AIDE_LLM_TIMEOUT_MS);
 * - up to AIDE_LLM_MAX_RETRIES retries with exponential backoff (or the provider's Retry-After) on 429, 5xx,
 *   connection failures and streams broken before the first token; never after a token was given out, because the
 *   user already sees the beginning of the answer;
 * - the caller's AbortSignal (the pane's Stop, or the client closing the connection) aborting the HTTP request.
 */
import OpenAI, { AzureOpenAI, APIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { AideConfig } from '../config';
import { createOfflineEngine } from '../../core/llm/offline';
import { OFFLINE_MODEL, type ChatDelta, type ChatEngine, type ChatRequest } from '../../core/llm/types';
import { ClientAbortError, GatewayError, fromUpstream, isRetriable, retryAfterSeconds, UpstreamStreamError } from './errors';

export interface EngineOptions {
  /** First backoff delay; doubled on each retry (default 500 ms). */
  retryBaseMs?: number;
  /** Longest wait honoured from a provider's Retry-After before giving up with 429 (default 20 s). */
  maxRetryWaitMs?: number;
}

/** The model the gateway uses when the pane asks for `default`. */
export function configuredModel(config: AideConfig): string | undefined {
  if (config.llmProvider === 'offline') return OFFLINE_MODEL;
  return config.llmModel ?? (config.llmProvider === 'azure' ? config.llmAzureDeployment : undefined);
}

export function createEngine(config: AideConfig, options: EngineOptions = {}): ChatEngine {
  if (config.llmProvider === 'offline') return createOfflineEngine();
  return new RemoteEngine(config, options);
}

function sdkClient(config: AideConfig): OpenAI {
  // Retries are ours (see above); the SDK's would also retry a stream we already started reading.
  const common = { maxRetries: 0, timeout: config.llmTimeoutMs };
  switch (config.llmProvider) {
    case 'azure':
      return new AzureOpenAI({
        ...common,
        endpoint: config.llmBaseUrl,
        apiKey: config.llmApiKey,
        deployment: config.llmAzureDeployment,
        apiVersion: config.llmAzureApiVersion,
      });
    case 'openai':
      return new OpenAI({ ...common, apiKey: config.llmApiKey, ...(config.llmBaseUrl ? { baseURL: config.llmBaseUrl } : {}) });
    default:
      // Many on-premises servers need no key, but the SDK insists on one; the placeholder is sent as "Bearer none".
      return new OpenAI({ ...common, apiKey: config.llmApiKey ?? 'none', baseURL: config.llmBaseUrl });
  }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ClientAbortError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ClientAbortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

class RemoteEngine implements ChatEngine {
  readonly kind: 'azure' | 'openai' | 'compatible';
  readonly onPremises: boolean;
  private readonly client: OpenAI;
  private readonly retryBaseMs: number;
  private readonly maxRetryWaitMs: number;

  constructor(
    private readonly config: AideConfig,
    options: EngineOptions,
  ) {
    this.kind = config.llmProvider as 'azure' | 'openai' | 'compatible';
    this.onPremises = this.kind === 'compatible' && config.llmOnPremises;
    this.client = sdkClient(config);
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? 20000;
  }

  async models(): Promise<string[]> {
    const model = configuredModel(this.config);
    return [...new Set([...(model ? [model] : []), ...this.config.llmAllowedModels])];
  }

  /** The body sent upstream: the OpenAI fields only (the `aide` extension never leaves). */
  private body(request: ChatRequest): ChatCompletionCreateParamsStreaming {
    const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? this.config.llmMaxTokens;
    return {
      model: request.model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      stream: true,
      stream_options: { include_usage: true },
      // OpenAI's newer models refuse max_tokens; compatible servers often know only max_tokens.
      ...(this.kind === 'compatible' ? { max_tokens: maxTokens } : { max_completion_tokens: maxTokens }),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.top_p !== undefined ? { top_p: request.top_p } : {}),
    };
  }

  async *stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatDelta> {
    const body = this.body(request);
    const timeoutMs = this.config.llmTimeoutMs;
    let started = false;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new ClientAbortError();
      const controller = new AbortController();
      const onAbort = () => controller.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
      };
      try {
        arm();
        const upstream = await this.client.chat.completions.create(body, { signal: controller.signal, maxRetries: 0, timeout: timeoutMs });
        let done = false;
        for await (const chunk of upstream as AsyncIterable<ChatCompletionChunk>) {
          arm();
          const text = chunk.choices?.[0]?.delta?.content;
          if (text) {
            started = true;
            yield { type: 'text', text };
          }
          if (chunk.usage) {
            const { prompt_tokens, completion_tokens, total_tokens } = chunk.usage;
            yield { type: 'usage', usage: { prompt_tokens, completion_tokens, total_tokens } };
          }
          if (chunk.choices?.[0]?.finish_reason) done = true;
        }
        // The SDK ends quietly when the connection drops; a stream with no finish_reason was cut off.
        if (!done) throw new UpstreamStreamError('upstream stream ended before finish_reason');
        return;
      } catch (err) {
        if (signal.aborted) throw new ClientAbortError();
        // A body cut off mid-way surfaces from fetch as a bare TypeError ("terminated"): a broken stream.
        const cause = timedOut
          ? new OpenAI.APIConnectionTimeoutError()
          : err instanceof APIError || err instanceof GatewayError
            ? err
            : new UpstreamStreamError(err instanceof Error ? err.message : String(err));
        if (started || attempt >= this.config.llmMaxRetries || !isRetriable(cause)) throw fromUpstream(cause, this.kind, timeoutMs);
        const wait = this.backoffMs(cause, attempt);
        if (wait === undefined) throw fromUpstream(cause, this.kind, timeoutMs);
        await sleep(wait, signal);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        controller.abort(); // frees the connection if we leave early (the consumer stopped reading)
      }
    }
  }

  /** How long to wait before the next attempt, or undefined when the provider asks for longer than we wait. */
  private backoffMs(err: unknown, attempt: number): number | undefined {
    const asked = err instanceof APIError ? retryAfterSeconds(err.headers) : undefined;
    if (asked !== undefined) return asked * 1000 <= this.maxRetryWaitMs ? asked * 1000 : undefined;
    const base = this.retryBaseMs * 2 ** attempt;
    return base * (0.8 + Math.random() * 0.4); // jitter: many panes retrying at once do not hit together
  }
}

export { GatewayError };
