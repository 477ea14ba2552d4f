/** `aide prompts check` and `aide prompts list` through the real CLI entry point (main), exit codes and output. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'prompts', 'org');
const BUILTIN = path.join(__dirname, '..', '..', 'prompts');

async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = undefined;
  }
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-prompts-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('check passes on the shipped library', async () => {
  const r = await run(['prompts', 'check'], { AIDE_PROMPTS_DIR: undefined, AIDE_CONFIG: undefined });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^\d+ prompts checked, no problem\n$/);
});

test('check on a broken copy prints file:line: message and exits 1', async () => {
  const copy = path.join(tmp, 'copy');
  fs.cpSync(BUILTIN, copy, { recursive: true });
  const target = path.join(copy, 'physician', 'discharge-letter.md');
  const text = fs.readFileSync(target, 'utf8');
  const lines = text.split('\n');
  const typeLine = lines.findIndex((l) => l.includes('type: longtext')) + 1;
  fs.writeFileSync(target, text.replace('type: longtext', 'type: essay'));
  const r = await run(['prompts', 'check', copy]);
  expect(r.code).toBe(1);
  expect(r.out).toContain(`${path.join(copy, 'physician', 'discharge-letter.md')}:${typeLine}: variables[0] (stayNotes).type:`);
  expect(r.out.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(/^aide: 1 problem found \(\d+ valid prompts\) \/ 1 problème trouvé \(\d+ prompts valides\)\n$/);
});

test('check with no argument includes AIDE_PROMPTS_DIR; a single file can be checked', async () => {
  const r = await run(['prompts', 'check'], { AIDE_PROMPTS_DIR: FIXTURE });
  expect(r.code).toBe(1);
  expect(r.out).toBe(`${path.join(FIXTURE, 'quality', 'broken-prompt.md')}:45: {{patientName}} is used but not declared in variables\n`);
  const single = await run(['prompts', 'check', path.join(FIXTURE, 'secretary', 'chu-bed-management-summary.md')]);
  expect(single.code).toBe(0);
  const missing = await run(['prompts', 'check', path.join(tmp, 'nope')]);
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(/no such file or directory/);
});

test('list --json gives at least 40 prompts, 10 per role, each in French and English', async () => {
  const r = await run(['prompts', 'list', '--json'], { AIDE_PROMPTS_DIR: undefined, AIDE_CONFIG: undefined });
  expect(r.code).toBe(0);
  const prompts = JSON.parse(r.out) as { id: string; role: string; title: { fr: string; en: string }; templates: Record<string, unknown> }[];
  expect(prompts.length).toBeGreaterThanOrEqual(40);
  for (const role of ['secretary', 'quality', 'physician', 'engineer']) expect(prompts.filter((p) => p.role === role).length).toBeGreaterThanOrEqual(10);
  for (const p of prompts) expect(Object.keys(p.templates).sort()).toEqual(['en', 'fr']);
});

test('list filters by role and host, merges --dir, and refuses unknown values', async () => {
  const r = await run(['prompts', 'list', '--json', '--role', 'engineer', '--host', 'outlook']);
  const list = JSON.parse(r.out) as { role: string; hosts: string[] }[];
  expect(list.length).toBeGreaterThan(0);
  expect(list.every((p) => (p.role === 'engineer' || p.role === 'common') && p.hosts.includes('outlook'))).toBe(true);
  expect(list.some((p) => p.role === 'common')).toBe(true);

  const merged = await run(['prompts', 'list', '--dir', FIXTURE, '--role', 'secretary']);
  expect(merged.code).toBe(0);
  expect(merged.out).toMatch(/^chu-bed-management-summary\s+secretary\s+outlook\s+summarize\s+summarize\s+organization/m);
  expect(merged.out).toMatch(/^summarize-mail\s.*organization\s+Résumer un courriel \(version CHU\)$/m);
  // The broken admin file is reported on stderr, not mixed with the listing.
  expect(merged.err).toContain('broken-prompt.md:45:');

  const bad = await run(['prompts', 'list', '--role', 'nurse']);
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('--role must be one of secretary, quality, physician, engineer');
});
