/**
 * Per-user limits: requests per minute (sliding window) and tokens per UTC day. Kept in memory: a restart forgives,
 * which is acceptable for a fairness guard (the provider's own quotas remain the hard stop). Users are keyed by their
 * Entra object id; the local trial user (AIDE_AUTH=off) is one user.
 */
import { GatewayError } from './errors';

export interface LimitOptions {
  perMinute: number;
  tokensPerDay: number;
  now?: () => number;
}

const MINUTE = 60_000;

export class UserLimits {
  private readonly requests = new Map<string, number[]>();
  private readonly tokens = new Map<string, { day: string; used: number }>();
  private readonly now: () => number;

  constructor(private readonly options: LimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Counts one request, or throws 429 with the seconds to wait. */
  admit(user: string): void {
    const now = this.now();
    const day = utcDay(now);
    const spent = this.tokens.get(user);
    if (spent && spent.day === day && spent.used >= this.options.tokensPerDay) {
      const wait = Math.ceil((nextUtcMidnight(now) - now) / 1000);
      throw new GatewayError(
        429,
        `Your daily allowance of ${this.options.tokensPerDay} tokens is used up; it renews at midnight UTC (in ${formatWait(wait)}).`,
        'rate_limit_error',
        'tokens_per_day_exceeded',
        null,
        wait,
      );
    }
    const recent = (this.requests.get(user) ?? []).filter((t) => t > now - MINUTE);
    if (recent.length >= this.options.perMinute) {
      const wait = Math.max(1, Math.ceil((recent[0]! + MINUTE - now) / 1000));
      this.requests.set(user, recent);
      throw new GatewayError(
        429,
        `Too many requests: the limit is ${this.options.perMinute} per minute; try again in ${wait} s.`,
        'rate_limit_error',
        'requests_per_minute_exceeded',
        null,
        wait,
      );
    }
    recent.push(now);
    this.requests.set(user, recent);
    this.prune(now);
  }

  /** Adds a finished run's tokens to today's count. */
  spend(user: string, tokens: number): void {
    const day = utcDay(this.now());
    const spent = this.tokens.get(user);
    if (!spent || spent.day !== day) this.tokens.set(user, { day, used: tokens });
    else spent.used += tokens;
  }

  /** Tokens used today (for tests and a future status endpoint). */
  used(user: string): number {
    const spent = this.tokens.get(user);
    return spent && spent.day === utcDay(this.now()) ? spent.used : 0;
  }

  /** Forgets users idle for a minute, so the map does not grow with every user ever seen. */
  private prune(now: number): void {
    if (this.requests.size < 1000) return;
    for (const [user, times] of this.requests) if (!times.some((t) => t > now - MINUTE)) this.requests.delete(user);
  }
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function nextUtcMidnight(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

function formatWait(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.ceil((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** Tokens of a run when the provider gave no usage: about 4 characters per token. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}
