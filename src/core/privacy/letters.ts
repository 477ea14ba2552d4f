/**
 * Letters beyond Latin-1 met in names written in French hospitals: Latin Extended-A (U+0100–U+017F: Polish Ł ł Ś ś Ż ż,
 * Czech and Croatian Č č Ř ř Š š Ž ž, Turkish İ ı Ş ş Ğ ğ, Hungarian Ő ő Ű ű, Romanian Ă ă, and Œ œ), Vietnamese's Ơ ơ
 * Ư ư (U+01A0, U+01A1, U+01AF, U+01B0) and its letters with tones (Latin Extended Additional, U+1E00–U+1EFF: « Nguyễn
 * Thị Hương »; the transliterations' Ḥ ḥ Ṣ ṣ too), and Romanian's Ș ș Ț ț (U+0218–U+021B), sorted by case once from
 * the engine's own case mapping. The detectors' patterns take each block as letters of either case (one range is
 * cheaper to test); these tell the case where it matters.
 */
const caseOf = (c: number): number => {
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase() ? 1 : ch !== ch.toUpperCase() ? 2 : 0;
};
const CASE = new Uint8Array(0x21c - 0x100); // 1: upper case, 2: lower case
for (let c = 0x100; c < 0x21c; c++) {
  if (c >= 0x180 && c < 0x218 && c !== 0x1a0 && c !== 0x1a1 && c !== 0x1af && c !== 0x1b0) continue;
  CASE[c - 0x100] = caseOf(c) || 2;
}
const CASE_ADDITIONAL = new Uint8Array(0x100); // U+1E00–U+1EFF
for (let c = 0x1e00; c <= 0x1eff; c++) CASE_ADDITIONAL[c - 0x1e00] = caseOf(c);

/** c (≥ 0x100) is one of the upper-case letters above. */
export function isExtendedUpper(c: number): boolean {
  return c < 0x21c ? CASE[c - 0x100] === 1 : c >= 0x1e00 && c <= 0x1eff && CASE_ADDITIONAL[c - 0x1e00] === 1;
}
/** c (≥ 0x100) is one of the lower-case letters above. */
export function isExtendedLower(c: number): boolean {
  return c < 0x21c ? CASE[c - 0x100] === 2 : c >= 0x1e00 && c <= 0x1eff && CASE_ADDITIONAL[c - 0x1e00] === 2;
}
