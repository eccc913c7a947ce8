/**
 * What the simulated outside world (network, threads, locks, the user) shares:
 * the runtime a test hands it (the running one is found with
 * `runningRuntime`, ambient.ts), and writing to its trace.
 *
 * Every piece of the world keeps its state in the runtime it serves, through
 * `rt.service(key, make)`, never at module level: tests share modules, and
 * one run must not see another's requests or threads.
 */
import { Runtime, type Task } from "../executor.ts";
import type { TraceKind } from "../trace.ts";

/** What the test-facing functions accept: a runtime, or anything that has one (an App). */
export type RuntimeHolder = Runtime | { readonly rt: Runtime };

export function runtimeOf(target: RuntimeHolder): Runtime {
  return target instanceof Runtime ? target : target.rt;
}

/**
 * Records a trace entry at the current time, in the lane of `task` (by
 * default the task running now); with no task, it is marked with the
 * current scope instead.
 */
export function record(rt: Runtime, kind: TraceKind, detail: string, task: Task | undefined = rt.currentTask): void {
  rt.trace.record(rt.now, kind, task?.id, task?.label, detail, task === undefined ? rt.currentOwner.id : undefined);
}
