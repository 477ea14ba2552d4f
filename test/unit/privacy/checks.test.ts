import fc from 'fast-check';
import { detectIdentifiers, ibanCheckDigits, ibanValid, nirKey, nirKeyValid } from '../../../src/core/privacy';

describe('NIR key', () => {
  it('accepts valid numbers, spaced or not, and Corsica 2A/2B', () => {
    expect(nirKeyValid('2 69 05 49 588 157 80')).toBe(true);
    expect(nirKeyValid('269054958815780')).toBe(true);
    const corsica = '28003' + '2A' + '112305';
    expect(nirKeyValid(corsica + nirKey(corsica))).toBe(true);
    const upperCorsica = '1800' + '52B' + '112305';
    expect(nirKeyValid(upperCorsica + nirKey(upperCorsica))).toBe(true);
  });

  it('rejects a wrong key and malformed numbers', () => {
    expect(nirKeyValid('2 69 05 49 588 157 81')).toBe(false);
    expect(nirKeyValid('569054958815780')).toBe(false); // sex digit 5 does not exist
    expect(nirKeyValid('26905495881578')).toBe(false); // 14 digits
  });

  it('key = 97 − (number mod 97): changing any digit of a valid NIR breaks it', () => {
    fc.assert(
      fc.property(fc.constantFrom('1', '2'), fc.stringMatching(/^\d{12}$/), fc.nat(12), fc.integer({ min: 1, max: 9 }), (sex, rest, pos, delta) => {
        const body = sex + rest;
        const nir = body + nirKey(body);
        expect(nirKeyValid(nir)).toBe(true);
        const i = 1 + (pos % 12);
        const changed = nir.slice(0, i) + String((Number(nir[i]) + delta) % 10) + nir.slice(i + 1);
        expect(nirKeyValid(changed)).toBe(false);
      }),
    );
  });

  it('the detector hides a valid NIR without context but not a 15-digit number with a wrong key', () => {
    expect(detectIdentifiers('Réf. 2 69 05 49 588 157 80').map((e) => e.type)).toEqual(['NIR']);
    expect(detectIdentifiers('Réf. 2 69 05 49 588 157 81')).toEqual([]);
    // In an explicit context a mistyped number is still hidden.
    expect(detectIdentifiers('N° de sécurité sociale : 2 69 05 49 588 157 81').map((e) => e.type)).toEqual(['NIR']);
    expect(detectIdentifiers('INS : 2 69 05 49 588 157 80').map((e) => e.type)).toEqual(['INS']);
  });
});

describe('IBAN checksum (mod 97)', () => {
  it('accepts published examples and rejects a changed digit', () => {
    for (const iban of ['FR76 3000 6000 0112 3456 7890 189', 'GB82 WEST 1234 5698 7654 32', 'BE68 5390 0754 7034', 'DE89 3704 0044 0532 0130 00'])
      expect(ibanValid(iban)).toBe(true);
    expect(ibanValid('FR76 3000 6000 0112 3456 7890 188')).toBe(false);
    expect(ibanValid('FR76 3000 6000 0112 3456 7890')).toBe(false); // wrong length for France
  });

  it('check digits computed for any BBAN make a valid IBAN, and a swap of two different digits breaks it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{23}$/), fc.nat(21), (bban, i) => {
        const iban = 'FR' + ibanCheckDigits('FR', bban) + bban;
        expect(ibanValid(iban)).toBe(true);
        fc.pre(bban[i] !== bban[i + 1]);
        const swapped = 'FR' + iban.slice(2, 4) + bban.slice(0, i) + bban[i + 1] + bban[i] + bban.slice(i + 2);
        expect(ibanValid(swapped)).toBe(false);
      }),
    );
  });

  it('the detector stops an IBAN at its length, before the next word', () => {
    const text = 'IBAN FR76 3000 6000 0112 3456 7890 189 BIC AGRIFRPP';
    const [iban] = detectIdentifiers(text);
    expect(iban).toMatchObject({ type: 'IBAN', value: 'FR76 3000 6000 0112 3456 7890 189' });
  });
});
