/**
 * Virtual time: timers, `sleep` and `yieldNow`.
 *
 * What it models: tokio's paused clock (`tokio::time::pause`) and the timer
 * futures Dioxus apps use (`tokio::time::sleep`, `gloo_timers`).
 *
 * - The clock starts at 0 ms and moves only when a test advances it or a
 *   run-to-completion driver jumps to the next timer because every task is idle.
 * - Timers live in a binary heap ordered by (deadline, sequence), so equal
 *   deadlines fire in the order they were set. A dropped sleep's timer is
 *   removed lazily: it stays in the heap, marked dead, and is skipped.
 * - Two sources of timers are kept apart (timers.ts): the app's own
 *   (sleeps, network answers, threads finishing: tokio's timer and IO
 *   drivers) and user events scheduled at a time (the platform's event
 *   loop). Within each source the order is (deadline, set order): user
 *   events reach the app in the order they happened, and app timers keep the
 *   order they were set (tokio documents no order among timers with the same
 *   deadline; keeping set order is this model's choice). Between the two
 *   sources, at the same instant, nothing fixes the order: without a seed the
 *   one set first fires first; with a seed the order is drawn from it, and an
 *   app timer drawn first has its woken tasks run before the user event.
 * - `sleep(ms)` fixes its deadline when it is created inside a running
 *   runtime (as tokio's `sleep` does), otherwise at its first poll.
 * - `yieldNow()` is pending once; its wake is deferred to the executor's next
 *   pass, after every task that is already queued (as tokio's `yield_now`).
 */
import { LearnerError } from "./errors.ts";
import { Future, Poll, polledAfterReady, type Context, type Waker } from "./future.ts";
import { currentRuntime } from "./ambient.ts";

export interface Timer {
  readonly deadline: number;
  /** Set by the heap when the timer is started: the order among equal deadlines. */
  seq: number;
  waker: Waker;
  live: boolean;
  readonly what: string;
  /** An event from outside the app (a scheduled user input): `runToCompletion` waits for it even when no task does. */
  readonly external: boolean;
}

/**
 * A min-heap of timers by (deadline, seq).
 *
 * Each timer's sort key is kept beside it in two typed arrays, so sifting
 * compares numbers lying next to each other in memory instead of reading two
 * fields from timer objects scattered over the heap: with a million timers
 * those reads were most of the cost of a pop. Measured against a plain heap
 * of timer objects on benchmark (a) (sleeping tasks): the same at 50,000
 * timers, but at 100,000 the best of five runs took 1.04 s here against
 * 1.42 s for the plain heap.
 */
export class TimerHeap {
  readonly #timers: Timer[] = [];
  #deadlines = new Float64Array(64);
  #seqs = new Float64Array(64);
  /** Where sequence numbers come from: heaps that share one counter can be merged by (deadline, seq). */
  readonly #counter: { seq: number };

  constructor(counter: { seq: number } = { seq: 0 }) {
    this.#counter = counter;
  }
  /** Timers set and neither fired nor cleared. */
  live = 0;
  /** Live timers marked `external`. */
  external = 0;

  push(deadline: number, waker: Waker, what: string, external = false): Timer {
    const timer: Timer = { deadline, seq: 0, waker, live: true, what, external };
    this.add(timer);
    return timer;
  }

  /** Starts a timer object made by the caller (a sleep is its own timer): gives it its sequence number and marks it live. */
  add(timer: Timer): void {
    const deadline = timer.deadline;
    const seq = (timer.seq = this.#counter.seq++);
    timer.live = true;
    if (timer.external) this.external++;
    const h = this.#timers;
    let i = h.length;
    if (i === this.#deadlines.length) this.#grow();
    const ds = this.#deadlines;
    const ss = this.#seqs;
    h.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pd = ds[parent]!;
      if (!(deadline < pd || (deadline === pd && seq < ss[parent]!))) break;
      h[i] = h[parent]!;
      ds[i] = pd;
      ss[i] = ss[parent]!;
      i = parent;
    }
    h[i] = timer;
    ds[i] = deadline;
    ss[i] = seq;
    this.live++;
  }

  clear(timer: Timer): void {
    if (!timer.live) return;
    timer.live = false;
    this.live--;
    if (timer.external) this.external--;
  }

  /** The earliest live deadline, or undefined. */
  peekDeadline(): number | undefined {
    this.#skipDead();
    return this.#timers.length > 0 ? this.#deadlines[0] : undefined;
  }

  /** The earliest live timer (by deadline, then seq), without removing it. */
  peek(): Timer | undefined {
    this.#skipDead();
    return this.#timers[0];
  }

  /** Removes and returns the earliest live timer due at or before `now`. */
  popDue(now: number): Timer | undefined {
    this.#skipDead();
    const top = this.#timers[0];
    if (top === undefined || this.#deadlines[0]! > now) return undefined;
    this.#pop();
    top.live = false;
    this.live--;
    if (top.external) this.external--;
    return top;
  }

  #skipDead(): void {
    const h = this.#timers;
    while (h.length > 0 && !h[0]!.live) this.#pop();
  }

  #grow(): void {
    const ds = new Float64Array(this.#deadlines.length * 2);
    const ss = new Float64Array(this.#seqs.length * 2);
    ds.set(this.#deadlines);
    ss.set(this.#seqs);
    this.#deadlines = ds;
    this.#seqs = ss;
  }

  #pop(): void {
    const h = this.#timers;
    const ds = this.#deadlines;
    const ss = this.#seqs;
    const last = h.pop()!;
    const n = h.length;
    if (n === 0) return;
    const lastD = ds[n]!;
    const lastS = ss[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n) {
        const rd = ds[r]!;
        const ld = ds[l]!;
        if (rd < ld || (rd === ld && ss[r]! < ss[l]!)) c = r;
      }
      const cd = ds[c]!;
      if (!(cd < lastD || (cd === lastD && ss[c]! < lastS))) break;
      h[i] = h[c]!;
      ds[i] = cd;
      ss[i] = ss[c]!;
      i = c;
    }
    h[i] = last;
    ds[i] = lastD;
    ss[i] = lastS;
  }
}

/** What timer futures need from the runtime that polls them. */
export interface TimeDriver {
  readonly now: number;
  /** `external`: an outside event (see `Timer.external`). */
  setTimer(deadline: number, waker: Waker, what: string, external?: boolean): Timer;
  /** Starts a timer object the caller made (see `TimerHeap.add`). */
  startTimer(timer: Timer): void;
  clearTimer(timer: Timer): void;
  /** Wakes `waker` at the start of the executor's next pass. */
  deferWake(waker: Waker): void;
}

/** The context the executor passes to `poll`: a waker plus the time driver. */
export interface RuntimeContext extends Context {
  readonly driver: TimeDriver;
}

export function driverOf(cx: Context, what: string): TimeDriver {
  const driver = (cx as Partial<RuntimeContext>).driver;
  if (driver !== undefined) return driver;
  throw new LearnerError({
    kind: "NoTimeDriver",
    what: `${what} was polled with a Context that does not come from the runtime.`,
    why: "Timers need the runtime's virtual clock; a hand-made Context has none, so the timer could never fire.",
    fix: "Spawn the future (or await it inside a spawned future) instead of polling it with your own Context.",
  });
}

// Fields are set in the constructors, not with class-field initialisers or
// #private fields, which are much slower to construct on Node 20 (see the
// note in future.ts): a sleep is built on every await of a timer.
/**
 * A sleep is its own timer (it goes into the heap itself): a separate timer
 * object and its description string cost 71 of 782 bytes per sleeping task
 * (`npm run bench:memory`).
 */
class Sleep extends Future<void> implements Timer {
  declare readonly ms: number;
  /** When it fires; -1 until fixed (at creation inside a runtime, else at the first poll). */
  declare deadline: number;
  declare seq: number;
  declare waker: Waker;
  /** True while its timer is set (in the heap, not fired or cleared). */
  declare live: boolean;
  declare readonly external: boolean;
  declare private driver: TimeDriver | undefined;
  declare private finished: boolean;

  constructor(ms: number) {
    super();
    this.ms = ms;
    this.deadline = -1;
    this.seq = 0;
    this.waker = NO_WAKER;
    this.live = false;
    this.external = false;
    this.driver = undefined;
    this.finished = false;
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      throw new LearnerError({
        kind: "BadDuration",
        what: `sleep(${ms}) was given a duration that is not a finite number of milliseconds ≥ 0.`,
        why: "A timer needs a point in time to fire at; a negative or infinite delay has none.",
        fix: "Pass a whole number of milliseconds, e.g. sleep(100).",
      });
    }
    const rt = currentRuntime();
    if (rt !== undefined) {
      this.deadline = rt.now + ms;
      this.site = rt.captureSite(sleep);
    }
  }

  /** Its timer's description, for traces. */
  get what(): string {
    return this.label ?? `sleep(${this.ms})`;
  }

  poll(cx: Context): Poll<void> {
    if (this.finished) throw polledAfterReady(this.awaiting());
    // The description is built only when driverOf fails, not on every first poll.
    const driver = (this.driver ??= (cx as Partial<RuntimeContext>).driver ?? driverOf(cx, this.awaiting()));
    if (this.deadline < 0) this.deadline = driver.now + this.ms;
    if (driver.now >= this.deadline) {
      this.finished = true;
      if (this.live) driver.clearTimer(this);
      return Poll.Ready(undefined);
    }
    this.waker = cx.waker;
    if (!this.live) driver.startTimer(this);
    return Poll.Pending;
  }

  override awaiting(): string {
    return this.label ?? (this.deadline < 0 ? `sleep(${this.ms})` : `sleep(${this.ms}) until t=${this.deadline}`);
  }

  protected override drop(): void {
    if (this.live) this.driver?.clearTimer(this);
  }
}

/** The waker of a sleep not yet polled. */
const NO_WAKER: Waker = { wake() {} };

/** Completes `ms` virtual milliseconds after it was created (or first polled, outside a runtime). */
export function sleep(ms: number): Future<void> {
  return new Sleep(ms);
}

class YieldNow extends Future<void> {
  declare private yielded: boolean;
  declare private finished: boolean;
  constructor() {
    super();
    this.yielded = false;
    this.finished = false;
    this.label = "yieldNow()";
  }
  poll(cx: Context): Poll<void> {
    if (this.finished) throw polledAfterReady("yieldNow()");
    if (this.yielded) {
      this.finished = true;
      return Poll.Ready(undefined);
    }
    this.yielded = true;
    driverOf(cx, "yieldNow()").deferWake(cx.waker);
    return Poll.Pending;
  }
}

/** Gives every other queued task a turn, then continues (tokio's `yield_now`). */
export function yieldNow(): Future<void> {
  return new YieldNow();
}
