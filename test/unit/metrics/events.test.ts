import { eventBatchSchema, metricEventSchema, sizeBucket } from '../../../src/core/metrics/events';
import { ev } from './fixtures';

describe('metric event schema', () => {
  const run = ev.run('a', 'secretary', 'sec-summarize', 'outlook', '2026-11-03', 'inserted');

  test('accepts each event type', () => {
    for (const e of [run, ev.open('a', 'physician', 'p-1', 'word', '2026-11-03'), ev.feedback('a', run.id, true, '2026-11-03'), ev.survey('a', 'quality', '2026-11-03', true, '1to2h', 4)])
      expect(metricEventSchema.safeParse(e).success).toBe(true);
  });

  test('an unknown key (free text) rejects the event', () => {
    expect(metricEventSchema.safeParse({ ...run, comment: 'Patient Dupont' }).success).toBe(false);
    expect(metricEventSchema.safeParse({ ...ev.survey('a', undefined, '2026-11-03', true, '0', 3), note: 'x' }).success).toBe(false);
  });

  test.each([
    ['promptId', 'Résumé patient'],
    ['promptId', 'a'.repeat(81)],
    ['site', 'CHU de Paris (nord)'],
    ['token', 'not-a-token'],
    ['id', 'x'],
    ['ts', '2026-11-03 09:00'],
    ['outcome', 'sent'],
    ['host', 'excel'],
    ['ttftMs', -1],
    ['inputSize', '1234'],
    ['role', 'nurse'],
  ])('rejects a bad %s', (field, value) => {
    expect(metricEventSchema.safeParse({ ...run, [field]: value }).success).toBe(false);
  });

  test('comfort is 1 to 5 and time saved a bucket', () => {
    const s = ev.survey('a', 'secretary', '2026-11-03', true, '0', 3);
    expect(metricEventSchema.safeParse({ ...s, comfort: 6 }).success).toBe(false);
    expect(metricEventSchema.safeParse({ ...s, comfort: 0 }).success).toBe(false);
    expect(metricEventSchema.safeParse({ ...s, timeSaved: '45min' }).success).toBe(false);
  });

  test('a batch holds 1 to 50 events and nothing else', () => {
    expect(eventBatchSchema.safeParse({ events: [] }).success).toBe(false);
    expect(eventBatchSchema.safeParse({ events: Array(51).fill(run) }).success).toBe(false);
    expect(eventBatchSchema.safeParse({ events: Array(50).fill(run) }).success).toBe(true);
    expect(eventBatchSchema.safeParse({ events: [run], user: 'x' }).success).toBe(false);
  });

  test('sizes go in buckets', () => {
    expect([0, 999, 1000, 4999, 5000, 19999, 20000, 99999, 100000].map(sizeBucket)).toEqual([
      'lt1k', 'lt1k', '1to5k', '1to5k', '5to20k', '5to20k', '20to100k', '20to100k', 'gt100k',
    ]);
  });
});
