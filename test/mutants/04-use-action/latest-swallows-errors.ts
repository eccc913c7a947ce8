/**
 * Misconception: "a failed call simply has no result". use_action keeps the
 * Err: value() is Some(Err(e)) so the component can say the fetch failed.
 * Swallowing it leaves the screen on the prompt, as if nobody had clicked.
 */
import { future, spawn, useSignal, type ActionResult, type Future, type Task } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const result = useSignal<ActionResult<T> | undefined>(() => undefined);
  const running = useSignal(() => false);
  const task = useSignal<Task | undefined>(() => undefined);
  const stop = () => {
    task.peek()?.cancel();
    task.set(undefined);
    running.set(false);
    result.set(undefined);
  };
  return {
    call(...args: A) {
      task.peek()?.cancel();
      const work = fn(...args);
      task.set(
        spawn(
          future(function* () {
            running.set(true);
            result.set(undefined);
            try {
              result.set({ ok: true, value: yield* work });
            } catch {
              // "Nothing to show."
            }
            running.set(false);
          }),
        ),
      );
    },
    value: () => result(),
    pending: () => running(),
    cancel: stop,
    reset: stop,
  };
}
