/**
 * Misconception: "reset() clears the result; stopping the call is cancel()'s
 * job". In use_action both cancel the running task. A reset that only hides
 * the value lets the running call land afterwards, on a screen the user
 * just cleared, and its request runs to the end for nothing.
 */
import type { Future } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  return latestHandle(s, fn, {
    reset: () => {
      s.running.set(false);
      s.result.set(undefined);
    },
  });
}
