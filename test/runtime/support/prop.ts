/**
 * `prop([arbitraries], params)(sentence, body)`: a fast-check property as one
 * vitest test, with the same shape as `test.prop` from @fast-check/vitest.
 *
 * The runtime suite calls fast-check directly instead of importing
 * @fast-check/vitest: that package alone takes over a second to load in a
 * vitest worker, more than all these properties take to run.
 */
import fc from "fast-check";
import { it } from "vitest";

export { fc };

export function prop<Ts extends unknown[]>(
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  params: { numRuns?: number; seed?: number; path?: string } = {},
): (sentence: string, body: (...args: Ts) => void) => void {
  return (sentence, body) => {
    it(sentence, () => {
      const args = fc.tuple(...(arbitraries as fc.Arbitrary<unknown>[])) as unknown as fc.Arbitrary<Ts>;
      fc.assert(
        fc.property(args, (values) => {
          body(...values);
        }),
        params,
      );
    });
  };
}

/**
 * Runs a property that is expected to fail (against a deliberately wrong
 * implementation) and returns fast-check's report, so the test can check it
 * failed for the reason it names. Fails the test if the property held.
 * `SHOW_COUNTEREXAMPLES=1 npx vitest run …` prints each failing assertion.
 */
export function counterexample(run: () => void): string {
  try {
    run();
  } catch (error) {
    // fast-check keeps the assertion that failed as the cause.
    const cause = error instanceof Error ? error.cause : undefined;
    const why = cause instanceof Error ? cause.message : cause === undefined ? "" : String(cause);
    if (process.env.SHOW_COUNTEREXAMPLES) console.log(why);
    return `${error instanceof Error ? error.message : String(error)}\n${why}`;
  }
  throw new Error("expected the property to fail for this wrong implementation, but it held");
}
