/**
 * The Task handle: a spawned future, as user code sees it.
 *
 * What it models: Dioxus's `Task` (`packages/core/src/tasks.rs`), a small
 * copyable id whose methods ask the runtime to act on it. The runtime half
 * (spawning, polling, waking, cancelling) is `TaskRuntime` in tasks.ts.
 */
import type { Site } from "./errors.ts";
import type { Future, Poll, Waker } from "./future.ts";
import type { TaskRuntime } from "./tasks.ts";
import type { RuntimeContext, TimeDriver } from "./time.ts";

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

export interface SpawnOptions {
  /** A name for traces, timelines and reports; defaults to the future's label. */
  label?: string;
}

export type TaskState = "queued" | "idle" | "running" | "ready" | "cancelled" | "panicked";

/**
 * A spawned future. The handle stays valid after the task ends; its methods
 * then do nothing (`pollNow` reports Ready, as Dioxus does for a missing task).
 */
export class Task<T = unknown> implements Waker, RuntimeContext {
  // Fields are set in the constructor rather than with class-field
  // initialisers, which make construction much slower on Node 20 (see the
  // note in future.ts); the order below is the order of the old fields.
  /** @internal */ declare state: TaskState;
  /** @internal */ declare isPaused: boolean;
  /** @internal Where it waits for a poll: NOT_QUEUED, ON_CHANNEL or IN_QUEUE (scheduler.ts). */
  declare queued: number;
  /** @internal Its neighbours in its owner's run queue while IN_QUEUE (scheduler.ts). */
  declare prevQueued: Task | undefined;
  /** @internal */ declare nextQueued: Task | undefined;
  /** @internal Its neighbours in the runtime's list of live tasks (tasks.ts). */
  declare prevLive: Task | undefined;
  /** @internal */ declare nextLive: Task | undefined;
  /** @internal */ declare cancelRequested: boolean;
  /** The output, once the task finished with Ready. */
  declare output: T | undefined;
  declare readonly id: number;
  /** @internal The label given at spawn (option or future's label), if any: see `label`. */
  declare givenLabel: string | undefined;
  declare readonly owner: Owner;
  /** @internal */ declare readonly future: Future<T>;
  /** @internal */ declare readonly site: Site | undefined;
  /** @internal */ declare readonly rt: TaskRuntime;

  /** @internal */
  constructor(
    id: number,
    label: string | undefined,
    owner: Owner,
    future: Future<T>,
    site: Site | undefined,
    rt: TaskRuntime,
  ) {
    this.state = "queued";
    this.isPaused = false;
    this.queued = 0;
    this.prevQueued = undefined;
    this.nextQueued = undefined;
    this.prevLive = undefined;
    this.nextLive = undefined;
    this.cancelRequested = false;
    this.output = undefined;
    this.id = id;
    this.givenLabel = label;
    this.owner = owner;
    this.future = future;
    this.site = site;
    this.rt = rt;
  }

  /**
   * @internal The task is also the Context its future is polled with: its own
   * waker, and the runtime as time driver (one object less per task than a
   * separate context: 47 of 829 bytes per sleeping task, `npm run bench:memory`).
   */
  get waker(): Waker {
    return this;
  }
  /** @internal */
  get driver(): TimeDriver {
    return this.rt;
  }

  /**
   * Its name in traces, timelines and reports: the label it was given, else
   * "task<id>", made on first use (a string per task that benchmarks and
   * production settings never read: 30 of 693 bytes per sleeping task).
   */
  get label(): string {
    return (this.givenLabel ??= `task${this.id}`);
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
