/**
 * A real local HTTP server speaking the OpenAI wire protocol, standing in for Azure OpenAI, OpenAI or an on-premises
 * server in integration tests. It answers `POST …/chat/completions` (any prefix, so Azure's
 * `/openai/deployments/{d}/chat/completions?api-version=` works too) with SSE chunks ending in `data: [DONE]` (or one
 * JSON completion when `stream` is not set), `GET …/models`, and on demand: errors (400/401/429/500 …), a slow stream,
 * a stall, a dropped connection. It records every request (method, path, query, headers, parsed body) and whether the
 * client closed the connection before the answer ended.
 *
 *   const upstream = await startOpenAIUpstream();
 *   upstream.enqueue({ type: 'error', status: 429, headers: { 'retry-after-ms': '10' } }, { type: 'reply', chunks: ['Bon', 'jour'] });
 *   …
 *   expect(upstream.requests[1].body.messages[0].content).toContain('[PERSONNE_1]');
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  // The parsed JSON body (test-side: any shape the client sent).
  body: { model?: string; messages?: Array<{ role: string; content: string }>; stream?: boolean; [key: string]: unknown };
  /** True once the client closed the connection before the answer was complete. */
  closedEarly: boolean;
  /** Resolves when the connection to this request is closed (either way). */
  closed: Promise<void>;
}

export type Behaviour =
  | {
      type: 'reply';
      /** The answer's text pieces, one SSE chunk each; or computed from the request (e.g. echo placeholders). */
      chunks?: string[] | ((request: RecordedRequest) => string[]);
      /** Pause before each chunk (a slow stream). */
      delayMs?: number;
      /** Usage to send in the final chunk (when stream_options.include_usage); false = none. */
      usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | false;
    }
  | { type: 'error'; status: number; message?: string; code?: string; headers?: Record<string, string> }
  /** Sends `afterChunks` chunks, then destroys the socket (a dropped connection). */
  | { type: 'drop'; afterChunks: number; chunks?: string[] }
  /** Accepts the request and never answers (for timeouts and cancellation). */
  | { type: 'stall'; afterChunks?: number };

export interface OpenAIUpstream {
  url: string;
  requests: RecordedRequest[];
  /** Behaviours for the next requests, in order; once used up, `fallback` answers. */
  enqueue(...behaviours: Behaviour[]): void;
  fallback: Behaviour;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  429: 'rate_limit_exceeded',
  500: 'server_error',
  503: 'server_error',
};

export async function startOpenAIUpstream(): Promise<OpenAIUpstream> {
  const queue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let created = 0;

  const server = http.createServer((req, res) => {
    const chunksIn: Buffer[] = [];
    req.on('data', (c: Buffer) => chunksIn.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://upstream');
      let body: RecordedRequest['body'] = {};
      try {
        body = chunksIn.length ? (JSON.parse(Buffer.concat(chunksIn).toString('utf8')) as RecordedRequest['body']) : {};
      } catch {
        body = {};
      }
      let markClosed!: () => void;
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        closedEarly: false,
        closed: new Promise<void>((resolve) => (markClosed = resolve)),
      };
      requests.push(record);
      res.on('close', () => {
        if (!res.writableFinished) record.closedEarly = true;
        markClosed();
      });
      if (url.pathname.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: 'upstream-model', object: 'model', created: 0, owned_by: 'test' }] }));
        return;
      }
      if (!url.pathname.endsWith('/chat/completions')) {
        sendError(res, 404, `No route ${url.pathname}`, 'not_found');
        return;
      }
      void answer(queue.shift() ?? upstream.fallback, record, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function sendError(res: http.ServerResponse, status: number, message: string, code?: string, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message, type: ERROR_TYPES[status] ?? 'error', code: code ?? null, param: null } }));
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function answer(behaviour: Behaviour, record: RecordedRequest, res: http.ServerResponse): Promise<void> {
    if (behaviour.type === 'error') {
      sendError(res, behaviour.status, behaviour.message ?? `Upstream error ${behaviour.status}`, behaviour.code, behaviour.headers);
      return;
    }
    const id = `chatcmpl-up${++created}`;
    const model = record.body.model ?? 'upstream-model';
    const chunkOf = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1700000000, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
    const texts =
      behaviour.type === 'stall'
        ? Array.from({ length: behaviour.afterChunks ?? 0 }, (_, i) => `part${i} `)
        : typeof behaviour.chunks === 'function'
          ? behaviour.chunks(record)
          : (behaviour.chunks ?? ['Hello', ' from', ' upstream.']);
    const streaming = record.body.stream === true;

    if (!streaming && behaviour.type === 'reply') {
      const content = texts.join('');
      const usage = behaviour.usage === false ? undefined : (behaviour.usage ?? { prompt_tokens: 10, completion_tokens: texts.length, total_tokens: 10 + texts.length });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, object: 'chat.completion', created: 1700000000, model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage }));
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunkOf({ role: 'assistant', content: '' }, null));
    const limit = behaviour.type === 'drop' ? behaviour.afterChunks : texts.length;
    for (let i = 0; i < limit && i < texts.length; i++) {
      if (behaviour.type === 'reply' && behaviour.delayMs) await sleep(behaviour.delayMs);
      if (res.destroyed) return;
      res.write(chunkOf({ content: texts[i] }, null));
    }
    if (behaviour.type === 'drop') {
      // Let what was written reach the client first (destroy discards unsent data), then cut the connection.
      await new Promise<void>((resolve) => res.write('', () => resolve()));
      await sleep(30);
      res.socket?.destroy();
      return;
    }
    if (behaviour.type === 'stall') return; // never ends; the test closes the server
    res.write(chunkOf({}, 'stop'));
    const includeUsage = (record.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    if (includeUsage && behaviour.usage !== false) {
      const usage = behaviour.usage ?? { prompt_tokens: 10, completion_tokens: texts.length, total_tokens: 10 + texts.length };
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1700000000, model, choices: [], usage })}\n\n`);
    }
    res.write('data: [DONE]\n\n');
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const upstream: OpenAIUpstream = {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...behaviours) => queue.push(...behaviours),
    fallback: { type: 'reply' },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return upstream;
}

/** Waits until `predicate` holds (polling), or fails after `ms`. */
export async function waitFor(predicate: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
