/**
 * The targets, measured the way `npm run bench` measures them (bench/mail.ts): ≥ 95 % exact visible text on
 * the public email_reply_parser fixtures and on the French set, ≤ 40 % of the naive characters on 10+ threads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cleanMail } from '../../../src/core/mail';
import { corpusDir, evaluateFrench, GITHUB_CONVENTION, signatureCases, keptTotals, evaluateReplyParser, evaluateThreads, heldoutCases, score, TARGET_EXACT, TARGET_RATIO } from '../../../bench/mail';
import { growth, linearBound } from './scaling';
import { describeWithCorpus } from '../../helpers/corpus';

const describeCorpus = describeWithCorpus(fs.existsSync(corpusDir()), corpusDir());

describeCorpus('github/email_reply_parser fixtures (MIT, read from ../shared/corpora)', () => {
  it(`gives the expected visible text for at least ${TARGET_EXACT * 100} % of them`, async () => {
    const results = await evaluateReplyParser();
    expect(results.length).toBeGreaterThanOrEqual(20);
    // Misses only where its convention differs from ours (stated case by case), ≥ 95 % once those are set aside.
    const failed = results.filter((r) => !r.ok).map((r) => r.file);
    expect(failed.filter((f) => !GITHUB_CONVENTION[f])).toEqual([]);
    for (const f of Object.keys(GITHUB_CONVENTION)) expect(failed).toContain(f);
    const judged = results.filter((r) => r.ok || !GITHUB_CONVENTION[r.file]);
    if (judged.filter((r) => r.ok).length < TARGET_EXACT * judged.length) throw new Error(`below target; mismatches: ${failed.join(', ')}`);
    // The upstream suite holds the pathological mails to a second; here (a loaded machine, no time budgets) they must
    // not take more than 50 times the slowest ordinary fixture of the same run: backtracking would be far beyond it.
    const hard = (x: { file: string }) => x.file === 'pathological.txt' || x.file === 'email_long_quote.txt';
    const ordinary = Math.max(5, ...results.filter((x) => !hard(x)).map((x) => x.ms));
    for (const r of results.filter(hard)) expect(r.ms).toBeLessThan(50 * ordinary);
  });
  it('cleans the pathological mails in time linear in their size (the upstream suite times them; the bench prints ours)', () => {
    for (const file of ['pathological.txt', 'email_long_quote.txt']) {
      const text = fs.readFileSync(path.join(corpusDir(), file), 'utf8');
      // Factor 4: the long quote is 750 KB, and 8 copies of a 4-copy input are enough to bring the collector in.
      const g = growth((n) => text.repeat(n), (t) => cleanMail({ text: t }), 1, 4);
      expect(g.ratio).toBeLessThan(linearBound(g));
    }
  });
});

describe('French hospital set', () => {
  it('has at least 60 mails, each with its expected visible text', () => {
    const dir = `${__dirname}/../../fixtures/mail/fr`;
    const mails = fs.readdirSync(dir).filter((f) => /\.(txt|html|eml)$/.test(f) && !f.endsWith('.expected.txt'));
    expect(mails.length).toBeGreaterThanOrEqual(60);
    for (const m of mails) expect(fs.existsSync(`${dir}/${m.replace(/\.(txt|html|eml)$/, '.expected.txt')}`)).toBe(true);
    // Every client form is represented.
    for (const form of ['outlook-fr-text', 'outlook-en-text', 'owa-html', 'outlook-desktop-html', 'gmail-text', 'gmail-html', 'apple-text', 'apple-html', 'thunderbird-text', 'thunderbird-html', 'eml-'])
      expect(mails.some((m) => m.includes(form))).toBe(true);
  });

  it(`gives the expected visible text for at least ${TARGET_EXACT * 100} % of them`, async () => {
    const results = await evaluateFrench();
    const failed = results.filter((r) => !r.ok).map((r) => r.file);
    if (results.length - failed.length < TARGET_EXACT * results.length) throw new Error(`below target; mismatches: ${failed.join(', ')}`);
    // The hand-written ones (not produced by build-fr.ts) count on their own too.
    const hand = results.filter((r) => r.file.startsWith('h'));
    expect(hand.length).toBeGreaterThanOrEqual(15);
    expect(hand.filter((r) => r.ok).length).toBeGreaterThanOrEqual(Math.ceil(TARGET_EXACT * hand.length));
  });
});

describe('held-out French hospital set (written before being run; the measure part is never tuned on)', () => {
  it('gives the expected visible text for every tune mail, with and without the sender name', async () => {
    for (const withSender of [true, false]) {
      const r = await score('aide', await heldoutCases('tune', withSender));
      expect(r.length).toBeGreaterThanOrEqual(15);
      expect(r.filter((x) => !x.ok).map((x) => x.file)).toEqual([]);
    }
  });
  it('keeps its measured figure on the measure part (at least 90 %: 13/15 when written, 14/15 after the reply-shape work of issue 13)', async () => {
    const r = await score('aide', await heldoutCases('measure'));
    expect(r.length).toBeGreaterThanOrEqual(15);
    expect(r.filter((x) => x.ok).length / r.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('signature blocks (held-out, written before being run; the measure part is never tuned on)', () => {
  it('every tune mail exact with the sender known; the measure part keeps its figure (12/12 when written); nothing of the text lost', async () => {
    const tune = await score('aide', await signatureCases('tune'));
    expect(tune.length).toBeGreaterThanOrEqual(10);
    expect(tune.filter((x) => !x.ok).map((x) => x.file)).toEqual([]);
    const measure = await score('aide', await signatureCases('measure'));
    expect(measure.filter((x) => x.ok).length).toBeGreaterThanOrEqual(11);
    for (const part of [tune, measure]) expect(keptTotals(part).kept).toBe(1);
  });
});

describe('threads of 10+ messages', () => {
  it(`send at most ${TARGET_RATIO * 100} % of the naive concatenation, with each message's own text exactly once`, async () => {
    const threads = await evaluateThreads();
    expect(threads.length).toBeGreaterThanOrEqual(5);
    for (const t of threads) {
      expect(t.messages).toBeGreaterThanOrEqual(10);
      expect(t.sentChars / t.naiveChars).toBeLessThanOrEqual(TARGET_RATIO);
      expect(t.rebuiltChars / t.naiveChars).toBeLessThanOrEqual(TARGET_RATIO);
      expect(t.exactMessages).toBe(t.messages);
      // Rebuilt from the quoted history of the last mail alone: every message, oldest first.
      expect(t.rebuiltMessages).toBe(t.messages);
      expect(t.rebuiltExact).toBe(t.messages);
    }
  });
});
