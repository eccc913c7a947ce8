/**
 * Misconception (DOC≠CODE): "cancel() only stops the running call and keeps
 * the previous result", as the doc comment of use_action's cancel says.
 * Dioxus's code sets the same state as reset(): the result is hidden.
 */
import { future, spawn, useSignal, type ActionResult, type Future, type Task } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const result = useSignal<ActionResult<T> | undefined>(() => undefined);
  const running = useSignal(() => false);
  const task = useSignal<Task | undefined>(() => undefined);
  const halt = () => {
    task.peek()?.cancel();
    task.set(undefined);
    running.set(false);
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
    cancel: halt,
    reset: () => {
      halt();
      result.set(undefined);
    },
  };
}
