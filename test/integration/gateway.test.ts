/**
 * The gateway through a real Aide server and a real OpenAI-protocol upstream: each provider kind's wire form, the
 * `openai` SDK as the client (stream and not), retries, errors, cancellation, timeouts, limits, the access log.
 */
import fs from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { Agent } from 'undici';
import { startServer, type TestServer } from '../helpers/server';
import { startOpenAIUpstream, waitFor, type OpenAIUpstream } from '../helpers/openai-upstream';
import type { ConfigInput } from '../../src/server/config';

let upstream: OpenAIUpstream;
const servers: TestServer[] = [];
// Each test's clients go through their own connection pool, emptied before the servers close: undici may open a spare
// connection while a request is aborted, and keeps it for 4 s, which held the gateway's close past the helper's cut.
let dispatcher: Agent;

beforeEach(async () => {
  upstream = await startOpenAIUpstream();
  dispatcher = new Agent();
});
afterEach(async () => {
  await dispatcher.destroy();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await upstream.close();
});

async function gateway(overrides: ConfigInput = {}): Promise<TestServer> {
  const server = await startServer({
    llmProvider: 'openai',
    llmBaseUrl: upstream.url + '/v1',
    llmApiKey: 'sk-upstream-secret',
    llmModel: 'gpt-test',
    privacy: 'off',
    ...overrides,
  });
  servers.push(server);
  return server;
}

const client = (server: TestServer, maxRetries = 0) => new OpenAI({ baseURL: server.url + '/v1', apiKey: 'aide-local', maxRetries, fetchOptions: { dispatcher } });

function accessLog(server: TestServer): Array<Record<string, unknown>> {
  const file = path.join(server.dataDir, 'logs', 'access.log');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function post(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit & { dispatcher: Agent } = {
    dispatcher,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
  const res = await fetch(server.url + '/v1/chat/completions', init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Aide's own request extension, which the SDK's types do not know (spread, so no excess-property error). */
const aideField = (aide: Record<string, unknown>): Record<string, unknown> => ({ aide });

const ask = (content = 'Résume ce message.') => ({ model: 'default', messages: [{ role: 'user' as const, content }] });

describe('providers on the wire', () => {
  test('openai: SDK client streams through the gateway; upstream gets the key, the model and no aide extension', async () => {
    upstream.enqueue({ type: 'reply', chunks: ['Bon', 'jour', ' Marie'], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });
    const server = await gateway();
    const stream = await client(server).chat.completions.create({
      ...ask(),
      stream: true,
      stream_options: { include_usage: true },
      ...aideField({ promptId: 'summarize-mail', promptVersion: 3 }),
    });
    const pieces: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta?.content) pieces.push(chunk.choices[0].delta.content);
      if (chunk.usage) usage = chunk.usage;
      expect(chunk.object).toBe('chat.completion.chunk');
      expect(chunk.model).toBe('gpt-test');
    }
    expect(pieces.join('')).toBe('Bonjour Marie');
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(usage).toEqual({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    const seen = upstream.requests[0]!;
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.headers.authorization).toBe('Bearer sk-upstream-secret');
    expect(seen.body.model).toBe('gpt-test');
    expect(seen.body.stream).toBe(true);
    expect(seen.body).not.toHaveProperty('aide');
    expect(seen.body.max_completion_tokens).toBe(4096);
    const [line] = accessLog(server);
    expect(line).toMatchObject({ user: null, promptId: 'summarize-mail', promptVersion: 3, provider: 'openai', model: 'gpt-test', status: 200, totalTokens: 10, stream: true });
    expect(typeof line!.latencyMs).toBe('number');
  });

  test('openai: non-streaming chat.completion JSON', async () => {
    upstream.enqueue({ type: 'reply', chunks: ['Un ', 'deux ', 'trois'] });
    const server = await gateway();
    const completion = await client(server).chat.completions.create(ask());
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]!.message.content).toBe('Un deux trois');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  test("azure: /openai/deployments/{d}/chat/completions?api-version= with the api-key header", async () => {
    upstream.enqueue({ type: 'reply', chunks: ['Azure ', 'ok'] });
    const server = await gateway({ llmProvider: 'azure', llmBaseUrl: upstream.url, llmAzureDeployment: 'gpt4o-eu', llmModel: undefined, llmApiKey: 'azure-key', llmAzureApiVersion: '2024-10-21' });
    const completion = await client(server).chat.completions.create(ask());
    expect(completion.choices[0]!.message.content).toBe('Azure ok');
    expect(completion.model).toBe('gpt4o-eu');
    const seen = upstream.requests[0]!;
    expect(seen.path).toBe('/openai/deployments/gpt4o-eu/chat/completions');
    expect(seen.query['api-version']).toBe('2024-10-21');
    expect(seen.headers['api-key']).toBe('azure-key');
    expect(seen.headers.authorization).toBeUndefined();
  });

  test('compatible: any base URL, no key needed, max_tokens capped', async () => {
    upstream.enqueue({ type: 'reply', chunks: ['local'] });
    const server = await gateway({ llmProvider: 'compatible', llmBaseUrl: upstream.url + '/llm/v1', llmApiKey: undefined, llmModel: 'mistral-7b', llmMaxTokens: 500 });
    const completion = await client(server).chat.completions.create({ ...ask(), max_tokens: 100000 });
    expect(completion.choices[0]!.message.content).toBe('local');
    const seen = upstream.requests[0]!;
    expect(seen.path).toBe('/llm/v1/chat/completions');
    expect(seen.body.model).toBe('mistral-7b');
    expect(seen.body.max_tokens).toBe(500);
  });

  test('offline: the offline engine answers without any upstream call, from the aide extension', async () => {
    const server = await gateway({ llmProvider: 'offline', llmBaseUrl: undefined, llmApiKey: undefined, llmModel: undefined });
    const mail =
      'Bonjour, la réunion du service est déplacée au jeudi 14 mars à 10 h. Merci de confirmer votre présence avant mercredi. ' +
      'Les dossiers des patients sortants doivent être complétés. Cordialement.';
    const stream = await client(server).chat.completions.create({
      model: 'aide-offline',
      messages: [{ role: 'user', content: `Résume : ${mail}` }],
      stream: true,
      ...aideField({ task: 'summarize', variables: { body: mail }, contentVariable: 'body', lang: 'fr' }),
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(20);
    expect(text).toMatch(/réunion|jeudi|confirmer/i);
    expect(upstream.requests).toHaveLength(0);
    const models = await client(server).models.list();
    expect(models.data.map((m) => m.id)).toEqual(['aide-offline']);
  });

  test('GET /v1/models lists the configured and allowed models', async () => {
    const server = await gateway({ llmAllowedModels: 'gpt-test,gpt-mini' });
    const models = await client(server).models.list();
    expect(models.data.map((m) => m.id).sort()).toEqual(['gpt-mini', 'gpt-test']);
  });
});

describe('retries, errors, cancellation', () => {
  test('retries 429 and 500 before the first token, then succeeds', async () => {
    upstream.enqueue(
      { type: 'error', status: 429, headers: { 'retry-after-ms': '20' } },
      { type: 'error', status: 500, headers: { 'retry-after-ms': '20' } },
      { type: 'reply', chunks: ['enfin'] },
    );
    const server = await gateway({ llmMaxRetries: 2 });
    const completion = await client(server).chat.completions.create(ask());
    expect(completion.choices[0]!.message.content).toBe('enfin');
    expect(upstream.requests).toHaveLength(3);
  });

  test('a 500 without Retry-After is retried after an exponential backoff', async () => {
    upstream.enqueue({ type: 'error', status: 503 }, { type: 'reply', chunks: ['ok'] });
    const server = await gateway({ llmMaxRetries: 1 });
    const t0 = Date.now();
    const completion = await client(server).chat.completions.create(ask());
    expect(completion.choices[0]!.message.content).toBe('ok');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350); // 500 ms ± 20 % jitter
  });

  test('a connection dropped before the first token is retried; after it, the stream reports an error', async () => {
    upstream.enqueue({ type: 'drop', afterChunks: 0 }, { type: 'reply', chunks: ['sauvé'] });
    const server = await gateway({ llmMaxRetries: 1 });
    expect((await client(server).chat.completions.create(ask())).choices[0]!.message.content).toBe('sauvé');

    upstream.enqueue({ type: 'drop', afterChunks: 2, chunks: ['début ', 'de ', 'réponse'] });
    const stream = await client(server).chat.completions.create({ ...ask(), stream: true });
    let text = '';
    await expect(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      })(),
    ).rejects.toThrow(/broke off/);
    expect(text).toBe('début de ');
    expect(upstream.requests).toHaveLength(3); // no retry once the user saw text
    expect(accessLog(server).at(-1)).toMatchObject({ status: 502, error: 'upstream_stream_broken' });
  });

  test.each([
    [400, 400, 'upstream_bad_request', /refused the request: Upstream error 400/],
    [401, 502, 'upstream_auth', /AIDE_LLM_API_KEY/],
    [429, 429, 'upstream_rate_limited', /busy/],
    [500, 502, 'upstream_error', /failed \(HTTP 500\)/],
  ])('upstream %i surfaces as %i %s in the OpenAI error format', async (upstreamStatus, status, code, message) => {
    upstream.fallback = { type: 'error', status: upstreamStatus, headers: upstreamStatus === 429 ? { 'retry-after': '7' } : {} };
    const server = await gateway({ llmMaxRetries: 0 });
    const res = await post(server, ask());
    expect(res.status).toBe(status);
    const body = JSON.parse(res.text) as { error: { message: string; type: string; code: string; param: null } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(body.error).toHaveProperty('param', null);
    if (status === 429) expect(res.headers.get('retry-after')).toBe('7');
    // The SDK client sees an APIError with that status.
    const err = await client(server).chat.completions.create(ask()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(status);
  });

  test('a 429 asking for longer than the gateway waits is not retried and keeps its Retry-After', async () => {
    upstream.enqueue({ type: 'error', status: 429, headers: { 'retry-after': '120' } });
    const server = await gateway({ llmMaxRetries: 3 });
    const res = await post(server, ask());
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('120');
    expect(upstream.requests).toHaveLength(1);
  });

  test('the client closing the connection aborts the upstream request (the upstream sees its socket close)', async () => {
    upstream.enqueue({ type: 'reply', chunks: Array.from({ length: 50 }, (_, i) => `mot${i} `), delayMs: 100 });
    const server = await gateway();
    const controller = new AbortController();
    const stream = await client(server).chat.completions.create({ ...ask(), stream: true }, { signal: controller.signal });
    let received = 0;
    // The SDK ends the iteration quietly (or with an abort error) once aborted.
    await (async () => {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta?.content) received++;
        // Stop reading at once: chunks already buffered by the SDK would otherwise still be counted.
        if (received === 2) {
          controller.abort();
          break;
        }
      }
    })().catch(() => undefined);
    expect(received).toBe(2);
    await upstream.requests[0]!.closed;
    expect(upstream.requests[0]!.closedEarly).toBe(true);
    await waitFor(() => accessLog(server).length === 1, 3000, 'access log line');
    expect(accessLog(server)[0]).toMatchObject({ status: 499, error: 'client_closed' });
  });

  test('a slow stream is passed on as it comes (first chunk before the upstream has finished)', async () => {
    upstream.enqueue({ type: 'reply', chunks: ['a', 'b', 'c', 'd'], delayMs: 150 });
    const server = await gateway();
    const t0 = Date.now();
    const stream = await client(server).chat.completions.create({ ...ask(), stream: true });
    const times: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) times.push(Date.now() - t0);
    expect(times).toHaveLength(4);
    expect(times[0]!).toBeLessThan(450);
    expect(times[3]! - times[0]!).toBeGreaterThanOrEqual(350);
  });

  test('an upstream that stalls ends in 504 after AIDE_LLM_TIMEOUT_MS', async () => {
    upstream.enqueue({ type: 'stall' });
    const server = await gateway({ llmTimeoutMs: 1000, llmMaxRetries: 0 });
    const res = await post(server, ask());
    expect(res.status).toBe(504);
    expect(JSON.parse(res.text).error.code).toBe('upstream_timeout');
    await upstream.requests[0]!.closed;
    expect(upstream.requests[0]!.closedEarly).toBe(true);
  });
});

describe('limits and validation', () => {
  test('requests per minute: 429 with Retry-After, counted per user', async () => {
    const server = await gateway({ rateLimitPerMinute: 2 });
    expect((await post(server, ask())).status).toBe(200);
    expect((await post(server, ask())).status).toBe(200);
    const res = await post(server, ask());
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(JSON.parse(res.text).error).toMatchObject({ type: 'rate_limit_error', code: 'requests_per_minute_exceeded' });
    expect(upstream.requests).toHaveLength(2);
  });

  test('tokens per day: once used up, 429 until midnight UTC', async () => {
    upstream.fallback = { type: 'reply', chunks: ['x'], usage: { prompt_tokens: 900, completion_tokens: 200, total_tokens: 1100 } };
    const server = await gateway({ tokensPerDay: 1000 });
    expect((await post(server, { ...ask(), stream: true, stream_options: { include_usage: true } })).status).toBe(200);
    const res = await post(server, ask());
    expect(res.status).toBe(429);
    expect(JSON.parse(res.text).error.code).toBe('tokens_per_day_exceeded');
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(86400);
  });

  test('input too large: 413; model not allowed: 400 naming the allowed ones; bad bodies: 400', async () => {
    const server = await gateway({ llmMaxInputChars: 1000, llmAllowedModels: 'gpt-mini' });
    const big = await post(server, ask('x'.repeat(1500)));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text).error).toMatchObject({ code: 'input_too_large', param: 'messages' });
    expect(JSON.parse(big.text).error.message).toMatch(/1500 characters.*limit is 1000/);

    const model = await post(server, { ...ask(), model: 'gpt-5-pro' });
    expect(model.status).toBe(400);
    expect(JSON.parse(model.text).error).toMatchObject({ code: 'model_not_allowed', param: 'model' });
    expect(JSON.parse(model.text).error.message).toMatch(/gpt-test, gpt-mini/);

    const allowed = await client(server).chat.completions.create({ ...ask(), model: 'gpt-mini' });
    expect(allowed.model).toBe('gpt-mini');
    expect(upstream.requests[0]!.body.model).toBe('gpt-mini');

    const json = await post(server, '{"model": "default", "messages": [ {"role": "user", "content": "secret text"');
    expect(json.status).toBe(400);
    expect(JSON.parse(json.text).error.code).toBe('invalid_json');
    expect(json.text).not.toContain('secret');

    const shape = await post(server, { model: 'default', messages: [] });
    expect(shape.status).toBe(400);
    expect(JSON.parse(shape.text).error).toMatchObject({ code: 'invalid_request', param: 'messages' });
    expect(upstream.requests).toHaveLength(1);
  });

  test('content parts and the developer role from OpenAI clients are accepted', async () => {
    upstream.enqueue({ type: 'reply', chunks: ['ok'] });
    const server = await gateway();
    const res = await post(server, {
      model: 'default',
      messages: [
        { role: 'developer', content: 'Sois bref.' },
        { role: 'user', content: [{ type: 'text', text: 'Bonjour ' }, { type: 'text', text: 'à tous' }] },
      ],
    });
    expect(res.status).toBe(200);
    expect(upstream.requests[0]!.body.messages).toEqual([
      { role: 'system', content: 'Sois bref.' },
      { role: 'user', content: 'Bonjour à tous' },
    ]);
  });
});
