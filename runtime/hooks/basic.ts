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
import { captureSiteIf } from "../errors.ts";
import type { Task } from "../executor.ts";
import { Poll, pollFn } from "../future.ts";
import { currentDom, type Effect, type Scope, type VirtualDom } from "../scope.ts";
import { SignalCell, createSignal, signalHandle, type Signal, type Subscriber } from "../signal.ts";

/** State created on the first render and returned unchanged on every later one (Dioxus `use_hook`). */
export function useHook<T>(init: () => T): T {
  return currentDom("useHook").hook("useHook", useHook, init);
}

/** Runs `fn` when the component unmounts, after its tasks were dropped (Dioxus `use_drop`). */
export function useDrop(fn: () => void): void {
  const dom = currentDom("useDrop");
  const slot = dom.hook(
    "useDrop",
    useDrop,
    () => ({ fn }),
    (s) => s.fn(),
  );
  slot.fn = fn;
}

/** A signal owned by this component: it lives until the component unmounts. */
export function useSignal<T>(init: () => T, name?: string): Signal<T> {
  const dom = currentDom("useSignal");
  return dom.hook("useSignal", useSignal, (scope) => {
    const site = captureSiteIf(dom.rt.recordsSites, useSignal);
    const { signal, cell } = createSignal(dom, init(), name ?? `#${scope.signals.length + 1} of ${scope.name}`, site);
    scope.signals.push(cell as SignalCell<unknown>);
    return signal;
  });
}

/**
 * A memo, lazy as Dioxus's (packages/signals/src/memo.rs, packages/hooks/src/use_memo.rs):
 *
 * - A change of a signal it read only marks it dirty and wakes its recompute
 *   task; nothing is computed inside the write, and nobody is notified yet.
 * - The recompute task belongs to the memo's component (Dioxus spawns it in
 *   the memo's scope), so it is polled in that scope's (height, id) turn and
 *   dropped with the component: if the parent's re-render drops the
 *   component first, the memo never runs again (a memo indexing the parent's
 *   list does not run after its element was removed). When polled it
 *   recomputes once for all the changes since it was woken, and notifies its
 *   readers only if the value changed (Dioxus compares with PartialEq).
 * - Reading a dirty memo recomputes it on the spot, so a read always sees a
 *   value computed from the current signals.
 *
 * Modelling note: Dioxus's memo keeps one task for its whole life, parked on a
 * channel; here a one-shot task ("recompute <name>") is spawned when the memo
 * is first dirtied after its last recompute, so an idle memo is not a pending
 * task (which would stall `runToCompletion`). Its polls fall in the same turn.
 */
class Memo<T> implements Subscriber {
  readonly sources = new Set<SignalCell<unknown>>();
  readonly cell: SignalCell<T>;
  /** One handle for the memo's whole life: the same value on every render, like any signal. */
  readonly handle: Signal<T>;
  /** A signal it read changed since it last computed. */
  dirty = false;
  /** The recompute task woken by a change and not yet polled. */
  #task: Task | undefined;
  /** How many times `fn` ran (for tests). */
  runs = 0;
  constructor(
    readonly dom: VirtualDom,
    readonly scope: Scope,
    public fn: () => T,
    readonly name: string,
  ) {
    this.cell = new SignalCell(dom, this.#compute(), name, captureSiteIf(dom.rt.recordsSites, useMemo));
    scope.signals.push(this.cell as SignalCell<unknown>);
    this.handle = signalHandle(
      () => this.#fresh(),
      () => this.cell.describe(),
    );
  }

  #compute(): T {
    this.runs++;
    this.dom.rt.trace.record(
      this.dom.rt.now,
      "memo",
      this.dom.rt.currentTask?.id,
      this.dom.rt.currentTask?.label,
      this.name,
      this.scope.id,
    );
    return this.dom.rt.withOwner(this.scope.owner, () => this.dom.track(this, this.fn));
  }

  /** The cell, recomputed first if a change is pending (Dioxus `try_read_unchecked` on a dirty memo). */
  #fresh(): SignalCell<T> {
    if (this.dirty && !this.cell.dropped) {
      this.dirty = false;
      this.recompute();
    }
    return this.cell;
  }

  /** Runs `fn` and stores the result; readers are notified only if it changed (Dioxus `Memo::recompute`). */
  recompute(): void {
    const next = this.#compute();
    this.dirty = false;
    if (Object.is(next, this.cell.value)) return;
    this.cell.value = next;
    const rt = this.dom.rt;
    rt.trace.record(
      rt.now,
      "signal-write",
      rt.currentTask?.id,
      rt.currentTask?.label,
      this.cell.name,
      rt.currentTask?.owner.id,
    );
    this.cell.notify();
  }

  onChange(): void {
    if (this.cell.dropped || !this.scope.alive) return;
    this.dirty = true;
    if (this.#task !== undefined) return;
    const owner = this.scope.owner as { closing?: boolean };
    // A scope being dropped gets no new task: its memo dies with it.
    if (owner.closing || this.dom.rt.root.closing) return;
    this.#task = this.dom.rt.spawnIn(
      this.scope.owner,
      pollFn(() => {
        this.#task = undefined;
        if (!this.cell.dropped) this.recompute();
        return Poll.Ready(undefined);
      }),
      { label: `recompute ${this.name}` },
    );
  }

  /** The component unmounted: stop listening (its task was dropped with the scope's tasks). */
  drop(): void {
    for (const cell of this.sources) cell.subscribers.delete(this);
    this.sources.clear();
    this.#task = undefined;
  }
}

/**
 * A derived value owned by this component. A change of a signal it read
 * marks it dirty; it recomputes once, in its component's turn, for all the
 * changes since, or at once when read while dirty. Readers re-render only if
 * its value changed.
 */
export function useMemo<T>(fn: () => T, name?: string): Signal<T> {
  const dom = currentDom("useMemo");
  const memo = dom.hook(
    "useMemo",
    useMemo,
    (scope) => new Memo(dom, scope, fn, name ?? `memo of ${scope.name}`),
    (m) => m.drop(),
  );
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
