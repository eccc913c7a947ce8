/**
 * The executor: tasks, their owners, the run queue and the test drivers.
 *
 * What it models: Dioxus's task system (`packages/core/src/tasks.rs`,
 * `scheduler.rs`, `runtime.rs`), plus a virtual clock and the drivers a test
 * needs. The Dioxus layer (components, scopes) plugs into it through `Owner`
 * and `RenderWork`.
 *
 * Invariants:
 * - `spawn` never polls. The first poll happens in a later driver step.
 * - Task ids start at 1 and are never reused, so a stale handle can never
 *   reach a new task.
 * - One FIFO queue per owner, de-duplicated while a task is queued. Queues are
 *   visited by the owner's (height, id), nearest the root first. A task that
 *   wakes itself during its poll goes to the back of its owner's queue.
 *   (Dioxus sends wakes through a channel drained after every poll; with one
 *   thread, enqueuing at once gives the same order.)
 * - A task is never polled after it finished or was cancelled; its future is
 *   dropped exactly once. `cancel()` drops synchronously, except for a task
 *   cancelling itself inside its own poll, which is dropped when that poll
 *   returns.
 * - A wake while paused is swallowed; `resume` re-queues on paused → active.
 * - Dirty scopes (from the Dioxus layer) and task queues are compared by
 *   (height, id): a scope re-renders first only when strictly earlier.
 * - Same inputs, same trace. Orders Dioxus leaves unspecified are fixed,
 *   or permuted from `seed` when one is given: the order an unmount drops a
 *   scope's tasks in, and the order of a user event and an app timer due at
 *   the same instant (time.ts).
 */
import { currentRuntime, enterRuntime } from "./ambient.ts";
import { LearnerError, captureSite, describeValue, isLearnerSite, isStackOverflow, stackOverflow, userSiteOf, type Site } from "./errors.ts";
import { type Future, type Poll, type Waker } from "./future.ts";
import { Rng } from "./random.ts";
import { TimerHeap, type RuntimeContext, type TimeDriver, type Timer } from "./time.ts";
import { Trace } from "./trace.ts";

/** Who owns tasks: the root, or a component scope of the Dioxus layer. */
export interface Owner {
  /** Scope id (the root is 0). */
  readonly id: number;
  /** Depth in the component tree (the root is 0). */
  readonly height: number;
  readonly name: string;
  /** True while the owner is being dropped: nothing new may be spawned onto it. */
  readonly closing?: boolean;
}

/** Dirty-scope work the Dioxus layer hands to the scheduler. */
export interface RenderWork {
  /** The earliest dirty scope by (height, id), if any. */
  firstDirty(): Owner | undefined;
  /** Re-renders that scope (and clears its dirty mark). */
  render(owner: Owner): void;
  /** Runs queued effects once nothing else is left; true if it ran any. */
  runEffects(): boolean;
  /** Called after every task poll that did not panic (the signal layer checks guards held across awaits). */
  afterPoll?(task: Task, ready: boolean): void;
  /** True while `task` (or, when undefined, an async handler's first poll) holds a signal guard. */
  holdsGuards?(task: Task | undefined): boolean;
}

export interface RuntimeOptions {
  /** When set, orders Dioxus leaves unspecified are permuted from this seed. */
  seed?: number;
  /** Record a trace (default true). Benchmarks switch it off. */
  trace?: boolean;
  /** Most trace entries kept (default 50,000). */
  traceLimit?: number;
  /** Capture where each task was spawned (default true). */
  sites?: boolean;
  /** Polls allowed without the clock moving before a livelock is reported (default 100,000). */
  livelockBudget?: number;
  /** The root owner's name in traces and reports (the Dioxus layer passes the app component's name). */
  rootName?: string;
}

export interface SpawnOptions {
  /** A name for traces, timelines and reports; defaults to the future's label. */
  label?: string;
}

export type TaskState = "queued" | "idle" | "running" | "ready" | "cancelled" | "panicked";

interface OwnerQueue {
  readonly owner: Owner;
  tasks: Task[];
  tickets: number[];
  head: number;
  active: boolean;
}

/**
 * A spawned future. The handle stays valid after the task ends; its methods
 * then do nothing (`pollNow` reports Ready, as Dioxus does for a missing task).
 */
export class Task<T = unknown> implements Waker {
  // Fields are set in the constructor rather than with class-field
  // initialisers, which make construction much slower on Node 20 (see the
  // note in future.ts); the order below is the order of the old fields.
  /** @internal */ declare state: TaskState;
  /** @internal */ declare isPaused: boolean;
  /** @internal */ declare ticket: number;
  /** @internal */ declare cancelRequested: boolean;
  /** @internal */ declare readonly cx: RuntimeContext;
  /** The output, once the task finished with Ready. */
  declare output: T | undefined;
  declare readonly id: number;
  declare readonly label: string;
  declare readonly owner: Owner;
  /** @internal */ declare readonly future: Future<T>;
  /** @internal */ declare readonly site: Site | undefined;
  /** @internal */ declare readonly rt: Runtime;

  /** @internal */
  constructor(id: number, label: string, owner: Owner, future: Future<T>, site: Site | undefined, rt: Runtime) {
    this.state = "queued";
    this.isPaused = false;
    this.ticket = 0;
    this.cancelRequested = false;
    this.cx = { waker: this, driver: rt };
    this.output = undefined;
    this.id = id;
    this.label = label;
    this.owner = owner;
    this.future = future;
    this.site = site;
    this.rt = rt;
  }

  /** Drops the future now (its finalizers run before this returns). */
  cancel(): void {
    this.rt.cancelTask(this);
  }
  /** Stops polling this task until `resume`; wakes meanwhile are swallowed. */
  pause(): void {
    this.rt.pauseTask(this);
  }
  /** Re-activates a paused task and queues it for a poll. */
  resume(): void {
    this.rt.resumeTask(this);
  }
  /** True while paused (false for finished or cancelled tasks). */
  paused(): boolean {
    return this.isPaused && this.live();
  }
  /** Queues the task for a poll. */
  wake(): void {
    this.rt.wakeTask(this);
  }
  /** Polls the task synchronously; Ready if it no longer exists. */
  pollNow(): Poll<void> {
    return this.rt.pollTaskNow(this);
  }
  /** True once it completed, was cancelled or panicked. */
  finished(): boolean {
    return !this.live();
  }
  /** @internal */
  live(): boolean {
    return this.state === "queued" || this.state === "idle" || this.state === "running";
  }
  /** Where `spawn` was called, e.g. "katas/03-spawn.ts:41". */
  get spawnedAt(): string | undefined {
    return this.site?.where;
  }
  toString(): string {
    return `#${this.id} "${this.label}"`;
  }
}


/** A deterministic, single-threaded model of the Dioxus async runtime. */
export class Runtime implements TimeDriver, Disposable {
  /** The virtual clock, in milliseconds. */
  now = 0;
  readonly trace: Trace;
  /** The root owner (scope 0): `spawnForever` spawns here. */
  readonly root: Owner & { closing: boolean };
  /** Set by the Dioxus layer to interleave re-renders with task polls. */
  renderWork: RenderWork | undefined;
  /** The options this runtime was created with (world modules read theirs here, e.g. `cores`, `network`). */
  readonly options: Readonly<RuntimeOptions>;

  readonly #rng: Rng | undefined;
  readonly #sites: boolean;
  readonly #livelockBudget: number;
  /** One sequence for both heaps: without a seed, timers of both sources fire in (deadline, set order). */
  readonly #timerSeq = { seq: 0 };
  /** The app's own timers: sleeps, network answers, threads (tokio's drivers). */
  readonly #timers = new TimerHeap(this.#timerSeq);
  /** User events scheduled at a virtual time (the platform's event loop): `external` timers. */
  readonly #events = new TimerHeap(this.#timerSeq);
  /** Draws the order between a user event and an app timer due at the same instant (seeded runs only). */
  readonly #tieRng: Rng | undefined;
  /** A user event drawn to fire next, held back until the tasks woken before it have run. */
  #eventNext = false;
  readonly #queues = new Map<Owner, OwnerQueue>();
  /** Non-empty queues, sorted by (height, id). */
  readonly #active: OwnerQueue[] = [];
  readonly #live = new Set<Task>();
  #deferred: Waker[] = [];
  /** Dioxus's scheduler channel: spawns, wakes and dirty marks, drained at the start of a pass and after each task poll. */
  #channel: (Task | (() => void))[] = [];
  /** The queue #enqueue used last: wakes mostly come in runs for one owner, and this skips the map. */
  #lastQueue: OwnerQueue | undefined = undefined;
  #nextId = 1;
  #nextTicket = 1;
  #current: Task | undefined;
  #owner: Owner;
  #pollsSinceClockMoved = 0;
  #disposed = false;
  readonly #services = new Map<object, unknown>();

  constructor(options: RuntimeOptions = {}) {
    this.options = options;
    this.root = { id: 0, height: 0, name: options.rootName ?? "root", closing: false };
    this.#owner = this.root;
    this.trace = new Trace(options.trace ?? true, options.traceLimit);
    this.#rng = options.seed === undefined ? undefined : new Rng(options.seed);
    // A separate stream, so that ties do not shift the other seeded orders (drop orders) of the same seed.
    this.#tieRng = options.seed === undefined ? undefined : new Rng((options.seed ^ 0x9e3779b9) >>> 0);
    this.#sites = options.sites ?? true;
    this.#livelockBudget = options.livelockBudget ?? 100_000;
  }

  // ── spawning ────────────────────────────────────────────────────────────

  /** Spawns onto the current owner (the polling task's owner, else the root). Does not poll. */
  spawn<T>(future: Future<T>, options: SpawnOptions = {}): Task<T> {
    return this.spawnIn(this.#owner, future, options);
  }

  /** Spawns onto the root owner: the task outlives every component. */
  spawnForever<T>(future: Future<T>, options: SpawnOptions = {}): Task<T> {
    return this.spawnIn(this.root, future, options);
  }

  /** Spawns onto a given owner. Does not poll. */
  spawnIn<T>(owner: Owner, future: Future<T>, options: SpawnOptions = {}): Task<T> {
    this.#checkSpawnable(future, owner);
    const id = this.#nextId++;
    const label = options.label ?? future.label ?? `task${id}`;
    const site = this.#sites ? captureSite(this.spawnIn) : undefined;
    const task = new Task<T>(id, label, owner, future, site, this);
    this.#live.add(task as Task);
    this.trace.record(this.now, "spawn", id, label, undefined, owner.id, site);
    this.#post(task as Task);
    return task;
  }

  /**
   * An async handler's future (Dioxus `SpawnIfAsync`): polled once now, as
   * the task it will become, so that what its first segment takes (a signal
   * guard, a lock) and the wakes it asks for belong to that task. If it is
   * Ready at once no task is spawned (its id is used up, never reused);
   * otherwise it is spawned onto `owner` and queued for its next poll.
   */
  pollThenSpawn<T>(owner: Owner, future: Future<T>, options: SpawnOptions = {}): Task<T> | undefined {
    this.#checkSpawnable(future, owner);
    const id = this.#nextId++;
    const label = options.label ?? future.label ?? `task${id}`;
    const site = this.#sites ? captureSite(this.pollThenSpawn) : undefined;
    const task = new Task<T>(id, label, owner, future, site, this);
    const prevTask = this.#current;
    const prevOwner = this.#owner;
    this.#current = task as Task;
    this.#owner = owner;
    task.state = "running";
    if (this.trace.enabled) this.trace.record(this.now, "poll", id, label, "first segment, inside the event", owner.id);
    let p: Poll<T>;
    try {
      p = this.enter(() => future.poll(task.cx));
    } catch (error) {
      task.state = "panicked";
      throw panicReport(task as Task, error);
    } finally {
      this.#current = prevTask;
      this.#owner = prevOwner;
    }
    this.renderWork?.afterPoll?.(task as Task, p.ready);
    if (p.ready) {
      task.state = "ready";
      task.output = p.value;
      this.#unqueue(task as Task);
      future[Symbol.dispose]();
      return undefined;
    }
    task.state = "idle";
    this.#live.add(task as Task);
    this.trace.record(this.now, "spawn", id, label, undefined, owner.id, site);
    // Still pending: the task that finishes it polls it again at the next pass, woken or not.
    if (task.ticket === 0) this.#post(task as Task);
    return task;
  }

  /** Whether this runtime records where things were spawned and built (off in production settings). */
  get recordsSites(): boolean {
    return this.#sites;
  }

  /** Captures the caller's site when the runtime records sites (for futures that remember where they were awaited). */
  captureSite(fn: Function): Site | undefined {
    // Only a task holding a signal guard can need the place it awaits (for the
    // "held across an await" report): skip the cost of a stack everywhere else.
    if (!this.#sites || !this.renderWork?.holdsGuards?.(this.#current)) return undefined;
    return captureSite(fn);
  }

  #checkSpawnable(future: unknown, owner: Owner): void {
    if (this.root.closing && (owner.closing || owner === this.root)) {
      throw new LearnerError({
        kind: "SpawnWhileDropping",
        what: `spawn was called while the whole app is being dropped, from useDrop or a finalizer (of ${owner.name}, scope ${owner.id}).`,
        why: "The app is shutting down: the runtime drops every task right after, so a task spawned now would never be polled.",
        fix: "Do the cleanup synchronously; work that must outlive the app cannot run in it.",
      });
    }
    if (owner.closing) {
      throw new LearnerError({
        kind: "SpawnWhileDropping",
        what: `spawn was called while ${owner.name} (scope ${owner.id}) is being dropped, from useDrop or a finalizer.`,
        why:
          "The component is going away: a task spawned onto it now would belong to a dead scope, and in Dioxus it leaks or runs " +
          "in the wrong place (Dioxus issue #4064).",
        fix: "If cleanup must do async work that outlives the component, start it with spawnForever, and let it use only what lives as long as the app.",
      });
    }
    if (this.#disposed) {
      throw new LearnerError({
        kind: "RuntimeDropped",
        what: "spawn was called on a runtime that has already been dropped.",
        why: "Dropping the runtime cancelled every task; a new one would never be polled.",
        fix: "Spawn while the app (the runtime) is alive, or create a new runtime for a new run.",
      });
    }
    if (typeof (future as Future<unknown> | undefined)?.poll !== "function") {
      throw new LearnerError({
        kind: "SpawnNotFuture",
        what: `spawn was given ${describeValue(future)}, not a Future.`,
        why: "Only a future can be polled by the executor. A function or a value does nothing on its own.",
        fix:
          typeof future === "function"
            ? "Pass the future, not a function making it: spawn(future(function* () { … })) or spawn(makeFuture())."
            : "Build a future with future(function* () { … }) and spawn that.",
      });
    }
  }

  /** Runs `fn` with `owner` as the current owner (the Dioxus layer uses this while rendering). */
  withOwner<R>(owner: Owner, fn: () => R): R {
    const prev = this.#owner;
    this.#owner = owner;
    try {
      return fn();
    } finally {
      this.#owner = prev;
    }
  }

  /** The owner `spawn` would use right now. */
  get currentOwner(): Owner {
    return this.#owner;
  }

  /** The task being polled right now, if any. */
  get currentTask(): Task | undefined {
    return this.#current;
  }

  /**
   * Per-runtime state of a module outside the core (the simulated network,
   * the thread pool…): made by `make` on first use, the same object after.
   * `key` is any object the module owns, usually its class.
   */
  service<T>(key: object, make: (rt: Runtime) => T): T {
    let s = this.#services.get(key) as T | undefined;
    if (s === undefined) this.#services.set(key, (s = make(this)));
    return s;
  }

  /** Runs `fn` with this runtime as the ambient one, so free `spawn` and `sleep` find it. */
  enter<R>(fn: () => R): R {
    return enterRuntime(this, fn);
  }

  // ── queues ──────────────────────────────────────────────────────────────

  #enqueue(task: Task): void {
    const owner = task.owner;
    let q = this.#lastQueue;
    if (q === undefined || q.owner !== owner) q = this.#lastQueue = this.#queues.get(owner);
    if (q === undefined) {
      q = { owner, tasks: [], tickets: [], head: 0, active: false };
      this.#queues.set(owner, q);
      this.#lastQueue = q;
    }
    const ticket = this.#nextTicket++;
    task.ticket = ticket;
    if (task.state === "idle") task.state = "queued";
    q.tasks.push(task);
    q.tickets.push(ticket);
    if (!q.active) this.#activate(q);
  }

  #activate(q: OwnerQueue): void {
    q.active = true;
    const a = this.#active;
    let i = a.length;
    while (i > 0 && earlier(q.owner, a[i - 1]!.owner)) i--;
    a.splice(i, 0, q);
  }

  /** The first owner with a queued task, skipping stale queue entries. */
  #firstQueue(): OwnerQueue | undefined {
    const a = this.#active;
    while (a.length > 0) {
      const q = a[0]!;
      while (q.head < q.tasks.length && q.tasks[q.head]!.ticket !== q.tickets[q.head]) q.head++;
      if (q.head < q.tasks.length) return q;
      q.tasks = [];
      q.tickets = [];
      q.head = 0;
      q.active = false;
      a.shift();
    }
    return undefined;
  }

  #unqueue(task: Task): void {
    task.ticket = 0;
  }

  // ── task control (called through Task) ──────────────────────────────────

  /** @internal */
  wakeTask(task: Task): void {
    if (!task.live()) return;
    if (task.isPaused) {
      this.trace.record(this.now, "wake", task.id, task.label, "swallowed: the task is paused", task.owner.id);
      return;
    }
    if (task.ticket !== 0) return;
    if (this.trace.enabled) {
      this.trace.record(this.now, "wake", task.id, task.label, this.#current === undefined || this.#current === task ? undefined : `by #${this.#current.id}`, task.owner.id);
    }
    this.#post(task);
  }

  /** Puts a task notification on the channel (ticket -1: "in the channel"). */
  #post(task: Task): void {
    task.ticket = -1;
    if (task.state === "idle") task.state = "queued";
    this.#channel.push(task);
  }

  /** Posts a message for the Dioxus layer (a dirty mark), handled when the channel is drained. */
  post(message: () => void): void {
    this.#channel.push(message);
  }

  /** Drains the scheduler channel now (Dioxus's `process_events`), e.g. between two effects. */
  processEvents(): void {
    this.#drain();
  }

  /** Dioxus's `process_events`: moves every message on the channel into the queues. */
  #drain(): void {
    const ch = this.#channel;
    if (ch.length === 0) return;
    this.#channel = [];
    for (const m of ch) {
      if (typeof m === "function") m();
      else if (m.ticket === -1) this.#enqueue(m);
    }
  }

  /** @internal */
  cancelTask(task: Task): void {
    if (!task.live()) return;
    if (task.state === "running") {
      task.cancelRequested = true;
      return;
    }
    this.#unqueue(task);
    this.#finishCancelled(task);
  }

  #finishCancelled(task: Task): void {
    task.state = "cancelled";
    this.#live.delete(task);
    this.trace.record(this.now, "cancel", task.id, task.label, undefined, task.owner.id);
    this.#drop(task);
  }

  /** Drops a task's future with the task as current, so its finalizers are attributed to it. */
  #drop(task: Task): void {
    this.trace.record(this.now, "drop", task.id, task.label, undefined, task.owner.id);
    const prevTask = this.#current;
    const prevOwner = this.#owner;
    this.#current = task;
    this.#owner = task.owner;
    try {
      // Entered, so that finalizers run from a cancel outside any driver call are traced too.
      enterRuntime(this, () => task.future[Symbol.dispose]());
    } finally {
      this.#current = prevTask;
      this.#owner = prevOwner;
    }
  }

  /** @internal */
  pauseTask(task: Task): void {
    if (!task.live() || task.isPaused) return;
    task.isPaused = true;
    this.#unqueue(task);
    if (task.state === "queued") task.state = "idle";
    this.trace.record(this.now, "pause", task.id, task.label, undefined, task.owner.id);
  }

  /** @internal */
  resumeTask(task: Task): void {
    if (!task.live() || !task.isPaused) return;
    task.isPaused = false;
    this.trace.record(this.now, "resume", task.id, task.label, undefined, task.owner.id);
    this.wakeTask(task);
  }

  /** @internal */
  pollTaskNow(task: Task): Poll<void> {
    if (!task.live()) return { ready: true, value: undefined };
    if (task.isPaused || task.state === "running") return { ready: false };
    return this.enter(() => this.#poll(task)) ? { ready: true, value: undefined } : { ready: false };
  }

  /** Polls one task. Returns true if it finished (ready or cancelled) in this poll. */
  #poll(task: Task): boolean {
    if (++this.#pollsSinceClockMoved > this.#livelockBudget) {
      task.state = "idle";
      throw this.#livelock(task);
    }
    const prevTask = this.#current;
    const prevOwner = this.#owner;
    this.#current = task;
    this.#owner = task.owner;
    task.state = "running";
    if (this.trace.enabled) this.trace.record(this.now, "poll", task.id, task.label, undefined, task.owner.id);
    let p: Poll<unknown>;
    try {
      p = task.future.poll(task.cx);
    } catch (error) {
      task.state = "panicked";
      this.#live.delete(task);
      this.#unqueue(task);
      const report = panicReport(task, error);
      try {
        task.future[Symbol.dispose]();
      } catch {
        // The panic is what the learner needs to see; a second failure while unwinding would hide it.
      }
      this.trace.record(this.now, "panic", task.id, task.label, firstLine(report.what), task.owner.id);
      throw report;
    } finally {
      this.#current = prevTask;
      this.#owner = prevOwner;
    }
    this.renderWork?.afterPoll?.(task, p.ready);
    if (p.ready) {
      task.state = "ready";
      task.output = p.value;
      this.#live.delete(task);
      this.#unqueue(task);
      if (this.trace.enabled) this.trace.record(this.now, "ready", task.id, task.label, p.value === undefined ? undefined : describeValue(p.value), task.owner.id);
      task.future[Symbol.dispose]();
      return true;
    }
    if (this.trace.enabled) this.trace.record(this.now, "pending", task.id, task.label, undefined, task.owner.id);
    if (task.cancelRequested) {
      this.#unqueue(task);
      this.#finishCancelled(task);
      return true;
    }
    task.state = task.ticket !== 0 ? "queued" : "idle";
    return false;
  }

  // ── time (TimeDriver) ───────────────────────────────────────────────────

  /** @internal */
  setTimer(deadline: number, waker: Waker, what: string, external = false): Timer {
    const timer = (external ? this.#events : this.#timers).push(deadline, waker, what, external);
    if (this.trace.enabled) {
      const task = waker instanceof Task ? waker : undefined;
      this.trace.record(this.now, "timer-set", task?.id, task?.label, `${what}, fires at t=${deadline}`, task?.owner.id);
    }
    return timer;
  }

  /** @internal */
  clearTimer(timer: Timer): void {
    (timer.external ? this.#events : this.#timers).clear(timer);
  }

  /** The earliest deadline of any live timer, app or user event. */
  #nextDeadline(): number | undefined {
    const a = this.#timers.peekDeadline();
    const b = this.#events.peekDeadline();
    return a === undefined ? b : b === undefined ? a : Math.min(a, b);
  }

  /**
   * Whether the next due timer is a user event rather than an app timer.
   * Earlier deadline first; at a tie, the one set first, or with a seed a
   * draw (the two sources are independent: see time.ts).
   */
  #eventFirst(app: Timer, event: Timer): boolean {
    if (app.deadline !== event.deadline) return event.deadline < app.deadline;
    if (this.#tieRng === undefined) return event.seq < app.seq;
    return this.#tieRng.int(2) === 0;
  }

  /** @internal */
  deferWake(waker: Waker): void {
    this.#deferred.push(waker);
  }

  /** Fires due timers and deferred wakes; true if anything was woken. */
  #startPass(): boolean {
    let woke = false;
    /** The deadline of the last app timer fired in this pass: its tasks have not run yet. */
    let appFiredAt: number | undefined;
    for (;;) {
      const app = this.#timers.peek();
      const event = this.#events.peek();
      const appDue = app !== undefined && app.deadline <= this.now;
      const eventDue = event !== undefined && event.deadline <= this.now;
      if (!appDue && !eventDue) break;
      const useEvent = eventDue && (!appDue || this.#eventNext || this.#eventFirst(app!, event!));
      if (useEvent && this.#tieRng !== undefined && appFiredAt === event!.deadline) {
        // Drawn after an app timer of the same instant: the tasks it woke run first, then the event fires.
        this.#eventNext = true;
        break;
      }
      this.#eventNext = false;
      const timer = (useEvent ? this.#events : this.#timers).popDue(this.now)!;
      if (!useEvent) appFiredAt = timer.deadline;
      if (this.trace.enabled) {
        const task = timer.waker instanceof Task ? timer.waker : undefined;
        this.trace.record(this.now, "timer-fired", task?.id, task?.label, timer.what, task?.owner.id);
      }
      timer.waker.wake();
      woke = true;
    }
    if (this.#deferred.length > 0) {
      const deferred = this.#deferred;
      this.#deferred = [];
      for (const w of deferred) w.wake();
      woke = true;
    }
    return woke || this.#channel.length > 0;
  }

  #setClock(t: number, kind: "clock" | "jump", why: string): void {
    // After a block (CPU work on the main thread) the clock may already be past `t`: it never goes back.
    if (t <= this.now) return;
    if (this.trace.enabled) this.trace.record(t, kind, undefined, undefined, `${this.now} → ${t} ms${why ? ` (${why})` : ""}`);
    this.now = t;
    this.#pollsSinceClockMoved = 0;
  }

  /**
   * CPU work on the main thread: the clock moves on by `ms` at once, and
   * nothing else (no task, render or event) runs meanwhile. Timers that fell
   * due during the block fire late, at the next pass.
   */
  block(ms: number, what = "blocking work"): void {
    const from = this.now;
    this.trace.record(from, "block", this.#current?.id, this.#current?.label, `${what}: main thread busy ${from} → ${from + ms} ms`);
    this.now = from + ms;
    this.#pollsSinceClockMoved = 0;
  }

  // ── drivers ─────────────────────────────────────────────────────────────

  /** One unit of work: a re-render or a task poll, as Dioxus's `pop_work` picks. False if none. */
  #step(): boolean {
    const q = this.#firstQueue();
    const dirty = this.renderWork?.firstDirty();
    if (dirty !== undefined && (q === undefined || earlier(dirty, q.owner))) {
      this.renderWork!.render(dirty);
      return true;
    }
    if (q === undefined) {
      // Effects come last: a task still on the channel (spawned by a render) is queued and polled first
      // (Dioxus's process_events drains the channel before poll_tasks reaches the effects).
      if (this.#channel.length > 0) {
        this.#drain();
        return true;
      }
      return this.renderWork?.runEffects() ?? false;
    }
    const task = q.tasks[q.head]!;
    q.head++;
    if (q.head >= 1024 && q.head * 2 >= q.tasks.length) {
      // A queue that never empties (tasks waking each other) would otherwise keep
      // every entry it ever had: drop the consumed half now and then.
      q.tasks = q.tasks.slice(q.head);
      q.tickets = q.tickets.slice(q.head);
      q.head = 0;
    }
    task.ticket = 0;
    if (task.isPaused || !task.live()) return true;
    try {
      this.#poll(task);
    } finally {
      this.#drain();
    }
    return true;
  }

  /** Polls and renders until nothing is left to do at the current time. The clock does not move. */
  runUntilIdle(): void {
    // The livelock budget counts the polls of one driver call at one instant.
    this.#pollsSinceClockMoved = 0;
    this.enter(() => {
      do {
        this.#drain();
        while (this.#step());
      } while (this.#startPass());
    });
  }

  /** Moves the clock forward by `ms`, firing timers in order and running what they wake. */
  advance(ms: number): void {
    this.advanceTo(this.now + ms);
  }

  /** Moves the clock to `t`, firing timers in deadline order and running what they wake at each time. */
  advanceTo(t: number): void {
    if (t < this.now) {
      throw new LearnerError({
        kind: "ClockBackwards",
        what: `advanceTo(${t}) asked to move the clock backwards (it is at t=${this.now}).`,
        why: "Virtual time only moves forward, as real time does.",
        fix: "Pass a time at or after the current one, or use advance(ms) with ms ≥ 0.",
      });
    }
    this.enter(() => {
      this.runUntilIdle();
      for (let next = this.#nextDeadline(); next !== undefined && next <= t; next = this.#nextDeadline()) {
        this.#setClock(next, "clock", "advance");
        this.runUntilIdle();
      }
      this.#setClock(t, "clock", "advance");
      this.runUntilIdle();
    });
  }

  /**
   * Runs until every task has finished and every external timer (a scheduled
   * user event) has fired, jumping the clock to the next timer
   * whenever all tasks are idle (each jump is in the trace). Throws a stall
   * report if tasks remain that nothing can wake, and a time-limit report if
   * tasks are still running at `maxTime` (default one virtual hour).
   */
  runToCompletion(options: { maxTime?: number; maxJumps?: number } = {}): void {
    const maxTime = options.maxTime ?? 3_600_000;
    // A task that sleeps a little in a loop that never ends would take millions of jumps to reach maxTime,
    // minutes of real time: the jumps are limited too, so that it ends as this report, not under the watchdog.
    const maxJumps = options.maxJumps ?? 10_000;
    this.enter(() => {
      for (let jumps = 0; ; jumps++) {
        this.runUntilIdle();
        if (this.#live.size === 0 && this.#events.live === 0) return;
        const next = this.#nextDeadline();
        if (next === undefined) throw this.#stall();
        if (next > maxTime) throw this.#timeLimit(maxTime, next);
        if (jumps >= maxJumps) throw this.#timeLimit(maxTime, next, maxJumps);
        this.#setClock(next, "jump", "every task idle");
      }
    });
  }

  /** Tasks that have not finished, in spawn order. */
  liveTasks(): Task[] {
    return [...this.#live].sort((a, b) => a.id - b.id);
  }

  /** Live tasks owned by `owner`, in spawn order. */
  tasksOf(owner: Owner): Task[] {
    // Filter first, then sort the few that remain: an unmount should not sort every task of the app.
    const mine: Task[] = [];
    for (const t of this.#live) if (t.owner === owner) mine.push(t);
    return mine.sort((a, b) => a.id - b.id);
  }

  /** Live timers (set, not yet fired or cleared). */
  get pendingTimers(): number {
    return this.#timers.live + this.#events.live;
  }

  /**
   * `xs` in the order used where Dioxus leaves the order unspecified (e.g. a
   * hash set): as given by default, seeded-random when the runtime has a seed.
   */
  unspecifiedOrder<T>(xs: readonly T[]): T[] {
    return this.#rng === undefined ? xs.slice() : this.#rng.shuffle(xs);
  }

  /** Cancels every task of `owner`, in the unspecified order (what an unmount does first). */
  dropTasksOf(owner: Owner): void {
    for (const task of this.unspecifiedOrder(this.tasksOf(owner))) task.cancel();
    this.#queues.delete(owner);
    if (this.#lastQueue?.owner === owner) this.#lastQueue = undefined;
  }

  /** Drops the whole runtime: every task, `spawnForever` ones included. */
  [Symbol.dispose](): void {
    if (this.#disposed) return;
    this.enter(() => {
      for (const task of this.unspecifiedOrder(this.liveTasks())) task.cancel();
    });
    this.#disposed = true;
  }

  // ── reports ─────────────────────────────────────────────────────────────

  #describeTask(task: Task): string {
    const where = task.spawnedAt === undefined ? "" : `, spawned at ${task.spawnedAt}`;
    const paused = task.isPaused ? " (paused: nothing polls it until resume())" : "";
    return `task ${task}${where}, waiting on ${task.future.awaiting()}${paused}`;
  }

  /**
   * Where the learner's code made a stuck task: the line that built the future
   * it is suspended in, else the line that built its own future, else the
   * spawn, whichever is in a kata (a test that spawns the learner's future is
   * not where the mistake is). Undefined when none of them is.
   */
  #learnerSite(task: Task): { where: string; builtStuckFuture: boolean } | undefined {
    const leaf = task.future.innermost().built?.where;
    if (isLearnerSite(leaf)) return { where: leaf, builtStuckFuture: true };
    for (const where of [task.future.built?.where, task.spawnedAt]) if (isLearnerSite(where)) return { where, builtStuckFuture: false };
    return undefined;
  }

  #stall(): LearnerError {
    const stuck = this.liveTasks();
    this.trace.record(this.now, "stall", undefined, undefined, stuck.map((t) => `#${t.id}`).join(", "));
    const what = `Stalled at t=${this.now} ms: ${stuck.length === 1 ? "1 task is" : `${stuck.length} tasks are`} pending, and nothing in the runtime can wake ${stuck.length === 1 ? "it" : "them"} (no timer, no other task runs).`;
    const details = stuck.map((t) => this.#describeTask(t));
    const first = stuck.find((t) => this.#learnerSite(t) !== undefined);
    const learner = first === undefined ? undefined : this.#learnerSite(first);
    if (first !== undefined && learner !== undefined) {
      // The learner's code: speak to the learner, and point at their line.
      const waiting = first.future.awaiting();
      return new LearnerError({
        kind: "Stall",
        what,
        details,
        where: learner.where,
        why: learner.builtStuckFuture
          ? `your future returned Pending without arranging a wake: nothing will ever poll it again, so the task waits for ever (in an app, a spinner that never stops).`
          : `your task waits on ${waiting}, and nothing will ever complete it: in an app, a spinner that never stops.`,
        fix: learner.builtStuckFuture
          ? "Before your future returns Poll.Pending, make sure something will wake it: call cx.waker.wake() to be polled again, " +
            "or poll a future that wakes it (sleep, a request, a channel, a lock that will be released)."
          : "Make sure what it awaits can finish: a lock it waits for is released (hold it with `using`), a channel it reads gets a message or is closed, " +
            "and every hand-written future it awaits calls cx.waker.wake() before it returns Pending.",
      });
    }
    return new LearnerError({
      kind: "Stall",
      what,
      details,
      where: stuck[0]?.spawnedAt,
      why:
        "A future that returns Pending promises to call cx.waker.wake() when it can make progress. " +
        "If no one ever wakes it, the task sleeps for ever: in an app, a spinner that never stops.",
      fix:
        "Before returning Poll.Pending, make sure something will wake the task: call cx.waker.wake() " +
        "(to be polled again), or await a future that does (sleep, a request, a channel, a lock that will be released). " +
        "A task meant to wait for input that comes later (a channel message, a click) is not stuck: drive it with advance or advanceTo instead of runToCompletion.",
    });
  }

  #livelock(task: Task): LearnerError {
    this.trace.record(this.now, "livelock", task.id, task.label);
    return new LearnerError({
      kind: "Livelock",
      what: `Livelock at t=${this.now} ms: ${this.#livelockBudget.toLocaleString("en-US")} polls ran without the clock moving; the last was ${task}.`,
      details: [this.#describeTask(task)],
      where: task.spawnedAt,
      why:
        "A task that wakes itself on every poll without ever finishing keeps the executor busy for ever at the same instant: " +
        "no timer fires, and in an app no frame is drawn.",
      fix: "Wake the task only when it can make progress, await a timer (sleep) between attempts, or return Ready when done.",
    });
  }

  #timeLimit(maxTime: number, next: number, jumps?: number): LearnerError {
    const live = this.liveTasks();
    return new LearnerError({
      kind: "TimeLimit",
      what:
        jumps === undefined
          ? `runToCompletion stopped at t=${this.now} ms: the next timer is at t=${next} ms, past maxTime=${maxTime} ms, and ${live.length} task(s) are still running.`
          : `runToCompletion stopped at t=${this.now} ms after ${jumps.toLocaleString("en-US")} jumps of the clock from timer to timer, and ${live.length} task(s) are still running: ` +
            "a task that waits a little in a loop that never ends (`while (true) yield* sleep(1)`) would keep going for ever.",
      details: live.map((t) => this.#describeTask(t)),
      where: live[0]?.spawnedAt,
      why: "A task that never finishes (a loop with a sleep inside, for example) keeps an app busy; a test must say how long to watch it.",
      fix: "Make the tasks finish, cancel them, or drive the clock with advanceTo(t) when they are meant to run for ever.",
    });
  }
}

/** (height, id) order: nearest the root first, then lower id. */
export function earlier(a: Owner, b: Owner): boolean {
  return a.height < b.height || (a.height === b.height && a.id < b.id);
}

function firstLine(s: string): string {
  const i = s.indexOf("\n");
  return i < 0 ? s : s.slice(0, i);
}

function panicReport(task: Task, thrown: unknown): LearnerError {
  let error = thrown;
  const where = task.spawnedAt === undefined ? "" : ` (spawned at ${task.spawnedAt})`;
  if (isStackOverflow(error)) error = stackOverflow(error as RangeError, "while a task was polled");
  if (error instanceof LearnerError) {
    // A misuse the runtime already explained: keep its text, say which task it came from.
    error.details.push(`in task ${task}${where}`);
    error.where ??= task.spawnedAt;
    error.message = error.render();
    return error;
  }
  const message = error instanceof Error ? error.message : describeValue(error);
  return new LearnerError(
    {
      kind: "Panic",
      what: `Task ${task}${where} panicked: ${message}`,
      where: error instanceof Error ? userSiteOf(error.stack) : undefined,
      why:
        "Dioxus does not catch a panic inside a task: the error escapes the poll and takes the app down, " +
        "and nothing that task would have done afterwards happens.",
      fix: "Catch the error inside the task (try/catch around the await that can fail) and show it in the UI instead.",
    },
    { cause: error },
  );
}

/**
 * A drop guard: runs `fn` when disposed, and records it as a finalizer in the
 * trace. `using guard = dropGuard(() => running.delete(id), "forget id")` is
 * the TypeScript form of a Rust `Drop` impl on a guard struct.
 */
export function dropGuard(fn: () => void, label = fn.name || "finalizer"): Disposable {
  let done = false;
  return {
    [Symbol.dispose]() {
      if (done) return;
      done = true;
      const rt = currentRuntime();
      const task = rt?.currentTask;
      rt?.trace.record(rt.now, "finalizer", task?.id, task?.label, label, task?.owner.id);
      fn();
    },
  };
}
