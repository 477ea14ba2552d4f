/**
 * `aide summarize` and `aide draft` on the sample mails of test/fixtures/offline/, with the shipped prompts and the
 * default offline engine: the streamed text, --json, stdin, and the one-line errors (exit 1). Two runs go through a
 * real child process (TypeScript through tsx, so the sources as they are); the rest call the CLI's `main` in process,
 * capturing stdout and stderr, which is the same code path without a few seconds of start-up per case.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/server/config';
import { loadPromptLibrary } from '../../src/server/prompts/load';
import { main } from '../../src/cli/index';
import type { PromptDefinition } from '../../src/core/prompts/schema';

const root = path.join(__dirname, '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'offline');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function aide(args: string[], input?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aide-cli-'));
    const env: NodeJS.ProcessEnv = { ...process.env, AIDE_DATA_DIR: dataDir, AIDE_LLM_PROVIDER: 'offline' };
    for (const key of Object.keys(env)) if (key.startsWith('AIDE_') && !['AIDE_DATA_DIR', 'AIDE_LLM_PROVIDER'].includes(key)) delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'index.ts'), ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, '') });
    });
    child.stdin.end(input ?? '');
  });
}

/** The CLI in this process: same parsing, same commands, same output streams. */
async function aideHere(args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

const savedEnv = { ...process.env };
let prompts: PromptDefinition[] = [];
afterAll(() => {
  process.env = savedEnv;
});
beforeAll(async () => {
  for (const key of Object.keys(process.env)) if (key.startsWith('AIDE_')) delete process.env[key];
  process.env.AIDE_LLM_PROVIDER = 'offline';
  prompts = (await loadPromptLibrary(loadConfig({ dataDir: os.tmpdir() }, {}))).prompts;
});

describe('aide summarize', () => {
  it('summarizes an .eml with the role prompt: key sentences, no quoted history, streamed to stdout', async () => {
    const r = await aide(['summarize', '--role', 'secretary', path.join(fixtures, 'bloc-operatoire.eml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### Résumé/);
    expect(r.stdout).toContain('la direction a validé la réorganisation du planning du bloc opératoire');
    expect(r.stdout).toContain('Dr Martin');
    expect(r.stdout).not.toMatch(/facturation|confidentiels|01 23 45 67 89/);
  });

  it('--json --lang en names the prompt, its version and the engine', async () => {
    const r = await aideHere(['summarize', '--role', 'physician', '--lang', 'en', '--json', path.join(fixtures, 'outage-en.txt')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { prompt: string; version: number; engine: string; text: string };
    const prompt = prompts.find((p) => p.id === out.prompt);
    expect(prompt).toMatchObject({ role: 'physician', category: 'summarize' });
    expect(out.version).toBe(prompt?.version);
    expect(out.engine).toBe('offline');
    expect(out.text).toMatch(/^### Summary/);
    expect(out.text).toContain('The PACS server in building B has been down since 7 am');
    expect(out.text).not.toContain('Tom Baker');
  });

  it.each(['secretary', 'quality', 'physician', 'engineer'])('has a default summarize prompt for the %s role', async (role) => {
    const r = await aideHere(['summarize', '--role', role, '--json', path.join(fixtures, 'bloc-operatoire.eml')]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { prompt: string; text: string };
    expect(prompts.find((p) => p.id === out.prompt)).toMatchObject({ role, category: 'summarize', offline: 'summarize' });
    expect(out.text).toContain('la direction a validé la réorganisation');
  });

  it('gives the whole file to a prompt that works on a document', async () => {
    const prompt = prompts.find((p) => p.category === 'summarize' && p.variables.some((v) => v.required && v.source === 'document'));
    if (!prompt) return; // the library has no such prompt: nothing to check
    const r = await aideHere(['summarize', '--role', prompt.role, '--prompt', prompt.id, '--json', path.join(fixtures, 'outage-en.txt')]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ prompt: prompt.id });
  });

  it('reads HTML from standard input and drops the quoted message', async () => {
    const html = fs.readFileSync(path.join(fixtures, 'relance-dossier.html'), 'utf8');
    const r = await aide(['summarize', '--role', 'quality', '-'], html);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Merci de transmettre les copies au service des relations avec les usagers avant le 5 mars.');
    expect(r.stdout).not.toContain('cafétéria');
  });

  it.each([
    [['summarize', '--role', 'nurse', 'x.eml'], /--role must be one of secretary, quality, physician, engineer/],
    [['summarize', 'x.eml'], /--role is required/],
    [['summarize', '--role', 'secretary', '--lang', 'de', 'x.eml'], /--lang must be one of fr, en/],
    [['summarize', '--role', 'secretary', '--prompt', 'no-such-prompt', path.join(fixtures, 'outage-en.txt')], /unknown prompt "no-such-prompt"/],
    [['summarize', '--role', 'secretary', path.join(fixtures, 'missing.eml')], /cannot read .*missing\.eml: no such file/],
  ])('%j fails with one clear line', async (args, message) => {
    const r = await aideHere(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('aide draft', () => {
  /** A letter prompt the offline engine fills, with at least one required and one optional variable. */
  function letterPrompt(): PromptDefinition {
    const found = prompts.find(
      (p) => p.offline === 'fill' && p.letter?.fr && p.letter?.en && p.variables.some((v) => v.required) && p.variables.some((v) => !v.required && !v.default),
    );
    if (!found) throw new Error('no fill prompt with a letter and required and optional variables in prompts/');
    return found;
  }

  it('fills the letter with the given values and marks the others [à compléter]', async () => {
    const prompt = letterPrompt();
    const vars = prompt.variables.filter((v) => v.required).flatMap((v) => ['--var', `${v.name}=Valeur ${v.name}`]);
    const r = await aideHere(['draft', '--role', prompt.role, '--prompt', prompt.id, ...vars]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const used = prompt.variables.filter((v) => v.required && prompt.letter?.fr?.includes(v.name));
    for (const v of used) expect(r.stdout).toContain(`Valeur ${v.name}`);
    expect(r.stdout).not.toMatch(/\{\{|\}\}/);
    const optionalInLetter = prompt.variables.filter((v) => !v.required && !v.default && prompt.letter?.fr?.includes(`{{${v.name}}}`));
    if (optionalInLetter.length) expect(r.stdout).toContain('[à compléter]');
  });

  it('--json --lang en gives the English letter', async () => {
    const prompt = letterPrompt();
    const vars = prompt.variables.filter((v) => v.required).flatMap((v) => ['--var', `${v.name}=Value ${v.name}`]);
    const r = await aideHere(['draft', '--role', prompt.role, '--prompt', prompt.id, '--lang', 'en', '--json', ...vars]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { prompt: string; engine: string; text: string };
    expect(out).toMatchObject({ prompt: prompt.id, engine: 'offline' });
    expect(out.text).not.toContain('[à compléter]');
  });

  it('refuses a missing required variable, an unknown variable and an unknown prompt, in one line', async () => {
    const prompt = letterPrompt();
    const required = prompt.variables.find((v) => v.required);
    const missing = await aideHere(['draft', '--role', prompt.role, '--prompt', prompt.id]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain(`missing required variable`);
    expect(missing.stderr).toContain(required?.name);

    const unknown = await aideHere(['draft', '--role', prompt.role, '--prompt', prompt.id, '--var', 'nosuchvariable=1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/has no variable "nosuchvariable"/);

    const noPrompt = await aideHere(['draft', '--role', prompt.role, '--prompt', 'nope-nope']);
    expect(noPrompt.code).toBe(1);
    expect(noPrompt.stderr).toMatch(/unknown prompt "nope-nope"/);

    const choice = prompts.find((p) => p.variables.some((v) => v.type === 'choice'));
    if (choice) {
      const variable = choice.variables.find((v) => v.type === 'choice');
      const wrong = await aideHere(['draft', '--role', choice.role, '--prompt', choice.id, '--var', `${variable?.name}=not-a-choice`]);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(new RegExp(`--var ${variable?.name} must be one of ${variable?.choices?.[0].value}`));
    }

    const badVar = await aideHere(['draft', '--role', prompt.role, '--prompt', prompt.id, '--var', 'novalue']);
    expect(badVar.code).toBe(1);
    expect(badVar.stderr).toMatch(/--var and --var-file expect name=value/);
  });
});
