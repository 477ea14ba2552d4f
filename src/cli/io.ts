/** Shared CLI plumbing: reading FILE or `-` (stdin), printing JSON, failing with one clear line. */
import fs from 'node:fs';

/**
 * A usage or input error of the command line: one line on stderr, in English and French ("en / fr", as every line
 * the CLI writes for its users), exit code 1.
 */
export class CliError extends Error {
  constructor(
    readonly en: string,
    readonly fr: string,
  ) {
    super(en === fr ? en : `${en} / ${fr}`);
  }
}

/** "standard input" / « l'entrée standard », or the file's name. */
export function inputName(file: string): { en: string; fr: string } {
  return file === '-' ? { en: 'standard input', fr: "l'entrée standard" } : { en: file, fr: file };
}

/** Reads a file, or standard input when `file` is `-`, as bytes. */
export function readInputBytes(file: string): Buffer {
  try {
    return file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? ['no such file', 'fichier introuvable'] : code === 'EISDIR' ? ['is a directory', "c'est un dossier"] : code === 'EACCES' ? ['permission denied', 'accès refusé'] : [(err as Error).message, (err as Error).message];
    const name = inputName(file);
    throw new CliError(`cannot read ${name.en}: ${why[0]}`, `impossible de lire ${name.fr} : ${why[1]}`);
  }
}

export function readInput(file: string): string {
  return readInputBytes(file).toString('utf8');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
