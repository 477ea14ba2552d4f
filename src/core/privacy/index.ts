/** Detection of health identifiers and reversible pseudonymization (see README.md in this folder). */
export * from './types';
export { clearTokenMemo, detectIdentifiers, nirShapedNumbers, validatePrivacyOptions, warmUpDetection } from './detect';
export { pseudonymize, createReidentifier, PseudonymMap } from './pseudonymize';
export type { PseudonymizedEntity, PseudonymizeResult, Reidentifier } from './pseudonymize';
export { nirKeyValid, nirKey, ibanValid, ibanCheckDigits } from './checks';
