import fc from "fast-check";

/**
 * A seed for the orders Dioxus leaves unspecified (which of several tasks
 * woken at once is polled first, and the like): pass it as the runtime's
 * `seed` option, `ctx.runtime({ seed })`.
 *
 * Varies: any integer from 0 to 2^31 - 1; each one permutes those orders its
 * own way, and the same seed always gives the same order.
 *
 * Shrinks: not at all. A smaller seed is not a simpler order, only another
 * one, so the seed that found the failure is kept while the other values
 * shrink around it.
 */
export function runtimeSeed(): fc.Arbitrary<number> {
  return fc.noShrink(fc.nat());
}
