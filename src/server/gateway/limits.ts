/**
 * Per-user limits: requests per minute (sliding window) and tokens per UTC day.
 *
 * Two stores with one behaviour:
 * - memory (the default, with SQLite): one server; a restart forgives, which is acceptable for a fairness guard (the
 *   provider's own quotas remain the hard stop);
 * - PostgreSQL (AIDE_DATABASE_URL=postgres://…): every server behind the proxy counts in one row per user, so N
 *   servers give one allowance. One statement per request (an upsert on the primary key: no table scan); the row lock
 *   taken by the upsert orders concurrent requests of one user.
 *
 * Users are keyed by their Entra object id; with sign-in off, by the trial user plus the pane's random client id
 * (see limitKey in routes.ts), so one tester does not lock everyone out.
 */
import pg from 'pg';
import { GatewayError } from './errors';

export interface LimitOptions {
  perMinute: number;
  tokensPerDay: number;
  now?: () => number;
}

/** What `GET /api/limits` answers for the calling user. */
export interface LimitStatus {
  perMinute: { limit: number; remaining: number };
  perDay: { limit: number; used: number; resetsAt: string };
}

export interface LimitStore {
  /** Counts one request, or throws 429 with the reason, the seconds to wait and the reset time. */
  admit(user: string): Promise<void>;
  /** Adds a finished run's tokens to today's count. */
  spend(user: string, tokens: number): Promise<void>;
  status(user: string): Promise<LimitStatus>;
  close(): Promise<void>;
}

const MINUTE = 60_000;

/** The one user's state both stores reason on: request times of the last minute, tokens used today. */
interface UserState {
  recent: number[];
  used: number;
}

/** The refusal for a state, or null when the request may go (daily allowance first: it is the longer wait). */
function refusal(state: UserState, options: LimitOptions, now: number): GatewayError | null {
  if (state.used >= options.tokensPerDay) {
    const resetsAt = nextUtcMidnight(now);
    const wait = Math.ceil((resetsAt - now) / 1000);
    const iso = new Date(resetsAt).toISOString();
    const en = `Your daily allowance of ${options.tokensPerDay} tokens is used up; it renews at midnight UTC (in ${formatWait(wait)}).`;
    const fr = `Votre quota quotidien de ${options.tokensPerDay.toLocaleString('fr-FR')} jetons est atteint ; il se renouvelle à minuit UTC (dans ${formatWait(wait)}).`;
    return new GatewayError(429, en, 'rate_limit_error', 'tokens_per_day_exceeded', null, wait, { resetsAt: iso, retryAfter: wait, messages: { fr, en } });
  }
  if (state.recent.length >= options.perMinute) {
    const wait = Math.max(1, Math.ceil((state.recent[0]! + MINUTE - now) / 1000));
    const iso = new Date(now + wait * 1000).toISOString();
    const en = `Too many requests: the limit is ${options.perMinute} per minute; try again in ${wait} s.`;
    const fr = `Trop de demandes : la limite est de ${options.perMinute} par minute ; réessayez dans ${wait} s.`;
    return new GatewayError(429, en, 'rate_limit_error', 'requests_per_minute_exceeded', null, wait, { resetsAt: iso, retryAfter: wait, messages: { fr, en } });
  }
  return null;
}

function statusOf(state: UserState, options: LimitOptions, now: number): LimitStatus {
  return {
    perMinute: { limit: options.perMinute, remaining: Math.max(0, options.perMinute - state.recent.length) },
    perDay: { limit: options.tokensPerDay, used: state.used, resetsAt: new Date(nextUtcMidnight(now)).toISOString() },
  };
}

/** The memory store (one server). */
export class UserLimits implements LimitStore {
  private readonly requests = new Map<string, number[]>();
  private readonly tokens = new Map<string, { day: string; used: number }>();
  private readonly now: () => number;

  constructor(private readonly options: LimitOptions) {
    this.now = options.now ?? Date.now;
  }

  async admit(user: string): Promise<void> {
    const now = this.now();
    const recent = (this.requests.get(user) ?? []).filter((t) => t > now - MINUTE);
    this.requests.set(user, recent);
    const refused = refusal({ recent, used: this.used(user) }, this.options, now);
    if (refused) throw refused;
    recent.push(now);
    this.prune(now);
  }

  async spend(user: string, tokens: number): Promise<void> {
    const day = utcDay(this.now());
    const spent = this.tokens.get(user);
    if (!spent || spent.day !== day) this.tokens.set(user, { day, used: tokens });
    else spent.used += tokens;
  }

  async status(user: string): Promise<LimitStatus> {
    const now = this.now();
    const recent = (this.requests.get(user) ?? []).filter((t) => t > now - MINUTE);
    return statusOf({ recent, used: this.used(user) }, this.options, now);
  }

  /** Tokens used today. */
  used(user: string): number {
    const spent = this.tokens.get(user);
    return spent && spent.day === utcDay(this.now()) ? spent.used : 0;
  }

  async close(): Promise<void> {}

  /** Forgets users idle for a minute, so the map does not grow with every user ever seen. */
  private prune(now: number): void {
    if (this.requests.size < 1000) return;
    for (const [user, times] of this.requests) if (!times.some((t) => t > now - MINUTE)) this.requests.delete(user);
  }
}

export const LIMITS_TABLE = 'aide_user_limits';

// The request times of the last minute, the tokens of today (0 on a new day), and whether this request fits: each
// written once here and used in the SET clause, where `l` is the row before the update.
const RECENT = `ARRAY(SELECT t FROM unnest(l.times) AS t WHERE t > $2::bigint - ${MINUTE} ORDER BY t)`;
const TODAY = `(CASE WHEN l.day = $3 THEN l.day_tokens ELSE 0 END)`;
const FITS = `(cardinality(${RECENT}) < $4 AND ${TODAY} < $5)`;
const ADMIT_SQL = `INSERT INTO ${LIMITS_TABLE} AS l (user_key, times, day, day_tokens, admitted)
VALUES ($1, ARRAY[$2::bigint], $3, 0, true)
ON CONFLICT (user_key) DO UPDATE SET
  times = CASE WHEN ${FITS} THEN ${RECENT} || $2::bigint ELSE ${RECENT} END,
  day_tokens = ${TODAY},
  day = $3,
  admitted = ${FITS}
RETURNING times, day_tokens, admitted`;
const SPEND_SQL = `INSERT INTO ${LIMITS_TABLE} AS l (user_key, times, day, day_tokens, admitted)
VALUES ($1, '{}', $2, $3, true)
ON CONFLICT (user_key) DO UPDATE SET day_tokens = CASE WHEN l.day = $2 THEN l.day_tokens + $3 ELSE $3 END, day = $2`;
const CREATE_SQL = `CREATE TABLE IF NOT EXISTS ${LIMITS_TABLE} (
  user_key varchar(200) PRIMARY KEY,
  times bigint[] NOT NULL,
  day varchar(10) NOT NULL,
  day_tokens bigint NOT NULL,
  admitted boolean NOT NULL
)`;

/** Runs `CREATE TABLE IF NOT EXISTS` once per pool, under an advisory lock (two servers starting together). */
export async function ensureTable(pool: pg.Pool, name: string, createSql: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
    await client.query(createSql);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The PostgreSQL store: one allowance across every server sharing the database. */
export class PostgresLimits implements LimitStore {
  private ready: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: LimitOptions,
    private readonly ownsPool = false,
  ) {
    this.now = options.now ?? Date.now;
  }

  private async query(sql: string, params: unknown[]): Promise<pg.QueryResult> {
    try {
      this.ready ??= ensureTable(this.pool, LIMITS_TABLE, CREATE_SQL).catch((err) => {
        this.ready = null;
        throw err;
      });
      await this.ready;
      return await this.pool.query(sql, params);
    } catch {
      // Fails closed: without the shared count a user could spend N times the allowance.
      throw new GatewayError(503, 'The usage limits cannot be checked right now (database unreachable); try again in a moment.', 'server_error', 'limits_unavailable', null, 5);
    }
  }

  async admit(user: string): Promise<void> {
    const now = this.now();
    const result = await this.query(ADMIT_SQL, [user, now, utcDay(now), this.options.perMinute, this.options.tokensPerDay]);
    const row = result.rows[0] as { times: string[]; day_tokens: string; admitted: boolean };
    if (row.admitted) return;
    const refused = refusal({ recent: row.times.map(Number), used: Number(row.day_tokens) }, this.options, now);
    // The row said no, and the same rule computed here from the row it returned says why.
    if (!refused) throw new Error('limits: the database refused a request the rule admits');
    throw refused;
  }

  async spend(user: string, tokens: number): Promise<void> {
    await this.query(SPEND_SQL, [user, utcDay(this.now()), Math.max(0, Math.round(tokens))]);
  }

  async status(user: string): Promise<LimitStatus> {
    const now = this.now();
    const result = await this.query(`SELECT times, day, day_tokens FROM ${LIMITS_TABLE} WHERE user_key = $1`, [user]);
    const row = result.rows[0] as { times: string[]; day: string; day_tokens: string } | undefined;
    const recent = (row?.times ?? []).map(Number).filter((t) => t > now - MINUTE);
    const used = row && row.day === utcDay(now) ? Number(row.day_tokens) : 0;
    return statusOf({ recent, used }, this.options, now);
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}

/** The store for a configuration: PostgreSQL when the database is, memory otherwise. */
export function createLimitStore(databaseUrl: string, options: LimitOptions): LimitStore {
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) return new UserLimits(options);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined); // a dropped idle connection: the next query reconnects (see db/index.ts)
  return new PostgresLimits(pool, options, true);
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function nextUtcMidnight(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** The same in French and English: "5 h 12 min", "3 min". */
function formatWait(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.ceil((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** Tokens of a run when the provider gave no usage: about 4 characters per token. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}
