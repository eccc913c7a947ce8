/**
 * `useAction`: async work started on demand, where only the latest call counts.
 *
 * What it models: `use_action` (`packages/hooks/src/use_action.rs`), new in
 * Dioxus 0.7.
 *
 *     const dog = useAction((breed: string) => future(function* () {
 *       return yield* fetchDog(breed);              // a throw here is the Err branch
 *     }));
 *     button({ onclick: () => { dog.call("hound"); } }, "hound");
 *     const r = dog.value();                        // undefined | { ok: true, value } | { ok: false, error }
 *
 * Invariants (each one is in the Dioxus code):
 * - `call(...args)` cancels the previous call's task at once (its future is
 *   dropped, finalizers run, before `call` returns), calls the closure to
 *   build the new future (nothing of it runs yet), and spawns it. It returns a
 *   "dispatching" future, Ready when that task completes or is cancelled;
 *   awaiting it is optional.
 * - The state becomes `pending` at the new task's first poll, not inside
 *   `call`: right after `call`, `pending()` is still false and `value()`
 *   still shows the previous result.
 * - Success: error cleared, value set, state ready. Failure (the future
 *   throws, Rust's `Err`): error set, value cleared, state errored. A
 *   LearnerError (a misuse the runtime explains, such as todo()'s NotStarted
 *   or a borrow error) is not an `Err`: it is rethrown, as a Rust panic.
 * - `value()` is undefined unless the state is ready or errored: before the
 *   first call, while any call is pending, after `cancel()` or `reset()`.
 *   Otherwise `{ ok: true, value }` or `{ ok: false, error }`. It reads the
 *   state (and then the error and value) as signals: a render that calls it
 *   re-renders when they change. `pending()` reads the state too.
 * - `cancel()` and `reset()` both cancel the task and hide the result (the
 *   state becomes "reset"). DOC≠CODE: the doc comment of `cancel` says it
 *   cancels "without clearing the previous result's state"; the code sets
 *   the same state as `reset`.
 * - The task belongs to the hook's component, wherever `call` comes from.
 */
import { LearnerError, captureSiteIf, type Site } from "../errors.ts";
import type { Task } from "../executor.ts";
import { Future, Poll, WrapperFuture, polledAfterReady, type Context, type Waker } from "../future.ts";
import { currentDom, type Scope, type VirtualDom } from "../scope.ts";
import type { Signal } from "../signal.ts";
import { asScope, expectFuture, expectMaker, scopeSignal } from "./internal.ts";

/** A finished call: Rust's `Ok(value)` or `Err(error)`. */
export type ActionResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

/** The handle `useAction` returns; the same object on every render. */
export interface Action<A extends unknown[], T> {
  /** Cancels the previous call, spawns this one. The returned future is Ready when the call completes or is cancelled. */
  call(...args: A): Future<void>;
  /** The latest call's result, or undefined (never called, pending, cancelled or reset). Subscribes a render. */
  value(): ActionResult<T> | undefined;
  /** True while a call's task has started and not finished. Subscribes a render. */
  pending(): boolean;
  /** Cancels the running call and hides the result (the same as `reset`, whatever the docs say). */
  cancel(): void;
  /** Hides the result and cancels the running call. */
  reset(): void;
}

/** Dioxus's private `ActionState`. */
type ActionState = "unset" | "pending" | "ready" | "errored" | "reset";

const EXAMPLE = "useAction((arg) => future(function* () { … }))";

class ActionHook<A extends unknown[], T> {
  readonly handle: Action<A, T>;
  readonly value: Signal<{ readonly v: T } | undefined>;
  readonly error: Signal<{ readonly e: unknown } | undefined>;
  readonly state: Signal<ActionState>;
  readonly #task: Signal<Task | undefined>;

  constructor(
    readonly dom: VirtualDom,
    readonly scope: Scope,
    public fn: (...args: A) => Future<T>,
    readonly name: string | undefined,
    site: Site,
  ) {
    this.value = scopeSignal<{ readonly v: T } | undefined>(dom, scope, undefined, "value of useAction", site);
    this.error = scopeSignal<{ readonly e: unknown } | undefined>(dom, scope, undefined, "error of useAction", site);
    this.#task = scopeSignal<Task | undefined>(dom, scope, undefined, "task of useAction", site);
    this.state = scopeSignal<ActionState>(dom, scope, "unset", "state of useAction", site);
    this.handle = {
      call: (...args: A) => this.call(args),
      value: () => this.result(),
      pending: () => this.state.get() === "pending",
      cancel: () => this.cancel(),
      reset: () => this.reset(),
    };
  }

  call(args: A): Future<void> {
    return asScope(this.dom, this.scope, () => {
      this.#takeTask()?.cancel();
      const done = new Done();
      const inner = expectFuture<T>("useAction", this.fn(...args), EXAMPLE);
      const label = this.name ?? inner.label ?? `useAction in ${this.scope.name}`;
      this.#task.set(this.dom.rt.spawnIn(this.scope.owner, new ActionRun(this, inner, done, label), { label }));
      return new Dispatching(done, label);
    });
  }

  result(): ActionResult<T> | undefined {
    const s = this.state.get();
    if (s !== "ready" && s !== "errored") return undefined;
    const e = this.error.get();
    if (e !== undefined) return { ok: false, error: e.e };
    const v = this.value.get();
    return v === undefined ? undefined : { ok: true, value: v.v };
  }

  reset(): void {
    asScope(this.dom, this.scope, () => {
      this.state.set("reset");
      this.#takeTask()?.cancel();
    });
  }

  cancel(): void {
    asScope(this.dom, this.scope, () => {
      this.#takeTask()?.cancel();
      this.state.set("reset");
    });
  }

  /** `task.take()`: a write, even when there is no task. */
  #takeTask(): Task | undefined {
    const t = this.#task.peek();
    this.#task.set(undefined);
    return t;
  }

  succeed(value: T): void {
    this.error.set(undefined);
    this.value.set({ v: value });
    this.state.set("ready");
  }

  fail(error: unknown): void {
    this.error.set({ e: error });
    this.value.set(undefined);
    this.state.set("errored");
  }
}

/** The spawned task: `state = pending; match fut.await { Ok → …, Err → … }; tx.send(())`. Its output (for traces) is the value. */
class ActionRun<T> extends WrapperFuture<T | undefined, T> {
  #started = false;

  constructor(
    private readonly hook: ActionHook<never, T>,
    inner: Future<T>,
    private readonly done: Done,
    label: string,
  ) {
    super(inner, label);
  }

  poll(cx: Context): Poll<T | undefined> {
    if (!this.#started) {
      this.#started = true;
      this.hook.state.set("pending");
    }
    let p: Poll<T>;
    try {
      p = this.inner.poll(cx);
    } catch (error) {
      // A misuse the runtime explained is a panic in Rust, never an Err value: let it take the task down.
      if (error instanceof LearnerError) throw error;
      this.hook.fail(error);
      this.done.fire();
      return Poll.Ready(undefined);
    }
    if (!p.ready) return Poll.Pending;
    this.hook.succeed(p.value);
    this.done.fire();
    return p;
  }

  protected override drop(): void {
    try {
      super.drop();
    } finally {
      // The oneshot sender is dropped with the task: a cancelled call still releases its dispatching future.
      this.done.fire();
    }
  }
}

/** The oneshot channel between a call's task and its dispatching future. */
class Done {
  fired = false;
  readonly waiting = new Set<Dispatching>();

  fire(): void {
    if (this.fired) return;
    this.fired = true;
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const d of waiting) d.waker?.wake();
  }
}

/** What `call` returns: Ready once the call's task completed or was cancelled. */
class Dispatching extends Future<void> {
  waker: Waker | undefined;
  #ready = false;

  constructor(
    private readonly done: Done,
    what: string,
  ) {
    super();
    this.label = `the call of ${what}`;
  }

  poll(cx: Context): Poll<void> {
    if (this.#ready) throw polledAfterReady(`The future returned by ${this.label}`);
    if (this.done.fired) {
      this.#ready = true;
      this.done.waiting.delete(this);
      return Poll.Ready(undefined);
    }
    this.waker = cx.waker;
    this.done.waiting.add(this);
    return Poll.Pending;
  }

  protected override drop(): void {
    this.done.waiting.delete(this);
  }
}

/**
 * An action owned by this component: `call(...args)` runs `fn(...args)` as a
 * task, cancelling the previous call, and keeps the latest result (Dioxus
 * `use_action`). A throw inside the future is the error result.
 */
export function useAction<A extends unknown[], T>(fn: (...args: A) => Future<T>, name?: string): Action<A, T> {
  const dom = currentDom("useAction");
  expectMaker("useAction", fn, EXAMPLE);
  const hook = dom.hook(
    "useAction",
    useAction,
    (scope) => new ActionHook<A, T>(dom, scope, fn, name, captureSiteIf(dom.rt.recordsSites, useAction)),
  );
  hook.fn = fn;
  return hook.handle;
}
