/** The text the throughput is measured on is what it claims to be (bench/privacy.ts, fixtures/privacy/throughput.ts). */
import { detectIdentifiers } from '../../../src/core/privacy';
import { throughputCorpus } from '../../fixtures/privacy/throughput';

const corpus = throughputCorpus(600_000);
const bytes = (texts: string[]): number => texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);

describe('throughput corpus', () => {
  it('is deterministic and about the size asked, two thirds with identifiers', () => {
    expect(throughputCorpus(600_000)).toEqual(corpus);
    const withBytes = bytes(corpus.withIdentifiers);
    const withoutBytes = bytes(corpus.withoutIdentifiers);
    expect(withBytes + withoutBytes).toBeGreaterThanOrEqual(600_000);
    expect(withBytes + withoutBytes).toBeLessThan(700_000);
    expect(withBytes / (withBytes + withoutBytes)).toBeGreaterThan(0.6);
  });

  it('has no identifier in the documents said to have none (so it is not a false-alarm generator either)', () => {
    const found = corpus.withoutIdentifiers.flatMap((t) => detectIdentifiers(t).map((e) => `${e.type} ${e.value}`));
    expect(found).toEqual([]);
  });

  it('has identifiers in every document said to have some, fewer per kB than the labelled set', () => {
    let count = 0;
    for (const t of corpus.withIdentifiers) {
      const n = detectIdentifiers(t).length;
      expect(n).toBeGreaterThan(0);
      count += n;
    }
    const perKb = (count / bytes(corpus.withIdentifiers)) * 1000;
    expect(perKb).toBeGreaterThan(3);
    expect(perKb).toBeLessThan(15);
  });
});
