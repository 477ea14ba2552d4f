/**
 * What the gateway streams back is bounded and complete: a provider that ignores max_tokens (or streams 300 KB) is
 * cut at AIDE_LLM_MAX_TOKENS / AIDE_LLM_MAX_OUTPUT_BYTES with finish_reason "length" and the upstream request is
 * stopped; an answer that ends inside what looks like a placeholder (`…au [TEL_`) keeps its end.
 */
import fs from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { startServer, type TestServer } from '../helpers/server';
import { startOpenAIUpstream, waitFor, type OpenAIUpstream } from '../helpers/openai-upstream';
import type { ConfigInput } from '../../src/server/config';

let upstream: OpenAIUpstream;
const servers: TestServer[] = [];
beforeAll(async () => {
  upstream = await startOpenAIUpstream();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => upstream.close());

async function gateway(overrides: ConfigInput = {}): Promise<OpenAI> {
  const server = await startServer({ llmProvider: 'openai', llmBaseUrl: upstream.url + '/v1', llmApiKey: 'sk-test', llmModel: 'gpt-test', ...overrides });
  servers.push(server);
  return new OpenAI({ baseURL: server.url + '/v1', apiKey: 'aide-local', maxRetries: 0 });
}

async function streamed(client: OpenAI, content = 'Bonjour'): Promise<{ text: string; finish: string | null }> {
  const stream = await client.chat.completions.create({ model: 'default', stream: true, messages: [{ role: 'user', content }] });
  let text = '';
  let finish: string | null = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { text, finish };
}

function accessLog(): { error: string | null; status: number }[] {
  const file = path.join(servers[0]!.dataDir, 'logs', 'access.log');
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { error: string | null; status: number });
}

test('a provider streaming past AIDE_LLM_MAX_TOKENS is cut (finish_reason length), and the upstream call is stopped', async () => {
  // 2 000 chunks of 40 characters (80 000 characters), slowly enough that the cut comes before the end.
  upstream.enqueue({ type: 'reply', chunks: Array.from({ length: 2000 }, (_, i) => `mot${String(i).padStart(4, '0')} `.repeat(4)), delayMs: 1 });
  const client = await gateway({ llmMaxTokens: 100 });
  const { text, finish } = await streamed(client);
  expect(finish).toBe('length');
  expect(text.length).toBe(500); // 100 tokens × 4 characters × 1.25
  await waitFor(() => upstream.requests.at(-1)!.closedEarly, 5000, 'the upstream request to be closed');
  expect(accessLog().at(-1)).toMatchObject({ status: 200, error: 'output_capped' });
});

test('the byte cap holds for multi-byte text too; a normal answer ends with "stop"', async () => {
  upstream.enqueue({ type: 'reply', chunks: Array.from({ length: 500 }, () => 'é'.repeat(100)) });
  const client = await gateway({ llmMaxOutputBytes: 2048, llmMaxTokens: 200000 });
  const { text, finish } = await streamed(client);
  expect(finish).toBe('length');
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
  expect(Buffer.byteLength(text)).toBeGreaterThan(1900);
  upstream.enqueue({ type: 'reply', chunks: ['Bon', 'jour'] });
  expect(await streamed(client)).toEqual({ text: 'Bonjour', finish: 'stop' });
});

test('non-streamed answers are capped the same way', async () => {
  upstream.enqueue({ type: 'reply', chunks: Array.from({ length: 300 }, () => 'abcdefghij') });
  const client = await gateway({ llmMaxTokens: 50 });
  const completion = await client.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: 'x' }] });
  expect(completion.choices[0]!.finish_reason).toBe('length');
  expect(completion.choices[0]!.message.content).toHaveLength(250);
});

test('an answer that ends inside a placeholder-like tail keeps its end (pseudonymization on)', async () => {
  upstream.enqueue({ type: 'reply', chunks: ['Rappeler ', 'le patient ', 'au [TEL_'] });
  const client = await gateway({ privacy: 'pseudonymize' });
  const { text, finish } = await streamed(client, 'Rappeler M. Paul Girard au 06 12 34 56 78.');
  expect(text).toBe('Rappeler le patient au [TEL_');
  expect(finish).toBe('stop');
  upstream.enqueue({ type: 'reply', chunks: ['Appeler [PERS', 'ONNE_1] au [TE', 'L_1] puis [TEL_'] });
  const again = await streamed(client, 'Rappeler M. Paul Girard au 06 12 34 56 78.');
  expect(again.text).toBe('Appeler Paul Girard au 06 12 34 56 78 puis [TEL_');
});
