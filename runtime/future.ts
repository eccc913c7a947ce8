/**
 * Futures: Rust's `Future` trait, in TypeScript.
 *
 * What it models: `std::future::Future`, `std::task::{Poll, Context, Waker}`
 * and the state machine that `async { … }` compiles to.
 *
 * - A future does nothing until something polls it. `future(function* () {…})`
 *   builds a generator-backed future whose generator object is created on the
 *   first poll, never before: building a future runs none of its code.
 * - `yield* f` is `.await`. Every Future is iterable: its iterator yields one
 *   `Await` token to the driver and returns the future's output, so
 *   `const r = yield* http.get(url)` infers `r`.
 * - Dropping a future is `[Symbol.dispose]()`. A generator future first drops
 *   the child it is awaiting, then returns the generator so its `finally`
 *   blocks and `using` disposals run, innermost first. Dropping twice is a
 *   no-op: a future is dropped exactly once.
 *
 * Invariants, each enforced at run time with an error written for a learner:
 * a future is never polled after it returned Ready or after it was dropped;
 * a generator may only `yield*` Futures; a generator being dropped may not
 * suspend again (Rust has no async drop).
 */
import { currentRuntime, sitesOutsideRuntime } from "./ambient.ts";
import { captureSite, describeValue, type Site } from "./errors.ts";
import {
  asyncBody,
  badYield,
  notAGenerator,
  polledAfterDrop,
  polledAfterReady,
  yieldDuringDrop,
  yieldStarMisuse,
} from "./future-errors.ts";

export { polledAfterReady };

/** The result of one poll: `Poll.Ready(value)` or `Poll.Pending`. */
export type Poll<T> = { readonly ready: true; readonly value: T } | { readonly ready: false };

const PENDING: Poll<never> = Object.freeze({ ready: false as const });

// Performance note: the future classes built on every await (ReadyFuture,
// PollFn, GenFuture, Sleep…) and Await tokens set their fields in their
// constructors, with TypeScript `private` instead of #private fields: on
// Node 20 (V8 11) class-field initialisers and #private fields make each
// construction about twice as slow, and this runtime builds one or two of
// these objects per `yield*`. The base class Future keeps its class fields on
// purpose: when every constructor in a subclass chain is free of field
// initialisers and the classes' `name` is redefined afterwards (esbuild's
// keepNames, so tsx does it), V8 11 never manages to optimise the subclass
// constructors (it recompiles and discards them for ever), which made awaits
// fifteen times slower under tsx.

/** Constructors for `Poll`, spelled as in Rust: `Poll.Ready(v)`, `Poll.Pending`. */
export const Poll = {
  Ready<T>(value: T): Poll<T> {
    return { ready: true, value };
  },
  Pending: PENDING,
} as const;

/** Wakes the task that owns a pending future, so the executor polls it again. */
export interface Waker {
  wake(): void;
}

/** What a poll receives. `waker` belongs to the task being polled. */
export interface Context {
  readonly waker: Waker;
}

/**
 * A value that may not be ready yet. Subclasses implement `poll`; override
 * `drop` to release what the future holds when it is dropped.
 */
export abstract class Future<T> implements Disposable {
  /** A short name for traces, timelines and stall reports. */
  label: string | undefined;
  #dropped = false;

  abstract poll(cx: Context): Poll<T>;

  /** Where this future was created, when a leaf future recorded it (the line of its `yield*`, usually). */
  site: Site | undefined;

  /** Where `future()` or `pollFn()` built this future (the learner's code, for stall reports). */
  built: Site | undefined;

  /** The future this one is suspended in, innermost first: itself for a leaf. */
  innermost(): Future<unknown> {
    return this;
  }

  /** What this future is waiting for, innermost first (for stall reports). */
  awaiting(): string {
    return this.label ?? `a ${this.constructor.name}`;
  }

  /** Where the innermost awaited future was created: the await a task is suspended at. */
  awaitSite(): string | undefined {
    return this.site?.where;
  }

  /** `yield* fut` inside `future(function* () {…})` awaits `fut`. */
  [Symbol.iterator](): Iterator<Await, T, unknown> {
    return new Await(this) as Iterator<Await, T, unknown>;
  }

  /** Drops the future: runs its cleanup once; later calls do nothing. */
  [Symbol.dispose](): void {
    if (this.#dropped) return;
    this.#dropped = true;
    this.drop();
  }

  get dropped(): boolean {
    return this.#dropped;
  }

  /** Cleanup run by the first `[Symbol.dispose]()`. */
  protected drop(): void {}
}

/**
 * The token a generator yields to its driver when it awaits a future.
 * Learners never build one: `yield* fut` does.
 *
 * It is also its own iterator result (`done`, `value`): `yield*` hands the
 * result of `next()` out of the generator as it is, so one await allocates
 * this object and nothing else (two `{ done, value }` objects fewer: bytes
 * per ping-pong hand-off 259 → 186, a chain of ready awaits 4–5 % faster;
 * see test/bench/README.md).
 */
export class Await implements Iterator<Await, unknown, unknown> {
  declare readonly future: Future<unknown>;
  /** False while the await is suspended, true once the driver handed back the future's output. */
  declare done: boolean;
  /** Nothing before the first `next()`, this token while suspended (what the generator yields), then the future's output. */
  declare value: unknown;
  constructor(future: Future<unknown>) {
    this.future = future;
    this.done = false;
    this.value = undefined;
  }
  next(value?: unknown): IteratorResult<Await, unknown> {
    // First call: suspend, handing this token to the driver. Second: the driver's answer is the await's output.
    if (this.value === this) {
      this.done = true;
      this.value = value;
    } else if (!this.done) {
      this.value = this;
    }
    return this as IteratorResult<Await, unknown>;
  }
  return(value?: unknown): IteratorResult<Await, unknown> {
    return { done: true, value };
  }
  /** A child's error, rethrown at the `yield*` (without this, `yield*` would raise a TypeError instead). */
  throw(error?: unknown): IteratorResult<Await, unknown> {
    throw error;
  }
}

/** True for any Future built by this runtime or a subclass of `Future`. */
export function isFuture(x: unknown): x is Future<unknown> {
  return x instanceof Future;
}

class ReadyFuture<T> extends Future<T> {
  declare private readonly output: T;
  declare private finished: boolean;
  constructor(value: T) {
    super();
    this.output = value;
    this.finished = false;
  }
  poll(): Poll<T> {
    if (this.finished) throw polledAfterReady(`ready(${describeValue(this.output)})`);
    this.finished = true;
    return { ready: true, value: this.output };
  }
}

/** A future that is Ready with `value` at its first poll (Rust's `std::future::ready`). */
export function ready<T>(value: T): Future<T> {
  return new ReadyFuture(value);
}

/** Options shared by the small future constructors. */
export interface FutureOptions {
  /** A name for traces and reports. */
  label?: string;
  /** Runs once when the future is dropped (also after it finished). */
  onDrop?: () => void;
}

class PollFn<T> extends Future<T> {
  declare private readonly body: (cx: Context) => Poll<T>;
  declare private readonly onDrop: (() => void) | undefined;
  declare private finished: boolean;
  constructor(body: (cx: Context) => Poll<T>, onDrop: (() => void) | undefined, label: string | undefined) {
    super();
    this.body = body;
    this.onDrop = onDrop;
    this.finished = false;
    this.label = label;
  }
  poll(cx: Context): Poll<T> {
    if (this.finished) throw polledAfterReady(this.label ?? "A pollFn future");
    if (this.dropped) throw polledAfterDrop(this.label ?? "A pollFn future");
    const p = this.body(cx);
    if (p.ready) this.finished = true;
    return p;
  }
  protected override drop(): void {
    this.onDrop?.();
  }
}

/**
 * A hand-written future: `body` is its `poll`. The runtime checks that it is
 * never polled after it returned Ready.
 *
 *     let left = 3;
 *     const f = pollFn((cx) => (left-- === 0 ? Poll.Ready("done") : (cx.waker.wake(), Poll.Pending)));
 */
export function pollFn<T>(body: (cx: Context) => Poll<T>, options: FutureOptions = {}): Future<T> {
  const f = new PollFn(body, options.onDrop, options.label);
  f.built = builtSite(pollFn);
  return f;
}

/** Frames kept of the stack that built a future: enough to reach the kata's line through a helper or two. */
const BUILT_FRAMES = 4;

/**
 * Where a future is being built, for stall reports, unless the running
 * runtime records no sites (production settings): capturing a stack costs
 * about a hundred times as much as building the future itself.
 */
function builtSite(fn: Function): Site | undefined {
  return (currentRuntime()?.recordsSites ?? sitesOutsideRuntime()) ? captureSite(fn, BUILT_FRAMES) : undefined;
}

/** The body of an async block: a generator that `yield*`s futures. */
export type AsyncBody<T> = () => Generator<Await, T, unknown>;

type GenState = "new" | "running" | "done" | "dropped";

class GenFuture<T> extends Future<T> {
  declare private readonly body: AsyncBody<T>;
  declare private state: GenState;
  declare private gen: Generator<Await, T, unknown> | undefined;
  declare private child: Future<unknown> | undefined;

  constructor(body: AsyncBody<T>, label: string | undefined) {
    super();
    this.body = body;
    this.state = "new";
    this.gen = undefined;
    this.child = undefined;
    this.label = label ?? (body.name || undefined);
  }

  poll(cx: Context): Poll<T> {
    const state = this.state;
    if (state === "done") throw polledAfterReady(this.name());
    if (state === "dropped") throw polledAfterDrop(this.name());
    let gen = this.gen;
    if (gen === undefined) {
      gen = this.gen = this.body();
      if (typeof (gen as Partial<Generator> | undefined)?.next !== "function") {
        this.state = "done";
        throw notAGenerator(gen, this.name(), this.built?.where);
      }
      this.state = "running";
    }
    let input: unknown;
    let failed = false;
    for (;;) {
      const child = this.child;
      if (child !== undefined) {
        try {
          const p = child.poll(cx);
          if (!p.ready) return PENDING;
          input = p.value;
          failed = false;
        } catch (error) {
          // A child that throws is finished: its error surfaces at the await, like `?` in Rust.
          input = error;
          failed = true;
        }
        this.child = undefined;
        // As in Rust, an awaited future is dropped as soon as its await completes.
        child[Symbol.dispose]();
      }
      let step: IteratorResult<unknown, T>;
      try {
        step = failed ? gen.throw(input) : gen.next(input);
      } catch (error) {
        this.state = "done";
        // `yield* aPromise` fails inside the body as a TypeError: say what it means (nothing else is touched).
        throw (error instanceof TypeError && yieldStarMisuse(error, this.name())) || error;
      }
      if (step.done) {
        this.state = "done";
        return { ready: true, value: step.value };
      }
      const token = step.value;
      if (token instanceof Await) {
        this.child = token.future;
        continue;
      }
      this.state = "done";
      gen.return(undefined as T);
      throw badYield(token, this.name(), isFuture(token), this.built?.where);
    }
  }

  override awaitSite(): string | undefined {
    return this.child?.awaitSite();
  }

  override innermost(): Future<unknown> {
    return this.child?.innermost() ?? this;
  }

  override awaiting(): string {
    const child = this.child;
    const self = this.label ?? "async block";
    return child === undefined ? self : `${self} → ${child.awaiting()}`;
  }

  protected override drop(): void {
    const wasRunning = this.state === "running";
    // A finished block stays "done", so polling it again still says "after Ready".
    if (this.state !== "done") this.state = "dropped";
    const child = this.child;
    this.child = undefined;
    if (!wasRunning) return;
    try {
      child?.[Symbol.dispose]();
    } finally {
      const step = this.gen!.return(undefined as T);
      // biome-ignore lint/correctness/noUnsafeFinally: an await inside clean-up code is a misuse to report even when the child's drop threw
      if (!step.done) throw yieldDuringDrop(this.name());
    }
  }

  private name(): string {
    return this.label === undefined ? "An async block" : `The async block "${this.label}"`;
  }
}

/**
 * An async block: a lazy future whose body is a generator. Nothing in `body`
 * runs until the future is first polled (awaited or spawned).
 *
 *     const f = future(function* () {
 *       const user = yield* http.get("/user");
 *       return user.name;
 *     });
 */
export function future<T>(body: AsyncBody<T>, options: { label?: string } = {}): Future<T> {
  const kind = (body as { constructor?: unknown } | undefined)?.constructor;
  if (kind === AsyncFunction || kind === AsyncGeneratorFunction) throw asyncBody(kind === AsyncGeneratorFunction);
  const f = new GenFuture(body, options.label);
  f.built = builtSite(future);
  return f;
}

const AsyncFunction = (async () => {}).constructor;
const AsyncGeneratorFunction = async function* () {}.constructor;

/**
 * A future that wraps another and adds something to its polls (tracking,
 * state changes, error capture). It reports what the inner future awaits,
 * and dropping it drops the inner future. Subclasses write `poll`.
 */
export abstract class WrapperFuture<T, I = T> extends Future<T> {
  constructor(
    protected readonly inner: Future<I>,
    label: string | undefined = inner.label,
  ) {
    super();
    this.label = label;
  }

  override awaiting(): string {
    return this.inner.awaiting();
  }

  override awaitSite(): string | undefined {
    return this.inner.awaitSite();
  }

  override innermost(): Future<unknown> {
    return this.inner.innermost();
  }

  protected override drop(): void {
    this.inner[Symbol.dispose]();
  }
}
