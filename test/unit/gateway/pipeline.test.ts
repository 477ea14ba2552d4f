/** The chat service as the CLI uses it (offline engine, no network): model aliases, limits, privacy policies. */
import { createChatService } from '../../../src/server/gateway/pipeline';
import { GatewayError } from '../../../src/server/gateway/errors';
import { loadConfig, type ConfigInput } from '../../../src/server/config';
import type { ChatRequest } from '../../../src/core/llm/types';

const config = (o: ConfigInput = {}) => loadConfig({ host: '127.0.0.1', dataDir: '/tmp/aide-unit', ...o }, {});
const MAIL = 'Bonjour, Mme Josiane Lefebvre demande un rappel au 06 12 34 56 78 avant vendredi pour son rendez-vous de consultation.';
const request = (o: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'default',
  messages: [{ role: 'user', content: MAIL }],
  aide: { task: 'summarize', variables: { body: MAIL }, contentVariable: 'body', lang: 'fr' },
  ...o,
});

async function collect(it: AsyncIterable<{ type: string; text?: string }>): Promise<string> {
  let text = '';
  for await (const d of it) if (d.type === 'text') text += d.text;
  return text;
}

test('offline: "default" maps to aide-offline, the aide extension is kept, privacy off by default', async () => {
  const service = createChatService(config());
  const prepared = service.prepare(request());
  expect(prepared.model).toBe('aide-offline');
  expect(prepared.privacy).toBe('off');
  expect(prepared.request.aide?.variables?.body).toBe(MAIL);
  expect(await collect(service.run(request(), { signal: new AbortController().signal }))).toMatch(/06 12 34 56 78|Lefebvre|rappel/);
});

test('pseudonymize with the offline engine: variables hidden too, the answer re-identified', async () => {
  const service = createChatService(config({ privacy: 'pseudonymize' }));
  const prepared = service.prepare(request());
  expect(prepared.request.aide?.variables?.body).not.toContain('06 12 34 56 78');
  expect(prepared.request.messages[0]!.content).toContain('[TEL_1]');
  expect(prepared.pseudonymized).toBeGreaterThanOrEqual(2);
  const text = await collect(service.stream(prepared, new AbortController().signal));
  expect(text).not.toMatch(/\[TEL_\d+\]|\[PERSONNE_\d+\]/);
});

test('remote providers: the aide extension is stripped; unknown models, too-long input and block are refused', () => {
  const service = createChatService(config({ llmProvider: 'openai', llmApiKey: 'k', llmModel: 'gpt-x', privacy: 'off', llmMaxInputChars: 1000, llmMaxTokens: 100 }));
  const prepared = service.prepare(request({ model: 'aide-offline', max_tokens: 5000 }));
  expect(prepared.model).toBe('gpt-x');
  expect(prepared.request).not.toHaveProperty('aide');
  expect(prepared.request.max_tokens).toBe(100);
  expect(() => service.prepare(request({ model: 'gpt-y' }))).toThrow(expect.objectContaining({ code: 'model_not_allowed' }) as unknown as Error);
  const tooLong = (() => {
    try {
      service.prepare(request({ messages: [{ role: 'user', content: 'x'.repeat(1001) }] }));
    } catch (err) {
      return err as GatewayError;
    }
    return null;
  })();
  expect(tooLong?.status).toBe(413);
  const blocking = createChatService(config({ llmProvider: 'openai', llmApiKey: 'k', llmModel: 'gpt-x', privacy: 'block' }));
  expect(() => blocking.prepare(request())).toThrow(/TEL/);
});
