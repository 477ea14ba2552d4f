/**
 * `aide pseudonymize FILE|- [--json]`: the text with each health identifier replaced by a stable placeholder
 * ([PERSONNE_1], [TEL_2]…), as the gateway does before text leaves the hospital. With --json:
 * `{"text", "entities": [{"type", "start", "end", "placeholder"}]}`, offsets into the input (JavaScript string
 * indices, i.e. UTF-16 code units, end exclusive). The hospital's own IPP/NDA formats come from
 * AIDE_PRIVACY_IPP_PATTERN / AIDE_PRIVACY_NDA_PATTERN. The correspondence table is never printed: it would put
 * the identifiers back next to their placeholders.
 */
import type { Command } from 'commander';
import { CliError, printJson, readInput } from '../io';
import { loadConfig } from '../../server/config';
import { pseudonymize, PrivacyConfigError, validatePrivacyOptions, type PrivacyOptions } from '../../core/privacy';

export function register(program: Command): void {
  program
    .command('pseudonymize')
    .description('replace health identifiers (names, NIR, INS, IPP, NDA, phones, e-mails, birth dates, addresses, IBAN) with placeholders')
    .argument('<file>', 'text file to read, or - for standard input')
    .option('--json', 'print {"text", "entities": [{"type", "start", "end", "placeholder"}]} with offsets into the input')
    .action((file: string, opts: { json?: boolean }) => {
      const config = loadConfig();
      const options: PrivacyOptions = { ippPattern: config.privacyIppPattern, ndaPattern: config.privacyNdaPattern };
      try {
        validatePrivacyOptions(options);
      } catch (err) {
        if (err instanceof PrivacyConfigError) throw new CliError(err.message, err.message);
        throw err;
      }
      const input = readInput(file);
      const result = pseudonymize(input, options);
      if (opts.json) printJson({ text: result.text, entities: result.entities });
      else process.stdout.write(result.text.endsWith('\n') || result.text === '' ? result.text : result.text + '\n');
    });
}
