/**
 * Misconception: "call() is where the call starts, so that is where it
 * becomes pending". use_action sets pending at the new task's first poll:
 * a handler reading pending() or value() right after call() still sees the
 * state from before the click. Here call() flips it (and hides the result)
 * at once.
 */
import { future, spawn, type Future } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  return latestHandle(s, fn, {
    call(...args: A) {
      s.task.peek()?.cancel();
      s.running.set(true);
      s.result.set(undefined);
      const work = fn(...args);
      s.task.set(
        spawn(
          future(function* () {
            try {
              s.result.set({ ok: true, value: yield* work });
            } catch (error) {
              s.result.set({ ok: false, error });
            }
            s.running.set(false);
          }),
        ),
      );
    },
  });
}
