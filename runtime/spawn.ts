/**
 * `spawn`, `spawnForever` and `dropGuard` as free functions, as in Dioxus.
 *
 * They find the running runtime the way Dioxus does (ambient.ts): inside a
 * task's poll, a render or `rt.enter(fn)`. With no runtime running they fail
 * with the one NoRuntime error (ambient.ts).
 */
import { currentRuntime, runningRuntime } from "./ambient.ts";
import type { SpawnOptions, Task } from "./executor.ts";
import type { Future } from "./future.ts";

/** Starts `future` as a task owned by the current component (or task's owner). Returns at once: nothing is polled yet. */
export function spawn<T>(future: Future<T>, options?: SpawnOptions): Task<T> {
  return runningRuntime("spawn").spawn(future, options);
}

/** Starts `future` as a task owned by the root: it survives every unmount. */
export function spawnForever<T>(future: Future<T>, options?: SpawnOptions): Task<T> {
  return runningRuntime("spawnForever").spawnForever(future, options);
}

/**
 * A drop guard: runs `fn` when disposed, and records it as a finalizer in the
 * trace. `using guard = dropGuard(() => running.delete(id), "forget id")` is
 * the TypeScript form of a Rust `Drop` impl on a guard struct.
 */
export function dropGuard(fn: () => void, label = fn.name || "finalizer"): Disposable {
  let done = false;
  return {
    [Symbol.dispose]() {
      if (done) return;
      done = true;
      const rt = currentRuntime();
      const task = rt?.currentTask;
      rt?.trace.record(rt.now, "finalizer", task?.id, task?.label, label, task?.owner.id);
      fn();
    },
  };
}
