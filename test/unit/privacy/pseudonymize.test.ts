import { createReidentifier, detectIdentifiers, pseudonymize, PrivacyConfigError, PseudonymMap } from '../../../src/core/privacy';
import { loadLabelledSet } from '../../../bench/privacy';

const mail = `De : DUPONT Marie <marie.dupont@chu-lyon.fr>
Objet : RDV de Mme Lefebvre

Bonjour,
Mme Lefebvre, née le 12/03/1948 (IPP : 80012345), est joignable au 06 12 34 56 78 ou au +33 6 12 34 56 78.
Adresse : 12 rue de la Paix, 69003 Lyon. IBAN FR76 3000 6000 0112 3456 7890 189.
Lefebvre souhaite que sa fille, Claire Martin, soit prévenue.

Cordialement,
Marie Dupont`;

describe('pseudonymize', () => {
  it('replaces every identifier, with offsets into the input', () => {
    const result = pseudonymize(mail);
    const types = result.entities.map((e) => e.type);
    for (const type of ['PERSONNE', 'EMAIL', 'DATE_NAISSANCE', 'IPP', 'TEL', 'ADRESSE', 'IBAN']) expect(types).toContain(type);
    for (const secret of ['Dupont', 'DUPONT', 'Lefebvre', 'marie.dupont', '80012345', '06 12 34 56 78', '12/03/1948', 'rue de la Paix', 'FR76', 'Claire Martin'])
      expect(result.text).not.toContain(secret);
    // Rebuilding the output from the entities' offsets gives the output: offsets are into the input.
    let rebuilt = '';
    let last = 0;
    for (const e of result.entities) {
      rebuilt += mail.slice(last, e.start) + e.placeholder;
      last = e.end;
    }
    expect(rebuilt + mail.slice(last)).toBe(result.text);
    expect(result.text).toContain('Objet : RDV de Mme [PERSONNE_');
  });

  it('gives one placeholder per value, stable within a request and across its messages', () => {
    const map = new PseudonymMap();
    const first = pseudonymize('Mme Lefebvre au 06 12 34 56 78.', {}, map);
    const second = pseudonymize('Rappeler Mme LEFEBVRE au +33 6 12 34 56 78, pas Mme Durand.', {}, map);
    const p1 = first.entities.map((e) => e.placeholder);
    const p2 = second.entities.map((e) => e.placeholder);
    expect(p1).toEqual(['[PERSONNE_1]', '[TEL_1]']);
    // Same person (other case), same number (other spelling): same placeholders; a new person gets a new one.
    expect(p2).toEqual(['[PERSONNE_1]', '[TEL_1]', '[PERSONNE_2]']);
    expect(map.valueOf('[PERSONNE_1]')).toBe('Lefebvre');
    expect(map.valueOf('[TEL_1]')).toBe('06 12 34 56 78');
  });

  it('puts every value back: re-identifying the pseudonymized text gives the original, on the whole labelled set', () => {
    const { generated, handwritten } = loadLabelledSet();
    for (const doc of [...generated, ...handwritten]) {
      const { text, map } = pseudonymize(doc.text);
      // The same spelling comes back for each occurrence except where two spellings share a placeholder.
      const back = map.reidentify(text);
      expect(back.length).toBe(doc.text.length);
      const canonical = (s: string): string => s.toLowerCase().replace(/[\s.\-()+]/g, '');
      expect(canonical(back).replace(/^0033|\+33/g, '0')).toBe(canonical(doc.text).replace(/^0033|\+33/g, '0'));
    }
  });

  it('leaves a placeholder already written in the input alone', () => {
    const input = 'Exemple : [PERSONNE_1] et [TEL_1]. Patient : M. Durand, 06 11 22 33 44.';
    const { text, map } = pseudonymize(input);
    expect(text).toBe('Exemple : [PERSONNE_1] et [TEL_1]. Patient : M. [PERSONNE_2], [TEL_2].');
    expect(map.reidentify(text)).toBe(input);
  });

  it('uses the hospital patterns for IPP and NDA, and reports an invalid pattern by its setting', () => {
    // Neither value has a context word of its own (a code, a step of a procedure): only the patterns find them.
    const text = 'Code 8012345678, étape S240001.';
    expect(detectIdentifiers(text)).toEqual([]);
    const found = detectIdentifiers(text, { ippPattern: '\\b80\\d{8}\\b', ndaPattern: '\\bS(\\d{6})\\b' });
    expect(found.map((e) => [e.type, e.value])).toEqual([
      ['IPP', '8012345678'],
      ['NDA', '240001'],
    ]);
    expect(() => detectIdentifiers(text, { ippPattern: '(' })).toThrow(PrivacyConfigError);
    expect(() => detectIdentifiers(text, { ippPattern: '(' })).toThrow(/AIDE_PRIVACY_IPP_PATTERN/);
  });

  it('does not take ordinary words, dates and numbers for identifiers', () => {
    const text =
      'Le petit déjeuner est servi à 7 h 30. Tension 12/8, glycémie 1,05 g/L. Réunion le 12/03/2025 en salle 214.\n' +
      'FINESS 690781810, RPPS 10101234567, montant 1 234 567,89 €. Avril a été chargé. France Travail a appelé.';
    expect(detectIdentifiers(text)).toEqual([]);
  });

  it('keeps the map in memory only and says nothing when nothing is found', () => {
    const result = pseudonymize('Rien à signaler.');
    expect(result.text).toBe('Rien à signaler.');
    expect(result.entities).toEqual([]);
    expect(result.map.size).toBe(0);
    expect(createReidentifier(result.map).push('[PERSONNE_1]')).toBe('[PERSONNE_1]');
  });
});

describe('the test for blanks to fold in a value (same answer as the regex it replaces)', () => {
  it('agrees with /\\s\\s|[\\t\\n\\r\\u00A0]/ on every pair and on random strings of blanks and letters', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { hasUnusualBlanks } = require('../../../src/core/privacy/pseudonymize') as { hasUnusualBlanks: (v: string) => boolean };
    const regex = /\s\s|[\t\n\r\u00A0]/;
    const alphabet = ['a', 'Z', ' ', '\t', '\n', '\r', '\v', '\f', '\u00A0', '\u1680', '\u2000', '\u200A', '\u200B', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000', '\uFEFF', '\u0085', '-', '\u00AD'];
    for (const a of alphabet) for (const b of alphabet) expect([a + b, hasUnusualBlanks(a + b)]).toEqual([a + b, regex.test(a + b)]);
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % alphabet.length;
    for (let k = 0; k < 2000; k++) {
      let value = '';
      for (let n = 0; n < 1 + (k % 9); n++) value += alphabet[next()];
      expect([value, hasUnusualBlanks(value)]).toEqual([value, regex.test(value)]);
    }
  });
});

describe('one map for several messages of a request', () => {
  it('reads back the placeholders given before and after it was first read, and keeps reserved ones apart', () => {
    const map = new PseudonymMap();
    const first = pseudonymize('Appeler Mme Dupont au 06 12 34 56 78.', {}, map);
    expect(map.reidentify(first.text)).toBe('Appeler Mme Dupont au 06 12 34 56 78.');
    // After the map was read back once (its index built), new placeholders and a literal one in the input.
    const second = pseudonymize('Le texte contient [TEL_2] tel quel ; M. Martin au 07 11 22 33 44, Mme Dupont aussi.', {}, map);
    expect(second.text).not.toContain('Martin');
    expect(second.text).toContain('[TEL_2] tel quel');
    expect(map.reidentify(second.text)).toBe('Le texte contient [TEL_2] tel quel ; M. Martin au 07 11 22 33 44, Mme Dupont aussi.');
    expect(map.valueOf('[TEL_3]')).toBe('07 11 22 33 44');
    expect(map.entries().map((e) => e.placeholder)).toEqual(['[PERSONNE_1]', '[TEL_1]', '[PERSONNE_2]', '[TEL_3]']);
    expect(map.size).toBe(4);
  });
});
