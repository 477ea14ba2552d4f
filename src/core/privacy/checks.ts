/** Check digits of structured identifiers: they turn a run of digits into an identifier with near certainty. */

/** Remainder of a long decimal string modulo 97, digit by digit (a NIR does not fit in a 32-bit number). */
export function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i++) rest = (rest * 10 + (digits.charCodeAt(i) - 48)) % 97;
  return rest;
}

/**
 * French NIR (numéro de sécurité sociale): 13 characters + 2-digit key, key = 97 − (number mod 97). Corsica's
 * départements 2A and 2B count as 19 and 18 for the key. Separators (spaces, dots, dashes) are ignored.
 */
export function nirKeyValid(nir: string): boolean {
  const compact = nir.replace(/[\s.\-]/g, '').toUpperCase();
  if (!/^[1-478]\d{4}(?:\d{2}|2A|2B)\d{8}$/.test(compact)) return false;
  const body = compact.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(compact.slice(13));
  return 97 - mod97(body) === key;
}

/** The key that makes a 13-character NIR body valid (used by test data generators). */
export function nirKey(body13: string): string {
  const body = body13.toUpperCase().replace('2A', '19').replace('2B', '18');
  return String(97 - mod97(body)).padStart(2, '0');
}

/** Length of the IBAN of the countries met in French hospitals (payroll, suppliers, patients' refunds). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  FR: 27, MC: 27, GP: 27, MQ: 27, GF: 27, RE: 27, YT: 27, NC: 27, PF: 27, PM: 27, BL: 27, MF: 27, WF: 27, TF: 27,
  DE: 22, BE: 16, ES: 24, IT: 27, CH: 21, LU: 20, GB: 22, NL: 18, PT: 25, AT: 20, IE: 22, PL: 28, DK: 18, SE: 24,
  NO: 15, FI: 18, GR: 27, CZ: 24, SK: 24, HU: 28, RO: 24, BG: 22, HR: 21, SI: 19, EE: 20, LV: 21, LT: 20, CY: 28,
  MT: 31, IS: 26, LI: 21, SM: 27, AD: 24, MA: 28, TN: 24, DZ: 26, SN: 28, CI: 28, TR: 26, IL: 23, SA: 24, AE: 23,
};

/** IBAN checksum (ISO 13616): move the first four characters to the end, letters A=10…Z=35, mod 97 must be 1. */
export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && expected !== compact.length) return false;
  const moved = compact.slice(4) + compact.slice(0, 4);
  let digits = '';
  for (const ch of moved) digits += ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
  return mod97(digits) === 1;
}

/** Check digits "kk" for an IBAN whose country and BBAN are given (used by test data generators). */
export function ibanCheckDigits(country: string, bban: string): string {
  const moved = bban.toUpperCase() + country.toUpperCase() + '00';
  let digits = '';
  for (const ch of moved) digits += ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
  return String(98 - mod97(digits)).padStart(2, '0');
}
