/**
 * The scheduler: the order of scopes, the run queues and the channel.
 *
 * What it models: Dioxus's `packages/core/src/scheduler.rs` (`ScopeOrder`:
 * work nearer the root first) and the task half of `runtime.rs` (the queue of
 * woken tasks, the scheduler channel drained by `process_events`).
 *
 * - One comparator, `compareScopes` (height, then id), orders everything that
 *   is ordered by scope: task queues, dirty scopes, pending effects.
 * - One FIFO queue per owner, de-duplicated while a task is queued. Queues
 *   are visited in scope order. A task woken during its own poll goes to the
 *   back of its owner's queue.
 * - Spawns, wakes and dirty marks go through the channel first; `drain`
 *   moves them into the queues (Dioxus drains after every poll; with one
 *   thread, draining at the same points gives the same order).
 * - A task's `queued` says where it is: nowhere, on the channel or in its
 *   owner's queue. A queue is a list linked through its tasks, so a task
 *   taken out of it (cancelled, paused) is unlinked at once; one taken off
 *   the channel is skipped when the channel is drained.
 */
import type { Owner, Task } from "./tasks.ts";

/** What scope order needs: Dioxus's `ScopeOrder` (height, id). */
export interface ScopeOrder {
  readonly height: number;
  readonly id: number;
}

/** (height, id) order: nearest the root first, then lower id. */
export function compareScopes(a: ScopeOrder, b: ScopeOrder): number {
  return a.height - b.height || a.id - b.id;
}

/** True if `a` comes strictly before `b` in scope order. */
export function earlier(a: ScopeOrder, b: ScopeOrder): boolean {
  return a.height < b.height || (a.height === b.height && a.id < b.id);
}

/** Inserts `x` into `xs` (kept in scope order by `key`) after every entry not later than it: FIFO among equals. */
export function insertInScopeOrder<T>(xs: T[], x: T, key: (t: T) => ScopeOrder): void {
  const k = key(x);
  let i = xs.length;
  while (i > 0 && earlier(k, key(xs[i - 1]!))) i--;
  xs.splice(i, 0, x);
}

/**
 * One owner's queue of tasks waiting for a poll: a list linked through the
 * tasks themselves (`Task.nextQueued`). An array with a head index was as fast
 * on benchmarks (a) and (c), but cancelling 100,000 queued tasks took 13.4 s
 * (a splice each) against 0.3 s for the list (and 0.6 s for the old arrays of
 * tickets with lazy deletion).
 */
export interface OwnerQueue {
  readonly owner: Owner;
  first: Task | undefined;
  last: Task | undefined;
  active: boolean;
}

/** Where a task is waiting for its next poll (`Task.queued`). Kept in this module: under vitest every use of an imported constant is a getter call. */
const NOT_QUEUED = 0;
const ON_CHANNEL = 1;
const IN_QUEUE = 2;

const queueOrder = (q: OwnerQueue): ScopeOrder => q.owner;

/** The run queues and the scheduler channel of one runtime. */
export class Scheduler {
  readonly #queues = new Map<Owner, OwnerQueue>();
  /** Non-empty queues, in scope order. */
  readonly #active: OwnerQueue[] = [];
  /** Dioxus's scheduler channel: spawns, wakes and dirty marks, drained at the start of a pass and after each task poll. */
  #channel: (Task | (() => void) | undefined)[] = [];
  /** How many messages are on the channel (`#channel` keeps its length between drains). */
  #posted = 0;
  /**
   * The channel's second array: each drain swaps them and empties the one it
   * read, so posting allocates nothing (with a fresh array per drain, ping-pong,
   * (c) in test/bench, took 166-177 ns per hand-off; with the two, 148-152 ns).
   */
  #spare: (Task | (() => void) | undefined)[] | undefined = [];

  /** True while the task waits on the channel or in a queue. */
  isQueued(task: Task): boolean {
    return task.queued !== NOT_QUEUED;
  }

  /** True while messages wait on the channel. */
  get hasMessages(): boolean {
    return this.#posted > 0;
  }

  /** Puts a task notification on the channel. */
  post(task: Task): void {
    task.queued = ON_CHANNEL;
    if (task.state === "idle") task.state = "queued";
    this.#channel[this.#posted++] = task;
  }

  /** Posts a message for the Dioxus layer (a dirty mark), handled when the channel is drained. */
  postMessage(message: () => void): void {
    this.#channel[this.#posted++] = message;
  }

  /** Dioxus's `process_events`: moves every message on the channel into the queues. */
  drain(): void {
    const n = this.#posted;
    if (n === 0) return;
    const ch = this.#channel;
    // Messages posted meanwhile (by a dirty mark's handler) wait for the next drain, on the other array.
    this.#channel = this.#spare ?? [];
    this.#spare = undefined;
    this.#posted = 0;
    for (let i = 0; i < n; i++) {
      const m = ch[i]!;
      ch[i] = undefined;
      if (typeof m === "function") m();
      // A task taken off the channel (cancelled, paused) since it was posted is skipped here.
      else if (m.queued === ON_CHANNEL) this.#enqueue(m);
    }
    this.#spare = ch;
  }

  #queueOf(owner: Owner): OwnerQueue {
    let q = this.#queues.get(owner);
    if (q === undefined) {
      q = { owner, first: undefined, last: undefined, active: false };
      this.#queues.set(owner, q);
    }
    return q;
  }

  #enqueue(task: Task): void {
    const q = this.#queueOf(task.owner);
    task.queued = IN_QUEUE;
    if (task.state === "idle") task.state = "queued";
    task.prevQueued = q.last;
    task.nextQueued = undefined;
    if (q.last === undefined) q.first = task;
    else q.last.nextQueued = task;
    q.last = task;
    if (!q.active) {
      q.active = true;
      insertInScopeOrder(this.#active, q, queueOrder);
    }
  }

  /** The first owner's queue with a queued task. */
  firstQueue(): OwnerQueue | undefined {
    const a = this.#active;
    while (a.length > 0) {
      const q = a[0]!;
      if (q.first !== undefined) return q;
      q.active = false;
      a.shift();
    }
    return undefined;
  }

  /** Takes the task at the head of `q` (from `firstQueue`) off the queue. */
  take(q: OwnerQueue): Task {
    const task = q.first!;
    this.#unlink(q, task);
    return task;
  }

  /** Takes a task off its queue or the channel. */
  unqueue(task: Task): void {
    if (task.queued === IN_QUEUE) this.#unlink(this.#queues.get(task.owner)!, task);
    task.queued = NOT_QUEUED;
  }

  #unlink(q: OwnerQueue, task: Task): void {
    const prev = task.prevQueued;
    const next = task.nextQueued;
    if (prev === undefined) q.first = next;
    else prev.nextQueued = next;
    if (next === undefined) q.last = prev;
    else next.prevQueued = prev;
    task.prevQueued = task.nextQueued = undefined;
    task.queued = NOT_QUEUED;
  }

  /** Forgets an owner's queue (the owner is being dropped). */
  forget(owner: Owner): void {
    this.#queues.delete(owner);
  }
}
