/**
 * Misconception: "a new call replaces the old one by itself". Without
 * cancelling the previous task, both calls run; whichever answers last
 * writes last, and an older click's dog can win the race (kata 03's bug).
 */
import { spawn, type Future } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { callTask, latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  return latestHandle(s, fn, {
    call(...args: A) {
      s.task.set(spawn(callTask(s, fn(...args))));
    },
  });
}
