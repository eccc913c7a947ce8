/**
 * Misconception: "the code after an await always runs in the end". Putting
 * it in a `finally` makes it run when the future is dropped too, so a
 * cancelled ranOther logs "Ran Other" although its inner future never ran to
 * the end. Code after an await runs only if the await completes.
 */
import { future, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function ranOther(log: string[], inner: Future<unknown>): Future<void> {
  return future(function* other() {
    try {
      yield* inner;
    } finally {
      log.push("Ran Other");
    }
  });
}
