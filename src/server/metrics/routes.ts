/**
 * Metrics ingest and the dashboard API.
 *  - POST /api/events: a batch of at most 50 anonymous events; partial acceptance, idempotent on event id,
 *    body size and rate limited. Only the event fields are stored: no IP address, no user, even when signed in.
 *  - GET /api/dashboard/report(.csv), GET|PUT /api/dashboard/headcount: program lead only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireRole, requireUser } from '../auth';
import { databaseUrl, type AideConfig } from '../config';
import { openDatabase, type OpenedDatabase } from '../db';
import { promptIdRecorder } from '../prompts/known-ids';
import type { PromptLibraryService } from '../prompts/routes';
import { applyRetention, BatchError, IngestQueue, validateBatch } from './ingest';
import { minutesSavedFor } from './minutes';
import { buildReport, headcountSchema, parseReportFilters, readHeadcount, ReportFilterError, reportToCsv, writeHeadcount } from './report';

/** 50 events of a few hundred bytes each fit easily; anything bigger is not a real client. */
export const EVENTS_BODY_LIMIT = 64 * 1024;
const DAY = 86_400_000;

declare module 'fastify' {
  interface FastifyInstance {
    metricsStore: OpenedDatabase;
  }
}

function error(reply: FastifyReply, status: number, message: string, code: string) {
  return reply.code(status).send({ error: { message, type: status === 429 ? 'rate_limit_error' : 'invalid_request_error', code } });
}

/**
 * Per-client limit on batches (sliding one-minute window), in memory only. The key is the signed-in user when there
 * is one (a hospital's proxy can put thousands of users behind one address), the address otherwise; neither is stored.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}
  /** Returns 0 when allowed, or the seconds to wait. */
  take(key: string): number {
    const t = this.now();
    const list = (this.hits.get(key) ?? []).filter((x) => t - x < 60_000);
    if (list.length >= this.perMinute) {
      this.hits.set(key, list);
      return Math.max(1, Math.ceil((list[0]! + 60_000 - t) / 1000));
    }
    list.push(t);
    this.hits.set(key, list);
    if (this.hits.size > 50_000) for (const [k, v] of this.hits) if (!v.length || t - v[v.length - 1]! >= 60_000) this.hits.delete(k);
    return 0;
  }
}

export async function metricsRoutes(app: FastifyInstance, opts: { config: AideConfig; library: Pick<PromptLibraryService, 'current'> }): Promise<void> {
  const { config } = opts;
  // A prompt id the library does not have is stored as `personal`, whatever the pane sent (see known-ids.ts).
  const recordPromptId = promptIdRecorder(opts.library);
  const store = await openDatabase(databaseUrl(config));
  app.decorate('metricsStore', store);
  const runRetention = async () => {
    try {
      const { events } = await applyRetention(store.db, config.metricsRetentionDays);
      if (events) app.log.info(`metrics retention: ${events} events older than ${config.metricsRetentionDays} days deleted`);
    } catch (err) {
      app.log.error(`metrics retention failed: ${(err as Error).message}`);
    }
  };
  await runRetention();
  const timer = setInterval(() => void runRetention(), DAY);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await store.close();
  });

  // A pane sends a batch every few seconds at most; 120 a minute leaves room for a queue drained after days offline.
  const limiter = new RateLimiter(Math.max(120, config.rateLimitPerMinute));
  const queue = new IngestQueue(store.db);

  app.post(
    '/api/events',
    { bodyLimit: EVENTS_BODY_LIMIT, preHandler: requireUser },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const key = request.aideUser?.oid ?? request.ip;
      const wait = limiter.take(key);
      if (wait) {
        reply.header('retry-after', String(wait));
        return error(reply, 429, `Too many batches; retry in ${wait} s`, 'rate_limited');
      }
      let valid;
      try {
        valid = validateBatch(request.body, Date.now(), recordPromptId);
      } catch (err) {
        if (err instanceof BatchError) return error(reply, 400, err.message, 'invalid_batch');
        throw err;
      }
      try {
        const { accepted, duplicates } = await queue.submit(valid.events);
        return reply.code(200).send({ accepted, duplicates, rejected: valid.rejected });
      } catch (err) {
        request.log.error(`metrics ingest failed: ${(err as Error).message}`);
        return error(reply, 503, 'The metrics store is unavailable; the events stay queued on the device', 'store_unavailable');
      }
    },
  );

  const lead = requireRole(config.authDashboardRole);

  const report = async (request: FastifyRequest) => {
    const filters = parseReportFilters((request.query ?? {}) as Record<string, unknown>);
    return buildReport(store.db, filters, { k: config.metricsK, minutesSaved: minutesSavedFor(config) });
  };

  app.get('/api/dashboard/report', { preHandler: lead }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      return reply.send(await report(request));
    } catch (err) {
      if (err instanceof ReportFilterError) return error(reply, 400, err.message, 'invalid_filter');
      throw err;
    }
  });

  app.get('/api/dashboard/report.csv', { preHandler: lead }, async (request, reply) => {
    try {
      const r = await report(request);
      reply.header('cache-control', 'no-store');
      reply.header('content-type', 'text/csv; charset=utf-8');
      // ?format=excel-fr: ';' and decimal comma for French Excel; otherwise ',' and a point (scripts). The BOM lets
      // Excel open the UTF-8 file with the right accents.
      const dialect = (request.query as Record<string, unknown>).format === 'excel-fr' ? 'excel-fr' : 'script';
      reply.header('content-disposition', `attachment; filename="aide-metrics-${r.filters.since}-${r.filters.until}${dialect === 'excel-fr' ? '-excel' : ''}.csv"`);
      return reply.send('\uFEFF' + reportToCsv(r, dialect));
    } catch (err) {
      if (err instanceof ReportFilterError) return error(reply, 400, err.message, 'invalid_filter');
      throw err;
    }
  });

  app.get('/api/dashboard/headcount', { preHandler: lead }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.send({ headcount: await readHeadcount(store.db) });
  });

  app.put('/api/dashboard/headcount', { preHandler: lead, bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const parsed = headcountSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return error(reply, 400, `headcount: ${issue.path.join('.')}: ${issue.message}`, 'invalid_headcount');
    }
    await writeHeadcount(store.db, parsed.data.headcount);
    return reply.send({ headcount: await readHeadcount(store.db) });
  });
}
