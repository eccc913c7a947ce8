/**
 * Misconception: "a local variable forgets the task at the next render, so
 * keep it in a module-level variable instead". That survives renders, but it
 * is one variable for every use of the hook: with two actions in one app, a
 * call on one cancels the other's running call, whose result never comes.
 * State of one hook instance lives in that instance (a signal or useHook).
 */
import { spawn, type Future, type Task } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { callTask, latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

let running: Task | undefined;

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  const stop = () => {
    running?.cancel();
    running = undefined;
    s.running.set(false);
    s.result.set(undefined);
  };
  return latestHandle(s, fn, {
    call(...args: A) {
      running?.cancel();
      running = spawn(callTask(s, fn(...args)));
    },
    cancel: stop,
    reset: stop,
  });
}
