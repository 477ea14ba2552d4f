/**
 * The add-in's static files: the built pages (dist/web), Office.js, the pdf.js worker and the assets.
 * - Compressed as the browser asks (`Accept-Encoding`): Brotli, else gzip, else as is. The build writes `.br` and `.gz`
 *   beside each page file (webpack.config.js); any other file (Office.js, the worker) is compressed on its first
 *   request, off the event loop, and kept in memory (bounded), so each file is compressed once per server start.
 * - Cached by what the name says: a content-hashed file (`taskpane.1a2b3c4d.js`) never changes, so it is
 *   `immutable` for a year; an HTML page is `no-cache` (revalidated with its ETag, so a new build shows at once);
 *   anything else (Office.js, assets) is kept an hour and revalidated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface StaticMount {
  /** URL prefix, ending with '/'. */
  prefix: string;
  root: string;
  /** Which paths (relative to the root, with a leading '/') may be served; all when absent. */
  allow?: (relativePath: string) => boolean;
}

export interface StaticOptions {
  mounts: StaticMount[];
  /** Short names for pages of the last mount (the built pages): '/preview' → 'preview.html'. */
  pages?: Record<string, string>;
  /** Bytes of compressed output kept in memory for files the build did not compress (default 64 MB). */
  cacheBytes?: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};
/** Already compressed formats gain nothing from a second pass. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.xml', '.ico', '.wasm']);
/** webpack's `[name].[contenthash:8].js` and its chunks (`123.1a2b3c4d.js`, `run.1a2b3c4d.js`). */
const HASHED = /\.[0-9a-f]{8}\.(js|mjs|css)(\.map)?$/;
/** Below this, compression costs more than it saves. */
const MIN_COMPRESS = 1024;

/** The best encoding the request accepts: Brotli first (smaller), then gzip; `q=0` refuses one. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    accepted.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export function cacheControlFor(file: string): string {
  if (HASHED.test(file)) return 'public, max-age=31536000, immutable';
  if (file.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Compressed copies of the files the build left uncompressed, keyed by file, version and encoding; oldest out first. */
class CompressedCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private readonly sizes = new Map<string, number>();
  private total = 0;
  constructor(private readonly limit: number) {}

  get(file: string, version: string, encoding: 'br' | 'gzip'): Promise<Buffer> {
    const key = `${encoding}:${version}:${file}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const made = fs.promises.readFile(file).then((raw) =>
      encoding === 'br'
        ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gzip(raw, { level: 9 }),
    );
    this.entries.set(key, made);
    made.then(
      (buf) => this.account(key, buf.length),
      () => this.entries.delete(key),
    );
    return made;
  }

  private account(key: string, size: number): void {
    if (!this.entries.has(key)) return;
    this.sizes.set(key, size);
    this.total += size;
    for (const [old, oldSize] of this.sizes) {
      if (this.total <= this.limit) break;
      this.sizes.delete(old);
      this.entries.delete(old);
      this.total -= oldSize;
    }
  }
}

interface Resolved {
  file: string;
  stat: fs.Stats;
}

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const stat = await fs.promises.stat(file);
    return stat.isFile() ? stat : null;
  } catch {
    return null;
  }
}

/** The file under `root` for a URL path, or null (outside the root, a directory, hidden, absent). */
async function resolveUnder(mount: StaticMount, urlPath: string): Promise<Resolved | null> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.split('/').some((seg) => seg.startsWith('.'))) return null;
  if (mount.allow && !mount.allow(relative)) return null;
  const root = path.resolve(mount.root);
  const file = path.resolve(root, '.' + relative);
  if (!file.startsWith(root + path.sep)) return null;
  const stat = await statFile(file);
  return stat ? { file, stat } : null;
}

export async function staticFiles(app: FastifyInstance, options: StaticOptions): Promise<void> {
  const cache = new CompressedCache(options.cacheBytes ?? 64 * 1024 * 1024);

  async function send(request: FastifyRequest, reply: FastifyReply, { file, stat }: Resolved): Promise<FastifyReply> {
    const ext = path.extname(file).toLowerCase();
    const compressible = COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS;
    const wanted = compressible ? chooseEncoding(request.headers['accept-encoding']) : 'identity';
    let body: Buffer | fs.ReadStream;
    let length = stat.size;
    let encoding: Encoding = 'identity';
    const version = `${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}`;
    if (wanted !== 'identity') {
      const built = `${file}.${wanted === 'br' ? 'br' : 'gz'}`;
      const builtStat = await statFile(built);
      encoding = wanted;
      if (builtStat && builtStat.mtimeMs >= stat.mtimeMs - 1000) {
        body = fs.createReadStream(built);
        length = builtStat.size;
      } else {
        body = await cache.get(file, version, wanted);
        length = body.length;
      }
    } else {
      body = fs.createReadStream(file);
    }
    const etag = `"${version}${encoding === 'identity' ? '' : '-' + encoding}"`;
    reply
      .header('content-type', TYPES[ext] ?? 'application/octet-stream')
      .header('cache-control', cacheControlFor(file))
      .header('etag', etag)
      .header('last-modified', stat.mtime.toUTCString());
    if (compressible) reply.header('vary', 'accept-encoding');
    const known = (request.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (known.includes(etag)) {
      if (body instanceof fs.ReadStream) body.destroy();
      return reply.code(304).send();
    }
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    reply.header('content-length', length);
    return reply.send(body);
  }

  const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'not found', message: 'Fichier introuvable. / File not found.' });

  for (const mount of options.mounts) {
    app.route({
      method: 'GET',
      url: `${mount.prefix}*`,
      handler: async (request, reply) => {
        const rest = (request.params as { '*': string })['*'] ?? '';
        const found = await resolveUnder(mount, '/' + rest.split('?')[0]);
        return found ? send(request, reply, found) : notFound(reply);
      },
    });
  }
  const pagesRoot = options.mounts[options.mounts.length - 1];
  for (const [url, page] of Object.entries(options.pages ?? {})) {
    app.route({
      method: 'GET',
      url,
      handler: async (request, reply) => {
        const found = pagesRoot ? await resolveUnder(pagesRoot, '/' + page) : null;
        return found ? send(request, reply, found) : notFound(reply);
      },
    });
  }
}
