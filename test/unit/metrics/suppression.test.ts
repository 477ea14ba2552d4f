import { effectiveK, figure, makeCell, protect, rate } from '../../../src/core/metrics/suppression';

describe('small-group suppression', () => {
  test('k is never below 5', () => {
    expect(effectiveK(2)).toBe(5);
    expect(effectiveK(undefined)).toBe(5);
    expect(effectiveK(8)).toBe(8);
  });

  test('a figure from fewer than k tokens is hidden; 0 tokens and k tokens are shown', () => {
    expect(makeCell(3, 4, 5).hidden).toBe(true);
    expect(makeCell(0, 0, 5).hidden).toBe(false);
    expect(makeCell(12, 5, 5).hidden).toBe(false);
    expect(figure(makeCell(3, 4, 5))).toEqual({ suppressed: true, reason: 'small' });
    expect(figure(makeCell(12, 5, 5))).toBe(12);
  });

  test('one hidden part next to a visible total: the smallest visible part is hidden too', () => {
    const total = makeCell(30, 20, 5);
    const a = makeCell(15, 10, 5);
    const b = makeCell(12, 8, 5);
    const c = makeCell(3, 2, 5); // hidden
    protect([{ total, parts: [a, b, c] }]);
    expect([a.hidden, b.hidden, c.hidden, total.hidden]).toEqual([false, true, true, false]);
    // total − visible = b + c: two unknowns, c cannot be isolated.
  });

  test('two hidden parts already protect each other', () => {
    const total = makeCell(30, 20, 5);
    const parts = [makeCell(20, 14, 5), makeCell(6, 3, 5), makeCell(4, 3, 5)];
    expect(protect([{ total, parts }])).toBe(0);
    expect(parts.map((p) => p.hidden)).toEqual([false, true, true]);
  });

  test('no visible part left: the total is hidden', () => {
    const total = makeCell(10, 10, 5);
    const only = makeCell(3, 3, 5);
    protect([{ total, parts: [only] }]);
    expect(total.hidden).toBe(true);
  });

  test('an unpublished part counts as an unknown, and is protected when small', () => {
    // yes + no = answers; "no" is not shown. 2 tokens said no: the share would tell about them.
    const answers = makeCell(20, 20, 5);
    const yes = makeCell(18, 18, 5);
    const no = makeCell(2, 2, 5, false);
    protect([{ total: answers, parts: [yes, no] }]);
    expect(yes.hidden).toBe(true);
    // yes is hidden only to protect "no" (linked), but the share is hidden because of the 2 "no" devices: "< k".
    expect(figure(yes)).toEqual({ suppressed: true, reason: 'linked' });
    expect(rate(yes, answers, no)).toEqual({ suppressed: true, reason: 'small' });
    // With 6 "no" tokens, nothing to hide.
    const yes2 = makeCell(14, 14, 5);
    const no2 = makeCell(6, 6, 5, false);
    protect([{ total: makeCell(20, 20, 5), parts: [yes2, no2] }]);
    expect(rate(yes2, makeCell(20, 20, 5), no2)).toBe(0.7);
  });

  test('hiding cascades across linked tables until stable', () => {
    // Two roles × two outcomes, with row and column totals.
    const a1 = makeCell(10, 10, 5);
    const a2 = makeCell(2, 2, 5); // hidden
    const b1 = makeCell(9, 9, 5);
    const b2 = makeCell(8, 8, 5);
    const rowA = makeCell(12, 12, 5);
    const rowB = makeCell(17, 17, 5);
    const col1 = makeCell(19, 19, 5);
    const col2 = makeCell(10, 10, 5);
    protect([
      { total: rowA, parts: [a1, a2] },
      { total: rowB, parts: [b1, b2] },
      { total: col1, parts: [a1, b1] },
      { total: col2, parts: [a2, b2] },
    ]);
    // Every relation with a visible total has 0 or at least 2 unknowns.
    for (const [total, parts] of [
      [rowA, [a1, a2]],
      [rowB, [b1, b2]],
      [col1, [a1, b1]],
      [col2, [a2, b2]],
    ] as const) {
      if (total.hidden) continue;
      expect(parts.filter((p) => p.hidden).length).not.toBe(1);
    }
    expect(a2.hidden).toBe(true);
  });

  test('rates: null without denominator, hidden when a side is hidden', () => {
    expect(rate(makeCell(0, 0, 5), makeCell(0, 0, 5))).toBeNull();
    expect(rate(makeCell(2, 2, 5), makeCell(10, 10, 5))).toEqual({ suppressed: true, reason: 'small' });
    expect(rate(makeCell(5, 5, 5), makeCell(10, 10, 5))).toBe(0.5);
  });
});
