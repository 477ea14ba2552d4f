/**
 * Probes for a load balancer, systemd or an orchestrator, without sign-in and without detail that would help an
 * attacker (no version, no database name, no reason beyond "not ready"):
 * - `GET /healthz`: the process is up and answers (200 `{"status":"ok"}`);
 * - `GET /readyz`: it can serve: the database answers and the prompt library is loaded (200 `{"status":"ready"}`,
 *   else 503 `{"status":"not ready"}`). While the server drains on SIGTERM, Fastify answers 503 to every new request,
 *   this one included, so the proxy stops sending it work.
 * The readiness result is kept a second, so hammering the probe does not hammer the database.
 */
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';

export type ReadinessCheck = () => Promise<boolean>;

/** Whether the database answers `SELECT 1` (PostgreSQL: within 2 s on a pool of one; SQLite: the file opens). */
export function databaseCheck(url: string): { check: ReadinessCheck; close(): Promise<void> } {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 2000, idleTimeoutMillis: 10000 });
    pool.on('error', () => undefined); // a dropped idle connection is seen by the next probe
    return {
      check: () => pool.query({ text: 'SELECT 1 AS ok', query_timeout: 2000 } as pg.QueryConfig).then(() => true, () => false),
      close: () => pool.end(),
    };
  }
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  return {
    check: async () => {
      if (file === ':memory:') return true;
      try {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        try {
          db.prepare('SELECT 1').get();
          return true;
        } finally {
          db.close();
        }
      } catch {
        return false;
      }
    },
    close: async () => undefined,
  };
}

export function healthRoutes(app: FastifyInstance, checks: ReadinessCheck[], cacheMs = 1000): void {
  let cached: { at: number; ready: Promise<boolean> } | null = null;
  const ready = (): Promise<boolean> => {
    const now = Date.now();
    if (!cached || now - cached.at > cacheMs) {
      cached = { at: now, ready: Promise.all(checks.map((c) => c().catch(() => false))).then((all) => all.every(Boolean)) };
    }
    return cached.ready;
  };
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', async (_request, reply) => reply.headers(noStore).send({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) =>
    (await ready()) ? reply.headers(noStore).send({ status: 'ready' }) : reply.code(503).headers(noStore).send({ status: 'not ready' }),
  );
}
