/**
 * Misconception: "a future starts running when it is created", as a
 * JavaScript promise does. The log line runs when ranFuture() is called.
 */
import { future, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function ranFuture(log: string[]): Future<void> {
  log.push("Ran");
  return future(function* ran() {});
}
