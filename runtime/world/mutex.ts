/**
 * An async mutex: exclusive access that may be held across awaits.
 *
 * What it models: `tokio::sync::Mutex` (or `futures::lock::Mutex`), the tool
 * the "Handling locks" section of the Dioxus async page points to when a
 * signal guard would have to live across an `.await`.
 *
 *     using guard = yield* saves.lock();
 *     yield* http.post("/save", guard.value.next());
 *     // released here, when `guard` goes out of scope (or the task is dropped)
 *
 * Invariants:
 * - `lock()` is lazy: it joins the queue at its first poll, not when built.
 * - FIFO fair: if the mutex is held (or others already wait), the poll joins
 *   the back of the queue (trace "lock-wait"). Releasing a guard ("lock-
 *   released") hands the lock straight to the first waiter ("lock-acquired"),
 *   so a newcomer can never overtake the queue, and the mutex is free only
 *   when nobody waits.
 * - A waiter dropped while queued leaves the queue and loses its place, as in
 *   tokio ("lock-cancelled"). A waiter dropped after the lock was handed to
 *   it but before it took it passes the lock on to the next one: a cancelled
 *   task never keeps a mutex locked.
 * - A guard releases once; using it after release is an error.
 * - Tasks that wait on each other's mutexes stop `runToCompletion` with the
 *   executor's stall report; each stuck task's line says which mutex it waits
 *   for and which task holds it, and names the cycle when there is one.
 */
import { currentRuntime } from "../ambient.ts";
import { LearnerError, type Site } from "../errors.ts";
import type { Runtime, Task } from "../executor.ts";
import { Future, Poll, polledAfterReady, type Context, type Waker } from "../future.ts";
import { record } from "./world.ts";

/** Exclusive access to a mutex's value until disposed (`using guard = yield* m.lock()`). */
export interface MutexGuard<T> extends Disposable {
  /** The protected value; assign to replace it. Fails after the guard was released. */
  value: T;
}

/** Per-runtime: which mutex each waiting task is queued on (to find deadlock cycles). */
class LockWaits {
  readonly waiting = new Map<Task, Mutex<unknown>>();
}

function waitsOf(rt: Runtime | undefined): Map<Task, Mutex<unknown>> | undefined {
  return rt?.service(LockWaits, () => new LockWaits()).waiting;
}

type Holder = { task: Task | undefined };

/** An async mutex whose lock may be held across awaits. Build one per app (in a hook), never at module level. */
export class Mutex<T> {
  #value: T;
  #holder: Holder | undefined;
  readonly #queue: LockFuture<T>[] = [];

  constructor(
    value: T,
    readonly name = "mutex",
  ) {
    this.#value = value;
  }

  /**
   * A future of a guard: Ready at once if the mutex is free, else when every
   * waiter before it has had its turn.
   */
  lock(): Future<MutexGuard<T>> {
    return new LockFuture(this, currentRuntime()?.captureSite(this.lock));
  }

  /** A guard now if the mutex is free (and nobody waits), else undefined. Never waits. */
  tryLock(): MutexGuard<T> | undefined {
    if (this.#holder !== undefined) return undefined;
    const rt = currentRuntime();
    return this.#acquire(rt, rt?.currentTask);
  }

  /** True while some guard (or a waiter it was handed to) holds it. */
  get locked(): boolean {
    return this.#holder !== undefined;
  }

  /** How many lock() futures are queued. */
  get waiting(): number {
    return this.#queue.length;
  }

  toString(): string {
    return `mutex "${this.name}"`;
  }

  /** "held by task #1 \"save\"", for waits and stall reports. */
  describeHolder(): string {
    const h = this.#holder;
    if (h === undefined) return "free";
    const t = h.task;
    if (t === undefined) return "held by code outside any task (a render or an event handler)";
    return t.finished() ? `held by task ${t}, which ended without releasing it` : `held by task ${t}`;
  }

  /** @internal */
  holderTask(): Task | undefined {
    return this.#holder?.task;
  }

  /** @internal The poll of a lock() future that has not joined the queue yet. */
  enter(waiter: LockFuture<T>, rt: Runtime | undefined, task: Task | undefined): MutexGuard<T> | undefined {
    if (this.#holder === undefined && this.#queue.length === 0) return this.#acquire(rt, task);
    const place = this.#queue.push(waiter);
    if (rt !== undefined) {
      if (task !== undefined) waitsOf(rt)!.set(task, this as Mutex<unknown>);
      record(rt, "lock-wait", `${this}, ${this.describeHolder()}${place > 1 ? `, ${place - 1} before it` : ""}`, task);
    }
    return undefined;
  }

  /** @internal A queued waiter was dropped: it leaves the queue. */
  leave(waiter: LockFuture<T>, rt: Runtime | undefined, task: Task | undefined): void {
    const i = this.#queue.indexOf(waiter);
    if (i < 0) return;
    this.#queue.splice(i, 1);
    if (task !== undefined) waitsOf(rt)?.delete(task);
    if (rt !== undefined) record(rt, "lock-cancelled", `${this}: left the queue, losing its place`, task);
  }

  #acquire(rt: Runtime | undefined, task: Task | undefined): MutexGuard<T> {
    this.#holder = { task };
    if (rt !== undefined) record(rt, "lock-acquired", `${this}`, task);
    return this.#guard(rt);
  }

  /** Gives the lock to the next waiter in line, or frees it. */
  #release(rt: Runtime | undefined): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#holder = undefined;
      return;
    }
    if (next.task !== undefined) waitsOf(rt)?.delete(next.task);
    this.#holder = { task: next.task };
    if (rt !== undefined) record(rt, "lock-acquired", `${this}, handed over`, next.task);
    next.grant(this.#guard(rt));
  }

  #guard(rt: Runtime | undefined): MutexGuard<T> {
    let open = true;
    const closed = (): LearnerError =>
      new LearnerError({
        kind: "MutexGuardReleased",
        what: `A guard of ${this} was used after it was released.`,
        why: "Once released, the lock may belong to another task: using the value then is exactly the race the mutex is there to prevent.",
        fix: "Use the value only inside the block that holds the guard (`using guard = yield* m.lock()`), or lock again.",
      });
    const mutex = this;
    return {
      get value(): T {
        if (!open) throw closed();
        return mutex.#value;
      },
      set value(v: T) {
        if (!open) throw closed();
        mutex.#value = v;
      },
      [Symbol.dispose]() {
        if (!open) return;
        open = false;
        const now = currentRuntime() ?? rt;
        if (now !== undefined)
          record(
            now,
            "lock-released",
            `${mutex}${mutex.#queue.length > 0 ? `, handed to the next of ${mutex.#queue.length} waiting` : ""}`,
          );
        mutex.#release(now);
      },
    };
  }
}

class LockFuture<T> extends Future<MutexGuard<T>> {
  #state: "new" | "queued" | "granted" | "done" = "new";
  #guard: MutexGuard<T> | undefined;
  #waker: Waker | undefined;
  #rt: Runtime | undefined;
  /** The task that polled it first: the one waiting. */
  task: Task | undefined;

  constructor(
    readonly mutex: Mutex<T>,
    site: Site | undefined,
  ) {
    super();
    this.label = `lock ${mutex}`;
    this.site = site;
  }

  poll(cx: Context): Poll<MutexGuard<T>> {
    switch (this.#state) {
      case "done":
        throw polledAfterReady(`The ${this.label} future`);
      case "new": {
        const rt = (this.#rt = currentRuntime());
        this.task = rt?.currentTask;
        const guard = this.mutex.enter(this, rt, this.task);
        if (guard !== undefined) return this.#take(guard);
        this.#state = "queued";
        this.#waker = cx.waker;
        return Poll.Pending;
      }
      case "queued":
        this.#waker = cx.waker;
        return Poll.Pending;
      case "granted":
        return this.#take(this.#guard!);
    }
  }

  #take(guard: MutexGuard<T>): Poll<MutexGuard<T>> {
    this.#state = "done";
    this.#guard = undefined;
    return Poll.Ready(guard);
  }

  /** @internal The previous holder released: the lock is ours. */
  grant(guard: MutexGuard<T>): void {
    this.#state = "granted";
    this.#guard = guard;
    this.#waker?.wake();
  }

  override awaiting(): string {
    if (this.#state !== "queued") return this.label ?? "lock";
    return `${this.mutex}, ${this.mutex.describeHolder()}${this.#cycle()}`;
  }

  /** " — a deadlock: …" when the holder waits (through others) for a mutex this task holds. */
  #cycle(): string {
    const me = this.task;
    const waits = waitsOf(this.#rt);
    if (me === undefined || waits === undefined) return "";
    const steps: string[] = [];
    let holder = this.mutex.holderTask();
    if (holder === me) return " — a deadlock: this task already holds it (an async mutex is not re-entrant)";
    for (let hops = 0; holder !== undefined && hops < 16; hops++) {
      const next = waits.get(holder);
      if (next === undefined) return "";
      steps.push(`#${holder.id} waits for ${next}, ${next.describeHolder()}`);
      holder = next.holderTask();
      if (holder === me) return ` — a deadlock: ${steps.join("; ")}`;
    }
    return "";
  }

  protected override drop(): void {
    const state = this.#state;
    this.#state = "done";
    if (state === "queued") this.mutex.leave(this, this.#rt, this.task);
    else if (state === "granted") {
      // Handed the lock but dropped before taking it: pass it on, or the mutex would stay locked for ever.
      const guard = this.#guard!;
      this.#guard = undefined;
      guard[Symbol.dispose]();
    }
  }
}
