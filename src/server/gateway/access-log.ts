/**
 * The gateway's access log: one JSON line per chat request in DATA_DIR/logs/access.log, with no content at all —
 * when, who (Entra object id or null), which prompt (id and version from the `aide` extension), which provider and
 * model, how many tokens, how long, what status (and the error code, never its message).
 */
import fs from 'node:fs';
import path from 'node:path';
import { promptIdSchema } from '../../core/metrics/events';

export interface AccessLogEntry {
  time: string;
  user: string | null;
  promptId: string | null;
  promptVersion: number | null;
  provider: string;
  model: string | null;
  stream: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  /** Identifiers replaced before the text left (a count). */
  pseudonymized: number;
  latencyMs: number;
  /** HTTP status; 499 when the client went away. */
  status: number;
  error: string | null;
}

/**
 * A prompt id goes in the log only if it has the metrics' strict shape (a library file name, or `personal`), so no
 * text can ride along: not `Claire.Dubois`, not a sentence. `record` (the gateway passes the library's, see
 * prompts/known-ids.ts) then logs an id the library does not have as `personal`: a user's own prompt is named in their
 * words (`reponse-mme-claire-dubois`).
 */
export function safePromptId(id: string | undefined, record?: (id: string) => string): string | null {
  if (!id || !promptIdSchema.safeParse(id).success) return null;
  return record ? record(id) : id;
}

export class AccessLog {
  readonly file: string;
  private failed = false;

  constructor(dataDir: string, private readonly onError: (message: string) => void = () => {}) {
    this.file = path.join(dataDir, 'logs', 'access.log');
  }

  write(entry: AccessLogEntry): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      // Synchronous append: one short line per request, and nothing is lost if the process stops right after.
      fs.appendFileSync(this.file, JSON.stringify(entry) + '\n');
      this.failed = false;
    } catch (err) {
      // Said once per failure streak, not per request; the request itself is not failed for a log problem.
      if (!this.failed) this.onError(`cannot write the access log ${this.file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      this.failed = true;
    }
  }
}
