import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildApp } from '../../server/app';
import { databaseUrl, effectivePrivacy, loadConfig, publicUrl, type ConfigInput } from '../../server/config';
import { ensureTls } from '../../server/tls';
import { warmUpDetection } from '../../core/privacy';
import { packageRoot, packageVersion } from '../../server/paths';

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the Aide server: task pane, preview, dashboard, LLM gateway, metrics (what `npm start` runs)')
    .option('--port <n>', 'port to listen on (AIDE_PORT, default 3000)')
    .option('--host <name>', 'host name or address to bind (AIDE_HOST, default localhost)')
    .option('--data-dir <dir>', 'where the database, certificates and logs go (AIDE_DATA_DIR, default ./data)')
    .option('--http', 'plain HTTP, for use behind a TLS-terminating proxy (AIDE_PROTOCOL=http)')
    .action(async (opts: { port?: string; host?: string; dataDir?: string; http?: boolean }) => {
      const overrides: ConfigInput = { port: opts.port, host: opts.host, dataDir: opts.dataDir };
      if (opts.http) overrides.protocol = 'http';
      const config = loadConfig(overrides);
      fs.mkdirSync(config.dataDir, { recursive: true });
      const tls = config.protocol === 'https' ? await ensureTls(config) : null;
      const app = await buildApp(config, { https: tls ? { key: tls.key, cert: tls.cert } : null });
      const bindHost = config.host === 'localhost' ? '127.0.0.1' : config.host;
      // The gateway's detection builds its lexicon, model and dictionaries now, not at the first user's request.
      if (effectivePrivacy(config) !== 'off') warmUpDetection();
      await app.listen({ port: config.port, host: bindHost });
      const address = app.server.address();
      const port = address && typeof address === 'object' ? address.port : config.port;
      const base = publicUrl({ ...config, port });
      const lines = [
        '',
        `Aide ${packageVersion} is running.`,
        `  Preview (try it in a browser)  ${base}/preview`,
        `  Task pane (for Office)         ${base}/taskpane.html`,
        `  Dashboard                      ${base}/dashboard`,
        `  LLM gateway (OpenAI API)       ${base}/v1  — provider: ${config.llmProvider}, privacy: ${effectivePrivacy(config)}`,
        `  Metrics ingest                 ${base}/api/events`,
        `  Data directory                 ${config.dataDir}`,
        `  Database                       ${redact(databaseUrl(config))}`,
        `  Manifests                      ${path.join(packageRoot, 'manifest.json')} (unified: Outlook and Word), ${path.join(packageRoot, 'manifest.xml')} (Outlook), ${path.join(packageRoot, 'manifest.word.xml')} (Word); aide manifest --base-url … writes them for a deployment`,
      ];
      if (tls) lines.push(`  Certificate                    ${tls.certPath}${tls.created ? ' (self-signed, created now: trust it once, see README)' : ''}`);
      if (config.auth === 'off') lines.push('  WARNING: AIDE_AUTH=off — no sign-in, for local trials only (bound to loopback).');
      const stale = staleBuilds();
      if (stale.length) {
        lines.push(`  WARNING: the build is older than the sources (${stale.join('; ')}): \`npm start\` rebuilds what changed.`);
        lines.push(`  ATTENTION : la version construite est plus ancienne que les sources : \`npm start\` reconstruit ce qui a changé.`);
      }
      lines.push('Press Ctrl-C to stop.', '');
      process.stdout.write(lines.join('\n'));
      let stopping = false;
      // Drain: stop accepting (new requests on open connections get 503, /readyz too), let the streams in flight
      // finish, then exit; after AIDE_SHUTDOWN_TIMEOUT_MS the remaining connections are cut.
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`\n${signal} received: stopping Aide (streams in flight may take up to ${Math.round(config.shutdownTimeoutMs / 1000)} s)…\n`);
        app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'draining');
        const cut = setTimeout(() => {
          app.log.warn('drain timeout: closing the connections still open');
          app.server.closeAllConnections();
        }, config.shutdownTimeoutMs);
        cut.unref();
        const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5000);
        force.unref();
        app.close().then(
          () => {
            process.stdout.write('Aide stopped.\n');
            process.exit(0);
          },
          (err: Error) => {
            process.stderr.write(`aide: error while stopping: ${err.message}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    });
}

/** In a source checkout, which builds (server, web) are older than their sources (scripts/build-state.js). */
function staleBuilds(): string[] {
  const file = path.join(packageRoot, 'scripts', 'build-state.js');
  if (!fs.existsSync(file)) return [];
  const state = require(file) as { isSourceCheckout(): boolean; staleReason(kind: 'server' | 'web'): string | null };
  if (!state.isSourceCheckout()) return [];
  return (['server', 'web'] as const).flatMap((kind) => {
    const reason = state.staleReason(kind);
    return reason ? [`${kind}: ${reason}`] : [];
  });
}

/** Never print a database password. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
