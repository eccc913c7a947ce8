/**
 * Misconception: "the new call can take over from the old one when it
 * starts". call() only spawns; the new task cancels the previous one at its
 * first poll. Until then the old call still runs: a Cancel or Clear in the
 * same instant as the click (before anything is polled) cancels only the new
 * task, and the old call, which nothing cancels any more, answers later and
 * shows its dog after the user cleared the screen. Dioxus cancels the old
 * task inside call(), before it spawns the new one.
 */
import { future, spawn, type Future } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { callTask, latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  return latestHandle(s, fn, {
    call(...args: A) {
      const previous = s.task.peek();
      const work = callTask(s, fn(...args));
      s.task.set(
        spawn(
          future(function* takeOver() {
            previous?.cancel();
            yield* work;
          }),
        ),
      );
    },
  });
}
