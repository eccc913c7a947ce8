/**
 * The ambient runtime: which runtime is running right now.
 *
 * Dioxus finds its runtime through a thread-local, so `spawn(fut)` needs no
 * handle. Here the same role is played by an AsyncLocalStorage: every driver
 * call (`runUntilIdle`, `advance`, …) and `rt.enter(fn)` runs with its
 * runtime as the store, and the store is gone when the call returns. Nothing
 * is kept at module level between calls, so test files that share this
 * module cannot see each other's runtimes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Runtime } from "./executor.ts";
import { guardRealWorld } from "./guard.ts";

const storage = new AsyncLocalStorage<Runtime>();

/** The runtime whose driver call is running, if any. */
export function currentRuntime(): Runtime | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` with `rt` as the ambient runtime. Entering from outside also
 * switches off real time, real promises and the real network for the call
 * (guard.ts): whatever `fn` runs is inside the model.
 */
export function enterRuntime<R>(rt: Runtime, fn: () => R): R {
  const store = storage.getStore();
  if (store === rt) return fn();
  return store === undefined ? guardRealWorld(() => storage.run(rt, fn)) : storage.run(rt, fn);
}
