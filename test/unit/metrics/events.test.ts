import { eventBatchSchema, metricEventSchema, metricPromptId, sizeBucket } from '../../../src/core/metrics/events';
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
    ['site', 'Claire.Dubois'],
    ['site', 'claire.dubois'],
    ['site', 'chu_nord'],
    ['site', '-nord'],
    ['appVersion', 'Claire.Dubois'],
    ['appVersion', '1.2'],
    ['appVersion', '1.2.3-claire'],
    ['promptId', 'reponse-'],
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

  test('the strict shapes still take what Aide sends: sites like chu-nord, versions like 0.1.0 or 1.2.0-rc.1, personal', () => {
    for (const [field, value] of [['site', 'chu-nord'], ['site', 'default'], ['site', 'a'], ['appVersion', '0.1.0'], ['appVersion', '1.2.0-rc.1'], ['promptId', 'personal']])
      expect(metricEventSchema.safeParse({ ...run, [field]: value }).success).toBe(true);
  });

  test('a personal prompt is recorded as "personal" (its id is the user\'s words); a library prompt by its id', () => {
    expect(metricPromptId({ id: 'reponse-mme-claire-dubois', origin: 'personal' })).toBe('personal');
    expect(metricPromptId({ id: 'summarize-mail', origin: 'builtin' })).toBe('summarize-mail');
    expect(metricPromptId({ id: 'courrier-service', origin: 'admin' })).toBe('courrier-service');
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
