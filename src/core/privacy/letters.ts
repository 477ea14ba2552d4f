/**
 * Letters beyond Latin-1 met in names written in French hospitals: Latin Extended-A (U+0100–U+017F: Polish Ł ł Ś ś Ż ż,
 * Czech and Croatian Č č Ř ř Š š Ž ž, Turkish İ ı Ş ş Ğ ğ, Hungarian Ő ő Ű ű, Romanian Ă ă, and Œ œ) and Romanian's
 * Ș ș Ț ț (U+0218–U+021B), sorted by case once from the engine's own case mapping. The detectors' patterns take the
 * whole block as letters of either case (one range is cheaper to test); these tell the case where it matters.
 */
const CASE = new Uint8Array(0x21c - 0x100); // 1: upper case, 2: lower case
for (let c = 0x100; c < 0x21c; c++) {
  if (c >= 0x180 && c < 0x218) continue;
  const ch = String.fromCharCode(c);
  CASE[c - 0x100] = ch !== ch.toLowerCase() ? 1 : 2;
}

/** c (≥ 0x100) is one of the upper-case letters above. */
export function isExtendedUpper(c: number): boolean {
  return c < 0x21c && CASE[c - 0x100] === 1;
}
/** c (≥ 0x100) is one of the lower-case letters above. */
export function isExtendedLower(c: number): boolean {
  return c < 0x21c && CASE[c - 0x100] === 2;
}
