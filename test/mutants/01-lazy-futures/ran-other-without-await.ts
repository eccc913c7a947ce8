/**
 * Misconception: "mentioning a future runs it". The inner future is touched
 * but never awaited, so it never runs (the log misses its line).
 */
import { future, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function ranOther(log: string[], inner: Future<unknown>): Future<void> {
  return future(function* other() {
    void inner;
    log.push("Ran Other");
  });
}
