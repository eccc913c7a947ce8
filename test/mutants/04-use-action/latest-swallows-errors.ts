/**
 * Misconception: "a failed call simply has no result". use_action keeps the
 * Err: value() is Some(Err(e)) so the component can say the fetch failed.
 * Swallowing it leaves the screen on the prompt, as if nobody had clicked.
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
            s.result.set(undefined);
            try {
              s.result.set({ ok: true, value: yield* work });
            } catch {
              // "Nothing to show."
            }
            s.running.set(false);
          }),
        ),
      );
    },
  });
}
