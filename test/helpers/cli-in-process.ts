/**
 * Runs the `aide` program in this process (no build needed) and returns what it printed on stdout.
 */
import { buildProgram } from '../../src/cli/index';

export async function runCli(args: string[]): Promise<string> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    await buildProgram().parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return out;
}
