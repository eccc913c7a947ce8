/**
 * Misconception: "the screen only prints the error, so keep its message".
 * use_action keeps the error itself (a CapturedError wrapping what the future
 * returned): the component can match on its type, read its fields or pass it
 * on. A string in its place loses all of that, and value().error is no longer
 * the error the call failed with.
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
            } catch (error) {
              s.result.set({ ok: false, error: error instanceof Error ? error.message : String(error) });
            }
            s.running.set(false);
          }),
        ),
      );
    },
  });
}
