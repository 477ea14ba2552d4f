/**
 * Every refusal of the gateway is a GatewayError: an HTTP status, the OpenAI error body
 * `{error: {message, type, code, param}}` and, for 429, how long to wait. Messages say what to do; they never quote
 * the request's text (they end up in the pane and the `code` in the access log).
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

export type GatewayErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'rate_limit_error'
  | 'upstream_error'
  | 'server_error';

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: GatewayErrorType,
    readonly code: string,
    readonly param: string | null = null,
    /** Seconds the client should wait before trying again (sent as Retry-After). */
    readonly retryAfter?: number,
    /** Extra fields of the error object (a 429's `resetsAt` and its sentences in fr and en). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  toJSON(): { error: { message: string; type: string; code: string; param: string | null } & Record<string, unknown> } {
    return { error: { message: this.message, type: this.type, code: this.code, param: this.param, ...this.details } };
  }
}

/** The client went away (closed the pane, pressed Stop): nothing to answer, logged as 499. */
export class ClientAbortError extends Error {
  constructor() {
    super('The client cancelled the request');
    this.name = 'ClientAbortError';
  }
}

/** Seconds from a Retry-After / retry-after-ms header pair, or undefined. */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms / 1000;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, (date - Date.now()) / 1000) : undefined;
}

/** Whether an upstream failure may be retried (before the first token only). */
export function isRetriable(err: unknown): boolean {
  if (err instanceof APIUserAbortError) return false;
  if (err instanceof APIConnectionError) return true; // includes timeouts and refused connections
  if (err instanceof APIError) return err.status === undefined ? false : err.status === 408 || err.status === 409 || err.status === 429 || err.status >= 500;
  return err instanceof UpstreamStreamError;
}

/** The upstream stream ended without `[DONE]` or broke off (a dropped connection). */
export class UpstreamStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamStreamError';
  }
}

/**
 * Turns what the provider answered into what the pane's user can act on. The provider's own 401/403 is the gateway's
 * configuration problem (its key), not the user's sign-in: it becomes a 502, so the pane does not ask to sign in again.
 */
export function fromUpstream(err: unknown, provider: string, timeoutMs: number): GatewayError {
  if (err instanceof GatewayError) return err;
  if (err instanceof APIConnectionTimeoutError)
    return new GatewayError(504, `The model provider (${provider}) did not answer within ${Math.round(timeoutMs / 1000)} s; try again later.`, 'upstream_error', 'upstream_timeout');
  if (err instanceof APIConnectionError)
    return new GatewayError(502, `The model provider (${provider}) cannot be reached; try again later or ask your administrator to check AIDE_LLM_BASE_URL.`, 'upstream_error', 'upstream_unreachable');
  if (err instanceof UpstreamStreamError)
    return new GatewayError(502, `The model provider (${provider}) broke off its answer; try again.`, 'upstream_error', 'upstream_stream_broken');
  if (err instanceof APIError) {
    const status = err.status;
    const upstreamMessage = upstreamMessageOf(err);
    if (status === 400 || status === 422) {
      const filtered = /content.?filter|content_policy|responsible ?ai/i.test(`${err.code ?? ''} ${upstreamMessage}`);
      if (filtered)
        return new GatewayError(400, `The model provider's content filter refused this request; rephrase it or remove sensitive passages.`, 'invalid_request_error', 'content_filter');
      if (/context|maximum|too long|tokens/i.test(upstreamMessage))
        return new GatewayError(413, `The text is too long for the model (${upstreamMessage}); shorten it or summarize in parts.`, 'invalid_request_error', 'context_length_exceeded');
      return new GatewayError(400, `The model provider refused the request: ${upstreamMessage}`, 'invalid_request_error', 'upstream_bad_request');
    }
    if (status === 401 || status === 403)
      return new GatewayError(502, `The model provider (${provider}) refused the gateway's credentials; an administrator must check AIDE_LLM_API_KEY.`, 'upstream_error', 'upstream_auth');
    if (status === 404)
      return new GatewayError(502, `The model provider (${provider}) does not know the configured model or deployment; an administrator must check AIDE_LLM_MODEL / AIDE_LLM_AZURE_DEPLOYMENT.`, 'upstream_error', 'upstream_not_found');
    if (status === 429) {
      const wait = Math.max(1, Math.ceil(retryAfterSeconds(err.headers) ?? 30));
      return new GatewayError(429, `The model provider (${provider}) is busy (rate limited); try again in ${wait} s.`, 'rate_limit_error', 'upstream_rate_limited', null, wait);
    }
    if (status !== undefined && status >= 500)
      return new GatewayError(502, `The model provider (${provider}) failed (HTTP ${status}); try again later.`, 'upstream_error', 'upstream_error');
    // An error event inside the stream (no status).
    return new GatewayError(502, `The model provider (${provider}) reported an error: ${upstreamMessage}`, 'upstream_error', 'upstream_error');
  }
  return new GatewayError(500, 'The gateway failed unexpectedly; try again, and tell your administrator if it persists.', 'server_error', 'internal_error');
}

/** The provider's own message (for the pane only, never logged), cut short. */
function upstreamMessageOf(err: APIError): string {
  const body = err.error as { message?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : `HTTP ${err.status ?? '?'}`;
  return message.length > 300 ? message.slice(0, 300) + '…' : message;
}
