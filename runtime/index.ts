/**
 * The prelude: everything a kata imports, from one place.
 *
 *     import { future, spawn, sleep, Poll, pollFn } from "../runtime/index.ts";
 */
export { Future, Poll, future, pollFn, ready, isFuture, type Context, type Waker, type AsyncBody, type FutureOptions } from "./future.ts";
export { sleep, yieldNow } from "./time.ts";
export { Runtime, Task, dropGuard, type Owner, type RuntimeOptions, type SpawnOptions, type TaskState } from "./executor.ts";
export { spawn, spawnForever } from "./spawn.ts";
export { currentRuntime } from "./ambient.ts";
export { LearnerError } from "./errors.ts";
export { todo } from "./todo.ts";
export { Trace, sameTrace, type TraceEntry, type TraceKind } from "./trace.ts";
export { renderTimeline } from "./timeline.ts";
export { Rng } from "./random.ts";
