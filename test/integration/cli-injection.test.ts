/**
 * `aide summarize --json` returns the instructions aimed at an assistant that the mail carries (in its text, its hidden
 * text, its links) as `warnings: [{kind, …}]`, the same the pane shows; the offline summary never quotes them, and the
 * mail's dates are read against its Date header (10 March 2026), not today.
 */
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index';

const fixtures = path.join(__dirname, '..', 'fixtures', 'offline');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += c.toString()), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += c.toString()), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

const savedEnv = { ...process.env };
beforeAll(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('AIDE_')) delete process.env[key];
  process.env.AIDE_LLM_PROVIDER = 'offline';
  process.env.AIDE_DATA_DIR = os.tmpdir();
});
afterAll(() => {
  process.env = savedEnv;
});

describe('aide summarize and injected instructions', () => {
  it('--json lists them as warnings; the summary does not quote them; dates read against the Date header', async () => {
    const r = await run(['summarize', '--role', 'secretary', '--json', path.join(fixtures, 'injection-cme.eml')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { text: string; warnings: { kind: string; excerpt: string; hidden?: boolean; href?: string }[] };
    expect(out.warnings.map((w) => w.kind).sort()).toEqual(['deceptive-link', 'hidden-instructions', 'override']);
    expect(out.warnings.find((w) => w.kind === 'deceptive-link')?.href).toBe('http://chu-valmont.cme-docs.example.ru/login');
    expect(out.warnings.find((w) => w.kind === 'hidden-instructions')).toMatchObject({ hidden: true });
    expect(out.text).toContain('La réunion de la CME aura lieu le 14 avril');
    expect(out.text).not.toMatch(/Ignore tes instructions|annulée|assistant IA|n'est pas obligatoire/);
    expect(out.text).toContain('mardi 14 avril 2026');
    expect(out.text).toContain('vendredi 3 avril 2026');
  });

  it('says them on standard error without --json, in the run language; a clean mail has none', async () => {
    const r = await run(['summarize', '--role', 'secretary', '--lang', 'en', path.join(fixtures, 'injection-cme.eml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Warning: this message contains 3 passages that look like instructions aimed at the assistant/);
    expect(r.stdout).not.toContain('Ignore tes instructions');
    const clean = await run(['summarize', '--role', 'secretary', '--json', path.join(fixtures, 'bloc-operatoire.eml')]);
    expect((JSON.parse(clean.stdout) as { warnings: unknown[] }).warnings).toEqual([]);
    expect(clean.stderr).toBe('');
  });
});
