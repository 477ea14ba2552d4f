/**
 * The public EDS-Pseudo snippets (../shared/corpora/aphp-eds-pseudo, read in place, never copied): the split is
 * deterministic, and the measure part — never tuned on — holds its figures, so that a regression fails the suite.
 *
 * Issue 12's targets on the measure part: names ≥ 0.95, phones and e-mails ≥ 0.98, birth dates ≥ 0.90, IPP/NDA/SECU
 * ≥ 0.90, addresses ≥ 0.90, precision ≥ 0.90. The test holds, per type, the figure measured when it was written,
 * rounded down (above the target where it is met, below it where the rules do not meet it yet: see the README's
 * figures), with the target beside it: raising a floor is welcome, lowering one is a regression.
 */
import { evaluatePublic } from '../../../bench/privacy';
import { loadPublicCorpus, parseSnippet, partOf } from '../../fixtures/privacy/public-corpus';
import { describeWithCorpus } from '../../helpers/corpus';

const corpus = loadPublicCorpus();
const describeIfCorpus = describeWithCorpus(corpus !== undefined, '../shared/corpora/aphp-eds-pseudo');

describe('public corpus loader', () => {
  it('strips the inline marks into text and spans', () => {
    const s = parseSnippet('Dr [ROMAIN](PRENOM) [SPRITZ](NOM), [12 rue X](ADDRESSE) : [06 12 34 56 78](TEL)');
    expect(s.text).toBe('Dr ROMAIN SPRITZ, 12 rue X : 06 12 34 56 78');
    expect(s.spans.map((x) => [x.label, s.text.slice(x.start, x.end)])).toEqual([
      ['PRENOM', 'ROMAIN'],
      ['NOM', 'SPRITZ'],
      ['ADRESSE', '12 rue X'],
      ['TEL', '06 12 34 56 78'],
    ]);
  });

  it('puts a snippet in the same part whatever the order of the file', () => {
    const s = parseSnippet('Mme [Dupont](NOM) née le [01/02/1950](DATE_NAISSANCE)');
    expect(partOf(s)).toBe(partOf(parseSnippet('Mme [Dupont](NOM) née le [01/02/1950](DATE_NAISSANCE)')));
  });
});

describeIfCorpus('EDS-Pseudo measure part (only measured, never tuned on)', () => {
  const measure = corpus ? evaluatePublic(corpus.measure) : undefined;

  it('is about half of the snippets, each in one part only', () => {
    expect(corpus!.measure.length).toBeGreaterThan(90);
    expect(corpus!.tune.length).toBeGreaterThan(90);
    const tuneIds = new Set(corpus!.tune.map((s) => s.id));
    expect(corpus!.measure.some((s) => tuneIds.has(s.id))).toBe(false);
  });

  // [type, floor held by this test, issue's target]
  it.each([
    ['PERSONNE', 0.96, 0.95],
    ['TEL', 0.98, 0.98],
    ['EMAIL', 0.97, 0.98],
    ['DATE_NAISSANCE', 0.81, 0.9],
    ['SECU', 0.92, 0.9],
    ['IPP', 0.95, 0.9],
    ['NDA', 0.95, 0.9],
    ['ADRESSE', 0.93, 0.9],
  ] as const)('recall of %s ≥ %s (target %s)', (type, floor, target) => {
    const score = measure!.perType[type]!;
    expect(score.gold).toBeGreaterThan(10);
    expect(score.recall).toBeGreaterThanOrEqual(floor);
    expect(target).toBeGreaterThan(0); // printed in the test's name; the gap is reported, not hidden
  });

  it('precision ≥ 0.90 (a hidden span the corpus labels as any identifier, date or place is correct)', () => {
    expect(measure!.precision).toBeGreaterThanOrEqual(0.9);
  });
});
