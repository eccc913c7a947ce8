/**
 * `useFuture`: a task started by the first render, and controls over it.
 *
 * What it models: `use_future` (`packages/hooks/src/use_future.rs`).
 *
 *     const ticker = useFuture(() => future(function* () {
 *       for (;;) { yield* sleep(400); count.update((n) => n + 1); }
 *     }));
 *     button({ onclick: () => ticker.pause() }, "Pause");
 *
 * Invariants (each one is in the Dioxus code):
 * - The closure is called once, during the first render, and its future is
 *   spawned as a task of the component. It is not reactive: nothing it reads
 *   restarts it. Only `restart()` calls the closure again (the latest closure
 *   given, as `use_callback` keeps the latest).
 * - `restart()` cancels the running task (its future is dropped, finalizers
 *   run, inside the call) and spawns a new one. DOC≠CODE: the doc comment of
 *   `restart` says it "will not cancel the previous future"; the code cancels.
 * - The state is a signal of the component (reading it in a render
 *   subscribes). It becomes `pending` at the task's first poll, `ready` when
 *   the future finishes, `stopped` on `cancel()`, `paused` on `pause()`.
 *   `finished()` peeks (does not subscribe): true when ready or stopped.
 * - `resume()` does nothing once finished. `pause()` sets `paused` even on a
 *   finished future, and a later `resume()` then sets `pending` for a task
 *   that will never run again: Dioxus does exactly this.
 * - A task spawned through the handle belongs to the hook's component, even
 *   when the handle is used from another component's handler.
 *
 * Not modelled: Dioxus pauses the task when a render returns early before the
 * hook (`use_hook_did_run`); here every render calls every hook.
 */
import { captureSiteIf, type Site } from "../errors.ts";
import type { Task } from "../executor.ts";
import { type Future, type Poll, WrapperFuture, type Context } from "../future.ts";
import { currentDom, type Scope, type VirtualDom } from "../scope.ts";
import type { Signal } from "../signal.ts";
import { asScope, expectFuture, expectMaker, scopeSignal } from "./internal.ts";

/** Where a `useFuture` (or `useCoroutine`) stands. */
export type UseFutureState = "pending" | "ready" | "stopped" | "paused";

/** The handle `useFuture` returns; the same object on every render. */
export interface UseFuture {
  /** Cancels the running task (now) and spawns a fresh one from the closure. */
  restart(): void;
  /** Cancels the task now; the state becomes `stopped`. */
  cancel(): void;
  /** Stops polling the task until `resume()`; the state becomes `paused`. */
  pause(): void;
  /** Polls the task again after `pause()`, unless it finished; the state becomes `pending`. */
  resume(): void;
  /** The current state; reading it in a render subscribes the component. */
  state(): UseFutureState;
  /** True when ready or stopped. Does not subscribe. */
  finished(): boolean;
  /** The task running now (changing it directly leaves the state out of date, as in Dioxus). */
  task(): Task;
}

const EXAMPLE = "useFuture(() => future(function* () { … }))";

/** @internal The controller behind a `useFuture` handle; `useCoroutine` builds on it. */
export class FutureHook {
  readonly handle: UseFuture;
  readonly #state: Signal<UseFutureState>;
  readonly #task: Signal<Task>;

  constructor(
    readonly dom: VirtualDom,
    readonly scope: Scope,
    /** The closure the latest render gave. */
    public fn: () => Future<unknown>,
    readonly hookName: string,
    readonly name: string | undefined,
    site: Site,
  ) {
    this.#state = scopeSignal<UseFutureState>(dom, scope, "pending", `state of ${hookName}`, site);
    this.#task = scopeSignal(dom, scope, this.#spawn(), `task of ${hookName}`, site);
    this.handle = {
      restart: () => this.restart(),
      cancel: () => this.cancel(),
      pause: () => this.pause(),
      resume: () => this.resume(),
      state: () => this.#state.get(),
      finished: () => this.finished(),
      task: () => this.#task.peek(),
    };
  }

  /** Dioxus's callback: call the closure, spawn a task that sets the state around it. */
  #spawn(): Task {
    return asScope(this.dom, this.scope, () => {
      const inner = expectFuture(this.hookName, this.fn(), EXAMPLE);
      const label = this.name ?? inner.label ?? `${this.hookName} in ${this.scope.name}`;
      return this.dom.rt.spawnIn(this.scope.owner, new FutureRun(this.#state, inner, label), { label });
    });
  }

  restart(): void {
    asScope(this.dom, this.scope, () => {
      this.#task.peek().cancel();
      this.#task.set(this.#spawn());
    });
  }

  cancel(): void {
    asScope(this.dom, this.scope, () => {
      this.#state.set("stopped");
      this.#task.peek().cancel();
    });
  }

  pause(): void {
    this.#state.set("paused");
    this.#task.peek().pause();
  }

  resume(): void {
    if (this.finished()) return;
    this.#state.set("pending");
    this.#task.peek().resume();
  }

  finished(): boolean {
    const s = this.#state.peek();
    return s === "ready" || s === "stopped";
  }
}

/** The spawned task: `state = pending; fut.await; state = ready`. */
class FutureRun extends WrapperFuture<unknown> {
  #started = false;

  constructor(
    private readonly state: Signal<UseFutureState>,
    inner: Future<unknown>,
    label: string,
  ) {
    super(inner, label);
  }

  poll(cx: Context): Poll<unknown> {
    if (!this.#started) {
      this.#started = true;
      this.state.set("pending");
    }
    const p = this.inner.poll(cx);
    if (p.ready) this.state.set("ready");
    return p;
  }
}

/**
 * Spawns `fn()` as a task of this component on the first render, and never
 * again unless you call `restart()` (Dioxus `use_future`).
 */
export function useFuture(fn: () => Future<unknown>, name?: string): UseFuture {
  const dom = currentDom("useFuture");
  expectMaker("useFuture", fn, EXAMPLE);
  const hook = dom.hook(
    "useFuture",
    useFuture,
    (scope) => new FutureHook(dom, scope, fn, "useFuture", name, captureSiteIf(dom.rt.recordsSites, useFuture)),
  );
  hook.fn = fn;
  return hook.handle;
}
