/** The Node loader and the reload rules, on temporary directories. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatIssue, loadPromptDir, loadPromptLibrary } from '../../../src/server/prompts/load';
import { etagMatches, keepLastGood, createPromptLibraryService } from '../../../src/server/prompts/routes';
import { PROMPTS_DIR } from './helpers';

const ORIGINAL = fs.readFileSync(path.join(PROMPTS_DIR, 'secretary', 'summarize-mail.md'), 'utf8');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-load-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const full = path.join(dir, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return full;
}

test('READMEs, hidden folders and other files are ignored; a duplicate id is reported on its id line and skipped', () => {
  write('README.md', '# not a prompt');
  write('.git/x.md', 'nope');
  write('notes.txt', 'nope');
  write('secretary/summarize-mail.md', ORIGINAL);
  write('zz/summarize-mail.md', ORIGINAL);
  const loaded = loadPromptDir(dir, 'organization', 'ADMIN');
  expect(loaded.entries.map((e) => e.file)).toEqual([path.join('ADMIN', 'secretary', 'summarize-mail.md')]);
  expect(loaded.entries[0].prompt.origin).toBe('organization');
  expect(loaded.errors).toEqual([
    { file: path.join('ADMIN', 'zz', 'summarize-mail.md'), line: 2, message: `id "summarize-mail" is already used by ${path.join('ADMIN', 'secretary', 'summarize-mail.md')}; this file is skipped` },
  ]);
});

test('a missing directory is one clear problem, not a crash; formatIssue drops the line when there is none', () => {
  const loaded = loadPromptDir(path.join(dir, 'missing'), 'organization', 'ADMIN');
  expect(loaded.unreadable).toBe(true);
  expect(loaded.errors.map(formatIssue)).toEqual(['ADMIN: cannot read the prompt directory: no such directory']);
  expect(formatIssue({ file: 'a.md', line: 3, message: 'x' })).toBe('a.md:3: x');
});

test('loadPromptLibrary merges the organisation over the builtin library', () => {
  write('secretary/summarize-mail.md', ORIGINAL.replace('version: 1', 'version: 9'));
  const library = loadPromptLibrary({ promptsDir: dir });
  const summary = library.prompts.filter((p) => p.id === 'summarize-mail');
  expect(summary).toHaveLength(1);
  expect(summary[0]).toMatchObject({ version: 9, origin: 'organization' });
  expect(library.errors).toEqual([]);
  expect(loadPromptLibrary({}).prompts.find((p) => p.id === 'summarize-mail')?.origin).toBe('builtin');
});

test('keepLastGood keeps a broken file\'s last valid prompt, and the whole directory when it becomes unreadable', () => {
  const file = write('secretary/summarize-mail.md', ORIGINAL);
  const good = loadPromptDir(dir, 'organization');
  fs.writeFileSync(file, ORIGINAL.replace('hosts: [outlook]', 'hosts: [outlook'));
  const broken = keepLastGood(good, loadPromptDir(dir, 'organization'));
  expect(broken.entries.map((e) => e.prompt.id)).toEqual(['summarize-mail']);
  expect(broken.errors[0].message).toMatch(/last valid version is still served/);
  const gone = keepLastGood(good, loadPromptDir(path.join(dir, 'nope'), 'organization'));
  expect(gone.entries).toHaveLength(1);
  expect(gone.errors[0].message).toMatch(/last valid library is still served/);
  // A file that was never valid is not invented back.
  expect(keepLastGood(null, loadPromptDir(dir, 'organization')).entries).toEqual([]);
});

test('the service logs each problem as file:line and changes its ETag only when the library changes', () => {
  const logs: string[] = [];
  const log = { info: (m: string) => void logs.push(m), warn: (m: string) => void logs.push(m), error: (m: string) => void logs.push(m) };
  write('quality/bad.md', ORIGINAL.replace('role: secretary', 'role: quality').replace('id: summarize-mail', 'id: bad').replace('Format attendu :', '{{nope}}\nFormat attendu :'));
  const service = createPromptLibraryService({ promptsDir: dir }, log as never, { watch: false });
  const first = service.current();
  expect(logs.some((l) => /^prompts: .*bad\.md:\d+: \{\{nope\}\} is used but not declared/.test(l))).toBe(true);
  expect(service.reload().etag).toBe(first.etag);
  write('secretary/summarize-mail.md', ORIGINAL.replace('version: 1', 'version: 2'));
  expect(service.reload().etag).not.toBe(first.etag);
  service.close();
});

test('etagMatches: exact, weak, lists and *', () => {
  expect(etagMatches('"abc"', '"abc"')).toBe(true);
  expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
  expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
  expect(etagMatches('*', '"abc"')).toBe(true);
  expect(etagMatches('"abd"', '"abc"')).toBe(false);
  expect(etagMatches(undefined, '"abc"')).toBe(false);
});
