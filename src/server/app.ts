/**
 * The one Fastify server: static add-in files (task pane, preview, dashboard, Office.js), the LLM gateway,
 * the prompt library, metrics ingest and the dashboard API.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { databaseUrl, type AideConfig } from './config';
import { databaseCheck, healthRoutes } from './health';
import { authPlugin } from './auth';
import { gatewayRoutes } from './gateway/routes';
import { metricsRoutes } from './metrics/routes';
import { promptsRoutes } from './prompts/routes';
import { createOrganizationLibrary } from './prompts/shared';
import { packageRoot } from './paths';
import { registerSecurity } from './security';
import { staticFiles } from './static';

export interface BuildOptions {
  https?: { key: string | Buffer; cert: string | Buffer } | null;
  /** Pino logger options or false; tests pass a stream to read every log line. */
  logger?: FastifyServerOptions['logger'];
}

/** A request id from a proxy is kept when it looks like one (nginx's $request_id, a UUID); anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9_.:-]{8,128}$/;

export async function buildApp(config: AideConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const requestLimits = { requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(config.requestTimeoutMs / 4))) };
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    // Mail and documents can be large; the gateway applies its own, finer limit on input size.
    bodyLimit: Math.max(config.llmMaxInputChars * 4, 1024 * 1024),
    // Headers and body must have arrived within this time: a slowly dribbled body does not hold a connection open.
    // Node checks its connections every `connectionsCheckingInterval` (30 s by default): often enough for the limit.
    ...(options.https ? { https: { ...options.https, ...requestLimits } } : { http: requestLimits }),
    requestTimeout: config.requestTimeoutMs,
    // No request bodies or headers in logs (they may hold mail content or tokens).
    logController: new LogController({ disableRequestLogging: true }),
    // X-Forwarded-* only from the configured proxies (AIDE_TRUST_PROXY); anyone else could claim any address.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // Every log line of a request carries its id (reqId): the proxy's X-Request-Id when it sent a sane one, else new.
    requestIdHeader: false,
    genReqId: (req) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
  }) as unknown as FastifyInstance;
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // One structured line per request: method, route path without the query, status, time. Never a body or a header.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, path: request.url.split('?')[0]!.slice(0, 200), status: reply.statusCode, ms: Math.round(reply.elapsedTime), ip: request.ip },
      'request',
    );
  });

  registerSecurity(app, config);
  const library = await createOrganizationLibrary(config, app.log);
  const database = databaseCheck(databaseUrl(config));
  app.addHook('onClose', async () => {
    library.close();
    await database.close();
  });
  healthRoutes(app, [database.check, async () => library.current().prompts.length > 0]);
  // What the pane needs to know to sign in and to label its output; nothing secret.
  app.get('/api/client-config', async () => ({
    auth: config.auth,
    clientId: config.authClientId ?? null,
    tenantId: config.authTenantId ?? null,
    authority: config.authAuthority ?? null,
    scopes: config.authClientId ? [`api://${config.authClientId}/access_as_user`] : [],
    provider: config.llmProvider,
    offline: config.llmProvider === 'offline',
    model: config.llmProvider === 'offline' ? 'aide-offline' : (config.llmModel ?? config.llmAzureDeployment ?? null),
    site: config.site,
  }));

  await app.register(authPlugin, { config });
  await app.register(promptsRoutes, { config, library });
  await app.register(gatewayRoutes, { config, library });
  await app.register(metricsRoutes, { config, library });

  const web = path.join(packageRoot, 'dist', 'web');
  if (!fs.existsSync(path.join(web, 'taskpane.html'))) {
    app.log.warn(`The browser bundles are missing in ${web}: run "npm run build".`);
  }
  // Compressed (br/gzip) as the browser asks, immutable when content-hashed, no-cache for HTML: see static.ts.
  await app.register(staticFiles, {
    mounts: [
      { prefix: '/office-js/', root: path.join(packageRoot, 'node_modules', '@microsoft', 'office-js', 'dist') },
      // pdf.js reads PDF attachments in the pane in a worker, which must come from a URL of the same version as the bundle.
      { prefix: '/vendor/pdfjs/', root: path.join(packageRoot, 'node_modules', 'pdfjs-dist', 'legacy', 'build'), allow: (p) => /^\/pdf\.worker(\.min)?\.mjs$/.test(p) },
      { prefix: '/assets/', root: path.join(packageRoot, 'assets') },
      // Source maps show the code to anyone: only when AIDE_SERVE_SOURCE_MAPS asks.
      { prefix: '/', root: web, allow: (p) => config.serveSourceMaps || !p.endsWith('.map') },
    ],
    pages: { '/preview': 'preview.html', '/dashboard': 'dashboard.html' },
  });
  app.get('/', async (_req, reply) => reply.redirect('/preview'));
  return app;
}
