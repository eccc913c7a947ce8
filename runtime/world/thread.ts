/**
 * The main thread and worker threads, simulated: blocking work, threads on a
 * fixed number of virtual cores, and users whose events must wait for a busy
 * main thread.
 *
 * What it models: the "Concurrency vs Parallelism" part of the Dioxus async
 * page. Every task, render and event handler runs on one main thread, so
 * CPU work there (`blockFor`) freezes the app; work moved to another thread
 * runs in parallel while the UI stays responsive.
 *
 * In Rust, awaiting a thread's result is not awaiting its `JoinHandle`: a
 * `std::thread::JoinHandle` is not a future, and `join()` blocks the calling
 * thread (on the UI thread, that freezes the app like `blockFor`). Real code
 * awaits something that is a future: on desktop
 * `tokio::task::spawn_blocking(work).await`, or `std::thread::spawn` that
 * sends its result through a `futures::channel::oneshot` (or tokio oneshot)
 * whose receiver the task awaits; on the web, a web worker that posts its
 * result back. `spawnThread` models that awaitable result.
 *
 * Invariants:
 * - `blockFor(ms)` moves the clock by `ms` at once and nothing else runs
 *   meanwhile (trace "block"): timers and user events that fell due during
 *   the block are handled late, when it ends.
 * - `spawnThread(work, { costMs })` submits a job at once (like
 *   `std::thread::spawn`, not lazily) and returns a Future of its result.
 *   Jobs run on `cores` virtual cores (the runtime option, default 2), first
 *   come first served: a job starts when it is submitted if a core is free,
 *   else when the first core frees up (trace "thread-queued", then
 *   "thread-start"), and finishes `costMs` later ("thread-done"). So at no
 *   instant do more jobs run than there are cores, and a job's times never
 *   depend on what the main thread does meanwhile: only the delivery of its
 *   result to the task awaiting it can be late.
 * - `work` is plain JavaScript, run when the job is submitted with the DOM
 *   marked as "on a thread": touching any signal inside it is an error that
 *   names the signal (signals are `!Send`). An ordinary error thrown by
 *   `work` is the thread's panic: it is rethrown where its result is
 *   awaited (as `spawn_blocking(..).await.unwrap()` resumes a panic that
 *   happened on the blocking thread).
 * - Dropping the returned future does not stop the thread (a Rust thread
 *   cannot be cancelled from outside; dropping a `spawn_blocking` handle or a
 *   oneshot receiver only detaches it): the job still occupies its core until
 *   it is done, and its result is thrown away.
 * - User events wait for a busy main thread too (world/user-events.ts).
 */
import { LearnerError, describeValue } from "../errors.ts";
import type { Runtime, Task } from "../executor.ts";
import { Future, Poll, polledAfterReady, type Context, type Waker } from "../future.ts";
import { DOM } from "../scope.ts";
import type { Timer } from "../time.ts";
import { runningRuntime } from "../ambient.ts";
import { record, runtimeOf, type RuntimeHolder } from "./world.ts";

declare module "../executor.ts" {
  interface RuntimeOptions {
    /** Virtual cores for `spawnThread` (default 2). */
    cores?: number;
  }
}

// ── blocking work on the main thread ─────────────────────────────────────

/**
 * CPU work on the main thread for `ms` virtual ms: the clock moves on at
 * once, and no task, render or event runs until it ends.
 *
 *     const scores = items.map(score);
 *     blockFor(200); // what scoring costs: the UI is frozen for 200 ms
 */
export function blockFor(ms: number, what = `blockFor(${ms})`): void {
  const rt = runningRuntime("blockFor");
  checkMs("blockFor", ms);
  const thread = threads(rt).onThread;
  if (thread !== undefined) {
    throw new LearnerError({
      kind: "BlockOnThread",
      what: `blockFor(${ms}) was called inside the work of the thread "${thread}".`,
      why: "blockFor freezes the main thread. Work on a worker thread does not; what it costs is its costMs.",
      fix: "Count the cost in spawnThread's costMs option instead of calling blockFor inside the work.",
    });
  }
  rt.block(ms, what);
}

function checkMs(what: string, ms: number): void {
  if (ms >= 0 && Number.isFinite(ms)) return;
  throw new LearnerError({
    kind: "BadDuration",
    what: `${what} was given ${describeValue(ms)} ms, which is not a finite number of milliseconds ≥ 0.`,
    why: "Work takes some time; a negative or infinite time means nothing on a clock.",
    fix: "Pass a whole number of milliseconds ≥ 0.",
  });
}

// ── worker threads ───────────────────────────────────────────────────────

export interface ThreadOptions {
  /** How long the work takes, in virtual ms. */
  costMs: number;
  /** A name for the trace and errors (default "thread N"). */
  label?: string;
}

type WorkResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** One job given to the thread pool, with the times it runs at. */
export class ThreadJob {
  /** @internal */ waker: Waker | undefined;
  /** @internal */ timer: Timer | undefined;
  /** @internal */ started = false;
  /** @internal */ finished = false;
  /** @internal */ detached = false;
  constructor(
    readonly id: number,
    readonly label: string,
    readonly costMs: number,
    /** Which core it runs on, from 0. */
    readonly core: number,
    readonly submittedAt: number,
    readonly startsAt: number,
    readonly endsAt: number,
    /** @internal The task that submitted it, if any: the thread's events go in its lane. */
    readonly submitter: Task | undefined,
    /** @internal What `work` returned, or the error it threw (the thread's panic). */
    readonly result: WorkResult<unknown>,
  ) {}

  /** The id of the task that submitted it, if any. */
  get task(): number | undefined {
    return this.submitter?.id;
  }

  /** Where the job is at virtual time `t`. */
  stateAt(t: number): "queued" | "running" | "done" {
    return t < this.startsAt ? "queued" : t < this.endsAt ? "running" : "done";
  }

  toString(): string {
    return `thread "${this.label}"`;
  }
}

/** The virtual cores of one runtime and every job they were given. */
export class ThreadPool {
  readonly cores: number;
  readonly #freeAt: number[];
  readonly #jobs: ThreadJob[] = [];
  #onThread: string | undefined;

  constructor(readonly rt: Runtime) {
    const cores = rt.options.cores ?? 2;
    if (!Number.isInteger(cores) || cores < 1) {
      throw new LearnerError({
        kind: "BadCores",
        what: `The runtime option cores is ${describeValue(cores)}; it must be a whole number ≥ 1.`,
        why: "Threads run on virtual cores; a machine has at least one.",
        fix: "Pass cores: 1 or more (or leave it out for 2).",
      });
    }
    this.cores = cores;
    this.#freeAt = Array.from({ length: cores }, () => 0);
  }

  /** The thread whose work is running right now (its label), if any. */
  get onThread(): string | undefined {
    return this.#onThread;
  }

  /**
   * @internal Runs `work` as thread code: any signal it touches fails with an
   * error naming the signal and the thread (the DOM's `onThread`, which
   * signals check).
   */
  runWork<T>(label: string, work: () => T): WorkResult<T> {
    const dom = this.rt.lookup(DOM);
    const prev = this.#onThread;
    this.#onThread = label;
    if (dom !== undefined) dom.onThread = label;
    try {
      return { ok: true, value: work() };
    } catch (error) {
      // A misuse the runtime explains (a signal touched from the thread) is the learner's bug, not the thread's panic: raise it now.
      if (error instanceof LearnerError) throw error;
      return { ok: false, error };
    } finally {
      this.#onThread = prev;
      if (dom !== undefined) dom.onThread = prev;
    }
  }

  /** Every job submitted, in order. */
  get jobs(): readonly ThreadJob[] {
    return this.#jobs;
  }

  /** Jobs running at virtual time `t` (default: now). */
  running(t = this.rt.now): ThreadJob[] {
    return this.#jobs.filter((j) => j.stateAt(t) === "running");
  }

  /** The most jobs that ever ran at the same instant. */
  maxParallel(): number {
    let most = 0;
    for (const j of this.#jobs) most = Math.max(most, this.running(j.startsAt).length);
    return most;
  }

  /**
   * @internal First come, first served: the job goes to the core that frees
   * up first (the lowest-numbered one on a tie). Submissions come in clock
   * order, so deciding its times now is the same as queueing it.
   */
  submit(label: string, costMs: number, result: WorkResult<unknown>): ThreadJob {
    const rt = this.rt;
    let core = 0;
    for (let c = 1; c < this.cores; c++) if (this.#freeAt[c]! < this.#freeAt[core]!) core = c;
    const startsAt = Math.max(rt.now, this.#freeAt[core]!);
    const endsAt = startsAt + costMs;
    this.#freeAt[core] = endsAt;
    const job = new ThreadJob(
      this.#jobs.length + 1,
      label,
      costMs,
      core,
      rt.now,
      startsAt,
      endsAt,
      rt.currentTask,
      result,
    );
    this.#jobs.push(job);
    if (startsAt > rt.now) {
      record(rt, "thread-queued", `${job} waits for a core until t=${startsAt} (all ${this.cores} busy)`);
      rt.setTimer(startsAt, { wake: () => this.catchUp(job) }, `${job} starts`);
    }
    job.timer = rt.setTimer(endsAt, { wake: () => this.catchUp(job) }, `${job} is done`);
    this.catchUp(job);
    return job;
  }

  /** @internal Records what the job did up to now (its start, its end), once each, and wakes whoever awaits it. */
  catchUp(job: ThreadJob): void {
    const rt = this.rt;
    const late = (t: number) => (rt.now > t ? ` (at t=${t}, seen late: the main thread was busy)` : "");
    if (!job.started && rt.now >= job.startsAt) {
      job.started = true;
      record(rt, "thread-start", `${job} on core ${job.core}, ${job.costMs} ms${late(job.startsAt)}`, job.submitter);
    }
    if (!job.finished && rt.now >= job.endsAt) {
      job.finished = true;
      rt.clearTimer(job.timer!);
      const outcome = job.result.ok ? "" : `, panicked: ${errorText(job.result.error)}`;
      const discarded = job.detached ? ", result discarded (its handle was dropped)" : "";
      record(rt, "thread-done", `${job}${late(job.endsAt)}${outcome}${discarded}`, job.submitter);
      job.waker?.wake();
    }
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : describeValue(e);
}

/** The thread pool of a runtime or app, for tests: `threads(app).maxParallel()`. */
export function threads(target: RuntimeHolder): ThreadPool {
  return runtimeOf(target).service(ThreadPool, (rt) => new ThreadPool(rt));
}

/** The awaitable result of a thread's job (Rust: the `spawn_blocking` handle, or a oneshot receiver). */
class ThreadResult<T> extends Future<T> {
  #done = false;

  constructor(
    readonly job: ThreadJob,
    readonly rt: Runtime,
  ) {
    super();
    this.label = job.toString();
  }

  poll(cx: Context): Poll<T> {
    if (this.#done) throw polledAfterReady(`The result of ${this.job}`);
    const job = this.job;
    threads(this.rt).catchUp(job);
    if (!job.finished) {
      job.waker = cx.waker;
      return Poll.Pending;
    }
    this.#done = true;
    job.waker = undefined;
    if (!job.result.ok) throw job.result.error;
    return Poll.Ready(job.result.value as T);
  }

  override awaiting(): string {
    const j = this.job;
    return `${j} (${j.stateAt(this.rt.now)}, done at t=${j.endsAt})`;
  }

  protected override drop(): void {
    if (this.#done) return;
    this.job.waker = undefined;
    this.job.detached = true;
  }
}

/**
 * Runs `work` on a worker thread and returns a Future of its result, ready
 * `costMs` virtual ms after the job starts. The main thread stays free
 * meanwhile. `work` must not touch signals: give it plain data.
 *
 *     const ranked = yield* spawnThread(() => rank(items), { costMs: 200, label: "rank" });
 *     results.set(ranked);
 */
export function spawnThread<T>(work: () => T, options: ThreadOptions): Future<T> {
  const rt = runningRuntime("spawnThread");
  if (typeof work !== "function") {
    throw new LearnerError({
      kind: "ThreadNotFunction",
      what: `spawnThread was given ${describeValue(work)}, not a function.`,
      why: "A thread runs a piece of code: a function it can call, like the closure given to std::thread::spawn.",
      fix: "Pass a function: spawnThread(() => expensive(input), { costMs: 200 }).",
    });
  }
  checkMs("spawnThread's costMs", options?.costMs);
  const pool = threads(rt);
  const label = options.label ?? `thread ${pool.jobs.length + 1}`;
  const result = pool.runWork(label, work);
  return new ThreadResult<T>(pool.submit(label, options.costMs, result), rt);
}
