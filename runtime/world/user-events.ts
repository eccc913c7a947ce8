/**
 * Users, at virtual times: `userEvents(app).at(t, fire)` makes `fire` (a
 * click, typing…) happen at virtual time `t`; if the main thread is busy
 * then (thread.ts `blockFor`), it runs when the thread is free. Each event
 * records how long it waited for its handler (trace "event-wait").
 * `runToCompletion` runs until every scheduled event has happened.
 */
import { LearnerError } from "../errors.ts";
import type { Runtime } from "../executor.ts";
import { record, runtimeOf, type RuntimeHolder } from "./world.ts";

/** How long one scheduled user event waited for its handler. */
export interface EventWait {
  readonly label: string;
  /** When the user did it. */
  readonly due: number;
  /** When its handler ran: later than `due` only if the main thread was busy. */
  readonly handledAt: number;
  readonly waited: number;
}

/** User events at virtual times, and how long each waited for the main thread. */
export class UserEvents {
  readonly #waits: EventWait[] = [];
  #pending = 0;
  #last: number | undefined;

  constructor(readonly rt: Runtime) {}

  /**
   * Makes `fire` (a click, typing…) happen at virtual time `t`. It runs when
   * the clock reaches `t`, or as soon as the main thread is free if it is busy
   * then. Events at the same time happen in the order they were scheduled.
   * Against an app timer due at the same instant (a network answer, a sleep)
   * the order is unspecified: the event goes first unless the runtime has a
   * seed, which then draws the order (time.ts).
   */
  at(t: number, fire: () => void, label = `event at t=${t}`): void {
    const rt = this.rt;
    if (!(t >= rt.now) || !Number.isFinite(t)) {
      throw new LearnerError({
        kind: "EventInThePast",
        what: `A user event ("${label}") was scheduled at t=${t}, but the clock is already at t=${rt.now}.`,
        why: "A user acts at some moment from now on; the clock cannot go back to let an event happen earlier.",
        fix: "Schedule every event before driving the clock past its time (or at a time ≥ app.now).",
      });
    }
    this.#pending++;
    this.#last = Math.max(this.#last ?? t, t);
    rt.setTimer(t, { wake: () => this.#fire(t, fire, label) }, label, true);
  }

  #fire(due: number, fire: () => void, label: string): void {
    const rt = this.rt;
    this.#pending--;
    const wait: EventWait = { label, due, handledAt: rt.now, waited: rt.now - due };
    this.#waits.push(wait);
    record(rt, "event-wait", `${label}: due at t=${due}, handled at t=${rt.now} (waited ${wait.waited} ms)`);
    fire();
  }

  /** Every event that happened, in the order its handler ran. */
  get waits(): readonly EventWait[] {
    return this.#waits;
  }

  /** The longest an event waited for its handler, in ms (0 if none happened yet). */
  get maxWait(): number {
    return this.#waits.reduce((m, w) => Math.max(m, w.waited), 0);
  }

  /** Events scheduled that have not happened yet. */
  get pending(): number {
    return this.#pending;
  }

  /** The time of the latest event scheduled, if any. */
  get last(): number | undefined {
    return this.#last;
  }
}

/** The user of a runtime or app: `userEvents(app).at(30, () => app.click(button))`. */
export function userEvents(target: RuntimeHolder): UserEvents {
  return runtimeOf(target).service(UserEvents, (rt) => new UserEvents(rt));
}
