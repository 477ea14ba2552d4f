/**
 * Linear-time checks without a time budget: the same work is run on an input and on one `factor` times larger, in the
 * same test, and the ratio of their (best-of-N) durations is compared with the ratio of their sizes. A linear
 * algorithm gives about `factor`; a quadratic one `factor`². The allowed ratio sits far between the two, so a loaded
 * machine (which slows both runs alike) does not change the verdict; absolute times are printed by
 * `npm run bench mail`, never asserted. Durations are the process's CPU time, not the wall clock: time spent waiting
 * for a core that other processes hold (jest's other workers, a bench) is not counted.
 */

/** CPU time of this process (user + system), in milliseconds. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function best(run: () => unknown, runs: number): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = cpuMs();
    run();
    min = Math.min(min, cpuMs() - t0);
  }
  return min;
}

export interface Growth {
  /** Duration on the large input over duration on the small one. */
  ratio: number;
  /** Size of the large input over size of the small one (as measured by `size`). */
  factor: number;
}

/** Below this, a duration is mostly timer and scheduler noise: the small input is doubled until it takes longer. */
const MIN_MS = 50;

/**
 * `make(n)` builds an input; `run` does the work; `size` measures an input (its length by default). The small input
 * starts at `small` and is doubled (at most 6 times) until it takes MIN_MS (this also warms the JIT up), then each
 * input is run `runs` times, keeping the fastest (the run least disturbed by other processes).
 */
export function growth<T extends { length: number }>(make: (n: number) => T, run: (input: T) => unknown, small: number, factor = 8, size: (input: T) => number = (x) => x.length, runs = 3): Growth {
  let n = small;
  let a = make(n);
  run(a);
  for (let k = 0; k < 6 && best(() => run(a), 2) < MIN_MS; k++) a = make((n *= 2));
  const b = make(n * factor);
  const sizes = size(b) / Math.max(size(a), 1);
  // A burst of load during one measurement inflates its ratio: measure again (at most twice) and keep the lowest.
  // A quadratic algorithm stays at sizes² on every attempt.
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio > sizes * 3; attempt++) {
    const ta = best(() => run(a), runs);
    const tb = best(() => run(b), runs);
    ratio = Math.min(ratio, tb / Math.max(ta, 1));
    if (process.env.AIDE_SCALING_LOG) console.log(`scaling: n=${n} ${ta.toFixed(1)} ms → ${tb.toFixed(1)} ms (×${(tb / ta).toFixed(1)} for a size ×${sizes.toFixed(1)})`);
  }
  return { ratio, factor: sizes };
}

/** Linear with room: at most 3× the size ratio (a quadratic algorithm would be at its square, 64 for 8). */
export const linearBound = (g: Growth): number => g.factor * 3;
