import fc from "fast-check";

/**
 * How a request ends: `"ok"` (the server answered with a body), `"http-error"`
 * (the server answered with an error status, such as a 500) or `"failure"`
 * (no answer at all: the network failed).
 */
export type Outcome = "ok" | "http-error" | "failure";

/** Every outcome, success first. */
export const OUTCOMES: readonly Outcome[] = ["ok", "http-error", "failure"];

/**
 * How a simulated request ends.
 *
 * Varies: success is the most likely (4 runs in 6); an HTTP error and a
 * network failure come up 1 run in 6 each, so most runs take the happy path
 * and every few runs take an error path.
 *
 * Shrinks: toward `"ok"`, so a counterexample only mentions an error when the
 * error is part of what breaks the property.
 */
export function outcome(): fc.Arbitrary<Outcome> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant<Outcome>("ok"), weight: 4 },
    { arbitrary: fc.constant<Outcome>("http-error"), weight: 1 },
    { arbitrary: fc.constant<Outcome>("failure"), weight: 1 },
  );
}
