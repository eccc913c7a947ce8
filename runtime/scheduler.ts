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
 * - A task's `ticket` says where it is: 0 nowhere, -1 on the channel, else
 *   the ticket of its live queue entry. A cancelled or paused task's old
 *   entry stays in the array and is skipped (its ticket no longer matches).
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

export interface OwnerQueue {
  readonly owner: Owner;
  tasks: Task[];
  tickets: number[];
  head: number;
  active: boolean;
}

const queueOrder = (q: OwnerQueue): ScopeOrder => q.owner;

/** The run queues and the scheduler channel of one runtime. */
export class Scheduler {
  readonly #queues = new Map<Owner, OwnerQueue>();
  /** Non-empty queues, in scope order. */
  readonly #active: OwnerQueue[] = [];
  /** Dioxus's scheduler channel: spawns, wakes and dirty marks, drained at the start of a pass and after each task poll. */
  #channel: (Task | (() => void))[] = [];
  /** The queue #enqueue used last: wakes mostly come in runs for one owner, and this skips the map. */
  #lastQueue: OwnerQueue | undefined = undefined;
  #nextTicket = 1;

  /** True while messages wait on the channel. */
  get hasMessages(): boolean {
    return this.#channel.length > 0;
  }

  /** Puts a task notification on the channel (ticket -1: "in the channel"). */
  post(task: Task): void {
    task.ticket = -1;
    if (task.state === "idle") task.state = "queued";
    this.#channel.push(task);
  }

  /** Posts a message for the Dioxus layer (a dirty mark), handled when the channel is drained. */
  postMessage(message: () => void): void {
    this.#channel.push(message);
  }

  /** Dioxus's `process_events`: moves every message on the channel into the queues. */
  drain(): void {
    const ch = this.#channel;
    if (ch.length === 0) return;
    this.#channel = [];
    for (const m of ch) {
      if (typeof m === "function") m();
      else if (m.ticket === -1) this.#enqueue(m);
    }
  }

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
    if (!q.active) {
      q.active = true;
      insertInScopeOrder(this.#active, q, queueOrder);
    }
  }

  /** The first owner's queue with a queued task, skipping stale queue entries. */
  firstQueue(): OwnerQueue | undefined {
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

  /** Takes the task at the head of `q` (from `firstQueue`) off the queue. */
  take(q: OwnerQueue): Task {
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
    return task;
  }

  /** Takes a task off its queue or the channel (its stale entry is skipped later). */
  unqueue(task: Task): void {
    task.ticket = 0;
  }

  /** Forgets an owner's queue (the owner is being dropped). */
  forget(owner: Owner): void {
    this.#queues.delete(owner);
    if (this.#lastQueue?.owner === owner) this.#lastQueue = undefined;
  }
}
