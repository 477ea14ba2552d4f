/** The identifiers Aide hides before text leaves the hospital, and the shape of what the detectors report. */

export const ENTITY_TYPES = ['PERSONNE', 'NIR', 'INS', 'IPP', 'NDA', 'TEL', 'EMAIL', 'DATE_NAISSANCE', 'ADRESSE', 'IBAN'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** One identifier found in a text: offsets are JavaScript string indices (UTF-16 code units), end exclusive. */
export interface DetectedEntity {
  type: EntityType;
  start: number;
  end: number;
  value: string;
}

export interface PrivacyOptions {
  /**
   * Extra regular expression for patient identifiers (IPP), e.g. the hospital's own format `\b80\d{8}\b`, added to
   * the built-in ones (which need a context word such as "IPP"). With a capturing group, group 1 is the identifier.
   */
  ippPattern?: string | RegExp;
  /** Same for stay identifiers (NDA, numéro de séjour / de venue / de dossier). */
  ndaPattern?: string | RegExp;
  /**
   * Names known to be people's for this request (the mail's sender, recipients and cc, the document's author, as
   * display names): every occurrence of each of their words is hidden as PERSONNE, whatever the rules say. Titles,
   * services and institutions' words in a display name ("Secrétariat Cardiologie", "Dr", "(CHU Nancy)") are skipped.
   */
  knownNames?: readonly string[];
  /**
   * How person names are found: 'rules', 'model' (the trained averaged perceptron of name-model.ts alone) or 'both'
   * (the union, the default); `npm run bench privacy` measures the three side by side.
   */
  names?: 'rules' | 'model' | 'both';
}

/** A wrong option (an invalid pattern): the message names the setting so an administrator can act on it. */
export class PrivacyConfigError extends Error {}
