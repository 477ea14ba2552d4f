/**
 * `GET /api/prompts`: the organisation's prompt library (builtin + AIDE_PROMPTS_DIR) with a strong ETag, so the pane
 * revalidates cheaply (304) and keeps working offline on its cached copy.
 *
 * The admin directory is watched: an edit is picked up within a second, without a restart. A file that breaks
 * is reported in the log as `file:line: message`; if an earlier version of it was valid, that version keeps being
 * served (an administrator saving a half-typed file must not make a prompt vanish from every pane in the hospital).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { PromptIssue } from '../../core/prompts';
import { requireUser } from '../auth';
import type { AideConfig } from '../config';
import { formatIssue, libraryFromDirs, loadPromptDirs, type LibraryDirs, type LoadedDir, type PromptLibrary } from './load';

export interface PromptsSnapshot extends PromptLibrary {
  etag: string;
  /** The serialized response body (computed once per reload, not per request). */
  body: string;
}

function snapshot(library: PromptLibrary): PromptsSnapshot {
  const payload = JSON.stringify({ prompts: library.prompts, errors: library.errors });
  const etag = `"${crypto.createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
  return { ...library, etag, body: JSON.stringify({ etag, prompts: library.prompts, errors: library.errors }) };
}

/**
 * Keeps, for every file that is broken now but was valid before, its last valid prompt (and says so in the error),
 * and keeps the whole previous directory when it cannot be read at all.
 */
export function keepLastGood(previous: LoadedDir | null, next: LoadedDir): LoadedDir {
  if (!previous) return next;
  if (next.unreadable) {
    return {
      entries: previous.entries,
      errors: next.errors.map((e) => ({ ...e, message: `${e.message} (the last valid library is still served)` })),
      unreadable: true,
    };
  }
  const brokenFiles = new Set(next.errors.map((e) => e.file));
  const ids = new Set(next.entries.map((e) => e.prompt.id));
  const kept = previous.entries.filter((e) => brokenFiles.has(e.file) && !ids.has(e.prompt.id));
  const keptFiles = new Set(kept.map((e) => e.file));
  const errors: PromptIssue[] = next.errors.map((e) =>
    keptFiles.has(e.file) ? { ...e, message: `${e.message} (the last valid version is still served)` } : e,
  );
  return { entries: [...next.entries, ...kept], errors, unreadable: false };
}

export interface PromptLibraryService {
  current(): PromptsSnapshot;
  /** Re-reads the directories (the watcher calls it; tests may too). */
  reload(): PromptsSnapshot;
  close(): void;
}

export function createPromptLibraryService(
  config: Pick<AideConfig, 'promptsDir'>,
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>,
  options: {
    builtinDir?: string;
    debounceMs?: number;
    watch?: boolean;
    /** The organisation directory as stored in PostgreSQL (see shared.ts); null = the local directory. */
    storedOrganization?: () => LoadedDir | null;
    /** Called on an edit of the local directory instead of reloading it; false = not handled, reload. */
    onEdit?: () => boolean;
  } = {},
): PromptLibraryService {
  let dirs: LibraryDirs | null = null;
  let state: PromptsSnapshot;
  const load = (): PromptsSnapshot => {
    const fresh = loadPromptDirs(config, options);
    const current = options.storedOrganization?.() ?? fresh.organization;
    // The builtin library ships with the release; only the admin directory changes while the server runs.
    const organization = current ? keepLastGood(dirs?.organization ?? null, current) : null;
    dirs = { builtin: fresh.builtin, organization };
    const next = snapshot(libraryFromDirs(dirs));
    for (const issue of next.errors) log.warn(`prompts: ${formatIssue(issue)}`);
    log.info(`prompts: ${next.prompts.length} prompts loaded${next.errors.length ? `, ${next.errors.length} problem(s) (see above)` : ''}`);
    return next;
  };
  state = load();

  let watcher: fs.FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  const dir = config.promptsDir ? path.resolve(config.promptsDir) : null;
  if (dir && options.watch !== false) {
    const onChange = () => {
      if (timer) clearTimeout(timer);
      // Editors write a file in several steps (truncate, write, rename): wait for the burst to end.
      timer = setTimeout(() => {
        timer = null;
        if (options.onEdit?.()) return;
        try {
          const before = state.etag;
          state = load();
          if (state.etag !== before) log.info('prompts: the organisation library changed and was reloaded');
        } catch (err) {
          log.error(`prompts: reload failed, the last valid library is still served: ${(err as Error).message}`);
        }
      }, options.debounceMs ?? 250);
    };
    try {
      watcher = fs.watch(dir, { recursive: true }, onChange);
    } catch {
      try {
        watcher = fs.watch(dir, onChange);
      } catch (err) {
        log.warn(`prompts: cannot watch ${config.promptsDir} (${(err as Error).message}); changes need a restart`);
      }
    }
    watcher?.on('error', (err) => log.warn(`prompts: watching ${config.promptsDir} stopped: ${err.message}`));
  }

  return {
    current: () => state,
    reload: () => (state = load()),
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}

/** Whether an If-None-Match header matches the ETag (weak comparison, as RFC 9110 asks for this header). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const c = candidate.trim();
    return c === '*' || c.replace(/^W\//, '') === bare;
  });
}

export async function promptsRoutes(app: FastifyInstance, opts: { config: AideConfig; library?: PromptLibraryService }): Promise<void> {
  // buildApp passes the service it also probes for /readyz (and closes it); alone, the plugin owns one.
  const library = opts.library ?? createPromptLibraryService(opts.config, app.log);
  if (!opts.library) app.addHook('onClose', async () => library.close());

  // The organisation's prompts describe internal processes: signed-in users only (AIDE_AUTH=off: the local user).
  app.get('/api/prompts', { preHandler: requireUser }, async (request, reply) => {
    const { etag, body } = library.current();
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'authorization');
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
