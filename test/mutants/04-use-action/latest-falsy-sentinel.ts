/**
 * Misconception: "undefined means no value yet, so the hook can keep the
 * value itself and test it against undefined", the way Rust keeps an
 * Option<T>. But T may itself be undefined (or null): a call that returned
 * undefined then reads as "no value yet", as if it had never finished.
 * Keep the state apart from the value: { ok: true, value } says "finished"
 * whatever the value is.
 */
import { future, spawn, useSignal, type Future } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  const value = useSignal<T | undefined>(() => undefined, "value");
  const error = useSignal<{ e: unknown } | undefined>(() => undefined, "error");
  const clear = () => {
    value.set(undefined);
    error.set(undefined);
  };
  return latestHandle(s, fn, {
    call(...args: A) {
      s.task.peek()?.cancel();
      const work = fn(...args);
      s.task.set(
        spawn(
          future(function* () {
            s.running.set(true);
            clear();
            try {
              value.set(yield* work);
            } catch (e) {
              error.set({ e });
            }
            s.running.set(false);
          }),
        ),
      );
    },
    value: () => {
      const e = error();
      if (e !== undefined) return { ok: false, error: e.e };
      const v = value();
      return v === undefined || v === null ? undefined : { ok: true, value: v };
    },
    cancel: () => {
      s.task.peek()?.cancel();
      s.running.set(false);
      clear();
    },
    reset: () => {
      s.task.peek()?.cancel();
      s.running.set(false);
      clear();
    },
  });
}
