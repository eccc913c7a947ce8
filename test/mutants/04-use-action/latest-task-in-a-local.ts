/**
 * Misconception: "a local variable is enough to remember the running task".
 * The hook's body runs again on every render, so `let task` starts out
 * empty each time: after the re-render that shows "Fetching a dog…", the
 * next click's handler has no handle to cancel, and the old call runs on.
 * State that must outlive a render lives in a signal (or useHook).
 */
import { spawn, type Future, type Task } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { callTask, latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  let task: Task | undefined;
  const stop = () => {
    task?.cancel();
    task = undefined;
    s.running.set(false);
    s.result.set(undefined);
  };
  return latestHandle(s, fn, {
    call(...args: A) {
      task?.cancel();
      task = spawn(callTask(s, fn(...args)));
    },
    cancel: stop,
    reset: stop,
  });
}
