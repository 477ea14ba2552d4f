/**
 * The OpenAI-compatible gateway: `POST /v1/chat/completions` (SSE in OpenAI's exact chunk format ending with
 * `data: [DONE]`, or one `chat.completion` JSON) and `GET /v1/models`, so the pane (and any OpenAI client) talks to it
 * with the `openai` SDK. Every refusal is in the OpenAI error format with the right status and a message a person can
 * act on. Every route needs a signed-in user; per-user limits apply; closing the connection aborts the upstream call.
 *
 * Nothing here logs content: not the body, not the provider's error messages, not the answer. The access log gets
 * one line per request with counts and codes only (see access-log.ts).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { databaseUrl, type AideConfig } from '../config';
import { requireUser } from '../auth';
import { validatePrivacyOptions } from '../../core/privacy';
import { chatRequestSchema, type ChatDelta, type ChatRequest, type Usage } from '../../core/llm/types';
import { promptIdRecorder } from '../prompts/known-ids';
import type { PromptLibraryService } from '../prompts/routes';
import { AccessLog, safePromptId, type AccessLogEntry } from './access-log';
import { ClientAbortError, GatewayError } from './errors';
import { createLimitStore, estimateTokens } from './limits';
import { createChatService, privacyOptions, type ChatService, type PreparedRun } from './pipeline';
import type { EngineOptions } from './providers';

export interface GatewayRouteOptions {
  config: AideConfig;
  /** The prompt library: a prompt id it does not have is logged as `personal`. */
  library: Pick<PromptLibraryService, 'current'>;
  /** Tests shorten the retry backoff. */
  engine?: EngineOptions;
}

export async function gatewayRoutes(app: FastifyInstance, opts: GatewayRouteOptions): Promise<void> {
  const { config } = opts;
  validatePrivacyOptions(privacyOptions(config)); // a bad IPP/NDA pattern stops the start, naming the setting
  const service = createChatService(config, opts.engine);
  const limits = createLimitStore(databaseUrl(config), { perMinute: config.rateLimitPerMinute, tokensPerDay: config.tokensPerDay });
  app.addHook('onClose', async () => limits.close());
  // The offline engine runs on this server and costs nothing: its runs spend no token allowance.
  const spendsTokens = config.llmProvider !== 'offline';
  const accessLog = new AccessLog(config.dataDir, (message) => app.log.error(message));
  const recordPromptId = promptIdRecorder(opts.library);

  // Fastify's own errors (bad JSON, body too large, wrong content type) in the OpenAI format, without echoing the
  // body: a JSON syntax error message quotes the text around the mistake.
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const gatewayError = fastifyErrorToGateway(error);
    if (gatewayError.status >= 500) request.log.error({ err: { name: error.name, code: error.code } }, 'gateway: unexpected error');
    return sendError(reply, gatewayError);
  });

  app.get('/v1/models', { preHandler: requireUser }, async () => {
    const models = await service.models();
    return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: `aide-${config.llmProvider}` })) };
  });

  // The calling user's allowance, so the pane can warn before a long document.
  app.get('/api/limits', { preHandler: requireUser }, async (request, reply) => {
    try {
      return await limits.status(limitKey(request));
    } catch (err) {
      return sendError(reply, err instanceof GatewayError ? err : internalError(request, err));
    }
  });

  app.post('/v1/chat/completions', { preHandler: requireUser }, async (request, reply) => {
    const startedAt = performance.now();
    const user = request.aideUser;
    const raw = request.body as Record<string, unknown> | undefined;
    const aide = (raw?.aide ?? {}) as { promptId?: unknown; promptVersion?: unknown };
    const entry: AccessLogEntry = {
      time: new Date().toISOString(),
      user: user?.oid ?? null,
      promptId: safePromptId(typeof aide.promptId === 'string' ? aide.promptId : undefined, recordPromptId),
      promptVersion: typeof aide.promptVersion === 'number' && Number.isInteger(aide.promptVersion) ? aide.promptVersion : null,
      provider: config.llmProvider,
      model: null,
      stream: raw?.stream === true,
      promptTokens: null,
      completionTokens: null,
      totalTokens: null,
      pseudonymized: 0,
      latencyMs: 0,
      status: 200,
      error: null,
    };
    const finish = (status: number, error: string | null, usage?: Usage) => {
      entry.status = status;
      entry.error = error;
      entry.latencyMs = Math.round(performance.now() - startedAt);
      if (usage) {
        entry.promptTokens = usage.prompt_tokens;
        entry.completionTokens = usage.completion_tokens;
        entry.totalTokens = usage.total_tokens;
        if (spendsTokens && userKey)
          limits.spend(userKey, usage.total_tokens).catch(() => request.log.warn({ code: 'limits_unavailable' }, 'gateway: tokens not counted'));
      }
      accessLog.write(entry);
    };

    let chatRequest: ChatRequest;
    let prepared: PreparedRun;
    let userKey: string | null = null;
    try {
      chatRequest = parseChatRequest(raw);
      userKey = limitKey(request);
      await limits.admit(userKey);
      prepared = service.prepare(chatRequest);
      entry.model = prepared.model;
      entry.pseudonymized = prepared.pseudonymized;
    } catch (err) {
      const gatewayError = err instanceof GatewayError ? err : internalError(request, err);
      finish(gatewayError.status, gatewayError.code);
      return sendError(reply, gatewayError);
    }

    // The client closing the connection (Stop in the pane, pane closed) aborts the upstream request.
    const controller = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) controller.abort();
    };
    reply.raw.on('close', onClose);

    const id = 'chatcmpl-' + randomBytes(12).toString('base64url');
    const created = Math.floor(Date.now() / 1000);
    const includeUsage = chatRequest.stream_options?.include_usage === true;
    const iterator = service.stream(prepared, controller.signal)[Symbol.asyncIterator]();
    let text = '';
    let usage: Usage | undefined;
    const usageOrEstimate = (): Usage => {
      if (usage) return usage;
      const promptTokens = estimateTokens(prepared.inputChars);
      const completionTokens = estimateTokens(text.length);
      return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    };

    // Waits for the first delta before answering: failures before the first token get their own status and body.
    let first: IteratorResult<ChatDelta>;
    try {
      first = await iterator.next();
    } catch (err) {
      reply.raw.off('close', onClose);
      if (err instanceof ClientAbortError || controller.signal.aborted) {
        finish(499, 'client_closed');
        return reply.hijack();
      }
      const gatewayError = err instanceof GatewayError ? err : internalError(request, err);
      if (gatewayError.status >= 500 || gatewayError.code.startsWith('upstream'))
        request.log.warn({ code: gatewayError.code, status: gatewayError.status, provider: config.llmProvider }, 'gateway: provider failed');
      finish(gatewayError.status, gatewayError.code);
      return sendError(reply, gatewayError);
    }

    if (!chatRequest.stream) {
      try {
        for (let step = first; !step.done; step = await iterator.next()) {
          if (step.value.type === 'text') text += step.value.text;
          else usage = step.value.usage;
        }
      } catch (err) {
        reply.raw.off('close', onClose);
        if (err instanceof ClientAbortError || controller.signal.aborted) {
          finish(499, 'client_closed', usageOrEstimate());
          return reply.hijack();
        }
        const gatewayError = err instanceof GatewayError ? err : internalError(request, err);
        finish(gatewayError.status, gatewayError.code, usageOrEstimate());
        return sendError(reply, gatewayError);
      }
      reply.raw.off('close', onClose);
      const finalUsage = usageOrEstimate();
      finish(200, prepared.capped ? 'output_capped' : null, finalUsage);
      return {
        id,
        object: 'chat.completion',
        created,
        model: prepared.model,
        system_fingerprint: null,
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: prepared.capped ? 'length' : 'stop' }],
        usage: finalUsage,
      };
    }

    // Streaming: from here on the status is 200 and errors travel as an SSE `error` event (the SDK throws on it).
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no', // reverse proxies must not hold the stream back
    });
    const chunk = (delta: Record<string, unknown>, finishReason: string | null) => {
      const body: Record<string, unknown> = {
        id,
        object: 'chat.completion.chunk',
        created,
        model: prepared.model,
        system_fingerprint: null,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      };
      if (includeUsage) body.usage = null;
      return `data: ${JSON.stringify(body)}\n\n`;
    };
    const write = (data: string) => {
      if (!res.destroyed) res.write(data);
    };
    write(chunk({ role: 'assistant', content: '' }, null));
    try {
      for (let step = first; !step.done; step = await iterator.next()) {
        if (step.value.type === 'usage') {
          usage = step.value.usage;
          continue;
        }
        text += step.value.text;
        write(chunk({ content: step.value.text }, null));
      }
      // Cut at AIDE_LLM_MAX_TOKENS / AIDE_LLM_MAX_OUTPUT_BYTES: "length", as OpenAI says of an answer cut at max_tokens.
      write(chunk({}, prepared.capped ? 'length' : 'stop'));
      const finalUsage = usageOrEstimate();
      if (includeUsage)
        write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: prepared.model, system_fingerprint: null, choices: [], usage: finalUsage })}\n\n`);
      write('data: [DONE]\n\n');
      res.off('close', onClose);
      res.end();
      finish(200, prepared.capped ? 'output_capped' : null, finalUsage);
    } catch (err) {
      res.off('close', onClose);
      if (err instanceof ClientAbortError || controller.signal.aborted) {
        finish(499, 'client_closed', usageOrEstimate());
        if (!res.destroyed) res.end();
        return;
      }
      const gatewayError = err instanceof GatewayError ? err : internalError(request, err);
      request.log.warn({ code: gatewayError.code, status: gatewayError.status, provider: config.llmProvider }, 'gateway: stream failed after the first token');
      write(`data: ${JSON.stringify(gatewayError.toJSON())}\n\n`);
      res.end();
      finish(gatewayError.status, gatewayError.code, usageOrEstimate());
    }
  });
}

/** The random id the pane keeps per browser (`X-Aide-Client-Id`): 16 to 64 letters, digits, `-` or `_`. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Whose allowance a request counts against: the signed-in user's object id; with sign-in off, the trial user plus
 * the browser's client id (each tester their own allowance), or the one trial user when no id is sent (CLI, curl).
 */
export function limitKey(request: FastifyRequest): string {
  const user = request.aideUser;
  if (user && !user.local && user.oid) return user.oid;
  const header = request.headers['x-aide-client-id'];
  if (header === undefined) return 'local';
  if (typeof header !== 'string' || !CLIENT_ID_PATTERN.test(header))
    throw new GatewayError(400, 'The X-Aide-Client-Id header must be 16 to 64 letters, digits, "-" or "_" (a random id kept by the pane).', 'invalid_request_error', 'invalid_client_id');
  return 'local:' + header;
}

/** Accepts what OpenAI clients send (content parts, the `developer` role) and validates the rest with zod. */
export function parseChatRequest(raw: unknown): ChatRequest {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new GatewayError(400, 'The request body must be a JSON object (an OpenAI chat completion request).', 'invalid_request_error', 'invalid_body');
  const body = { ...(raw as Record<string, unknown>) };
  if (Array.isArray(body.messages)) {
    body.messages = body.messages.map((m: unknown) => {
      if (!m || typeof m !== 'object') return m;
      const message = { ...(m as Record<string, unknown>) };
      if (message.role === 'developer') message.role = 'system';
      if (Array.isArray(message.content))
        message.content = message.content
          .map((part: unknown) => (part && typeof part === 'object' && (part as { type?: unknown }).type === 'text' ? String((part as { text?: unknown }).text ?? '') : null))
          .filter((s): s is string => s !== null)
          .join('');
      return message;
    });
  }
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map(String).join('.') || 'body';
    // zod's messages name the expected shape, never the received value.
    throw new GatewayError(400, `Invalid request: ${where}: ${issue.message}`, 'invalid_request_error', 'invalid_request', where);
  }
  return parsed.data;
}

async function sendError(reply: FastifyReply, error: GatewayError): Promise<FastifyReply> {
  if (error.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfter))));
  return reply.code(error.status).type('application/json; charset=utf-8').send(error.toJSON());
}

/** An unexpected failure: logged by name and stack frames only (the first stack line is the message). */
function internalError(request: FastifyRequest, err: unknown): GatewayError {
  const stack = err instanceof Error ? (err.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
  request.log.error({ err: { name: err instanceof Error ? err.name : typeof err, stack } }, 'gateway: unexpected error');
  return new GatewayError(500, 'The gateway failed unexpectedly; try again, and tell your administrator if it persists.', 'server_error', 'internal_error');
}

function fastifyErrorToGateway(error: FastifyError): GatewayError {
  if (error instanceof GatewayError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError(413, 'The request is too large; shorten the text or summarize the document in parts.', 'invalid_request_error', 'input_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError(415, 'Send the request as JSON (Content-Type: application/json).', 'invalid_request_error', 'unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError(400, 'The request body is empty; send an OpenAI chat completion request as JSON.', 'invalid_request_error', 'invalid_body');
    default:
      if (error.statusCode === 400 || error instanceof SyntaxError)
        return new GatewayError(400, 'The request body is not valid JSON.', 'invalid_request_error', 'invalid_json');
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
        return new GatewayError(error.statusCode, 'The request was refused by the server (HTTP ' + error.statusCode + ').', 'invalid_request_error', 'bad_request');
      return new GatewayError(500, 'The gateway failed unexpectedly; try again, and tell your administrator if it persists.', 'server_error', 'internal_error');
  }
}
