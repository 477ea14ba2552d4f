/**
 * The organisation's prompt library shared through PostgreSQL (AIDE_DATABASE_URL=postgres://…), so that every server
 * behind the proxy serves the same library with the same ETag, even when each reads its own disk.
 *
 * One row holds the organisation directory's files as text (named as the publishing server shows them) and their
 * hash. A server with AIDE_PROMPTS_DIR publishes its directory when an administrator edits it (the watcher), and at
 * start when the database has none yet or its directory was changed after the stored one (a server restarted with
 * a stale copy does not overwrite a newer library). Every server checks the row's hash every few seconds (one
 * primary-key read) and rebuilds its library from the stored files when it changed. Builtin prompts still come
 * from each server's own release.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureTable } from '../gateway/limits';
import { databaseUrl, type AideConfig } from '../config';
import { createPromptLibraryService, type PromptLibraryService } from './routes';
import { listPromptFiles, parsePromptFiles, readPromptFiles, type LoadedDir, type PromptFile } from './load';

export const PROMPTS_TABLE = 'aide_prompt_library';
const CREATE_SQL = `CREATE TABLE IF NOT EXISTS ${PROMPTS_TABLE} (
  name varchar(40) PRIMARY KEY,
  files text NOT NULL,
  hash varchar(64) NOT NULL,
  updated_at bigint NOT NULL
)`;
const ROW = 'organization';

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

export interface SharedLibrary {
  /** The organisation directory as stored (null: nothing stored yet, serve the local directory if any). */
  current(): LoadedDir | null;
  /** Publishes the local directory (after an edit) and takes it as current. */
  publishLocal(): Promise<void>;
  close(): Promise<void>;
}

function hashOf(files: PromptFile[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(files)).digest('hex');
}

/** The newest modification time in the directory (0 when unreadable): whether the local copy is newer. */
function newestChange(dir: string): number {
  try {
    return Math.max(fs.statSync(dir).mtimeMs, ...listPromptFiles(dir).map((f) => fs.statSync(f).mtimeMs));
  } catch {
    return 0;
  }
}

export async function shareLibrary(
  databaseUrl: string,
  config: Pick<AideConfig, 'promptsDir'>,
  log: Log,
  onChange: () => void,
  options: { pollMs?: number } = {},
): Promise<SharedLibrary> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined); // a dropped idle connection: the next poll reconnects
  await ensureTable(pool, PROMPTS_TABLE, CREATE_SQL);
  const dir = config.promptsDir ? path.resolve(config.promptsDir) : null;
  let hash: string | null = null;
  let stored: LoadedDir | null = null;

  const take = (files: PromptFile[], rowHash: string) => {
    hash = rowHash;
    stored = parsePromptFiles(files, 'organization');
  };
  const fetchRow = async (): Promise<{ files: string; hash: string; updated_at: string } | undefined> =>
    (await pool.query(`SELECT files, hash, updated_at FROM ${PROMPTS_TABLE} WHERE name = $1`, [ROW])).rows[0];

  const publish = async (onlyIfNewer: boolean): Promise<void> => {
    if (!dir || !config.promptsDir) return;
    const read = readPromptFiles(dir, config.promptsDir);
    // An unreadable directory (unmounted, permissions) never replaces the stored library.
    if (read.unreadable) {
      log.warn(`prompts: ${config.promptsDir} cannot be read; the library stored in PostgreSQL is served`);
      return;
    }
    const localHash = hashOf(read.files);
    const changedAt = Math.round(onlyIfNewer ? newestChange(dir) : Date.now());
    const condition = onlyIfNewer ? `WHERE ${PROMPTS_TABLE}.hash <> EXCLUDED.hash AND ${PROMPTS_TABLE}.updated_at < EXCLUDED.updated_at` : `WHERE ${PROMPTS_TABLE}.hash <> EXCLUDED.hash`;
    const result = await pool.query(
      `INSERT INTO ${PROMPTS_TABLE} (name, files, hash, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET files = EXCLUDED.files, hash = EXCLUDED.hash, updated_at = EXCLUDED.updated_at ${condition}`,
      [ROW, JSON.stringify(read.files), localHash, changedAt],
    );
    if (result.rowCount) log.info(`prompts: the organisation library of ${config.promptsDir} was published to PostgreSQL for every server`);
  };

  const poll = async (): Promise<void> => {
    const row = await fetchRow();
    if (row && row.hash !== hash) {
      take(JSON.parse(row.files) as PromptFile[], row.hash);
      onChange();
    }
  };

  await publish(true);
  const first = await fetchRow();
  if (first) take(JSON.parse(first.files) as PromptFile[], first.hash);

  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    poll()
      .catch(() => log.warn('prompts: PostgreSQL cannot be reached; the last library read is still served'))
      .finally(() => (polling = false));
  }, options.pollMs ?? 2000);
  timer.unref();

  return {
    current: () => stored,
    async publishLocal() {
      await publish(false);
      await poll();
    },
    async close() {
      clearInterval(timer);
      await pool.end();
    },
  };
}

/** The library a server serves: shared through PostgreSQL when the database is, else read from disk alone. */
export async function createOrganizationLibrary(config: Pick<AideConfig, 'promptsDir' | 'databaseUrl' | 'dataDir'>, log: Log & { error(message: string): void }): Promise<PromptLibraryService> {
  const url = databaseUrl(config as AideConfig);
  if (!/^postgres(ql)?:\/\//i.test(url)) return createPromptLibraryService(config, log);
  let shared: SharedLibrary | null = null;
  const library = createPromptLibraryService(config, log, {
    storedOrganization: () => shared?.current() ?? null,
    onEdit: () => {
      if (!shared) return false;
      shared.publishLocal().catch(() => log.warn('prompts: the edit could not be published to PostgreSQL; it will be on the next edit or restart'));
      return true;
    },
  });
  shared = await shareLibrary(url, config, log, () => library.reload());
  library.reload();
  const sharedLibrary = shared;
  return {
    ...library,
    close() {
      library.close();
      void sharedLibrary.close();
    },
  };
}
