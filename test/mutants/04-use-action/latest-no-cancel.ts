/**
 * Misconception: "a new call replaces the old one by itself". Without
 * cancelling the previous task, both calls run; whichever answers last
 * writes last, and an older click's dog can win the race (kata 03's bug).
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
