/** No input makes the detectors slow: patterns are linear, so pathological texts take about as long as mail. */
import { clearTokenMemo, detectIdentifiers, pseudonymize } from '../../../src/core/privacy';
import { loadLabelledSet } from '../../../bench/privacy';
import { cpuMs } from '../mail/scaling';

const SIZE = 200_000;
const pathological: Record<string, string> = {
  digits: '1'.repeat(SIZE),
  'spaced digits': '0 1 '.repeat(SIZE / 4),
  'at signs': 'a@'.repeat(SIZE / 2),
  'dotted local parts': ('a.'.repeat(200) + '@').repeat(SIZE / 401),
  capitals: 'Jean '.repeat(SIZE / 5),
  'upper case': 'DUPONT '.repeat(SIZE / 7),
  titles: 'Mme M. Dr '.repeat(SIZE / 10),
  'IBAN-like': 'FR76 '.repeat(SIZE / 5),
  'street-like': '12 rue de la de la '.repeat(SIZE / 19),
  'one long line of spaces': ' '.repeat(SIZE),
  brackets: '[PERSONNE_'.repeat(SIZE / 10),
  'header lines': 'De : A B C D E F\n'.repeat(SIZE / 17),
};

/** CPU milliseconds for one detection, best of three (other processes only ever slow a run down; CPU time leaves out
 * the time spent waiting for a core). */
function timeOf(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = cpuMs();
    detectIdentifiers(text);
    best = Math.min(best, cpuMs() - t0);
  }
  return best;
}

describe('robustness', () => {
  let mailMs = 0;
  beforeAll(() => {
    // The same amount of ordinary hospital mail, timed in the same process: the yardstick.
    const { generated } = loadLabelledSet();
    let mail = '';
    for (let i = 0; mail.length < SIZE; i++) mail += generated[i % generated.length]!.text + '\n';
    timeOf(mail);
    mailMs = timeOf(mail.slice(0, SIZE));
  });

  it.each(Object.keys(pathological))('handles %s (200 kB) about as fast as mail', (name) => {
    const ms = timeOf(pathological[name]!);
    // Catastrophic backtracking would be hundreds of times slower; allow a wide margin for noise.
    expect(ms).toBeLessThan(Math.max(25 * mailMs, 100));
  });

  it('handles empty and whitespace-only text', () => {
    expect(pseudonymize('').text).toBe('');
    expect(detectIdentifiers('\n\n  \t')).toEqual([]);
  });
});

describe('the memo of capitalised words', () => {
  /** n distinct capitalised words that are nobody's name: Qxaaaa, Qxbaaa, … */
  const distinctWords = (n: number, capital: string): string[] =>
    Array.from({ length: n }, (_, k) => capital + 'x' + [k % 26, (k / 26) % 26, (k / 676) % 26, (k / 17576) % 26].map((d) => String.fromCharCode(97 + Math.floor(d))).join(''));

  it('a text with more new words than the memo holds: every occurrence of a name still found, no other word taken', () => {
    // More than the memo's 8,192 words in one text (it grows, then is emptied before the next text).
    const filler = distinctWords(20_000, 'Q').join(' et ');
    const text = `M. Zorglub est venu. ${filler}. Zorglub repart. Fin.`;
    const names = detectIdentifiers(text).filter((e) => e.type === 'PERSONNE').map((e) => e.value);
    expect(names).toEqual(['Zorglub', 'Zorglub']);
    // The next texts see the same results as with an empty memo.
    const next = 'Bonjour,\nMme Lefebvre a appelé. Lefebvre rappellera le 12/03.\nCordialement,\nAnne Girard';
    const warm = detectIdentifiers(next);
    clearTokenMemo();
    expect(detectIdentifiers(next)).toEqual(warm);
    expect(warm.filter((e) => e.type === 'PERSONNE').map((e) => e.value)).toEqual(['Lefebvre', 'Lefebvre', 'Anne Girard']);
  });

  it('a name found in one text does not make the same word a name in the next one', () => {
    detectIdentifiers('Mme Rosier a appelé. Rosier rappellera.');
    expect(detectIdentifiers('Le Rosier du jardin est en fleur.').filter((e) => e.type === 'PERSONNE')).toEqual([]);
  });
});
