/**
 * The runtime's timers: the app's own (sleeps, network answers, threads) and
 * the user's (events scheduled at a virtual time), and the order they fire in.
 *
 * What it models: tokio's time driver next to the platform's event loop. Both
 * fire in deadline order; at the same instant, the one set first (one
 * sequence for both heaps), or, with a seed, a draw: the two sources are
 * independent, and Dioxus does not order a user event against an app timer.
 * The heaps themselves are in time.ts.
 */
import type { Waker } from "./future.ts";
import { Rng } from "./random.ts";
import { TimerHeap, type Timer } from "./time.ts";
import type { Trace } from "./trace.ts";
import { Task } from "./tasks.ts";

export class Timers {
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
  #deferred: Waker[] = [];

  constructor(seed: number | undefined) {
    // A separate stream, so that ties do not shift the other seeded orders (drop orders) of the same seed.
    this.#tieRng = seed === undefined ? undefined : new Rng((seed ^ 0x9e3779b9) >>> 0);
  }

  set(deadline: number, waker: Waker, what: string, external: boolean): Timer {
    return (external ? this.#events : this.#timers).push(deadline, waker, what, external);
  }

  /** Starts a timer object made by its owner (an app timer: a sleep). */
  start(timer: Timer): void {
    (timer.external ? this.#events : this.#timers).add(timer);
  }

  clear(timer: Timer): void {
    (timer.external ? this.#events : this.#timers).clear(timer);
  }

  /** Wakes `waker` at the start of the next pass. */
  defer(waker: Waker): void {
    this.#deferred.push(waker);
  }

  /** Live timers (set, not yet fired or cleared). */
  get pending(): number {
    return this.#timers.live + this.#events.live;
  }

  /** Live user events (scheduled, not yet fired). */
  get pendingEvents(): number {
    return this.#events.live;
  }

  /** The earliest deadline of any live timer, app or user event. */
  nextDeadline(): number | undefined {
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

  /** Fires the timers due at `now` and the deferred wakes; true if anything was woken. */
  fireDue(now: number, trace: Trace): boolean {
    let woke = false;
    /** The deadline of the last app timer fired in this pass: its tasks have not run yet. */
    let appFiredAt: number | undefined;
    for (;;) {
      const app = this.#timers.peek();
      const event = this.#events.peek();
      const appDue = app !== undefined && app.deadline <= now;
      const eventDue = event !== undefined && event.deadline <= now;
      if (!appDue && !eventDue) break;
      const useEvent = eventDue && (!appDue || this.#eventNext || this.#eventFirst(app!, event!));
      if (useEvent && this.#tieRng !== undefined && appFiredAt === event!.deadline) {
        // Drawn after an app timer of the same instant: the tasks it woke run first, then the event fires.
        this.#eventNext = true;
        break;
      }
      this.#eventNext = false;
      const timer = (useEvent ? this.#events : this.#timers).popDue(now)!;
      if (!useEvent) appFiredAt = timer.deadline;
      if (trace.enabled) {
        const task = timer.waker instanceof Task ? timer.waker : undefined;
        trace.record(now, "timer-fired", task?.id, task?.label, timer.what, task?.owner.id);
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
    return woke;
  }
}
