/**
 * `aide serve` as an administrator runs it: the built CLI (`node bin/aide.js serve …`) in a child process, with
 * AIDE_* settings from the environment only. Its stdout (the printed URLs, then Fastify's JSON log lines) is kept.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export { freePort } from './postgres';

export const root = path.join(__dirname, '..', '..');
export const cli = path.join(root, 'bin', 'aide.js');

export interface CliServer {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** The JSON log lines printed so far. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function requireBuilt(): void {
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'index.js'))) throw new Error('Build first: npm run build (npm test does it)');
}

/**
 * Starts `aide serve <args>` with exactly these AIDE_* settings (the test's own AIDE_* variables are dropped), or
 * `command` as given (e.g. a systemd unit's ExecStart) with these settings added to the environment.
 */
export async function startCliServer(args: string[], settings: Record<string, string>, cwd: string, command?: string[]): Promise<CliServer> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AIDE_')) env[key] = value;
  Object.assign(env, settings);
  const [program, ...rest] = command ?? [process.execPath, cli, 'serve', ...args];
  const child = spawn(program!, rest, { env, cwd });
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Preview \(try it in a browser\)\s+(https?:\/\/\S+)\/preview/.exec(text);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`aide serve exited with ${code}:\n${text}`));
    });
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error('aide serve did not start:\n' + text));
    }, 30000).unref();
  });
  return {
    url,
    child,
    output: () => text,
    logs: () =>
      text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
  };
}
