/**
 * Misconception: "keep showing the previous dog until the new one arrives,
 * it looks smoother". use_action's value() is None while any call is
 * pending: an old result on screen answers a question the user no longer
 * asks (and after a failure, the old dog would look like the new answer).
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
    cancel: stop,
    reset: stop,
  };
}
