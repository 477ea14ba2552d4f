/**
 * Ingest fuzzed with malformed batches: never a crash (only a clear BatchError for a wrong envelope), every event is
 * either accepted, a duplicate or rejected with a reason, and nothing of an invalid event reaches the store.
 */
import fc from 'fast-check';
import { metricEventSchema, type MetricEvent } from '../../../src/core/metrics/events';
import { openDatabase, type OpenedDatabase } from '../../../src/server/db';
import { BatchError, IngestQueue, ingestBatch } from '../../../src/server/metrics/ingest';
import { ev } from './fixtures';

let store: OpenedDatabase;
beforeAll(async () => {
  store = await openDatabase('sqlite::memory:');
});
afterAll(() => store.close());

const NOW = Date.parse('2026-11-30T12:00:00Z');
const templates: (() => MetricEvent)[] = [
  () => ev.open('fz', 'secretary', 'sec-sum', 'outlook', '2026-11-03'),
  () => ev.run('fz', 'physician', 'phy-letter', 'word', '2026-11-04', 'copied'),
  () => ev.survey('fz', 'quality', '2026-11-05', false, 'lt30', 3),
  () => ev.feedback('fz', '00000000-0000-4000-8000-00000000ffff', true, '2026-11-05'),
];

const validEvent = fc.integer({ min: 0, max: templates.length - 1 }).map((i) => templates[i]!());
const mutated = fc
  .tuple(validEvent, fc.constantFrom('type', 'id', 'token', 'ts', 'site', 'role', 'promptId', 'outcome', 'comfort', 'note', 'ttftMs', '__proto__'), fc.anything())
  .map(([e, key, value]) => {
    const copy: Record<string, unknown> = { ...e };
    Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  });
const anyEvent = fc.oneof(validEvent, mutated, fc.anything(), fc.constant(null), fc.string());

async function count(): Promise<{ events: number; runs: number; opens: number }> {
  const e = await store.db.selectFrom('metric_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const a = await store.db
    .selectFrom('metric_token_week')
    .select((eb) => [eb.fn.sum<number>('runs').as('runs'), eb.fn.sum<number>('opens').as('opens')])
    .where('host', '=', '*')
    .executeTakeFirstOrThrow();
  return { events: Number(e.n), runs: Number(a.runs ?? 0), opens: Number(a.opens ?? 0) };
}

test('malformed batches: no crash, partial acceptance, no partial write', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(anyEvent, { minLength: 1, maxLength: 50 }), async (events) => {
      const before = await count();
      const result = await ingestBatch(store.db, { events }, NOW);
      const after = await count();
      expect(result.accepted + result.duplicates + result.rejected.length).toBe(events.length);
      const valid = events.map((e) => metricEventSchema.safeParse(e)).filter((p) => p.success).map((p) => p.data as MetricEvent);
      expect(result.rejected.length).toBe(events.length - valid.length);
      for (const r of result.rejected) expect(r.reason.length).toBeGreaterThan(0);
      expect(after.events - before.events).toBe(result.accepted);
      // Aggregates move only by what was accepted (duplicates and rejected events leave no trace).
      expect(after.runs - before.runs + (after.opens - before.opens)).toBeLessThanOrEqual(result.accepted);
    }),
    { numRuns: 150 },
  );
});

test('a wrong envelope is one clear error and writes nothing', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.anything(), fc.record({ events: fc.anything() }), fc.constant({ events: [] })), async (body) => {
      const before = await count();
      try {
        await ingestBatch(store.db, body, NOW);
      } catch (err) {
        expect(err).toBeInstanceOf(BatchError);
      }
      const after = await count();
      if (!(body && typeof body === 'object' && Array.isArray((body as { events?: unknown }).events))) expect(after).toEqual(before);
    }),
    { numRuns: 150 },
  );
});

test('the same batch twice: second time all duplicates', async () => {
  const batch = { events: templates.map((t) => t()) };
  const first = await ingestBatch(store.db, batch, NOW);
  const second = await ingestBatch(store.db, batch, NOW);
  expect(first).toMatchObject({ accepted: 4, duplicates: 0 });
  expect(second).toMatchObject({ accepted: 0, duplicates: 4, rejected: [] });
});

test('an event from the future is rejected with a reason', async () => {
  const e = { ...templates[0]!(), ts: '2027-01-01T00:00:00.000Z' };
  const r = await ingestBatch(store.db, { events: [e] }, NOW);
  expect(r.rejected).toEqual([{ index: 0, id: e.id, reason: expect.stringContaining('future') }]);
});

test('concurrent batches share one transaction; an id sent by two panes is accepted once', async () => {
  const q = new IngestQueue(store.db);
  const shared = templates[1]!();
  const a = [templates[0]!(), shared];
  const b = [shared, templates[2]!()];
  const [ra, rb] = await Promise.all([q.submit(a), q.submit(b)]);
  expect(ra.accepted + rb.accepted).toBe(3);
  expect(ra.duplicates + rb.duplicates).toBe(1);
  const again = await q.submit(a);
  expect(again).toEqual({ accepted: 0, duplicates: 2 });
});
