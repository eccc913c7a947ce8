/**
 * The prelude: everything a kata imports, from one place.
 *
 *     import { future, spawn, sleep, Poll, pollFn } from "../runtime/index.ts";
 */
export { Future, Poll, future, pollFn, ready, isFuture, type Context, type Waker, type AsyncBody, type FutureOptions } from "./future.ts";
export { sleep, yieldNow } from "./time.ts";
export { Runtime, Task, type Owner, type RuntimeOptions, type SpawnOptions, type TaskState } from "./executor.ts";
export { spawn, spawnForever, dropGuard } from "./spawn.ts";
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
export { useFuture, type UseFuture, type UseFutureState } from "./hooks/use-future.ts";
export { useResource, type Resource, type ResourceState } from "./hooks/use-resource.ts";
export { useAction, type Action, type ActionResult } from "./hooks/use-action.ts";
export { useCoroutine, type Coroutine } from "./hooks/use-coroutine.ts";
export { VirtualDom, Scope, currentDom, type RenderOptions } from "./scope.ts";
export { App, render, type ElementHandle, type Target } from "./app.ts";
export { ErrorBoundary, type ErrorBoundaryProps } from "./error-boundary.ts";

// The simulated outside world: the network, threads and blocking work, users at virtual times, async locks.
export { http, network, answer, Network, Response, HttpError, type Answer, type HttpResult, type Result, type NetworkScript, type RequestInfo, type RequestRecord, type RequestState, type Method } from "./world/http.ts";
export { spawnThread, blockFor, threads, userEvents, ThreadPool, ThreadJob, UserEvents, type ThreadOptions, type EventWait } from "./world/thread.ts";
export { Mutex, type MutexGuard } from "./world/mutex.ts";
export { channel, Sender, Receiver } from "./world/channel.ts";
