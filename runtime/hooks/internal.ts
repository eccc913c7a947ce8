/**
 * What the async hooks share: signals they own, running as their component,
 * and checking what a learner's closure returned.
 *
 * Dioxus builds `use_future`, `use_resource`, `use_action` and
 * `use_coroutine` from `use_signal` and `use_callback`. A callback runs with
 * its component's scope on the stack (`Callback::call`), so a task it spawns
 * belongs to the hook's component wherever the call comes from: a handler of
 * a child that received the handle as a prop, a task, a test. `asScope`
 * gives the hooks here the same rule.
 */
import type { Site } from "../errors.ts";
import { LearnerError, describeValue } from "../errors.ts";
import { isFuture, type Future } from "../future.ts";
import type { Scope, VirtualDom } from "../scope.ts";
import { type SignalCell, createSignal, type Signal } from "../signal.ts";

/** A signal owned by `scope`, made by a hook as part of its own slot (Dioxus: the hook's `use_signal`s). */
export function scopeSignal<T>(dom: VirtualDom, scope: Scope, value: T, name: string, site: Site): Signal<T> {
  const { signal, cell } = createSignal(dom, value, `${name} of ${scope.name}`, site);
  scope.signals.push(cell as SignalCell<unknown>);
  return signal;
}

/** Runs `fn` as code of `scope`: the runtime is entered and `spawn` belongs to the scope. */
export function asScope<R>(dom: VirtualDom, scope: Scope, fn: () => R): R {
  return dom.rt.enter(() => dom.rt.withOwner(scope.owner, fn));
}

/** Checks that a hook was given a function, not the future itself. */
export function expectMaker(hook: string, fn: unknown, example: string): void {
  if (typeof fn === "function") return;
  if (isFuture(fn)) {
    throw new LearnerError({
      kind: "HookNeedsClosure",
      what: `${hook} was given a Future, not a function that makes one.`,
      why:
        `${hook} may need to start the work again (a restart, a new call), and a future runs only once: ` +
        "once it is dropped or finished it cannot be polled again. So the hook takes a closure and calls it for a fresh future each time.",
      fix: `Wrap it in a closure: ${example}.`,
    });
  }
  throw new LearnerError({
    kind: "HookNeedsClosure",
    what: `${hook} was given ${describeValue(fn)}, not a function that returns a Future.`,
    why: `${hook} calls its closure to get the future it spawns as a task.`,
    fix: `Pass a closure that builds the future: ${example}.`,
  });
}

/** Checks what a hook's closure returned: it must be a Future for the hook to spawn. */
export function expectFuture<T>(hook: string, value: unknown, example: string): Future<T> {
  if (isFuture(value)) return value as Future<T>;
  const promise = typeof (value as { then?: unknown } | null | undefined)?.then === "function";
  throw new LearnerError({
    kind: "HookClosureNotFuture",
    what: `The closure given to ${hook} returned ${describeValue(value)}, not a Future.`,
    why: promise
      ? `A Promise starts running as soon as it is made and cannot be cancelled, while ${hook} must be able to drop its work ` +
        "(on a restart, a new call or an unmount). Rust futures are lazy and can be dropped at any await; only a Future gives the hook that."
      : `${hook} spawns what its closure returns as a task, and only a Future can be polled.`,
    fix: `Return an async block from the closure: ${example}.`,
  });
}
