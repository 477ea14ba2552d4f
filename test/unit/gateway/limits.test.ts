/** Per-user limits (memory store) with an injected clock: the sliding minute, the UTC day, Retry-After, the 429 body. */
import { UserLimits } from '../../../src/server/gateway/limits';
import { GatewayError } from '../../../src/server/gateway/errors';

async function refusal(fn: () => Promise<void>): Promise<GatewayError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

test('requests per minute: sliding window per user, Retry-After until the oldest request leaves it', async () => {
  const clock = { t: Date.UTC(2026, 0, 10, 12, 0, 0) };
  const limits = new UserLimits({ perMinute: 3, tokensPerDay: 10000, now: () => clock.t });
  await limits.admit('alice');
  clock.t += 10_000;
  await limits.admit('alice');
  expect((await limits.status('alice')).perMinute).toEqual({ limit: 3, remaining: 1 });
  await limits.admit('alice');
  await limits.admit('bob'); // another user is not affected
  const err = await refusal(() => limits.admit('alice'));
  expect(err.status).toBe(429);
  expect(err.code).toBe('requests_per_minute_exceeded');
  expect(err.retryAfter).toBe(50);
  const body = err.toJSON().error;
  expect(body.resetsAt).toBe(new Date(clock.t + 50_000).toISOString());
  expect((body.messages as { fr: string }).fr).toMatch(/3 par minute.*50 s/);
  clock.t += 50_001;
  await expect(limits.admit('alice')).resolves.toBeUndefined();
});

test('tokens per day: refused once spent, renewed at midnight UTC, with resetsAt and the sentence in fr and en', async () => {
  const clock = { t: Date.UTC(2026, 0, 10, 23, 0, 0) };
  const limits = new UserLimits({ perMinute: 100, tokensPerDay: 1000, now: () => clock.t });
  await limits.admit('alice');
  await limits.spend('alice', 600);
  await limits.admit('alice');
  await limits.spend('alice', 600);
  expect(limits.used('alice')).toBe(1200);
  expect((await limits.status('alice')).perDay).toEqual({ limit: 1000, used: 1200, resetsAt: '2026-01-11T00:00:00.000Z' });
  const err = await refusal(() => limits.admit('alice'));
  expect(err.code).toBe('tokens_per_day_exceeded');
  expect(err.retryAfter).toBe(3600);
  expect(err.message).toMatch(/1000 tokens.*midnight UTC/);
  const body = err.toJSON().error;
  expect(body).toMatchObject({ resetsAt: '2026-01-11T00:00:00.000Z', retryAfter: 3600 });
  expect(body.messages).toEqual({ en: err.message, fr: expect.stringMatching(/quota quotidien de 1\u202f000 jetons.*minuit UTC.*1 h 0 min/) });
  clock.t += 3600_000;
  expect(limits.used('alice')).toBe(0);
  await expect(limits.admit('alice')).resolves.toBeUndefined();
});
