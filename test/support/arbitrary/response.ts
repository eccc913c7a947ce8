import fc from "fast-check";
import { latency, type LatencyConstraints } from "./latency.ts";
import { outcome, type Outcome } from "./outcome.ts";

/** What the simulated network does with one request: answer after `latency` virtual ms, with `outcome`. */
export interface NetworkResponse {
  readonly latency: number;
  readonly outcome: Outcome;
}

export interface ResponseConstraints {
  /** Bounds on the latency (see `latency()`). */
  readonly latency?: LatencyConstraints;
}

/**
 * One request's fate: when it answers and how (`{ latency, outcome }`).
 *
 * Varies: the latency as `latency()` does (0 to 100 ms by default) and the
 * outcome as `outcome()` does (success most likely), independently.
 *
 * Shrinks: both at once, toward `{ latency: min, outcome: "ok" }`: an instant
 * success, unless the slowness or the error is what breaks the property.
 */
export function response(constraints: ResponseConstraints = {}): fc.Arbitrary<NetworkResponse> {
  return fc.record({ latency: latency(constraints.latency), outcome: outcome() });
}
