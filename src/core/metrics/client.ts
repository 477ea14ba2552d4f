/**
 * The pane's side of the metrics: a queue of anonymous events kept in a key-value storage (Office roaming settings,
 * localStorage…), so nothing is lost when Outlook is closed or the network is down; sent in batches of at most 50,
 * retried with exponential backoff and jitter, idempotently (the server ignores an event id it already has).
 * Pure TypeScript: storage, fetch, clock, timers and randomness are injected, so it runs in the pane and in tests.
 */
import { MAX_BATCH, metricEventSchema, type MetricEvent, type MetricEventInput } from './events';
import { tokenMonthOf } from './periods';

export interface KeyValueStorage {
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  set(key: string, value: string): void | Promise<void>;
}

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
}>;

export interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MetricsClientOptions {
  storage: KeyValueStorage;
  fetch: FetchLike;
  site: string;
  appVersion: string;
  /** Ingest URL; default `/api/events` (same origin as the pane). */
  endpoint?: string;
  /** Extra headers per request (e.g. the bearer token); never stored in an event. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  now?: () => number;
  /** Uniform in [0, 1), for the jitter. */
  random?: () => number;
  crypto?: RandomSource;
  /** When given, the client schedules its own flushes (after a record, and retries); otherwise call flush(). */
  timers?: Timers;
  /** Delay before sending what was recorded, to gather a batch. */
  flushDelayMs?: number;
  /** Oldest events are dropped beyond this, so a device offline for months does not fill its storage. */
  maxQueue?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  storageKey?: string;
}

interface StoredState {
  v: 1;
  queue: MetricEvent[];
  token: string | null;
  tokenCreatedAt: number;
  /** The token month (`YYYY-MM`, see ./periods.ts) the token belongs to; absent in stores written before it existed. */
  tokenMonth?: string;
  optOut: boolean;
  attempts: number;
  nextAttemptAt: number;
  surveyAskedAt: number | null;
}

export interface FlushResult {
  sent: number;
  duplicates: number;
  rejected: number;
  /** Why the last attempt failed, when it did (kept for the settings page). */
  error: string | null;
  /** Events still waiting. */
  pending: number;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

const emptyState = (): StoredState => ({
  v: 1,
  queue: [],
  token: null,
  tokenCreatedAt: 0,
  optOut: false,
  attempts: 0,
  nextAttemptAt: 0,
  surveyAskedAt: null,
});

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export class MetricsClient {
  private state: StoredState = emptyState();
  private readonly o: Required<Omit<MetricsClientOptions, 'headers' | 'timers'>> & Pick<MetricsClientOptions, 'headers' | 'timers'>;
  private flushing: Promise<FlushResult> | null = null;
  private timer: unknown = null;
  private timerAt = 0;
  private saving: Promise<void> = Promise.resolve();

  private constructor(options: MetricsClientOptions) {
    const cryptoSource = options.crypto ?? (globalThis as { crypto?: RandomSource }).crypto;
    if (!cryptoSource) throw new Error('MetricsClient needs crypto.getRandomValues');
    this.o = {
      endpoint: '/api/events',
      now: () => Date.now(),
      random: Math.random,
      flushDelayMs: 5000,
      maxQueue: 2000,
      backoffBaseMs: 2000,
      backoffMaxMs: 3_600_000,
      storageKey: 'aide.metrics.v1',
      ...options,
      crypto: cryptoSource,
    };
  }

  /** Loads the stored queue and settings (a corrupt store is started afresh rather than blocking the pane). */
  static async create(options: MetricsClientOptions): Promise<MetricsClient> {
    const client = new MetricsClient(options);
    await client.load();
    return client;
  }

  private async load(): Promise<void> {
    const raw = await this.o.storage.get(this.o.storageKey);
    if (!raw) return;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredState>;
      if (parsed.v !== 1 || !Array.isArray(parsed.queue)) return;
      const base = emptyState();
      this.state = {
        ...base,
        ...parsed,
        // Re-validate: a store written by an older version must not make the server reject whole batches.
        queue: parsed.queue.filter((e) => metricEventSchema.safeParse(e).success),
      } as StoredState;
    } catch {
      this.state = emptyState();
    }
    if (this.state.queue.length && this.o.timers) this.schedule(Math.max(0, this.state.nextAttemptAt - this.o.now()));
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.state);
    // Writes are chained so that an older snapshot never lands after a newer one.
    this.saving = this.saving.then(() => this.o.storage.set(this.o.storageKey, snapshot)).catch(() => undefined);
    return this.saving;
  }

  private uuid(): string {
    const b = this.o.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = hex(b);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /**
   * The current device token, renewed at every token month (a calendar month of whole ISO weeks, the same for every
   * device): a week or a month never spans two tokens of one device, so the dashboard counts people, not tokens.
   */
  private currentToken(now: number): string {
    const month = tokenMonthOf(now);
    if (!this.state.token || this.state.tokenMonth !== month) {
      this.state.token = hex(this.o.crypto.getRandomValues(new Uint8Array(16)));
      this.state.tokenCreatedAt = now;
      this.state.tokenMonth = month;
    }
    return this.state.token;
  }

  /**
   * Adds an event to the queue (stored at once). Returns its id, or null when the user opted out. Throws when the
   * event does not match the schema: that is a programming error, better found in tests than silently dropped.
   */
  async record(input: MetricEventInput): Promise<string | null> {
    if (this.state.optOut) return null;
    const now = this.o.now();
    const event = {
      ...input,
      id: this.uuid(),
      token: this.currentToken(now),
      ts: new Date(now).toISOString(),
      site: this.o.site,
      appVersion: this.o.appVersion,
    };
    const parsed = metricEventSchema.parse(event);
    this.state.queue.push(parsed);
    if (this.state.queue.length > this.o.maxQueue) this.state.queue.splice(0, this.state.queue.length - this.o.maxQueue);
    await this.save();
    if (this.o.timers) this.schedule(Math.max(this.o.flushDelayMs, this.state.nextAttemptAt - now));
    return parsed.id;
  }

  /** What will be sent, oldest first (shown to the user in settings). */
  pending(): MetricEvent[] {
    return this.state.queue.map((e) => ({ ...e }));
  }

  isOptedOut(): boolean {
    return this.state.optOut;
  }

  /** Opting out clears the queue: nothing recorded before is sent afterwards. Opting in again starts a new token. */
  async setOptOut(optOut: boolean): Promise<void> {
    this.state.optOut = optOut;
    if (optOut) {
      this.state.queue = [];
      this.state.token = null;
      this.state.attempts = 0;
      this.state.nextAttemptAt = 0;
      this.cancelTimer();
    }
    await this.save();
  }

  /** The weekly pulse survey: at most once a week, never when opted out. */
  shouldAskSurvey(now: number = this.o.now()): boolean {
    if (this.state.optOut) return false;
    return this.state.surveyAskedAt === null || now - this.state.surveyAskedAt >= WEEK || now < this.state.surveyAskedAt;
  }

  /** Call when the survey was shown (answered or dismissed alike): it is not shown again for a week. */
  async markSurveyAsked(now: number = this.o.now()): Promise<void> {
    this.state.surveyAskedAt = now;
    await this.save();
  }

  /** When the next send may happen (0 = now). */
  nextAttemptAt(): number {
    return this.state.nextAttemptAt;
  }

  /**
   * Sends the queue in batches of at most 50. Stops at the first failure and backs off (exponential with jitter);
   * `force` ignores the backoff (e.g. the user pressed "send now"). Concurrent calls share one run.
   */
  flush(options: { force?: boolean } = {}): Promise<FlushResult> {
    if (!this.flushing) {
      this.flushing = this.doFlush(options.force ?? false).finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async doFlush(force: boolean): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, duplicates: 0, rejected: 0, error: null, pending: this.state.queue.length };
    if (this.state.optOut || !this.state.queue.length) return result;
    if (!force && this.o.now() < this.state.nextAttemptAt) return result;
    while (this.state.queue.length && !this.state.optOut) {
      const batch = this.state.queue.slice(0, MAX_BATCH);
      const outcome = await this.send(batch);
      if (outcome.kind === 'retry') {
        this.state.attempts += 1;
        const ceiling = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** (this.state.attempts - 1));
        // "Equal jitter": half fixed, half random, so many panes coming back online do not retry in step.
        const delay = Math.round(ceiling / 2 + this.o.random() * (ceiling / 2));
        this.state.nextAttemptAt = this.o.now() + delay;
        result.error = outcome.error;
        await this.save();
        if (this.o.timers) this.schedule(delay);
        break;
      }
      // Delivered (or refused for good): remove these ids, whatever was recorded meanwhile stays.
      const done = new Set(batch.map((e) => e.id));
      this.state.queue = this.state.queue.filter((e) => !done.has(e.id));
      this.state.attempts = 0;
      this.state.nextAttemptAt = 0;
      result.sent += outcome.accepted;
      result.duplicates += outcome.duplicates;
      result.rejected += outcome.rejected;
      if (outcome.error) result.error = outcome.error;
      await this.save();
    }
    result.pending = this.state.queue.length;
    return result;
  }

  private async send(
    batch: MetricEvent[],
  ): Promise<{ kind: 'retry'; error: string } | { kind: 'done'; accepted: number; duplicates: number; rejected: number; error: string | null }> {
    let res: Awaited<ReturnType<FetchLike>>;
    try {
      const extra = this.o.headers ? await this.o.headers() : {};
      res = await this.o.fetch(this.o.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...extra },
        body: JSON.stringify({ events: batch }),
      });
    } catch (err) {
      return { kind: 'retry', error: (err as Error).message || 'network error' };
    }
    if (res.ok) {
      const body = (await res.json().catch(() => ({}))) as { accepted?: unknown; duplicates?: unknown; rejected?: unknown };
      return {
        kind: 'done',
        accepted: typeof body.accepted === 'number' ? body.accepted : batch.length,
        duplicates: typeof body.duplicates === 'number' ? body.duplicates : 0,
        rejected: Array.isArray(body.rejected) ? body.rejected.length : 0,
        error: null,
      };
    }
    // 408/429/5xx and 401/403 (token expired, proxy hiccup) are temporary: keep the events and retry later (after a
    // 401, `resume()` sends them as soon as the user is signed in again).
    if (res.status >= 500 || res.status === 408 || res.status === 429 || res.status === 401 || res.status === 403) {
      return { kind: 'retry', error: `HTTP ${res.status}` };
    }
    // Any other 4xx means the server will never take this batch: drop it rather than block the queue forever.
    return { kind: 'done', accepted: 0, duplicates: 0, rejected: batch.length, error: `HTTP ${res.status}` };
  }

  private schedule(delayMs: number): void {
    const timers = this.o.timers;
    if (!timers) return;
    const at = this.o.now() + delayMs;
    if (this.timer !== null && this.timerAt <= at) return;
    this.cancelTimer();
    this.timerAt = at;
    this.timer = timers.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null && this.o.timers) this.o.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * The user signed in again (after a 401, the queue waited): send now, without waiting for the backoff. Does
   * nothing when nothing waits.
   */
  resume(): Promise<FlushResult> {
    this.state.attempts = 0;
    this.state.nextAttemptAt = 0;
    return this.flush({ force: true });
  }

  /** Stops the scheduled flush (pane unloading). */
  dispose(): void {
    this.cancelTimer();
  }
}

/** A storage over `localStorage`-like objects (the preview page, the dashboard tests). */
export function webStorage(store: { getItem(k: string): string | null; setItem(k: string, v: string): void }): KeyValueStorage {
  return { get: (k) => store.getItem(k), set: (k, v) => store.setItem(k, v) };
}
