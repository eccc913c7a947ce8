/**
 * Tasks: the half of the runtime that spawns, polls, wakes, pauses and
 * cancels them (the Task handle itself is in task.ts).
 *
 * What it models: Dioxus's `packages/core/src/tasks.rs`: `Task`, a small
 * copyable id whose methods ask the runtime to act on it, and the `Runtime`
 * methods behind them (`spawn`, `handle_task_wakeup`, `remove_task`). The
 * other half of the runtime (the clock, the drivers, the services) is
 * `Runtime` in executor.ts, which extends `TaskRuntime`.
 *
 * Invariants:
 * - `spawn` never polls. The first poll happens in a later driver step.
 * - Task ids start at 1 and are never reused, so a stale handle can never
 *   reach a new task.
 * - A task is never polled after it finished or was cancelled; its future is
 *   dropped exactly once. `cancel()` drops synchronously, except for a task
 *   cancelling itself inside its own poll, which is dropped when that poll
 *   returns.
 * - A wake while paused is swallowed; `resume` re-queues on paused → active.
 * - The order an unmount drops a scope's tasks in is one Dioxus leaves
 *   unspecified: fixed, or permuted from the runtime's `seed`.
 */
import { captureSite, describeValue, type Site } from "./errors.ts";
import type { Future, Poll, Waker } from "./future.ts";
import { Rng } from "./random.ts";
import { firstLine, livelockReport, panicReport, spawnMisuse } from "./reports.ts";
import { LiveTasks } from "./live-tasks.ts";
import { Scheduler } from "./scheduler.ts";
import type { TimeDriver, Timer } from "./time.ts";
import { Trace, type TraceKind } from "./trace.ts";
import type { RuntimeOptions } from "./executor.ts";
import { Task, type Owner, type SpawnOptions, type TaskState } from "./task.ts";

export { Task, type Owner, type SpawnOptions, type TaskState };

const dropFuture = (future: Future<unknown>): void => future[Symbol.dispose]();

/** What the signal layer watches around task polls: guards held across an await. */
export interface PollWatch {
  /** Called after every task poll that did not panic. */
  afterPoll(task: Task, ready: boolean): void;
  /** True while `task` (or, when undefined, an async handler's first poll) holds a signal guard. */
  holdsGuards(task: Task | undefined): boolean;
}

/** The task half of the runtime (Dioxus tasks.rs); `Runtime` (executor.ts) adds the clock and the drivers. */
export abstract class TaskRuntime implements TimeDriver {
  /** The virtual clock, in milliseconds. */
  now = 0;
  readonly trace: Trace;
  /** The root owner (scope 0): `spawnForever` spawns here. */
  readonly root: Owner & { closing: boolean };
  /** Set by the Dioxus layer to watch signal guards across task polls. */
  pollWatch: PollWatch | undefined;
  /** The options this runtime was created with (world modules read theirs here, e.g. `cores`, `network`). */
  readonly options: Readonly<RuntimeOptions>;

  protected readonly rng: Rng | undefined;
  protected readonly sites: boolean;
  protected readonly livelockBudget: number;
  protected readonly sched = new Scheduler();
  /** The tasks that have not finished. */
  protected readonly live = new LiveTasks();
  protected pollsSinceClockMoved = 0;
  protected disposed = false;
  #nextId = 1;
  #current: Task | undefined;
  #owner: Owner;

  constructor(options: RuntimeOptions) {
    this.options = options;
    this.root = { id: 0, height: 0, name: options.rootName ?? "root", closing: false };
    this.#owner = this.root;
    this.trace = new Trace(options.trace ?? true, options.traceLimit);
    this.rng = options.seed === undefined ? undefined : new Rng(options.seed);
    this.sites = options.sites ?? true;
    this.livelockBudget = options.livelockBudget ?? 100_000;
  }

  /** Runs `fn` with this runtime as the ambient one, so free `spawn` and `sleep` find it. */
  abstract enter<R, A = undefined>(fn: (arg: A) => R, arg?: A): R;
  abstract setTimer(deadline: number, waker: Waker, what: string, external?: boolean): Timer;
  abstract startTimer(timer: Timer): void;
  abstract clearTimer(timer: Timer): void;
  abstract deferWake(waker: Waker): void;

  // ── spawning ────────────────────────────────────────────────────────────

  /** Spawns onto the current owner (the polling task's owner, else the root). Does not poll. */
  spawn<T>(future: Future<T>, options?: SpawnOptions): Task<T> {
    return this.spawnIn(this.#owner, future, options);
  }

  /** Spawns onto the root owner: the task outlives every component. */
  spawnForever<T>(future: Future<T>, options?: SpawnOptions): Task<T> {
    return this.spawnIn(this.root, future, options);
  }

  /** Spawns onto a given owner. Does not poll. */
  spawnIn<T>(owner: Owner, future: Future<T>, options?: SpawnOptions): Task<T> {
    const task = this.#newTask(owner, future, options, this.spawnIn);
    this.live.add(task as Task);
    this.#traceTask("spawn", task as Task, undefined, task.site);
    this.sched.post(task as Task);
    return task;
  }

  /**
   * An async handler's future (Dioxus `SpawnIfAsync`): polled once now, as
   * the task it will become, so that what its first segment takes (a signal
   * guard, a lock) and the wakes it asks for belong to that task. If it is
   * Ready at once no task is spawned (its id is used up, never reused);
   * otherwise it is spawned onto `owner` and queued for its next poll.
   */
  pollThenSpawn<T>(owner: Owner, future: Future<T>, options?: SpawnOptions): Task<T> | undefined {
    const task = this.#newTask(owner, future, options, this.pollThenSpawn);
    task.state = "running";
    if (this.trace.enabled)
      this.trace.record(this.now, "poll", task.id, task.label, "first segment, inside the event", owner.id);
    const p = this.#runAs(task as Task, owner, () => {
      try {
        return this.enter(() => future.poll(task));
      } catch (error) {
        task.state = "panicked";
        throw panicReport(task as Task, error);
      }
    });
    this.pollWatch?.afterPoll(task as Task, p.ready);
    if (p.ready) {
      task.state = "ready";
      task.output = p.value;
      this.sched.unqueue(task as Task);
      future[Symbol.dispose]();
      return undefined;
    }
    task.state = "idle";
    this.live.add(task as Task);
    this.#traceTask("spawn", task as Task, undefined, task.site);
    // Still pending: the task that finishes it polls it again at the next pass, woken or not.
    if (!this.sched.isQueued(task)) this.sched.post(task as Task);
    return task;
  }

  /** What spawnIn and pollThenSpawn share: the checks, a fresh id, the label and the site. */
  #newTask<T>(owner: Owner, future: Future<T>, options: SpawnOptions | undefined, caller: Function): Task<T> {
    const misuse = spawnMisuse(future, owner, this.root, this.disposed);
    if (misuse !== undefined) throw misuse;
    const id = this.#nextId++;
    const label = options?.label ?? future.label;
    const site = this.sites ? captureSite(caller) : undefined;
    return new Task<T>(id, label, owner, future, site, this);
  }

  /** Whether this runtime records where things were spawned and built (off in production settings). */
  get recordsSites(): boolean {
    return this.sites;
  }

  /** Captures the caller's site when the runtime records sites (for futures that remember where they were awaited). */
  captureSite(fn: Function): Site | undefined {
    // Only a task holding a signal guard can need the place it awaits (for the
    // "held across an await" report): skip the cost of a stack everywhere else.
    if (!this.sites || !this.pollWatch?.holdsGuards(this.#current)) return undefined;
    return captureSite(fn);
  }

  /**
   * Runs `fn` with `task` as the current task and `owner` as the current
   * owner, and puts the previous ones back afterwards, even if it throws
   * (Dioxus's `with_scope_on_stack` around a poll or a drop).
   */
  #runAs<R, A = undefined>(task: Task | undefined, owner: Owner, fn: (this: this, arg: A) => R, arg?: A): R {
    const prevTask = this.#current;
    const prevOwner = this.#owner;
    this.#current = task;
    this.#owner = owner;
    try {
      // `arg` lets the poll loop pass its task without building a closure on every poll.
      return fn.call(this, arg as A);
    } finally {
      this.#current = prevTask;
      this.#owner = prevOwner;
    }
  }

  /** Runs `fn` with `owner` as the current owner (the Dioxus layer uses this while rendering). */
  withOwner<R>(owner: Owner, fn: () => R): R {
    return this.#runAs(this.#current, owner, fn);
  }

  /** The owner `spawn` would use right now. */
  get currentOwner(): Owner {
    return this.#owner;
  }

  /** The task being polled right now, if any. */
  get currentTask(): Task | undefined {
    return this.#current;
  }

  // ── task control (called through Task) ──────────────────────────────────

  /** @internal */
  wakeTask(task: Task): void {
    if (!task.live()) return;
    if (task.isPaused) {
      this.#traceTask("wake", task, "swallowed: the task is paused");
      return;
    }
    if (this.sched.isQueued(task)) return;
    if (this.trace.enabled) {
      this.trace.record(
        this.now,
        "wake",
        task.id,
        task.label,
        this.#current === undefined || this.#current === task ? undefined : `by #${this.#current.id}`,
        task.owner.id,
      );
    }
    this.sched.post(task);
  }

  /**
   * Records an event about `task` when the trace is on. Checked before the
   * arguments are read: a task's label is made on first read (see Task.label).
   */
  #traceTask(kind: TraceKind, task: Task, detail?: string, site?: Site): void {
    if (this.trace.enabled) this.trace.record(this.now, kind, task.id, task.label, detail, task.owner.id, site);
  }

  /** Posts a message for the Dioxus layer (a dirty mark), handled when the channel is drained. */
  post(message: () => void): void {
    this.sched.postMessage(message);
  }

  /** Drains the scheduler channel now (Dioxus's `process_events`), e.g. between two effects. */
  processEvents(): void {
    this.sched.drain();
  }

  /** @internal */
  cancelTask(task: Task): void {
    if (!task.live()) return;
    if (task.state === "running") {
      task.cancelRequested = true;
      return;
    }
    this.sched.unqueue(task);
    this.#finishCancelled(task);
  }

  #finishCancelled(task: Task): void {
    task.state = "cancelled";
    this.live.remove(task);
    this.#traceTask("cancel", task);
    this.#drop(task);
  }

  /** Drops a task's future with the task as current, so its finalizers are attributed to it. */
  #drop(task: Task): void {
    this.#traceTask("drop", task);
    // Entered, so that finalizers run from a cancel outside any driver call are traced too.
    this.#runAs(task, task.owner, this.#dropEntered, task);
  }

  // No closures on this path: a test cancelling many tasks from outside builds two per cancel otherwise.
  #dropEntered(task: Task): void {
    this.enter(dropFuture, task.future);
  }

  /** @internal */
  pauseTask(task: Task): void {
    if (!task.live() || task.isPaused) return;
    task.isPaused = true;
    this.sched.unqueue(task);
    if (task.state === "queued") task.state = "idle";
    this.#traceTask("pause", task);
  }

  /** @internal */
  resumeTask(task: Task): void {
    if (!task.live() || !task.isPaused) return;
    task.isPaused = false;
    this.#traceTask("resume", task);
    this.wakeTask(task);
  }

  /** @internal */
  pollTaskNow(task: Task): Poll<void> {
    if (!task.live()) return { ready: true, value: undefined };
    if (task.isPaused || task.state === "running") return { ready: false };
    return this.enter(() => this.pollTask(task)) ? { ready: true, value: undefined } : { ready: false };
  }

  /** Polls one task. Returns true if it finished (ready or cancelled) in this poll. */
  protected pollTask(task: Task): boolean {
    if (++this.pollsSinceClockMoved > this.livelockBudget) {
      task.state = "idle";
      this.trace.record(this.now, "livelock", task.id, task.label);
      throw livelockReport(this.now, this.livelockBudget, task);
    }
    task.state = "running";
    if (this.trace.enabled) this.trace.record(this.now, "poll", task.id, task.label, undefined, task.owner.id);
    const p = this.#runAs(task, task.owner, this.#pollGuarded, task);
    this.pollWatch?.afterPoll(task, p.ready);
    if (p.ready) {
      task.state = "ready";
      task.output = p.value;
      this.live.remove(task);
      this.sched.unqueue(task);
      if (this.trace.enabled)
        this.trace.record(
          this.now,
          "ready",
          task.id,
          task.label,
          p.value === undefined ? undefined : describeValue(p.value),
          task.owner.id,
        );
      task.future[Symbol.dispose]();
      return true;
    }
    if (this.trace.enabled) this.trace.record(this.now, "pending", task.id, task.label, undefined, task.owner.id);
    if (task.cancelRequested) {
      this.sched.unqueue(task);
      this.#finishCancelled(task);
      return true;
    }
    task.state = this.sched.isQueued(task) ? "queued" : "idle";
    return false;
  }

  /** Polls the task's future (with the task current); a throw becomes the task's panic. */
  #pollGuarded(task: Task): Poll<unknown> {
    try {
      return task.future.poll(task);
    } catch (error) {
      throw this.#panicked(task, error);
    }
  }

  /** A task's poll threw (still current): it ends, its future is dropped, and the report is what the caller throws. */
  #panicked(task: Task, error: unknown): Error {
    task.state = "panicked";
    this.live.remove(task);
    this.sched.unqueue(task);
    const report = panicReport(task, error);
    try {
      task.future[Symbol.dispose]();
    } catch {
      // The panic is what the learner needs to see; a second failure while unwinding would hide it.
    }
    this.#traceTask("panic", task, firstLine(report.what));
    return report;
  }

  /** Tasks that have not finished, in spawn order. */
  liveTasks(): Task[] {
    return this.live.all();
  }

  /** Live tasks owned by `owner`, in spawn order. */
  tasksOf(owner: Owner): Task[] {
    return this.live.of(owner);
  }

  /**
   * `xs` in the order used where Dioxus leaves the order unspecified (e.g. a
   * hash set): as given by default, seeded-random when the runtime has a seed.
   */
  unspecifiedOrder<T>(xs: readonly T[]): T[] {
    return this.rng === undefined ? xs.slice() : this.rng.shuffle(xs);
  }

  /** Cancels every task of `owner`, in the unspecified order (what an unmount does first). */
  dropTasksOf(owner: Owner): void {
    for (const task of this.unspecifiedOrder(this.tasksOf(owner))) task.cancel();
    this.sched.forget(owner);
  }
}
