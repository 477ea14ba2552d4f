/**
 * Tests that read a public corpus from ../shared/corpora (beside the checkout, never copied into it): when the corpus
 * is missing the suite fails with where it was looked for, instead of skipping — a skip would hide that the figures
 * were not measured.
 */
export function describeWithCorpus(present: boolean, where: string): (name: string, body: () => void) => void {
  if (present) return describe;
  return (name, _body) =>
    describe(name, () => {
      it('needs its public corpus', () => {
        throw new Error(`The public corpus is missing at ${where} (../shared/ must sit beside the checkout)`);
      });
    });
}
