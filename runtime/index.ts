/**
 * The prelude: everything a kata imports, from one place.
 *
 *     import { future, spawn, sleep, Poll, pollFn } from "../runtime/index.ts";
 *
 * What a test drives the app with (Runtime, render, VirtualDom, the trace,
 * the network script, the users…) is in testing.ts.
 */
export {
  Future,
  Poll,
  future,
  pollFn,
  ready,
  isFuture,
  type Context,
  type Waker,
  type AsyncBody,
  type FutureOptions,
} from "./future.ts";
export { sleep, yieldNow } from "./time.ts";
export { Task, type SpawnOptions, type TaskState } from "./tasks.ts";
export { spawn, spawnForever, dropGuard } from "./spawn.ts";
export { todo } from "./todo.ts";

// The Dioxus layer: components, signals, hooks.
export { h, component, div, span, p, button, input, img, ul, li, h1, h2, label, form, fragment } from "./element.ts";
export type { Child, Component, ElementNode, ElementProps, Listener, UiEvent, VNode } from "./element.ts";
export { Signal, BorrowError, type ReadGuard, type WriteGuard, type Borrow } from "./signal.ts";
export { useHook, useDrop, useSignal, useMemo, useEffect } from "./hooks/basic.ts";
export { useFuture, type UseFuture, type UseFutureState } from "./hooks/use-future.ts";
export { useResource, type Resource, type ResourceState } from "./hooks/use-resource.ts";
export { useAction, type Action, type ActionResult } from "./hooks/use-action.ts";
export { useCoroutine, type Coroutine } from "./hooks/use-coroutine.ts";
export { ErrorBoundary, type ErrorBoundaryProps } from "./error-boundary.ts";

// The simulated outside world, as app code uses it: the network, threads and blocking work, async locks, channels.
export { http, Response, HttpError, type HttpResult, type Result, type Method } from "./world/http.ts";
export { spawnThread, blockFor, ThreadJob, type ThreadOptions } from "./world/thread.ts";
export { Mutex, type MutexGuard } from "./world/mutex.ts";
export { channel, Sender, Receiver } from "./world/channel.ts";
