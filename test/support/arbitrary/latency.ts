import fc from "fast-check";

export interface LatencyConstraints {
  /** The shortest latency, in virtual ms (default 0: the answer comes in the same instant). */
  readonly min?: number;
  /** The longest latency, in virtual ms (default 100). */
  readonly max?: number;
}

/**
 * How long a simulated request takes to answer, in whole virtual milliseconds.
 *
 * Varies: any latency from `min` to `max` (default 0 to 100 ms). fast-check's
 * bias makes small latencies and the bounds come up more often than a uniform
 * draw would, so equal latencies (two answers in the same instant) are common.
 *
 * Shrinks: toward `min`, small numbers first, so a counterexample tells the
 * shortest story that still fails ("t=3 #1 responds", not "t=847").
 */
export function latency({ min = 0, max = 100 }: LatencyConstraints = {}): fc.Arbitrary<number> {
  return fc.integer({ min, max });
}
