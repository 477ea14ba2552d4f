/**
 * Small-group suppression for the dashboard and the report.
 *
 * Primary rule: a figure computed from fewer than k distinct device tokens (and more than 0: a 0 identifies nobody)
 * is hidden. Complementary rule: wherever published figures are linked — parts adding up to a total, or a mean over a
 * distribution — a hidden part must not be the only unknown, or it could be recovered by subtraction. Then the
 * smallest visible part is hidden as well (or the total, when no visible part is left), repeated until stable, since
 * hiding one cell can expose another relation. Unpublished parts (e.g. the "no" answers next to "yes" and the total)
 * count as unknowns and are themselves protected when they come from fewer than k tokens.
 */
import type { Figure, Rate, Suppressed } from './report-types';

export interface Cell {
  value: number;
  /** Distinct device tokens behind the figure (or a lower bound of it). */
  tokens: number;
  hidden: boolean;
  /** False for a figure that is not shown but is implied by others (it still has to be protected). */
  published: boolean;
  /** The threshold the cell was made with (tells a primary suppression from a complementary one). */
  k: number;
}

export const MIN_K = 5;

export function effectiveK(k: number | undefined): number {
  return Math.max(MIN_K, Math.floor(k ?? MIN_K));
}

export function makeCell(value: number, tokens: number, k: number, published = true): Cell {
  return { value, tokens, hidden: tokens > 0 && tokens < k, published, k };
}

/** A relation between published figures: `parts` add up to (or, for a mean, determine) `total`. */
export interface Relation {
  total: Cell;
  parts: Cell[];
}

/** Applies the complementary rule to every relation until nothing changes. Returns the number of cells hidden. */
export function protect(relations: Relation[]): number {
  let hiddenNow = 0;
  for (let round = 0; round < 1000; round++) {
    let changed = false;
    for (const { total, parts } of relations) {
      if (total.hidden || !total.published) continue;
      const unknowns = parts.filter((p) => p.hidden || !p.published);
      if (unknowns.length !== 1 || !unknowns[0]!.hidden) continue;
      const visible = parts.filter((p) => !p.hidden && p.published);
      if (visible.length) {
        // The smallest visible part loses the least information.
        const pick = visible.reduce((a, b) => (b.value < a.value ? b : a));
        pick.hidden = true;
      } else {
        total.hidden = true;
      }
      hiddenNow++;
      changed = true;
    }
    if (!changed) break;
  }
  return hiddenNow;
}

/** Hidden by the primary rule (fewer than k tokens) — shown "< k" — or only to protect another figure ("hidden"). */
const isPrimary = (c: Cell) => c.hidden && c.tokens > 0 && c.tokens < c.k;
const hiddenAs = (cells: Cell[]): Suppressed => ({ suppressed: true, reason: cells.some((c) => c.hidden && isPrimary(c)) ? 'small' : 'linked' });

export function figure(cell: Cell, digits = 0): Figure {
  if (cell.hidden) return hiddenAs([cell]);
  const f = 10 ** digits;
  return Math.round(cell.value * f) / f;
}

/**
 * A share num/den: hidden when either is hidden, or when the complement (den − num, e.g. the "no" answers) comes
 * from fewer than k tokens (then the share would tell about those few).
 */
export function rate(num: Cell, den: Cell, complement?: Cell): Rate {
  if (num.hidden || den.hidden || complement?.hidden) return hiddenAs([num, den, ...(complement ? [complement] : [])]);
  if (den.value === 0) return null;
  return Math.round((num.value / den.value) * 10000) / 10000;
}

/** A derived figure (mean, estimate) shown only when every cell it comes from is shown. */
export function derived(value: number, from: Cell[], digits = 1): Figure {
  if (from.some((c) => c.hidden)) return hiddenAs(from);
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
