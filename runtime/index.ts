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

// The Dioxus layer: components, signals, hooks, the app handle for tests.
export { h, component, div, span, p, button, input, img, ul, li, h1, h2, label, form, fragment } from "./element.ts";
export type { Child, Component, ElementNode, ElementProps, Listener, UiEvent, VNode } from "./element.ts";
export { Signal, BorrowError, type ReadGuard, type WriteGuard, type Borrow } from "./signal.ts";
export { useHook, useDrop, useSignal, useMemo, useEffect } from "./hooks/basic.ts";
export { VirtualDom, Scope, currentDom, type RenderOptions } from "./scope.ts";
export { App, render, type ElementHandle, type Target } from "./app.ts";
