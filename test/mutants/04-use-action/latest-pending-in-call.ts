/**
 * Misconception: "call() is where the call starts, so that is where it
 * becomes pending". use_action sets pending at the new task's first poll:
 * a handler reading pending() or value() right after call() still sees the
 * state from before the click. Here call() flips it (and hides the result)
 * at once.
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
      running.set(true);
      result.set(undefined);
      const work = fn(...args);
      task.set(
        spawn(
          future(function* () {
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
