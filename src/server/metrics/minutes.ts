/**
 * Estimated minutes saved per prompt id, read from the prompt files' front matter (`id`, `minutesSaved`) of the
 * built-in library and of AIDE_PROMPTS_DIR. Read directly (not through the full prompt loader) so that a prompt
 * with an unrelated error still counts, and cached for a minute.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { AideConfig } from '../config';
import { packageRoot } from '../paths';

function* markdownFiles(dir: string, depth = 0): Generator<string> {
  if (depth > 4 || !fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* markdownFiles(full, depth + 1);
    else if (entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md') yield full;
  }
}

export function readMinutesSaved(dirs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const dir of dirs) {
    for (const file of markdownFiles(dir)) {
      try {
        const text = fs.readFileSync(file, 'utf8');
        const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
        if (!m) continue;
        const front = YAML.parse(m[1]!) as { id?: unknown; minutesSaved?: unknown } | null;
        const id = typeof front?.id === 'string' ? front.id : path.basename(file, '.md');
        if (typeof front?.minutesSaved === 'number' && Number.isFinite(front.minutesSaved)) out[id] = front.minutesSaved;
      } catch {
        // A broken file is reported by `aide prompts check`; here it just does not count.
      }
    }
  }
  return out;
}

let cache: { key: string; at: number; value: Record<string, number> } | null = null;

export function minutesSavedFor(config: AideConfig, now: number = Date.now()): Record<string, number> {
  const dirs = [path.join(packageRoot, 'prompts'), ...(config.promptsDir ? [config.promptsDir] : [])];
  const key = dirs.join('|');
  if (cache && cache.key === key && now - cache.at < 60_000) return cache.value;
  cache = { key, at: now, value: readMinutesSaved(dirs) };
  return cache.value;
}
