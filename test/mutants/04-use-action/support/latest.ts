/**
 * Not a mutant: the pieces of the solution's useLatest, for the useLatest
 * mutants to share, so that each mutant holds only the part it gets wrong.
 *
 *     const s = useLatestState<T>();
 *     return latestHandle(s, { call: (...args) => { …its own call()… } });
 */
import {
  future,
  spawn,
  useSignal,
  type ActionResult,
  type Future,
  type Signal,
  type Task,
} from "../../../../runtime/index.ts";
import type { Latest } from "../../../../solutions/04-use-action.ts";

/** The hook's three signals, as in the solution. */
export interface LatestState<T> {
  readonly result: Signal<ActionResult<T> | undefined>;
  readonly running: Signal<boolean>;
  readonly task: Signal<Task | undefined>;
}

export function useLatestState<T>(): LatestState<T> {
  return {
    result: useSignal<ActionResult<T> | undefined>(() => undefined, "result"),
    running: useSignal(() => false, "running"),
    task: useSignal<Task | undefined>(() => undefined, "task"),
  };
}

/** The solution's task for one call: pending and no result from its first poll, then Ok or Err. */
export function callTask<T>(s: LatestState<T>, work: Future<T>): Future<void> {
  return future(function* latestCall() {
    s.running.set(true);
    s.result.set(undefined);
    let outcome: ActionResult<T>;
    try {
      outcome = { ok: true, value: yield* work };
    } catch (error) {
      outcome = { ok: false, error };
    }
    s.result.set(outcome);
    s.running.set(false);
  });
}

/** The solution's cancel() and reset(): cancel the task, not pending, no result. */
export function stop<T>(s: LatestState<T>): void {
  s.task.peek()?.cancel();
  s.task.set(undefined);
  s.running.set(false);
  s.result.set(undefined);
}

/** The solution's call(): cancel the previous task first, then spawn the new call. */
export function call<A extends unknown[], T>(s: LatestState<T>, fn: (...args: A) => Future<T>, ...args: A): void {
  s.task.peek()?.cancel();
  const work = fn(...args);
  s.task.set(spawn(callTask(s, work)));
}

/** The solution's handle over `s`, with the parts a mutant replaces. */
export function latestHandle<A extends unknown[], T>(
  s: LatestState<T>,
  fn: (...args: A) => Future<T>,
  parts: Partial<Latest<A, T>> = {},
): Latest<A, T> {
  return {
    call: (...args: A) => call(s, fn, ...args),
    value: () => s.result(),
    pending: () => s.running(),
    cancel: () => stop(s),
    reset: () => stop(s),
    ...parts,
  };
}
