/**
 * What the simulated outside world (network, threads, locks, the user) shares:
 * finding the runtime it belongs to, and writing to its trace.
 *
 * Every piece of the world keeps its state in the runtime it serves, through
 * `rt.service(key, make)`, never at module level: tests share modules, and
 * one run must not see another's requests or threads.
 */
import { currentRuntime } from "../ambient.ts";
import { LearnerError } from "../errors.ts";
import { Runtime, type Task } from "../executor.ts";
import type { TraceKind } from "../trace.ts";

/** What the test-facing functions accept: a runtime, or anything that has one (an App). */
export type RuntimeHolder = Runtime | { readonly rt: Runtime };

export function runtimeOf(target: RuntimeHolder): Runtime {
  return target instanceof Runtime ? target : target.rt;
}

/** The running runtime, or an error saying that `what` needs one and why. */
export function ambientRuntime(what: string, why: string): Runtime {
  const rt = currentRuntime();
  if (rt !== undefined) return rt;
  throw new LearnerError({
    kind: "NoRuntime",
    what: `Must be called from inside a Dioxus runtime.\n${what} was used while no runtime was running (not inside a component, a hook, an event handler or a task).`,
    why,
    fix: `Use ${what} from a component, a handler or a task, or in a test wrap the call in app.enter(() => …) (rt.enter for a bare runtime).`,
  });
}

/**
 * Records a trace entry at the current time, in the lane of `task` (by
 * default the task running now); with no task, it is marked with the
 * current scope instead.
 */
export function record(rt: Runtime, kind: TraceKind, detail: string, task: Task | undefined = rt.currentTask): void {
  rt.trace.record(rt.now, kind, task?.id, task?.label, detail, task === undefined ? rt.currentOwner.id : undefined);
}
