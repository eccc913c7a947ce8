/**
 * The ambient runtime: which runtime is running right now.
 *
 * Dioxus finds its runtime through a thread-local, so `spawn(fut)` needs no
 * handle. Here the same role is played by an AsyncLocalStorage: every driver
 * call (`runUntilIdle`, `advance`, …) and `rt.enter(fn)` runs with its
 * runtime as the store, and the store is gone when the call returns. Nothing
 * is kept at module level between calls, so test files that share this
 * module cannot see each other's runtimes.
 *
 * `runningRuntime(what)` is the one way code that needs a runtime finds it,
 * and `noRuntime` the one error for its absence, opening with Dioxus's own
 * sentence (runtime.rs `Runtime::current`).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { LearnerError, watchMisuse } from "./errors.ts";
import type { Runtime } from "./executor.ts";
import { guardRealWorld } from "./guard.ts";

const storage = new AsyncLocalStorage<Runtime>();
const outsideSites = new AsyncLocalStorage<boolean>();

/**
 * Whether code running outside every runtime records call sites (a test that
 * builds futures before it spawns them): yes, unless `recordingSitesOutside`
 * says otherwise for the call.
 */
export function sitesOutsideRuntime(): boolean {
  return outsideSites.getStore() ?? true;
}

/** Runs `fn` with call sites recorded outside every runtime, or not (`property()`'s search runs record none). */
export function recordingSitesOutside<R>(on: boolean, fn: () => R): R {
  return outsideSites.run(on, fn);
}

/** The runtime whose driver call is running, if any. */
export function currentRuntime(): Runtime | undefined {
  return storage.getStore();
}

/**
 * Runs `fn(arg)` with `rt` as the ambient runtime. Entering from outside also
 * switches off real time, real promises and the real network for the call
 * (guard.ts): whatever `fn` runs is inside the model; and a misuse the
 * learner's code caught still ends the call (errors.ts, watchMisuse).
 */
export function enterRuntime<R, A = undefined>(rt: Runtime, fn: (arg: A) => R, arg?: A): R {
  const store = storage.getStore();
  if (store === rt) return fn(arg as A);
  // `run` hands its extra arguments to the callback: no closure per nested call (only the outermost one makes one).
  return store === undefined
    ? storage.run(rt, guardRealWorld<R, undefined>, () => watchMisuse(fn, arg as A))
    : storage.run(rt, fn, arg as A);
}

/** The running runtime; throws `noRuntime(what)` when none is running. `what` names the call that needs it, e.g. "spawn". */
export function runningRuntime(what: string): Runtime {
  const rt = storage.getStore();
  if (rt !== undefined) return rt;
  throw noRuntime(what);
}

/** The error for `what` used with no running app (no runtime, or a bare runtime with no virtual DOM where one is needed). */
export function noRuntime(what: string): LearnerError {
  return new LearnerError({
    kind: "NoRuntime",
    what: `Must be called from inside a Dioxus runtime.\n${what} was used outside a running app (not inside a component, a hook, an event handler or a task).`,
    why:
      "Tasks, hooks, signals, timers and the simulated world all belong to a running app, found through the code that is running now. " +
      "Outside it there is none, so nothing could poll the work, keep the state or move the clock.",
    fix: `Use ${what} from a component, an event handler or a task; in a test, wrap the call in app.enter(() => …) (rt.enter for a bare runtime).`,
  });
}
