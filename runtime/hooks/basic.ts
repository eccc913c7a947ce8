/**
 * The basic hooks: `useHook`, `useDrop`, `useSignal`, `useMemo`, `useEffect`.
 *
 * What it models: `use_hook` and `use_drop` (`packages/core`),
 * `use_signal`, `use_memo` and `use_effect` (`packages/hooks`).
 *
 * Every hook takes the next slot of the rendering scope; calling hooks in a
 * different order on a later render is an error that says so. A hook's drop
 * runs when its scope unmounts, in reverse order of the hooks.
 */
import { captureSite } from "../errors.ts";
import { currentDom, type Effect, type Scope, type VirtualDom } from "../scope.ts";
import { SignalCell, createSignal, signalHandle, type Signal, type Subscriber } from "../signal.ts";

/** State created on the first render and returned unchanged on every later one (Dioxus `use_hook`). */
export function useHook<T>(init: () => T): T {
  return currentDom("useHook").hook("useHook", useHook, init);
}

/** Runs `fn` when the component unmounts, after its tasks were dropped (Dioxus `use_drop`). */
export function useDrop(fn: () => void): void {
  const dom = currentDom("useDrop");
  const slot = dom.hook("useDrop", useDrop, () => ({ fn }), (s) => s.fn());
  slot.fn = fn;
}

/** A signal owned by this component: it lives until the component unmounts. */
export function useSignal<T>(init: () => T, name?: string): Signal<T> {
  const dom = currentDom("useSignal");
  return dom.hook("useSignal", useSignal, (scope) => {
    const site = captureSite(useSignal);
    const { signal, cell } = createSignal(dom, init(), name ?? `#${scope.signals.length + 1} of ${scope.name}`, site);
    scope.signals.push(cell as SignalCell<unknown>);
    return signal;
  });
}

class Memo<T> implements Subscriber {
  readonly sources = new Set<SignalCell<unknown>>();
  readonly cell: SignalCell<T>;
  /** One handle for the memo's whole life: the same value on every render, like any signal. */
  readonly handle: Signal<T>;
  constructor(
    readonly dom: VirtualDom,
    readonly scope: Scope,
    public fn: () => T,
    readonly name: string,
  ) {
    this.cell = new SignalCell(dom, dom.track(this, fn), name, captureSite(useMemo));
    scope.signals.push(this.cell as SignalCell<unknown>);
    this.handle = signalHandle(() => this.cell, () => this.cell.describe());
  }
  onChange(): void {
    if (this.cell.dropped) return;
    const next = this.dom.track(this, this.fn);
    // A memo notifies only when its value changed (Dioxus compares with PartialEq).
    if (Object.is(next, this.cell.value)) return;
    this.cell.value = next;
    this.cell.notify();
  }
}

/** A derived value, recomputed when a signal it read changes; readers re-render only if it changed. */
export function useMemo<T>(fn: () => T, name?: string): Signal<T> {
  const dom = currentDom("useMemo");
  const memo = dom.hook("useMemo", useMemo, (scope) => new Memo(dom, scope, fn, name ?? `memo of ${scope.name}`));
  memo.fn = fn;
  return memo.handle;
}

class EffectRun implements Effect, Subscriber {
  readonly sources = new Set<SignalCell<unknown>>();
  constructor(
    readonly dom: VirtualDom,
    readonly scope: Scope,
    public fn: () => void,
    readonly name: string,
  ) {}
  run(): void {
    this.dom.rt.trace.record(this.dom.rt.now, "effect", undefined, undefined, this.name, this.scope.id);
    this.dom.rt.withOwner(this.scope.owner, () => this.dom.track(this, this.fn));
  }
  onChange(): void {
    this.dom.queueEffect(this);
  }
}

/**
 * Runs `fn` after the render, once no task is queued and nothing is dirty,
 * and again whenever a signal it read changes (Dioxus `use_effect`).
 */
export function useEffect(fn: () => void, name?: string): void {
  const dom = currentDom("useEffect");
  const effect = dom.hook("useEffect", useEffect, (scope) => {
    const e = new EffectRun(dom, scope, fn, name ?? `effect of ${scope.name}`);
    dom.queueEffect(e);
    return e;
  });
  effect.fn = fn;
}
