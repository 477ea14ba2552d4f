/**
 * Loading the prompt libraries from disk: the builtin one shipped in `prompts/` and the organisation's own
 * (AIDE_PROMPTS_DIR, same layout; a prompt there replaces the builtin prompt with the same id).
 * A broken file is reported as `file:line: message` and skipped: it never takes the rest of the library down.
 */
import fs from 'node:fs';
import path from 'node:path';
import { mergePrompts, parsePromptFile, sortPrompts, type PromptDefinition, type PromptIssue } from '../../core/prompts';
import type { AideConfig } from '../config';
import { packageRoot } from '../paths';

export const builtinPromptsDir = path.join(packageRoot, 'prompts');

export interface LoadedEntry {
  /** The file as shown to people (relative to the package for builtin prompts, as configured for the admin dir). */
  file: string;
  prompt: PromptDefinition;
}

export interface LoadedDir {
  entries: LoadedEntry[];
  errors: PromptIssue[];
  /** The directory itself could not be read (missing, permissions): nothing in it could be checked. */
  unreadable: boolean;
}

export interface PromptLibrary {
  prompts: PromptDefinition[];
  errors: PromptIssue[];
}

/** `file:line: message`, the form editors and CI logs understand (no line when it is about the whole file). */
export function formatIssue(issue: PromptIssue): string {
  return issue.line > 0 ? `${issue.file}:${issue.line}: ${issue.message}` : `${issue.file}: ${issue.message}`;
}

/** Every prompt file under `dir`: `*.md` except READMEs, skipping hidden folders (editors' and git's). */
export function listPromptFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    const items = fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const item of items) {
      if (item.name.startsWith('.')) continue;
      const full = path.join(current, item.name);
      if (item.isDirectory()) walk(full);
      else if (item.isFile() && /\.md$/i.test(item.name) && !/^readme\.md$/i.test(item.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

function lineOf(text: string, pattern: RegExp): number {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => pattern.test(l));
  return i >= 0 ? i + 1 : 1;
}

/** One prompt file's text, named as shown to people (`shownAs` root + path inside the directory). */
export interface PromptFile {
  file: string;
  text: string;
}

/** The prompt files of a directory, as text (what the PostgreSQL library stores), or why it cannot be read. */
export function readPromptFiles(dir: string, shownAs: string = dir): { files: PromptFile[]; errors: PromptIssue[]; unreadable: boolean } {
  let paths: string[];
  try {
    paths = listPromptFiles(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    return { files: [], errors: [{ file: shownAs, line: 0, message: `cannot read the prompt directory: ${why}` }], unreadable: true };
  }
  const files: PromptFile[] = [];
  const errors: PromptIssue[] = [];
  for (const full of paths) {
    const shown = path.join(shownAs, path.relative(dir, full));
    try {
      files.push({ file: shown, text: fs.readFileSync(full, 'utf8') });
    } catch (err) {
      errors.push({ file: shown, line: 0, message: `cannot read: ${(err as Error).message}` });
    }
  }
  return { files, errors, unreadable: false };
}

/** Parses prompt files (from disk or from the database); a duplicate id keeps the first file. */
export function parsePromptFiles(files: PromptFile[], origin: PromptDefinition['origin'], readErrors: PromptIssue[] = []): LoadedDir {
  const errors: PromptIssue[] = [...readErrors];
  const entries: LoadedEntry[] = [];
  const byId = new Map<string, string>();
  for (const { file: shown, text } of files) {
    const parsed = parsePromptFile(text, shown, { origin });
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      continue;
    }
    const previous = byId.get(parsed.prompt.id);
    if (previous) {
      errors.push({ file: shown, line: lineOf(text, /^id\s*:/), message: `id "${parsed.prompt.id}" is already used by ${previous}; this file is skipped` });
      continue;
    }
    byId.set(parsed.prompt.id, shown);
    entries.push({ file: shown, prompt: parsed.prompt });
  }
  return { entries, errors, unreadable: false };
}

/**
 * Loads one directory. `shownAs` is how its root is written in messages (e.g. "prompts" or the configured admin
 * path), so that an administrator can open the file named in the log.
 */
export function loadPromptDir(dir: string, origin: PromptDefinition['origin'], shownAs: string = dir): LoadedDir {
  const read = readPromptFiles(dir, shownAs);
  if (read.unreadable) return { entries: [], errors: read.errors, unreadable: true };
  return parsePromptFiles(read.files, origin, read.errors);
}

export interface LibraryDirs {
  builtin: LoadedDir;
  organization: LoadedDir | null;
}

/** Loads the builtin library and, when configured, the organisation's directory. */
export function loadPromptDirs(config: Pick<AideConfig, 'promptsDir'>, options: { builtinDir?: string } = {}): LibraryDirs {
  const builtinDir = options.builtinDir ?? builtinPromptsDir;
  const builtinShown = path.relative(process.cwd(), builtinDir) || '.';
  const builtin = loadPromptDir(builtinDir, 'builtin', builtinShown.startsWith('..') ? builtinDir : builtinShown);
  const organization = config.promptsDir ? loadPromptDir(path.resolve(config.promptsDir), 'organization', config.promptsDir) : null;
  return { builtin, organization };
}

export function libraryFromDirs(dirs: LibraryDirs): PromptLibrary {
  const prompts = sortPrompts(mergePrompts(dirs.builtin.entries.map((e) => e.prompt), dirs.organization?.entries.map((e) => e.prompt) ?? []));
  return { prompts, errors: [...dirs.builtin.errors, ...(dirs.organization?.errors ?? [])] };
}

/** The merged library (builtin < organization by id) and every problem found on the way. */
export function loadPromptLibrary(config: Pick<AideConfig, 'promptsDir'>, options: { builtinDir?: string } = {}): PromptLibrary {
  return libraryFromDirs(loadPromptDirs(config, options));
}
