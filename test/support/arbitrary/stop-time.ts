import fc from "fast-check";

export interface StopTimeConstraints {
  /** The latest stop, in virtual ms (default 200). */
  readonly max?: number;
}

/**
 * When something is stopped early, in virtual ms: a component unmounts, a
 * task is cancelled. `undefined` means never.
 *
 * Varies: never (1 run in 4), or a time from 0 to `max` (default 200 ms),
 * small times more often, so a stop before, during and after the work it
 * interrupts all come up.
 *
 * Shrinks: toward `undefined` (it is never stopped), then toward t=0, so a
 * counterexample only mentions an unmount or a cancel when it is part of the
 * failure.
 */
export function stopTime({ max = 200 }: StopTimeConstraints = {}): fc.Arbitrary<number | undefined> {
  return fc.option(fc.nat({ max }), { nil: undefined, freq: 4 });
}
