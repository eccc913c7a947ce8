/**
 * `useResource`: an async value that reloads when what it read changes.
 *
 * What it models: `use_resource` (`packages/hooks/src/use_resource.rs`) and
 * the `ReactiveContext` it runs in (`packages/core/src/reactive_context.rs`).
 *
 *     const dogs = useResource(() => {
 *       const b = breed();                         // read here: tracked
 *       return future(function* () { return yield* http.get(`/breed/${b}`); });
 *     });
 *     dogs.value() ?? "Loading…"
 *
 * Invariants (each one is in the Dioxus code):
 * - First render: state `pending`, value `undefined`. The closure is called at
 *   once, during that render, inside the resource's own tracking context (not
 *   the component's: reading a signal there does not re-render the component).
 *   Its future is spawned as a task of the component; nothing is polled yet.
 * - Every poll of that future runs inside the same tracking context, adding to
 *   what the closure read: a signal read after an await is a dependency too.
 *   A new run (restart) forgets the old dependencies first.
 * - A write to any dependency does not restart anything synchronously. It
 *   queues one watcher task; the watcher does the restart when the scheduler
 *   polls it. Several writes before that cause one restart, and a run that
 *   was already queued ahead of the watcher may still finish first (its value
 *   lands, then the restart).
 * - A restart (by the watcher or `restart()`) cancels the running task (drop
 *   and finalizers, at once), sets the state to `pending`, calls the closure
 *   and spawns its future. The old value is kept until the new run finishes.
 *   DOC≠CODE (Dioxus issue #4214): users and docs expect a restart to clear
 *   the value; the code never touches it. Call `clear()` for that.
 * - When the future finishes, the state becomes `ready`, then the value is set.
 * - `cancel()` cancels the task and sets `stopped`; `pause()` sets `paused`;
 *   `resume()` sets `pending` unless finished (ready or stopped); `clear()`
 *   drops the value without touching the task. A cancelled or paused resource
 *   still restarts when a dependency changes.
 * - `value()` and `state()` read signals of the component: a render that
 *   reads them re-renders when they change. `finished()` peeks.
 *
 * One difference in mechanics, not in behaviour: Dioxus keeps one watcher
 * task alive for the component's whole life, woken through a channel. Here
 * the watcher task is spawned when the first change arrives and ends after its
 * restart. A spawn and a wake both go through the scheduler's channel, so the
 * watcher is polled at the same point; but an idle app has no task left, so
 * `runToCompletion` can end instead of reporting a watcher that waits forever.
 */
import { captureSiteIf, type Site } from "../errors.ts";
import type { Task } from "../executor.ts";
import { Future, Poll, WrapperFuture, type Context } from "../future.ts";
import { currentDom, type Scope, type VirtualDom } from "../scope.ts";
import type { Signal, SignalCell, Subscriber } from "../signal.ts";
import { asScope, expectFuture, expectMaker, scopeSignal } from "./internal.ts";

/** Where a resource stands (Dioxus `UseResourceState`). */
export type ResourceState = "pending" | "ready" | "stopped" | "paused";

/** The handle `useResource` returns; the same object on every render. */
export interface Resource<T> {
  /** The latest finished run's value, or undefined. Reading it in a render subscribes the component. */
  value(): T | undefined;
  /** The current state. Reading it in a render subscribes the component. */
  state(): ResourceState;
  /** `state() === "pending"` (subscribes like `state()`). */
  pending(): boolean;
  /** True when ready or stopped. Does not subscribe. */
  finished(): boolean;
  /** Cancels the running task and starts a new run now. Keeps the value. */
  restart(): void;
  /** Cancels the running task; the state becomes `stopped`. Keeps the value. */
  cancel(): void;
  /** Stops polling the task until `resume()`; the state becomes `paused`. */
  pause(): void;
  /** Polls the task again, unless finished; the state becomes `pending`. */
  resume(): void;
  /** Drops the value (it reads undefined). Does not cancel or restart anything. */
  clear(): void;
  /** The task of the current run. */
  task(): Task;
}

const EXAMPLE = "useResource(() => future(function* () { … }))";

class ResourceHook<T> implements Subscriber {
  readonly sources = new Set<SignalCell<unknown>>();
  readonly name: string;
  readonly handle: Resource<T>;
  readonly value: Signal<T | undefined>;
  readonly state: Signal<ResourceState>;
  readonly #task: Signal<Task>;
  /** A watcher task is queued (Dioxus: a message is already in the `changed` channel). */
  #watcherQueued = false;

  constructor(
    readonly dom: VirtualDom,
    readonly scope: Scope,
    public fn: () => Future<T>,
    readonly label: string | undefined,
    site: Site,
  ) {
    this.name = `useResource in ${scope.name}`;
    this.value = scopeSignal<T | undefined>(dom, scope, undefined, "value of useResource", site);
    this.state = scopeSignal<ResourceState>(dom, scope, "pending", "state of useResource", site);
    this.#task = scopeSignal(dom, scope, this.#start(), "task of useResource", site);
    this.handle = {
      value: () => this.value.get(),
      state: () => this.state.get(),
      pending: () => this.state.get() === "pending",
      finished: () => this.finished(),
      restart: () => this.restart(),
      cancel: () => this.cancel(),
      pause: () => this.pause(),
      resume: () => this.resume(),
      clear: () => this.value.set(undefined),
      task: () => this.#task.peek(),
    };
  }

  /** Dioxus's callback: state pending, run the closure tracked (forgetting old reads), spawn the run. */
  #start(): Task {
    return asScope(this.dom, this.scope, () => {
      this.state.set("pending");
      const inner = expectFuture<T>("useResource", this.dom.track(this, this.fn), EXAMPLE);
      const label = this.label ?? inner.label ?? this.name;
      return this.dom.rt.spawnIn(this.scope.owner, new ResourceRun(this, inner, label), { label });
    });
  }

  restart(): void {
    asScope(this.dom, this.scope, () => {
      this.#task.peek().cancel();
      this.#task.set(this.#start());
    });
  }

  cancel(): void {
    asScope(this.dom, this.scope, () => {
      this.state.set("stopped");
      this.#task.peek().cancel();
    });
  }

  pause(): void {
    this.state.set("paused");
    this.#task.peek().pause();
  }

  resume(): void {
    if (this.finished()) return;
    this.state.set("pending");
    this.#task.peek().resume();
  }

  finished(): boolean {
    const s = this.state.peek();
    return s === "ready" || s === "stopped";
  }

  /** A dependency was written: queue the watcher once, however many writes come before it runs. */
  onChange(): void {
    if (this.#watcherQueued || !this.scope.alive || this.scope.owner.closing) return;
    this.#watcherQueued = true;
    this.dom.rt.spawnIn(this.scope.owner, new Watcher(this), { label: `watcher of ${this.name}` });
  }

  /** The watcher's poll: take the change, restart. */
  watch(): void {
    this.#watcherQueued = false;
    this.restart();
  }

  /** Runs one poll of the current run inside the resource's tracking context, keeping what it already read. */
  tracked<R>(fn: () => R): R {
    const prev = this.dom.tracking;
    this.dom.tracking = this;
    try {
      return fn();
    } finally {
      this.dom.tracking = prev;
    }
  }

  /** The component unmounted: stop listening to signals that outlive it. */
  unsubscribe(): void {
    for (const cell of this.sources) cell.subscribers.delete(this);
    this.sources.clear();
  }

  finish(value: T): void {
    this.state.set("ready");
    this.value.set(value);
  }
}

/** The spawned task: each poll of the user's future runs tracked; its output becomes the value (and the task's output, for traces). */
class ResourceRun<T> extends WrapperFuture<T> {
  constructor(
    private readonly hook: ResourceHook<T>,
    inner: Future<T>,
    label: string,
  ) {
    super(inner, label);
  }

  poll(cx: Context): Poll<T> {
    const p = this.hook.tracked(() => this.inner.poll(cx));
    if (p.ready) this.hook.finish(p.value);
    return p;
  }
}

/** The watcher task: restarts the resource once, when the scheduler reaches it. */
class Watcher extends Future<void> {
  constructor(private readonly hook: { watch(): void }) {
    super();
    this.label = "a change to what the resource read";
  }

  poll(): Poll<void> {
    this.hook.watch();
    return Poll.Ready(undefined);
  }
}

/**
 * An async value owned by this component: `fn` is called now and its future
 * spawned; whenever a signal read by `fn` or by its future changes, the run is
 * cancelled and started again (Dioxus `use_resource`).
 */
export function useResource<T>(fn: () => Future<T>, name?: string): Resource<T> {
  const dom = currentDom("useResource");
  expectMaker("useResource", fn, EXAMPLE);
  const hook = dom.hook(
    "useResource",
    useResource,
    (scope) => new ResourceHook<T>(dom, scope, fn, name, captureSiteIf(dom.rt.recordsSites, useResource)),
    (h) => h.unsubscribe(),
  );
  hook.fn = fn;
  return hook.handle;
}
