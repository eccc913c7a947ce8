/**
 * Components, scopes and the virtual DOM.
 *
 * What it models: `packages/core/src/virtual_dom.rs`, `scope_context.rs`,
 * `runtime.rs` (`remove_scope`), `diff/component.rs` and `events.rs`.
 *
 * - A component is a function of props that calls hooks in a fixed order and
 *   returns elements. Each mounted component is a scope: an id, a height
 *   (depth from the root), its hooks, its signals and its tasks (through its
 *   `owner`, the key the executor orders task queues by).
 * - The root scope (id 0, height 0, named "root") is not the app: it is a
 *   wrapper that renders the component given to `render` as its only child
 *   (Dioxus `RootScopeWrapper`, root_wrapper.rs; scopes.rs `ScopeId::ROOT`).
 *   It is the executor's root owner, so `spawnForever` tasks and global
 *   signals belong to it (global_context.rs), and its tasks are queued
 *   before the App's (queues by height, scheduler.rs). Scope ids are reused,
 *   most recently freed first.
 * - Re-renders are scheduled like Dioxus's `pop_work` (executor.ts): dirty
 *   scopes by (height, id), a scope re-rendering before tasks only when it is
 *   strictly nearer the root. A parent's render mounts new children (and
 *   renders them at once) and unmounts the ones it no longer returns.
 * - Unmounting goes children before parents, siblings first to last. Inside one scope, with that
 *   scope current: (1) its tasks are dropped, (2) its pending effects are
 *   removed, (3) its hooks are dropped in reverse order (`useDrop` runs here),
 *   (4) its signals are invalidated. So finalizers and `useDrop` may still
 *   touch the component's own signals.
 * - Events (dispatch.ts), effects (effects.ts) and guard diagnostics
 *   (held-guards.ts) are in their own files; the virtual DOM holds one of
 *   each and puts itself into its runtime under the `DOM` key.
 */
import { noRuntime, runningRuntime } from "./ambient.ts";
import {
  type Child,
  type ComponentNode,
  type ElementNode,
  type Listener,
  type UiEvent,
  type VNode,
  normalize,
} from "./element.ts";
import { dispatch } from "./dispatch.ts";
import { EffectQueue, type Effect } from "./effects.ts";
import { type LearnerError, captureSite, captureSiteIf } from "./errors.ts";
import { Runtime, ServiceKey, type Owner, type RenderWork, type RuntimeOptions, type Task } from "./executor.ts";
import { HeldGuards } from "./held-guards.ts";
import { type HookCall, hookOrder, hookOutsideRender, renderError } from "./scope-errors.ts";
import { insertInScopeOrder } from "./scheduler.ts";
import { GLOBAL_SIGNALS, SignalCell, type GlobalHost, type Guard, type Subscriber } from "./signal.ts";

export type { Effect } from "./effects.ts";

interface HookSlot extends HookCall {
  value: unknown;
  /** Run when the scope is dropped (hooks are dropped in reverse order). */
  drop?: (() => void) | undefined;
}

interface ChildSlot {
  readonly key: string;
  readonly component: ComponentNode["component"];
  readonly scope: Scope;
}

/** A mounted component. */
export class Scope implements Subscriber {
  readonly sources = new Set<SignalCell<unknown>>();
  readonly hooks: HookSlot[] = [];
  hookIndex = 0;
  rendered: VNode[] = [];
  children: ChildSlot[] = [];
  readonly childOf = new Map<ComponentNode, Scope>();
  readonly signals: SignalCell<unknown>[] = [];
  alive = true;
  renders = 0;
  /** Set by an ErrorBoundary component: takes the errors of the scopes below it. */
  catcher: ((error: unknown) => void) | undefined;

  constructor(
    readonly dom: VirtualDom,
    readonly id: number,
    readonly parent: Scope | undefined,
    readonly owner: Owner & { closing?: boolean },
    public component: ComponentNode["component"],
    public props: object,
  ) {}

  get height(): number {
    return this.owner.height;
  }

  get name(): string {
    return this.owner.name;
  }

  /** @internal Empties the scope once its run is over (`VirtualDom.release`). */
  release(): void {
    for (const cell of this.signals) cell.release();
    this.signals.length = 0;
    this.hooks.length = 0;
    this.rendered = [];
    this.children = [];
    this.childOf.clear();
    this.sources.clear();
    this.props = {};
    this.catcher = undefined;
  }

  onChange(): void {
    // Like Dioxus's SchedulerMsg::Immediate: the mark goes through the scheduler channel.
    this.dom.rt.post(() => this.dom.markDirty(this));
  }

  toString(): string {
    return `${this.name} (scope ${this.id})`;
  }
}

export interface RenderOptions extends RuntimeOptions {
  /** Props for the root component. */
  props?: object;
}

/** The virtual DOM: scopes, re-renders, effects, events and the error boundary. */
/** Where a runtime keeps its virtual DOM: `rt.lookup(DOM)`. */
export const DOM = new ServiceKey<VirtualDom>("the virtual DOM");

export class VirtualDom implements RenderWork, GlobalHost {
  readonly rt: Runtime;
  readonly root: Scope;
  /** Errors caught by the root error boundary (handler errors, async handler failures). */
  readonly errors: unknown[] = [];
  /** Subscriber currently tracking reads (render, memo, effect, resource closure). */
  tracking: Subscriber | undefined;
  /** The scope whose render (or drop) is running, for hooks. */
  currentScope: Scope | undefined;
  /** Set while simulated worker-thread code runs (signals may not be touched). */
  onThread: string | undefined;

  readonly #scopes = new Map<number, Scope>();
  readonly #freeIds: number[] = [];
  #nextId = 1;
  readonly #dirty: Scope[] = [];
  readonly #effects = new EffectQueue();
  readonly #globals = new Map<object, SignalCell<unknown>>();
  readonly #guards: HeldGuards;
  /** Scopes unmounted so far: their signals' cells may still be held by closures (`release`). */
  readonly #unmounted: Scope[] = [];
  #released = false;

  constructor(app: ComponentNode["component"], options: RenderOptions = {}) {
    this.rt = new Runtime({ rootName: "root", ...options });
    this.rt.renderWork = this;
    this.#guards = new HeldGuards(this.rt);
    this.rt.pollWatch = this.#guards;
    this.rt.provide(DOM, this);
    this.rt.provide(GLOBAL_SIGNALS, this);
    // Dioxus (virtual_dom.rs, root_wrapper.rs) renders the app under `RootScopeWrapper`, scope 0, which
    // owns spawn_forever tasks and global signals. It also puts a default SuspenseBoundary and
    // ErrorBoundary in between (scopes 1 and 2, so the App is ScopeId::APP, 3); here the root's error
    // list (`errors`) plays the default error boundary and the App is mounted directly under the root.
    const appNode: ComponentNode = { kind: "component", component: app, props: options.props ?? {}, key: undefined };
    const RootScopeWrapper = () => appNode;
    this.root = new Scope(this, 0, undefined, this.rt.root, RootScopeWrapper, {});
    this.#scopes.set(0, this.root);
    this.rt.trace.record(this.rt.now, "mount", undefined, undefined, this.root.toString(), 0);
    this.rt.enter(() => this.#renderScope(this.root));
  }

  /** "Guard held across an await" reports, in the order they happened. */
  get diagnostics(): readonly LearnerError[] {
    return this.#guards.diagnostics;
  }

  /** The scope of the component given to `render`, under the root (undefined once unmounted). */
  get appScope(): Scope | undefined {
    return this.root.children[0]?.scope;
  }

  // ── scheduling (RenderWork) ─────────────────────────────────────────────

  markDirty(scope: Scope): void {
    if (!scope.alive || this.#dirty.includes(scope)) return;
    insertInScopeOrder(this.#dirty, scope, (s) => s);
  }

  firstDirty(): Owner | undefined {
    return this.#dirty[0]?.owner;
  }

  render(owner: Owner): void {
    const scope = this.#dirty.find((s) => s.owner === owner);
    if (scope !== undefined) this.#renderScope(scope);
  }

  /** Runs the pending effects (effects.ts); true if it ran any. */
  runEffects(): boolean {
    return this.#effects.run(this.rt, () => this.#dirty.length > 0);
  }

  /** Queues an effect; pending effects run by their scope's (height, id), in queue order within a scope. */
  queueEffect(effect: Effect): void {
    this.#effects.queue(effect);
  }

  // ── signals (GlobalHost) ────────────────────────────────────────────────

  guardOpened(task: Task | undefined, guard: Guard): void {
    this.#guards.guardOpened(task, guard);
  }

  guardClosed(task: Task | undefined, guard: Guard): void {
    this.#guards.guardClosed(task, guard);
  }

  globalCell<T>(decl: object, init: () => T, name: string): SignalCell<T> {
    let cell = this.#globals.get(decl) as SignalCell<T> | undefined;
    if (cell === undefined) {
      cell = new SignalCell(this, init(), name, captureSiteIf(this.rt.recordsSites, this.globalCell));
      this.#globals.set(decl, cell as SignalCell<unknown>);
      this.root.signals.push(cell as SignalCell<unknown>);
    }
    return cell;
  }

  /** Runs `fn` with `sub` tracking the signals it reads (after forgetting what it read before). */
  track<R>(sub: Subscriber, fn: () => R): R {
    for (const cell of sub.sources) cell.subscribers.delete(sub);
    sub.sources.clear();
    return this.#trackedBy(sub, fn);
  }

  /** Runs `fn` with no tracking context (reads inside do not subscribe). */
  untracked<R>(fn: () => R): R {
    return this.#trackedBy(undefined, fn);
  }

  #trackedBy<R>(sub: Subscriber | undefined, fn: () => R): R {
    const prev = this.tracking;
    this.tracking = sub;
    try {
      return fn();
    } finally {
      this.tracking = prev;
    }
  }

  // ── hooks ───────────────────────────────────────────────────────────────

  /**
   * The hook slot for the next hook call of the rendering scope: created by
   * `init` on the first render, the same value on every later one.
   */
  hook<T>(kind: string, caller: Function, init: (scope: Scope) => T, drop?: (value: T) => void): T {
    const scope = this.currentScope;
    if (scope === undefined || this.tracking !== scope) throw hookOutsideRender(kind, captureSite(caller));
    const i = scope.hookIndex++;
    const slot = scope.hooks[i];
    if (slot === undefined) {
      if (scope.renders > 1) throw hookOrder(scope, kind, captureSite(caller), undefined);
      const fresh: HookSlot = { kind, site: captureSiteIf(this.rt.recordsSites, caller), value: undefined };
      scope.hooks.push(fresh);
      fresh.value = init(scope);
      if (drop !== undefined) fresh.drop = () => drop(fresh.value as T);
      return fresh.value as T;
    }
    if (slot.kind !== kind) throw hookOrder(scope, kind, captureSite(caller), slot);
    return slot.value as T;
  }

  // ── rendering and unmounting ────────────────────────────────────────────

  #renderScope(scope: Scope): void {
    const i = this.#dirty.indexOf(scope);
    if (i >= 0) this.#dirty.splice(i, 1);
    if (!scope.alive) return;
    const prevScope = this.currentScope;
    this.currentScope = scope;
    scope.hookIndex = 0;
    scope.renders++;
    this.rt.trace.record(this.rt.now, "render", undefined, undefined, scope.toString(), scope.id);
    let out: VNode[];
    try {
      out = this.rt.withOwner(scope.owner, () =>
        this.track(scope, () => normalize([scope.component(scope.props as never) as Child])),
      );
      if (scope.renders > 1 && scope.hookIndex !== scope.hooks.length) {
        throw hookOrder(scope, "(fewer hooks)", undefined, scope.hooks[scope.hookIndex]);
      }
    } catch (error) {
      throw renderError(scope, error);
    } finally {
      this.currentScope = prevScope;
    }
    scope.rendered = out;
    this.#diffChildren(scope, out);
  }

  #diffChildren(scope: Scope, out: VNode[]): void {
    const nodes: ComponentNode[] = [];
    const collect = (n: VNode): void => {
      if (n.kind === "component") nodes.push(n);
      else if (n.kind === "element") n.children.forEach(collect);
    };
    out.forEach(collect);

    const counters = new Map<unknown, number>();
    const old = new Map(scope.children.map((c) => [c.key, c]));
    const next: ChildSlot[] = [];
    scope.childOf.clear();
    for (const node of nodes) {
      const n = counters.get(node.component) ?? 0;
      counters.set(node.component, n + 1);
      const key = `${node.component.name}#${node.key ?? n}`;
      const existing = old.get(key);
      if (existing !== undefined && existing.component === node.component) {
        old.delete(key);
        next.push(existing);
        scope.childOf.set(node, existing.scope);
        if (!shallowEqual(existing.scope.props, node.props)) {
          existing.scope.props = node.props;
          this.#renderScope(existing.scope);
        }
        continue;
      }
      const child = this.#mount(scope, node);
      next.push({ key, component: node.component, scope: child });
      scope.childOf.set(node, child);
    }
    scope.children = next;
    // The children it no longer renders, first to last in the order of the previous render (as #unmount walks them).
    for (const gone of old.values()) this.#unmount(gone.scope);
  }

  #mount(parent: Scope, node: ComponentNode): Scope {
    const id = this.#freeIds.pop() ?? this.#nextId++;
    const owner = { id, height: parent.height + 1, name: node.component.name || "Component", closing: false };
    const scope = new Scope(this, id, parent, owner, node.component, node.props);
    this.#scopes.set(id, scope);
    this.rt.trace.record(this.rt.now, "mount", undefined, undefined, scope.toString(), id);
    this.#renderScope(scope);
    return scope;
  }

  /**
   * Unmounts a scope and everything under it: its children first, first to
   * last in the order it rendered them, each with its own subtree, then the
   * scope itself (Dioxus diff/component.rs `remove_component_node` removes
   * the last rendered nodes, walking them in order in diff/node.rs, before
   * `drop_scope`). Siblings removed by one re-render go in the same order.
   */
  #unmount(scope: Scope): void {
    for (const c of [...scope.children]) this.#unmount(c.scope);
    scope.children = [];
    const prevScope = this.currentScope;
    this.currentScope = scope;
    // The root's owner is the runtime's frozen root owner; the runtime is dropped right after the root unmounts.
    scope.owner.closing = true;
    try {
      this.rt.withOwner(scope.owner, () => {
        this.rt.dropTasksOf(scope.owner);
        this.#effects.removeScope(scope);
        this.untracked(() => {
          for (const slot of [...scope.hooks].reverse()) slot.drop?.();
        });
      });
    } finally {
      this.currentScope = prevScope;
    }
    for (const cell of scope.signals) {
      cell.drop();
      cell.droppedAt = `${scope} unmounted at t=${this.rt.now}`;
    }
    for (const cell of scope.sources) cell.subscribers.delete(scope);
    scope.alive = false;
    const i = this.#dirty.indexOf(scope);
    if (i >= 0) this.#dirty.splice(i, 1);
    this.#scopes.delete(scope.id);
    this.#unmounted.push(scope);
    this.#freeIds.push(scope.id);
    this.rt.trace.record(this.rt.now, "unmount", undefined, undefined, scope.toString(), scope.id);
  }

  /** Unmounts the whole app and drops the runtime (every task, `spawnForever` ones too). */
  unmountAll(): void {
    if (!this.root.alive) return;
    // The whole app is going: nothing may be spawned from here on, onto any scope (spawnForever included).
    this.root.owner.closing = true;
    this.rt.enter(() => this.#unmount(this.root));
    this.rt[Symbol.dispose]();
  }

  /**
   * @internal Called by `Runtime.release` once the run is over and nothing
   * will look at the app again: empties every scope (live or unmounted), its
   * signals and hooks, so that a learner's closure that outlives the run
   * (see Runtime.release) keeps only small shells alive.
   */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    for (const scope of this.#scopes.values()) scope.release();
    for (const scope of this.#unmounted) scope.release();
    this.#scopes.clear();
    this.#unmounted.length = 0;
    this.#dirty.length = 0;
    this.#globals.clear();
    this.errors.length = 0;
    this.tracking = undefined;
    this.currentScope = undefined;
    this.#guards.release();
  }

  /** Live scopes, by id. */
  scopes(): Scope[] {
    return [...this.#scopes.values()].sort((a, b) => a.id - b.id);
  }

  // ── events (dispatch.ts) ────────────────────────────────────────────────

  /** Calls `listener` as the scope that rendered it (dispatch.ts). */
  dispatch(scope: Scope, listener: Listener, event: UiEvent, what: string): Task | undefined {
    return dispatch(this, scope, listener, event, what);
  }
}

function shallowEqual(a: object, b: object): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

/** The virtual DOM running right now (inside a render, handler or task); `what` names the call that needs it. */
export function currentDom(what: string): VirtualDom {
  const dom = runningRuntime(what).lookup(DOM);
  if (dom === undefined) throw noRuntime(what);
  return dom;
}

export type { ElementNode };
