/** Per-user limits with an injected clock: the sliding minute, the UTC day, Retry-After values. */
import { UserLimits } from '../../../src/server/gateway/limits';
import { GatewayError } from '../../../src/server/gateway/errors';

function refusal(fn: () => void): GatewayError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

test('requests per minute: sliding window per user, Retry-After until the oldest request leaves it', () => {
  const clock = { t: Date.UTC(2026, 0, 10, 12, 0, 0) };
  const limits = new UserLimits({ perMinute: 3, tokensPerDay: 10000, now: () => clock.t });
  limits.admit('alice');
  clock.t += 10_000;
  limits.admit('alice');
  limits.admit('alice');
  limits.admit('bob'); // another user is not affected
  const err = refusal(() => limits.admit('alice'));
  expect(err.status).toBe(429);
  expect(err.code).toBe('requests_per_minute_exceeded');
  expect(err.retryAfter).toBe(50);
  clock.t += 50_001;
  expect(() => limits.admit('alice')).not.toThrow();
});

test('tokens per day: refused once spent, renewed at midnight UTC', () => {
  const clock = { t: Date.UTC(2026, 0, 10, 23, 0, 0) };
  const limits = new UserLimits({ perMinute: 100, tokensPerDay: 1000, now: () => clock.t });
  limits.admit('alice');
  limits.spend('alice', 600);
  limits.admit('alice');
  limits.spend('alice', 600);
  expect(limits.used('alice')).toBe(1200);
  const err = refusal(() => limits.admit('alice'));
  expect(err.code).toBe('tokens_per_day_exceeded');
  expect(err.retryAfter).toBe(3600);
  expect(err.message).toMatch(/1000 tokens.*midnight UTC/);
  clock.t += 3600_000;
  expect(limits.used('alice')).toBe(0);
  expect(() => limits.admit('alice')).not.toThrow();
});
