/**
 * Misconception: "a local variable is enough to remember the running task".
 * The hook's body runs again on every render, so `let task` starts out
 * empty each time: after the re-render that shows "Fetching a dog…", the
 * next click's handler has no handle to cancel, and the old call runs on.
 * State that must outlive a render lives in a signal (or useHook).
 */
import { future, spawn, useSignal, type ActionResult, type Future, type Task } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const result = useSignal<ActionResult<T> | undefined>(() => undefined);
  const running = useSignal(() => false);
  let task: Task | undefined;
  const stop = () => {
    task?.cancel();
    task = undefined;
    running.set(false);
    result.set(undefined);
  };
  return {
    call(...args: A) {
      task?.cancel();
      const work = fn(...args);
      task = spawn(
        future(function* () {
          running.set(true);
          result.set(undefined);
          try {
            result.set({ ok: true, value: yield* work });
          } catch (error) {
            result.set({ ok: false, error });
          }
          running.set(false);
        }),
      );
    },
    value: () => result(),
    pending: () => running(),
    cancel: stop,
    reset: stop,
  };
}
