/**
 * Headers on every response, and the checks that keep a local trial local.
 *
 * - A Content-Security-Policy per page: everything from this server only (`default-src 'self'`), images from here or
 *   inline data, connections to this server plus the sign-in host (MSAL's token endpoint) and, for the Outlook pane,
 *   Microsoft Graph. So even if model output slipped an image or a CSS `url()` past the answer sanitizer, the browser
 *   would not fetch it. `frame-ancestors`: the Office hosts for the pages Office shows in a frame (task pane, ribbon
 *   commands, sign-in dialog), `'none'` for the dashboard and the preview. API answers get `default-src 'none'`.
 *   Measured with Chromium (test/e2e/headers.test.ts): the pages, Office.js and Fluent UI run with no violation but
 *   `eval` probes of libraries (zod, pdf.js: `try { new Function('') } catch`), which fall back: no 'unsafe-eval'.
 *   `style-src 'unsafe-inline'`: Fluent UI writes its styles into <style> elements at run time; a style cannot fetch
 *   anything here anyway (img-src, font-src and connect-src hold), and the answer keeps no style attribute.
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` everywhere.
 * - With AIDE_AUTH=off the server only answers requests whose Host is a loopback name: a web page elsewhere cannot
 *   reach the local trial server through DNS rebinding (a name of its own that resolves to 127.0.0.1).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLoopback, type AideConfig } from './config';
import { DEFAULT_AUTHORITY } from './auth';

/** Where Office shows add-in pages in a frame (Outlook on the web, Office for the web, new Outlook, Microsoft 365). */
export const OFFICE_FRAME_ANCESTORS = [
  "'self'",
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.outlook.com',
  'https://outlook.live.com',
  'https://*.sharepoint.com',
  'https://*.cloud.microsoft',
];

export const GRAPH_ORIGIN = 'https://graph.microsoft.com';

/** The pages Office frames; every other HTML page refuses to be framed. */
const OFFICE_PAGES = new Set(['/taskpane.html', '/commands.html', '/auth-dialog.html']);

export function contentSecurityPolicy(config: AideConfig, page: 'office' | 'page' | 'api'): string {
  if (page === 'api') return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
  const authority = config.auth === 'entra' ? (config.authAuthority ?? DEFAULT_AUTHORITY) : null;
  const connect = ["'self'", ...(authority ? [authority] : []), ...(page === 'office' ? [GRAPH_ORIGIN] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    // pdf.js reads attachments in a worker served from /vendor/pdfjs.
    "worker-src 'self'",
    // MSAL renews a token in a hidden frame of the sign-in host when its refresh token cannot be used.
    `frame-src ${authority ? authority : "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${page === 'office' ? OFFICE_FRAME_ANCESTORS.join(' ') : "'none'"}`,
  ].join('; ');
}

/** The host name of a Host header (`[::1]:3000` → `::1`, `localhost:3000` → `localhost`). */
export function hostnameOf(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1]!;
  return hostHeader.replace(/:\d+$/, '');
}

function pageKind(request: FastifyRequest, contentType: string): 'office' | 'page' | 'api' {
  if (!contentType.startsWith('text/html')) return 'api';
  const path = request.url.split('?')[0]!;
  return OFFICE_PAGES.has(path) ? 'office' : 'page';
}

export function registerSecurity(app: FastifyInstance, config: AideConfig): void {
  if (config.auth === 'off') {
    app.addHook('onRequest', async (request, reply) => {
      const host = request.headers.host ?? '';
      if (!isLoopback(hostnameOf(host))) {
        await reply
          .code(421)
          .type('text/plain; charset=utf-8')
          .send(
            `Refusé : sans connexion (AIDE_AUTH=off) ce serveur ne répond qu'à localhost / 127.0.0.1.\n` +
              `Refused: with sign-in off (AIDE_AUTH=off) this server only answers requests to localhost / 127.0.0.1 (Host was ${JSON.stringify(host.slice(0, 100))}).\n`,
          );
      }
    });
  }
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    const type = String(reply.getHeader('content-type') ?? '');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', contentSecurityPolicy(config, pageKind(request, type)));
    return payload;
  });
}
