/**
 * `spawn`, `spawnForever` and `dropGuard` as free functions, as in Dioxus.
 *
 * They find the running runtime the way Dioxus does (ambient.ts): inside a
 * task's poll, a render or `rt.enter(fn)`. With no runtime running they fail
 * with Dioxus's own first sentence.
 */
import { currentRuntime } from "./ambient.ts";
import { LearnerError } from "./errors.ts";
import type { Runtime, SpawnOptions, Task } from "./executor.ts";
import type { Future } from "./future.ts";

function runtimeFor(what: string): Runtime {
  const rt = currentRuntime();
  if (rt !== undefined) return rt;
  throw new LearnerError({
    kind: "NoRuntime",
    what: `Must be called from inside a Dioxus runtime.\n${what} was called while no runtime was running (not inside a component, a hook, an event handler or a task).`,
    why: "A task needs an executor to poll it and a component to own it; outside the runtime there is neither, so the future would never run.",
    fix: `Call ${what} from a component, a handler or another task, or in a test wrap the call in rt.enter(() => …).`,
  });
}

/** Starts `future` as a task owned by the current component (or task's owner). Returns at once: nothing is polled yet. */
export function spawn<T>(future: Future<T>, options?: SpawnOptions): Task<T> {
  return runtimeFor("spawn").spawn(future, options);
}

/** Starts `future` as a task owned by the root: it survives every unmount. */
export function spawnForever<T>(future: Future<T>, options?: SpawnOptions): Task<T> {
  return runtimeFor("spawnForever").spawnForever(future, options);
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
