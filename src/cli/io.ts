/** Shared CLI plumbing: reading FILE or `-` (stdin), printing JSON, failing with one clear line. */
import fs from 'node:fs';

export class CliError extends Error {}

/** Reads a file, or standard input when `file` is `-`, as bytes. */
export function readInputBytes(file: string): Buffer {
  try {
    return file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new CliError(`cannot read ${file === '-' ? 'standard input' : file}: ${why}`);
  }
}

export function readInput(file: string): string {
  return readInputBytes(file).toString('utf8');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
