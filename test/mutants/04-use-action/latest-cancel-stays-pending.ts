/**
 * Misconception: "the task clears pending when it ends, so cancel() only has
 * to cancel it". A cancelled task never runs the code after its await: the
 * line that would clear pending is exactly what cancelling skips, so
 * "Fetching a dog…" stays up for ever.
 */
import type { Future } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  const stop = () => {
    s.task.peek()?.cancel();
    s.task.set(undefined);
    s.result.set(undefined);
  };
  return latestHandle(s, fn, { cancel: stop, reset: stop });
}
