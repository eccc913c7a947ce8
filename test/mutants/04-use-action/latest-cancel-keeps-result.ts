/**
 * Misconception (DOC≠CODE): "cancel() only stops the running call and keeps
 * the previous result", as the doc comment of use_action's cancel says.
 * Dioxus's code sets the same state as reset(): the result is hidden.
 */
import type { Future } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  return latestHandle(s, fn, {
    cancel: () => {
      s.task.peek()?.cancel();
      s.task.set(undefined);
      s.running.set(false);
    },
  });
}
