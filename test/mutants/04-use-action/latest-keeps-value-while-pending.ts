/**
 * Misconception: "keep showing the previous dog until the new one arrives,
 * it looks smoother". use_action's value() is None while any call is
 * pending: an old result on screen answers a question the user no longer
 * asks (and after a failure, the old dog would look like the new answer).
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
      const work = fn(...args);
      s.task.set(
        spawn(
          future(function* () {
            s.running.set(true);
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
