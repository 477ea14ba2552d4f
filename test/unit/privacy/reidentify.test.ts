/** Streaming re-identification: a placeholder split anywhere across chunks still comes back as its value. */
import fc from 'fast-check';
import { createReidentifier, pseudonymize, PseudonymMap } from '../../../src/core/privacy';

function mapWith(values: Array<[Parameters<PseudonymMap['placeholderFor']>[0], string]>): PseudonymMap {
  const map = new PseudonymMap();
  for (const [type, value] of values) map.placeholderFor(type, value);
  return map;
}

const map = mapWith([
  ['PERSONNE', 'Marie Dupont'],
  ['PERSONNE', 'Jean Martin'],
  ['TEL', '06 12 34 56 78'],
  ['DATE_NAISSANCE', '12/03/1948'],
  ['EMAIL', 'm.dupont@chu.fr'],
]);

/** Cuts `text` at the given positions. */
function chunk(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(text.slice(last, p));
    last = p;
  }
  parts.push(text.slice(last));
  return parts;
}

function stream(parts: string[]): { out: string; pieces: string[] } {
  const r = createReidentifier(map);
  const pieces = parts.map((p) => r.push(p));
  pieces.push(r.flush());
  return { out: pieces.join(''), pieces };
}

describe('createReidentifier', () => {
  it('puts back a placeholder split in two', () => {
    const r = createReidentifier(map);
    expect(r.push('Bonjour [PERS')).toBe('Bonjour ');
    expect(r.push('ONNE_1], né le [DATE_NAISSANCE_')).toBe('Marie Dupont, né le ');
    expect(r.push('1].')).toBe('12/03/1948.');
    expect(r.flush()).toBe('');
  });

  it('does not wait for ever on a bracket that is not a placeholder', () => {
    const r = createReidentifier(map);
    expect(r.push('voir [annexe')).toBe('voir [annexe');
    expect(r.push(' [1] [PERSONNE_9] [TEL_')).toBe(' [1] [PERSONNE_9] ');
    expect(r.flush()).toBe('[TEL_');
  });

  const fragment = fc.constantFrom(
    '[PERSONNE_1]', '[PERSONNE_2]', '[TEL_1]', '[DATE_NAISSANCE_1]', '[EMAIL_1]', '[PERSONNE_12]', '[TEL_', '[', ']', '[[TEL_1]]',
    'Bonjour ', 'merci ', ', ', '\n', 'é', '[Note]', '[PERSONNE_1', '_1]', 'PERSONNE_2]', '😀',
  );

  it('gives, for any chunking, the same text as re-identifying the whole answer', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), fc.array(fc.nat(2000), { maxLength: 30 }), (fragments, cuts) => {
        const answer = fragments.join('');
        const { out } = stream(chunk(answer, cuts));
        expect(out).toBe(map.reidentify(answer));
      }),
      { numRuns: 500 },
    );
  });

  it('holds back at most the length of one placeholder, whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), fc.array(fc.nat(2000), { maxLength: 30 }), (fragments, cuts) => {
        // With an empty map nothing is replaced, so what is held back is what was pushed minus what came out.
        const r = createReidentifier(new PseudonymMap());
        let pushed = 0;
        let shown = 0;
        for (const part of chunk(fragments.join(''), cuts)) {
          pushed += part.length;
          shown += r.push(part).length;
          expect(pushed - shown).toBeLessThanOrEqual('[DATE_NAISSANCE_999999'.length);
        }
        expect(shown + r.flush().length).toBe(pushed);
      }),
      { numRuns: 300 },
    );
  });

  it('re-identifies a real pseudonymized mail streamed one character at a time', () => {
    const original = 'Mme Lefebvre (née le 12/03/1948) au 06 12 34 56 78, cc Jean Martin <jean.martin@chu.fr>.';
    const { text, map: m } = pseudonymize(original);
    const r = createReidentifier(m);
    let out = '';
    for (const ch of text) out += r.push(ch);
    out += r.flush();
    expect(out).toBe(original);
  });

  it('does linear work on a long answer in small chunks: each character is re-identified once, whatever came before', () => {
    const section = 'Le dossier de [PERSONNE_1] (tél. [TEL_1]) est complet ; voir [annexe 2] et [PERSONNE_2].\n\n';
    const answer = section.repeat(Math.ceil(300_000 / section.length)) + 'Fin : [TEL_';
    const counted = mapWith([['PERSONNE', 'Marie Dupont'], ['PERSONNE', 'Jean Martin'], ['TEL', '06 12 34 56 78']]);
    let handed = 0;
    const reidentify = counted.reidentify.bind(counted);
    counted.reidentify = (text: string) => ((handed += text.length), reidentify(text));
    const r = createReidentifier(counted);
    let out = '';
    for (let i = 0; i < answer.length; i += 4) out += r.push(answer.slice(i, i + 4));
    out += r.flush();
    // The end held back (an answer ending inside a placeholder) comes out as it was.
    expect(out.endsWith('Fin : [TEL_')).toBe(true);
    expect(out).toBe(reidentify(answer));
    // Held-back placeholders are handed again once complete: a few characters per placeholder, never the text so far.
    expect(handed).toBeLessThanOrEqual(answer.length * 1.2);
  });
});
