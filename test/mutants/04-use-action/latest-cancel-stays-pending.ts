/**
 * Misconception: "the task clears pending when it ends, so cancel() only has
 * to cancel it". A cancelled task never runs the code after its await: the
 * line that would clear pending is exactly what cancelling skips, so
 * "Fetching a dog…" stays up for ever.
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
