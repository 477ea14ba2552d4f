/**
 * The hard structured cases of test/fixtures/privacy/formats.txt (issue 12: written from the published formats and
 * from the list of misses and false alarms, with benign look-alikes). The file is what formats.txt says, the
 * split is by a hash, and both halves hold their figures: raising a floor is welcome, lowering one is a regression.
 */
import fs from 'node:fs';
import path from 'node:path';
import { evaluate, loadFormatsSet } from '../../../bench/privacy';
import { formatsPartOf, parseFormats, toJsonl } from '../../fixtures/privacy/formats';

const dir = path.join(__dirname, '../../fixtures/privacy');
const { tune, heldOut } = loadFormatsSet();

describe('the structured formats set', () => {
  it('is exactly what formats.txt produces, escapes turned into characters', () => {
    const parsed = parseFormats(fs.readFileSync(path.join(dir, 'formats.txt'), 'utf8'));
    expect(fs.readFileSync(path.join(dir, 'formats.jsonl'), 'utf8')).toBe(toJsonl(parsed));
    expect(parsed.some((d) => d.text.includes('\u202f'))).toBe(true);
    expect(parsed.some((d) => d.text.includes('\u00a0'))).toBe(true);
    for (const d of parsed) for (const e of d.entities) expect(d.text.slice(e.start, e.end)).not.toMatch(/\[\[|\]\]/);
  });

  it('is split by a hash into two halves of comparable size, each text in one half', () => {
    expect(tune.length).toBeGreaterThan(30);
    expect(heldOut.length).toBeGreaterThan(30);
    for (const d of tune) expect(formatsPartOf(d)).toBe('tune');
    const ids = new Set(tune.map((d) => d.id));
    expect(heldOut.some((d) => ids.has(d.id))).toBe(false);
  });

  it('holds benign look-alikes (texts with nothing to hide)', () => {
    expect([...tune, ...heldOut].filter((d) => d.entities.length === 0).length).toBeGreaterThanOrEqual(8);
  });

  // [half, recall floor, precision floor]: the figures measured when the floor was last raised, rounded down.
  it.each([
    ['tune', 0.99, 0.97],
    ['held-out', 0.96, 0.86],
  ] as const)('%s half: overall recall ≥ %s, precision ≥ %s', (half, recall, precision) => {
    const ev = evaluate(half === 'tune' ? tune : heldOut);
    expect(ev.overall.recall).toBeGreaterThanOrEqual(recall);
    expect(ev.overall.precision).toBeGreaterThanOrEqual(precision);
  });
});
