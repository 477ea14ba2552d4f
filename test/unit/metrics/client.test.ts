import { webcrypto } from 'node:crypto';
import { MetricsClient, type KeyValueStorage, type MetricsClientOptions } from '../../../src/core/metrics/client';
import { metricEventSchema, type MetricEventInput } from '../../../src/core/metrics/events';

const DAY = 86_400_000;
const run: MetricEventInput = {
  type: 'prompt_run',
  role: 'secretary',
  promptId: 'sec-summarize',
  promptVersion: 2,
  host: 'outlook',
  engine: 'offline',
  outcome: 'inserted',
  ttftMs: 120,
  totalMs: 900,
  inputSize: '1to5k',
  outputSize: 'lt1k',
};

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  writes = 0;
  get(key: string) {
    return this.data.get(key) ?? null;
  }
  set(key: string, value: string) {
    this.writes++;
    this.data.set(key, value);
  }
}

interface Sent {
  events: { id: string; token: string }[];
}

function setup(overrides: Partial<MetricsClientOptions> = {}, respond: (body: Sent, n: number) => { status: number; body?: unknown } = (b) => ({ status: 200, body: { accepted: b.events.length, duplicates: 0, rejected: [] } })) {
  const storage = (overrides.storage as MemoryStorage | undefined) ?? new MemoryStorage();
  const clock = { now: Date.UTC(2026, 10, 2, 9) };
  const sent: Sent[] = [];
  const fetch: MetricsClientOptions['fetch'] = async (_url, init) => {
    const body = JSON.parse(init.body) as Sent;
    sent.push(body);
    const r = respond(body, sent.length);
    return { status: r.status, ok: r.status < 300, json: async () => r.body ?? {} };
  };
  const options: MetricsClientOptions = { storage, fetch, site: 'chu-a', appVersion: '0.1.0', now: () => clock.now, random: () => 0.5, crypto: webcrypto as unknown as MetricsClientOptions['crypto'], ...overrides };
  return { storage, clock, sent, options };
}

describe('MetricsClient', () => {
  test('records valid events with ids, a device token and the site, stored at once', async () => {
    const { storage, options } = setup();
    const client = await MetricsClient.create(options);
    const id = await client.record(run);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [event] = client.pending();
    expect(metricEventSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({ site: 'chu-a', appVersion: '0.1.0', ts: '2026-11-02T09:00:00.000Z' });
    expect(storage.writes).toBeGreaterThan(0);
  });

  test('the queue survives a restart (closing Outlook) and is sent later', async () => {
    const { storage, options, sent } = setup();
    const first = await MetricsClient.create(options);
    await first.record(run);
    await first.record({ ...run, outcome: 'copied' });
    const second = await MetricsClient.create({ ...options, storage });
    expect(second.pending()).toHaveLength(2);
    const result = await second.flush();
    expect(result).toMatchObject({ sent: 2, pending: 0 });
    expect(sent[0]!.events.map((e) => e.id)).toEqual(first.pending().map((e) => e.id));
    expect((await MetricsClient.create({ ...options, storage })).pending()).toHaveLength(0);
  });

  test('a 401 keeps the queue (the backoff waits), and resume() sends it at once when the user is signed in again', async () => {
    let signedIn = false;
    const { options, sent, clock } = setup({}, (b) => (signedIn ? { status: 200, body: { accepted: b.events.length, duplicates: 0, rejected: [] } } : { status: 401 }));
    const client = await MetricsClient.create(options);
    await client.record(run);
    const refused = await client.flush();
    expect(refused).toMatchObject({ sent: 0, pending: 1, error: 'HTTP 401' });
    expect(client.nextAttemptAt()).toBeGreaterThan(clock.now);
    expect(await client.flush()).toMatchObject({ sent: 0, pending: 1 }); // backing off: nothing sent
    expect(sent).toHaveLength(1);
    signedIn = true;
    expect(await client.resume()).toMatchObject({ sent: 1, pending: 0 });
    expect(client.pending()).toHaveLength(0);
  });

  test('sends batches of at most 50', async () => {
    const { options, sent } = setup();
    const client = await MetricsClient.create(options);
    for (let i = 0; i < 120; i++) await client.record(run);
    await client.flush();
    expect(sent.map((b) => b.events.length)).toEqual([50, 50, 20]);
    expect(new Set(sent.flatMap((b) => b.events.map((e) => e.id))).size).toBe(120);
  });

  test('offline: keeps the events, backs off exponentially with jitter, then resends the same ids', async () => {
    let online = false;
    const { options, sent, clock } = setup({ random: () => 0.5, backoffBaseMs: 1000 }, (b) => (online ? { status: 200, body: { accepted: b.events.length } } : { status: 503 }));
    const client = await MetricsClient.create(options);
    await client.record(run);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await client.flush();
      expect(r.error).toBe('HTTP 503');
      delays.push(client.nextAttemptAt() - clock.now);
      // Before the backoff ends, flush does nothing.
      expect((await client.flush()).sent).toBe(0);
      clock.now = client.nextAttemptAt();
    }
    // ceiling 1, 2, 4, 8 s; half fixed + random(0.5) × half = 0.75 × ceiling.
    expect(delays).toEqual([750, 1500, 3000, 6000]);
    online = true;
    const r = await client.flush();
    expect(r).toMatchObject({ sent: 1, pending: 0 });
    const ids = sent.map((b) => b.events[0]!.id);
    expect(new Set(ids).size).toBe(1); // same id every time: the server deduplicates
  });

  test('a network error is retried too; a batch refused for good (400) is dropped, not retried forever', async () => {
    let mode: 'throw' | '400' = 'throw';
    const { options } = setup({}, () => {
      if (mode === 'throw') throw new Error('Failed to fetch');
      return { status: 400 };
    });
    const client = await MetricsClient.create(options);
    await client.record(run);
    expect((await client.flush()).error).toBe('Failed to fetch');
    expect(client.pending()).toHaveLength(1);
    mode = '400';
    const r = await client.flush({ force: true });
    expect(r).toMatchObject({ rejected: 1, pending: 0 });
  });

  test('the device token is renewed at each token month (calendar month of whole ISO weeks), the same for every device', async () => {
    // 2026-11-02 is a Monday: the ISO weeks whose Thursday falls in November are 2 Nov … 29 Nov (4 weeks); the week of
    // Monday 30 Nov has its Thursday on 3 Dec, so it is December's first week although it starts in November.
    const { options, clock } = setup();
    const client = await MetricsClient.create(options);
    const at = async (iso: string) => {
      clock.now = Date.parse(iso);
      await client.record(run);
    };
    await at('2026-11-02T09:00:00Z');
    await at('2026-11-29T22:00:00Z');
    await at('2026-11-30T08:00:00Z');
    await at('2026-12-03T08:00:00Z');
    await at('2027-01-03T20:00:00Z'); // Sunday of the week of Thursday 31 Dec: still December
    await at('2027-01-04T08:00:00Z');
    const tokens = client.pending().map((e) => e.token);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[1]);
    expect(tokens[3]).toBe(tokens[2]);
    expect(tokens[4]).toBe(tokens[2]);
    expect(tokens[5]).not.toBe(tokens[4]);
    for (const t of tokens) expect(t).toMatch(/^[0-9a-f]{32}$/);
    // A second device renews on the same boundaries (nothing depends on when it was installed).
    const other = setup();
    other.clock.now = Date.parse('2026-11-20T09:00:00Z');
    const late = await MetricsClient.create(other.options);
    await late.record(run);
    other.clock.now = Date.parse('2026-11-29T09:00:00Z');
    await late.record(run);
    other.clock.now = Date.parse('2026-11-30T09:00:00Z');
    await late.record(run);
    const lt = late.pending().map((e) => e.token);
    expect([lt[0] === lt[1], lt[1] === lt[2]]).toEqual([true, false]);
  });

  test('a store written before token months renews its token once', async () => {
    const { options, clock, storage } = setup();
    storage.data.set('aide.metrics.v1', JSON.stringify({ v: 1, queue: [], token: 'ab'.repeat(16), tokenCreatedAt: clock.now - DAY, optOut: false, attempts: 0, nextAttemptAt: 0, surveyAskedAt: null }));
    const client = await MetricsClient.create(options);
    await client.record(run);
    await client.record(run);
    const tokens = client.pending().map((e) => e.token);
    expect(tokens[0]).not.toBe('ab'.repeat(16));
    expect(tokens[1]).toBe(tokens[0]);
  });

  test('opting out clears the queue and records nothing more', async () => {
    const { options, sent, storage } = setup();
    const client = await MetricsClient.create(options);
    await client.record(run);
    await client.setOptOut(true);
    expect(client.pending()).toEqual([]);
    expect(await client.record(run)).toBeNull();
    await client.flush({ force: true });
    expect(sent).toHaveLength(0);
    expect(storage.data.get('aide.metrics.v1')).not.toContain('sec-summarize');
    const reopened = await MetricsClient.create({ ...options, storage });
    expect(reopened.isOptedOut()).toBe(true);
    expect(reopened.shouldAskSurvey()).toBe(false);
  });

  test('the survey is offered at most once a week', async () => {
    const { options, clock } = setup();
    const client = await MetricsClient.create(options);
    expect(client.shouldAskSurvey(clock.now)).toBe(true);
    await client.markSurveyAsked(clock.now);
    expect(client.shouldAskSurvey(clock.now + 6 * DAY)).toBe(false);
    expect(client.shouldAskSurvey(clock.now + 7 * DAY)).toBe(true);
  });

  test('events recorded while a batch is in flight are kept', async () => {
    let release: () => void = () => undefined;
    const { options, sent } = setup({}, (b) => ({ status: 200, body: { accepted: b.events.length } }));
    let calls = 0;
    const slowFetch: MetricsClientOptions['fetch'] = async (url, init) => {
      if (calls++ === 0) await new Promise<void>((r) => (release = r));
      // The event recorded meanwhile goes in a second batch; make that one fail so it stays visible.
      return calls > 1 ? { status: 503, ok: false, json: async () => ({}) } : options.fetch(url, init);
    };
    const client = await MetricsClient.create({ ...options, fetch: slowFetch });
    await client.record(run);
    const flushing = client.flush();
    await new Promise((r) => setImmediate(r));
    await client.record({ ...run, outcome: 'error', ttftMs: null });
    release();
    await flushing;
    expect(sent[0]!.events).toHaveLength(1);
    expect(client.pending()).toHaveLength(1);
    expect(client.pending()[0]).toMatchObject({ outcome: 'error' });
  });

  test('a corrupt store starts afresh instead of breaking the pane', async () => {
    const storage = new MemoryStorage();
    storage.set('aide.metrics.v1', '{not json');
    const { options } = setup({ storage });
    const client = await MetricsClient.create(options);
    expect(client.pending()).toEqual([]);
    expect(await client.record(run)).not.toBeNull();
  });

  test('an invalid event is a programming error, not silently sent', async () => {
    const { options } = setup();
    const client = await MetricsClient.create(options);
    await expect(client.record({ ...run, promptId: 'Not An Id' })).rejects.toThrow();
    expect(client.pending()).toEqual([]);
  });

  test('with timers, it flushes by itself after recording', async () => {
    jest.useFakeTimers();
    try {
      const { options, sent } = setup({ timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) }, flushDelayMs: 1000 });
      const client = await MetricsClient.create(options);
      await client.record(run);
      expect(sent).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1000);
      expect(sent).toHaveLength(1);
      client.dispose();
    } finally {
      jest.useRealTimers();
    }
  });
});
