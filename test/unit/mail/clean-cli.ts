/** Runs `aide clean` in-process (its own commander program) and captures what it prints. */
import { Command } from 'commander';
import { register } from '../../../src/cli/commands/clean';

export interface CleanCli {
  out: string[];
  err: string[];
  run: (...args: string[]) => Promise<void>;
}

/** Call inside a `describe`: installs the output spies around each test. */
export function cleanCli(): CleanCli {
  const cli: CleanCli = {
    out: [],
    err: [],
    run: async (...args) => {
      const program = new Command('aide').exitOverride().configureOutput({ writeErr: (s) => cli.err.push(s), writeOut: (s) => cli.out.push(s) });
      register(program);
      await program.parseAsync(args, { from: 'user' });
    },
  };
  beforeEach(() => {
    cli.out = [];
    cli.err = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (cli.out.push(String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (cli.err.push(String(chunk)), true));
  });
  afterEach(() => jest.restoreAllMocks());
  return cli;
}
