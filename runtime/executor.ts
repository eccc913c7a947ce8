/**
 * The runtime: the clock, the drivers a test calls, and the services of the
 * layers above.
 *
 * What it models: Dioxus's `packages/core/src/runtime.rs` and the work loop
 * of `scheduler.rs` (`pop_work`: dirty scopes, then tasks, then effects),
 * plus a virtual clock and the drivers a test needs. The rest of the runtime
 * is in its own files: the Task handle and spawning, polling and cancelling
 * (tasks.ts, which `Runtime` extends), the run queues and scope order
 * (scheduler.ts), the timers (timers.ts) and the report texts (reports.ts).
 * The Dioxus layer (components, scopes) plugs in through `Owner`,
 * `RenderWork`, `PollWatch` and a `ServiceKey`.
 *
 * Invariants:
 * - Dirty scopes (from the Dioxus layer) and task queues are compared in
 *   scope order (height, id): a scope re-renders first only when strictly
 *   earlier.
 * - Same inputs, same trace. Orders Dioxus leaves unspecified are fixed,
 *   or permuted from `seed` when one is given: the order an unmount drops a
 *   scope's tasks in (tasks.ts), and the order of a user event and an app
 *   timer due at the same instant (timers.ts).
 */
import { enterRuntime } from "./ambient.ts";
import type { Waker } from "./future.ts";
import { clockBackwards, stallReport, timeLimitReport } from "./reports.ts";
import { earlier } from "./scheduler.ts";
import { Task, TaskRuntime, type Owner } from "./tasks.ts";
import type { Timer } from "./time.ts";
import { Timers } from "./timers.ts";

export { Task, type Owner, type PollWatch, type SpawnOptions, type TaskState } from "./tasks.ts";

/** Dirty-scope work the Dioxus layer hands to the scheduler. */
export interface RenderWork {
  /** The earliest dirty scope by (height, id), if any. */
  firstDirty(): Owner | undefined;
  /** Re-renders that scope (and clears its dirty mark). */
  render(owner: Owner): void;
  /** Runs queued effects once nothing else is left; true if it ran any. */
  runEffects(): boolean;
}

/** A typed key under which a layer above the executor (the virtual DOM) puts itself into a runtime: `rt.provide(key, value)`. */
export class ServiceKey<T> {
  declare readonly value: T;
  constructor(readonly name: string) {}
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

/** A deterministic, single-threaded model of the Dioxus async runtime. */
export class Runtime extends TaskRuntime implements Disposable {
  /** Set by the Dioxus layer to interleave re-renders with task polls. */
  renderWork: RenderWork | undefined;

  readonly #timers: Timers;
  readonly #services = new Map<object, unknown>();

  constructor(options: RuntimeOptions = {}) {
    super(options);
    this.#timers = new Timers(options.seed);
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

  /** Puts `value` into this runtime under `key` (the virtual DOM puts itself here). */
  provide<T>(key: ServiceKey<T>, value: T): void {
    this.#services.set(key, value);
  }

  /** What was provided under `key`, if anything. */
  lookup<T>(key: ServiceKey<T>): T | undefined {
    return this.#services.get(key) as T | undefined;
  }

  /** Runs `fn(arg)` with this runtime as the ambient one, so free `spawn` and `sleep` find it. */
  enter<R, A = undefined>(fn: (arg: A) => R, arg?: A): R {
    return enterRuntime(this, fn, arg);
  }

  // ── time (TimeDriver) ───────────────────────────────────────────────────

  /** @internal */
  setTimer(deadline: number, waker: Waker, what: string, external = false): Timer {
    const timer = this.#timers.set(deadline, waker, what, external);
    if (this.trace.enabled) this.#traceTimerSet(deadline, waker, what);
    return timer;
  }

  #traceTimerSet(deadline: number, waker: Waker, what: string): void {
    const task = waker instanceof Task ? waker : undefined;
    this.trace.record(this.now, "timer-set", task?.id, task?.label, `${what}, fires at t=${deadline}`, task?.owner.id);
  }

  /** @internal */
  startTimer(timer: Timer): void {
    this.#timers.start(timer);
    if (this.trace.enabled) this.#traceTimerSet(timer.deadline, timer.waker, timer.what);
  }

  /** @internal */
  clearTimer(timer: Timer): void {
    this.#timers.clear(timer);
  }

  /** @internal */
  deferWake(waker: Waker): void {
    this.#timers.defer(waker);
  }

  /** Fires due timers and deferred wakes; true if anything was woken or waits on the channel. */
  #startPass(): boolean {
    return this.#timers.fireDue(this.now, this.trace) || this.sched.hasMessages;
  }

  #setClock(t: number, kind: "clock" | "jump", why: string): void {
    // After a block (CPU work on the main thread) the clock may already be past `t`: it never goes back.
    if (t <= this.now) return;
    if (this.trace.enabled)
      this.trace.record(t, kind, undefined, undefined, `${this.now} → ${t} ms${why ? ` (${why})` : ""}`);
    this.now = t;
    this.pollsSinceClockMoved = 0;
  }

  /**
   * CPU work on the main thread: the clock moves on by `ms` at once, and
   * nothing else (no task, render or event) runs meanwhile. Timers that fell
   * due during the block fire late, at the next pass.
   */
  block(ms: number, what = "blocking work"): void {
    const from = this.now;
    this.trace.record(
      from,
      "block",
      this.currentTask?.id,
      this.currentTask?.label,
      `${what}: main thread busy ${from} → ${from + ms} ms`,
    );
    this.now = from + ms;
    this.pollsSinceClockMoved = 0;
  }

  // ── drivers ─────────────────────────────────────────────────────────────

  /** One unit of work: a re-render or a task poll, as Dioxus's `pop_work` picks. False if none. */
  #step(): boolean {
    const q = this.sched.firstQueue();
    const dirty = this.renderWork?.firstDirty();
    if (dirty !== undefined && (q === undefined || earlier(dirty, q.owner))) {
      this.renderWork!.render(dirty);
      return true;
    }
    if (q === undefined) {
      // Effects come last: a task still on the channel (spawned by a render) is queued and polled first
      // (Dioxus's process_events drains the channel before poll_tasks reaches the effects).
      if (this.sched.hasMessages) {
        this.sched.drain();
        return true;
      }
      return this.renderWork?.runEffects() ?? false;
    }
    const task = this.sched.take(q);
    if (task.isPaused || !task.live()) return true;
    try {
      this.pollTask(task);
    } finally {
      this.sched.drain();
    }
    return true;
  }

  /** Polls and renders until nothing is left to do at the current time. The clock does not move. */
  runUntilIdle(): void {
    // The livelock budget counts the polls of one driver call at one instant.
    this.pollsSinceClockMoved = 0;
    this.enter(() => {
      do {
        this.sched.drain();
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
    if (t < this.now) throw clockBackwards(t, this.now);
    this.enter(() => {
      this.runUntilIdle();
      for (
        let next = this.#timers.nextDeadline();
        next !== undefined && next <= t;
        next = this.#timers.nextDeadline()
      ) {
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
        if (this.live.count === 0 && this.#timers.pendingEvents === 0) return;
        const next = this.#timers.nextDeadline();
        if (next === undefined) {
          const stuck = this.liveTasks();
          this.trace.record(this.now, "stall", undefined, undefined, stuck.map((t) => `#${t.id}`).join(", "));
          throw stallReport(this.now, stuck);
        }
        if (next > maxTime) throw timeLimitReport(this.now, maxTime, next, this.liveTasks());
        if (jumps >= maxJumps) throw timeLimitReport(this.now, maxTime, next, this.liveTasks(), maxJumps);
        this.#setClock(next, "jump", "every task idle");
      }
    });
  }

  /** Live timers (set, not yet fired or cleared). */
  get pendingTimers(): number {
    return this.#timers.pending;
  }

  /**
   * @internal For the test harness, once a run is over and nothing will look
   * at this runtime again: disposes it, then lets go of its trace and of what
   * the layers above put into it (the virtual DOM empties its scopes and
   * signals). V8 keeps a generator function made from a fresh closure, and
   * what it captured, alive until a full collection, so a learner's
   * `future(function* () { … })` would otherwise keep the whole run (app,
   * runtime, trace) alive through every minor one.
   */
  release(): void {
    try {
      this[Symbol.dispose]();
    } finally {
      for (const service of this.#services.values()) (service as { release?: () => void }).release?.();
      this.#services.clear();
      this.renderWork = undefined;
      this.pollWatch = undefined;
      this.trace.entries.length = 0;
    }
  }

  /** Drops the whole runtime: every task, `spawnForever` ones included. */
  [Symbol.dispose](): void {
    if (this.disposed) return;
    this.enter(() => {
      for (const task of this.unspecifiedOrder(this.liveTasks())) task.cancel();
    });
    this.disposed = true;
  }
}
