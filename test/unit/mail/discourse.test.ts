/**
 * The public discourse/email_reply_trimmer corpus (MIT, 64 mails in 13 languages, read from ../shared/corpora):
 * issue 13's target of ≥ 90 % exact visible text. The corpus is split by a hash of each file name (bench/mail.ts
 * `partOf`): the tune part was developed against, the measure part only measured. Where the corpus's convention
 * differs from ours, the case is listed with the reason in DISCOURSE_CONVENTION; any other miss fails here.
 */
import fs from 'node:fs';
import { DISCOURSE_CONVENTION, discourseDir, evaluateDiscourse, partOf, TARGET_DISCOURSE } from '../../../bench/mail';
import { describeWithCorpus } from '../../helpers/corpus';

const describeCorpus = describeWithCorpus(fs.existsSync(discourseDir()), discourseDir());

describeCorpus('discourse/email_reply_trimmer corpus', () => {
  it('splits deterministically into two parts of similar size', () => {
    const files = fs.readdirSync(`${discourseDir()}/emails`).filter((f) => f.endsWith('.txt'));
    expect(files).toHaveLength(64);
    const tune = files.filter((f) => partOf(f) === 'tune').length;
    expect(tune).toBeGreaterThan(24);
    expect(files.length - tune).toBeGreaterThan(24);
  });
  it(`gives the expected visible text for at least ${TARGET_DISCOURSE * 100} % of the whole corpus`, async () => {
    const all = await evaluateDiscourse();
    const ok = all.filter((r) => r.ok).length;
    if (ok < TARGET_DISCOURSE * all.length) throw new Error(`${ok}/${all.length}; misses: ${all.filter((r) => !r.ok).map((r) => r.file).join(', ')}`);
  });
  it('misses on the measure part only where the conventions differ (stated case by case), and ≥ 90 % once those are set aside', async () => {
    const measure = await evaluateDiscourse('measure');
    const unexplained = measure.filter((r) => !r.ok && !DISCOURSE_CONVENTION[r.file]).map((r) => r.file);
    expect(unexplained).toEqual([]);
    const judged = measure.filter((r) => r.ok || !DISCOURSE_CONVENTION[r.file]);
    expect(judged.filter((r) => r.ok).length / judged.length).toBeGreaterThanOrEqual(TARGET_DISCOURSE);
    // The exact figure, conventions counted as misses, stays where it was measured (27/30, the target).
    expect(measure.filter((r) => r.ok).length / measure.length).toBeGreaterThanOrEqual(TARGET_DISCOURSE);
  });
  it('every stated convention difference is still a real miss (no stale excuse)', async () => {
    const all = await evaluateDiscourse();
    for (const file of Object.keys(DISCOURSE_CONVENTION)) expect(all.find((r) => r.file === file)?.ok).toBe(false);
  });
});
