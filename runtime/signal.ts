/**
 * Signals: reactive values with borrows checked at run time.
 *
 * What it models: `dioxus-signals` (`Signal`, `GlobalSignal`, `ReadableExt`,
 * `WritableExt`) over `generational-box` (the borrow checks and their errors).
 *
 * - A signal belongs to the scope that created it and dies with it: any
 *   later access fails with `Dropped` ("…the value was dropped.").
 * - `read()` and `write()` return guards; release them with `using`, or
 *   call `[Symbol.dispose]()`. While a write guard is open, every other
 *   borrow fails (`AlreadyBorrowedMut`); while read guards are open, a write
 *   fails (`AlreadyBorrowed`, with every read's location). These are Dioxus's
 *   own error kinds and first sentences.
 * - Subscribers are notified when a write guard is *released*, and every
 *   write notifies, equal value or not. `set(v)` is a write released at once.
 * - Only tracked contexts subscribe: renders, memos, effects and resource
 *   closures (the virtual DOM sets `tracking`). Reads in handlers and plain
 *   tasks do not; `peek()` never does.
 * - A guard still open when its task suspends is reported as "held across an
 *   await", with both locations, even when no other task collides this time.
 * - Signals are `!Send`: touching one from a simulated worker thread fails.
 */
import { noRuntime, runningRuntime } from "./ambient.ts";
import { Site, captureSiteIf, returned } from "./errors.ts";
import { ServiceKey, type Runtime, type Task } from "./executor.ts";
import { type BorrowError, borrowError, closedGuard, notSend, TEXT } from "./signal-errors.ts";

export { BorrowError, type BorrowKind } from "./signal-errors.ts";

/** A reactive context that re-runs when a signal it read changes. */
export interface Subscriber {
  readonly name: string;
  readonly sources: Set<SignalCell<unknown>>;
  onChange(): void;
}

/** What signals need from the virtual DOM that owns them. */
export interface SignalHost {
  readonly rt: Runtime;
  /** The reactive context running now (a render, memo, effect or resource), if any. */
  readonly tracking: Subscriber | undefined;
  /**
   * Records a guard opened by a task (or by no task: an async handler's first
   * segment runs before its task exists), so the runtime can report it if the
   * task suspends while the guard is open.
   */
  guardOpened(task: Task | undefined, guard: Guard): void;
  guardClosed(task: Task | undefined, guard: Guard): void;
  /** The name of the simulated worker thread running now, if any. */
  readonly onThread: string | undefined;
}

export interface Guard extends Disposable {
  readonly mode: "read" | "write";
  readonly site: Site;
  readonly cell: SignalCell<unknown>;
  readonly task: Task | undefined;
}

/** The storage behind a signal handle. */
export class SignalCell<T> {
  readonly readers = new Set<Guard>();
  writer: Guard | undefined;
  readonly subscribers = new Set<Subscriber>();
  dropped = false;
  droppedAt: string | undefined;

  constructor(
    public host: SignalHost,
    public value: T,
    readonly name: string,
    readonly site: Site,
  ) {}

  /**
   * @internal The run is over and nothing will read this signal again
   * (`Runtime.release`): lets go of its value, its host (the whole app) and
   * whoever subscribed, so that a closure still holding the handle keeps only
   * this small cell alive.
   */
  release(): void {
    this.host = RELEASED;
    this.value = undefined as T;
    this.writer = undefined;
    this.readers.clear();
    this.subscribers.clear();
  }

  describe(): string {
    const where = this.site.where;
    return `signal ${this.name}${where ? ` (created at ${where})` : ""}`;
  }

  subscribe(): void {
    const sub = this.host.tracking;
    if (sub === undefined) return;
    this.subscribers.add(sub);
    sub.sources.add(this as SignalCell<unknown>);
  }

  notify(): void {
    for (const sub of [...this.subscribers]) sub.onChange();
  }

  /** Ends the signal's life (its owner scope was dropped). */
  drop(): void {
    this.dropped = true;
    for (const sub of this.subscribers) sub.sources.delete(this as SignalCell<unknown>);
    this.subscribers.clear();
  }
}

/** The host of a released cell: nothing may use it any more. */
const RELEASED: SignalHost = {
  get rt(): Runtime {
    throw new Error("this signal's run is over and its runtime was released");
  },
  tracking: undefined,
  guardOpened() {},
  guardClosed() {},
  onThread: undefined,
};

export type Borrow<G> = { ok: true; guard: G } | { ok: false; error: BorrowError };

export interface ReadGuard<T> extends Guard {
  readonly value: T;
}

export interface WriteGuard<T> extends Guard {
  value: T;
}

/**
 * A reactive value owned by a component. Call it (`count()`) or `get()` to
 * read a copy, `set(v)` to replace it, `read()` / `write()` for guards.
 */
export interface Signal<T> {
  (): T;
  /** A copy of the value (arrays, plain objects, Sets and Maps are copied), released at once; subscribes a tracked context. */
  get(): T;
  /** Reads without subscribing. */
  peek(): T;
  /** Replaces the value (a write released at once: subscribers are notified). */
  set(value: T): void;
  /** `set(fn(current))`. */
  update(fn: (value: T) => T): void;
  /** A read guard: `using g = sig.read(); g.value`. Subscribes a tracked context. */
  read(): ReadGuard<T>;
  /** A write guard: `using g = sig.write(); g.value = …`. Notifies when released. */
  write(): WriteGuard<T>;
  tryRead(): Borrow<ReadGuard<T>>;
  tryWrite(): Borrow<WriteGuard<T>>;
  /** "signal count (created at katas/…:12)". */
  toString(): string;
}

/** @internal The cell behind a signal handle. */
export const CELL = Symbol("signal cell");

type Resolve<T> = () => SignalCell<T>;

/** The error a borrow of `cell` would meet now (also written to the trace), or undefined if it may go ahead. */
function borrowCheck<T>(cell: SignalCell<T>, mode: "read" | "write", site: Site): BorrowError | undefined {
  const error = findBorrowError(cell, mode, site);
  if (error !== undefined) {
    const rt = cell.host.rt;
    const task = rt.currentTask;
    rt.trace.record(
      rt.now,
      "borrow-error",
      task?.id,
      task?.label,
      `${error.kind}: ${mode} of ${cell.name}`,
      task?.owner.id,
    );
  }
  return error;
}

function findBorrowError<T>(cell: SignalCell<T>, mode: "read" | "write", site: Site): BorrowError | undefined {
  const host = cell.host;
  if (host.onThread !== undefined) throw notSend(cell as SignalCell<unknown>, host.onThread);
  if (cell.dropped) {
    return borrowError("Dropped", TEXT.dropped, [
      `${cell.describe()}`,
      ...(cell.droppedAt ? [`dropped when ${cell.droppedAt}`] : []),
    ]);
  }
  if (cell.writer !== undefined) {
    return borrowError("AlreadyBorrowedMut", TEXT.readWhileWrite, [
      `${cell.describe()}`,
      `borrowed mutably at ${cell.writer === UPDATING ? "an unknown place (an update() still running)" : (cell.writer.site.where ?? "an unknown place")}`,
      ...(site === IMMEDIATE
        ? []
        : [`${mode === "read" ? "read" : "written"} again at ${site.where ?? "an unknown place"}`]),
    ]);
  }
  if (mode === "write" && cell.readers.size > 0) {
    return borrowError("AlreadyBorrowed", TEXT.writeWhileRead, [
      `${cell.describe()}`,
      ...[...cell.readers].map((g) => `borrowed at ${g.site.where ?? "an unknown place"}`),
      ...(site === IMMEDIATE ? [] : [`written at ${site.where ?? "an unknown place"}`]),
    ]);
  }
  return undefined;
}

/** A write released at once (set, update): no guard object, the same checks and the same notification. */
function writeNow<T>(cell: SignalCell<T>, fn: (value: T) => T): void {
  const error = borrowCheck(cell, "write", IMMEDIATE);
  if (error !== undefined) throw error;
  // While `fn` runs the value is borrowed mutably: a read inside it must fail, as in Dioxus.
  cell.writer = UPDATING;
  try {
    cell.value = fn(cell.value);
  } finally {
    cell.writer = undefined;
  }
  const rt = cell.host.rt;
  rt.trace.record(
    rt.now,
    "signal-write",
    rt.currentTask?.id,
    rt.currentTask?.label,
    cell.name,
    rt.currentTask?.owner.id,
  );
  cell.notify();
}

/**
 * What `sig()` / `get()` hand out: Dioxus's readers clone the value out, so
 * changing what you got cannot change the signal behind its back. Plain data
 * (arrays, plain objects, Sets, Maps) is copied one level deep; everything
 * else (numbers, strings, handles such as a Task) is returned as it is.
 */
function cloneOut<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.slice() as T;
  if (value instanceof Set) return new Set(value) as T;
  if (value instanceof Map) return new Map(value) as T;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? ({ ...value } as T) : value;
}

/** A read released at once (get, peek). */
function readNow<T>(cell: SignalCell<T>): T {
  const error = borrowCheck(cell, "read", IMMEDIATE);
  if (error !== undefined) throw error;
  traceRead(cell);
  return cell.value;
}

function traceRead<T>(cell: SignalCell<T>): void {
  const rt = cell.host.rt;
  if (!rt.trace.enabled) return;
  const task = rt.currentTask;
  rt.trace.record(rt.now, "signal-read", task?.id, task?.label, cell.name, task?.owner.id);
}

function tryBorrow<T>(cell: SignalCell<T>, mode: "read" | "write", site: Site): Borrow<Guard> {
  const host = cell.host;
  const error = borrowCheck(cell, mode, site);
  if (error !== undefined) return { ok: false, error };
  const task = host.rt.currentTask;
  let open = true;
  const guard: Guard & { value: T } = {
    mode,
    site,
    cell: cell as SignalCell<unknown>,
    task,
    get value(): T {
      if (!open) throw closedGuard(cell as SignalCell<unknown>);
      return cell.value;
    },
    set value(v: T) {
      if (!open) throw closedGuard(cell as SignalCell<unknown>);
      if (mode === "read") throw new TypeError("A read guard cannot change the value: use write().");
      cell.value = v;
    },
    [Symbol.dispose]() {
      if (!open) return;
      open = false;
      host.guardClosed(task, guard);
      if (mode === "read") cell.readers.delete(guard);
      else {
        cell.writer = undefined;
        host.rt.trace.record(
          host.rt.now,
          "signal-write",
          host.rt.currentTask?.id,
          host.rt.currentTask?.label,
          cell.name,
          host.rt.currentTask?.owner.id,
        );
        cell.notify();
      }
    },
  };
  if (mode === "read") {
    cell.readers.add(guard);
    traceRead(cell);
  } else cell.writer = guard;
  host.guardOpened(task, guard);
  return { ok: true, guard };
}

/**
 * The site of a borrow released before its call returns (get, peek, set,
 * update): nothing can outlive it, so no stack is captured; if the borrow
 * fails, the error's own location is the call.
 */
const IMMEDIATE = new Site({});

/** The stand-in write guard while an update() function runs. */
const UPDATING: Guard = {
  mode: "write",
  site: IMMEDIATE,
  get cell(): SignalCell<unknown> {
    // Never registered with a task, so no report asks for its cell.
    throw new Error("the update() stand-in guard has no cell of its own");
  },
  task: undefined,
  [Symbol.dispose]() {},
};

/** Where `fn` (a guard-taking method) was called from, if `cell`'s runtime records sites. */
function guardSite(cell: SignalCell<unknown>, fn: Function): Site {
  return captureSiteIf(cell.host.rt.recordsSites, fn);
}

function orThrow<G>(b: Borrow<G>): G {
  if (b.ok) return b.guard;
  throw b.error;
}

/** Builds a signal handle over a cell (found afresh on every access, for globals). */
export function signalHandle<T>(resolve: Resolve<T>, name: () => string): Signal<T> {
  const get = (): T => {
    const cell = resolve();
    const value = readNow(cell);
    cell.subscribe();
    return cloneOut(value);
  };
  const handle = (() => get()) as Signal<T>;
  handle.get = get;
  handle.peek = function peek(): T {
    return readNow(resolve());
  };
  handle.set = function set(value: T): void {
    writeNow(resolve(), () => value);
  };
  handle.update = function update(fn: (value: T) => T): void {
    writeNow(resolve(), fn);
  };
  // Each guard remembers where it was taken (for borrow errors and the "held
  // across an await" report), when the cell's runtime records sites.
  handle.read = function readGuard(): ReadGuard<T> {
    const cell = resolve();
    const g = orThrow(tryBorrow(cell, "read", guardSite(cell, readGuard))) as ReadGuard<T>;
    cell.subscribe();
    return g;
  };
  handle.write = function write(): WriteGuard<T> {
    const cell = resolve();
    return orThrow(tryBorrow(cell, "write", guardSite(cell, write))) as WriteGuard<T>;
  };
  handle.tryRead = function tryRead(): Borrow<ReadGuard<T>> {
    const cell = resolve();
    const b = tryBorrow(cell, "read", guardSite(cell, tryRead)) as Borrow<ReadGuard<T>>;
    if (b.ok) cell.subscribe();
    else returned(b.error);
    return b;
  };
  handle.tryWrite = function tryWrite(): Borrow<WriteGuard<T>> {
    const cell = resolve();
    const b = tryBorrow(cell, "write", guardSite(cell, tryWrite)) as Borrow<WriteGuard<T>>;
    if (!b.ok) returned(b.error);
    return b;
  };
  handle.toString = () => name();
  return handle;
}

/** Creates a signal owned by a scope's host (used by `useSignal`). */
export function createSignal<T>(
  host: SignalHost,
  value: T,
  name: string,
  site: Site,
): { signal: Signal<T>; cell: SignalCell<T> } {
  const cell = new SignalCell(host, value, name, site);
  return {
    signal: signalHandle(
      () => cell,
      () => cell.describe(),
    ),
    cell,
  };
}

/** What a `GlobalSignal` needs from the runtime it is used in. */
export interface GlobalHost extends SignalHost {
  globalCell<T>(decl: object, init: () => T, name: string): SignalCell<T>;
}

/** Where a runtime keeps the host of its global signals (the virtual DOM): `rt.lookup(GLOBAL_SIGNALS)`. */
export const GLOBAL_SIGNALS = new ServiceKey<GlobalHost>("global signals");

/**
 * A signal declared at module level whose value lives in each runtime (and so
 * in each test run), created on first use and owned by the root scope.
 *
 *     const RESOURCES_RUNNING = Signal.global(() => new Set<string>(), "RESOURCES_RUNNING");
 */
export function globalSignal<T>(init: () => T, name = "global"): Signal<T> {
  const decl = {};
  const resolve = (): SignalCell<T> => {
    const what = `The global signal ${name}`;
    const host = runningRuntime(what).lookup(GLOBAL_SIGNALS);
    if (host === undefined) throw noRuntime(what);
    return host.globalCell(decl, init, name);
  };
  return signalHandle(resolve, () => `global signal ${name}`);
}

export const Signal = { global: globalSignal };
