/**
 * Misconception: "reset() clears the result; stopping the call is cancel()'s
 * job". In use_action both cancel the running task. A reset that only hides
 * the value lets the running call land afterwards, on a screen the user
 * just cleared, and its request runs to the end for nothing.
 */
import { future, spawn, useSignal, type ActionResult, type Future, type Task } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const result = useSignal<ActionResult<T> | undefined>(() => undefined);
  const running = useSignal(() => false);
  const task = useSignal<Task | undefined>(() => undefined);
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
            } catch (error) {
              result.set({ ok: false, error });
            }
            running.set(false);
          }),
        ),
      );
    },
    value: () => result(),
    pending: () => running(),
    cancel: () => {
      task.peek()?.cancel();
      task.set(undefined);
      running.set(false);
      result.set(undefined);
    },
    reset: () => {
      running.set(false);
      result.set(undefined);
    },
  };
}
