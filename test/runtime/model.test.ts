/**
 * Model-based test of the executor: random sequences of spawn, wake, pause,
 * resume, cancel, pollNow, runUntilIdle, advance and runToCompletion, run
 * against the real runtime and against a small model written from
 * docs/runtime-model.md, "Tasks and the executor". After every command both must agree on each
 * task's state, poll count and drop count, on the exact order of all polls so
 * far (which is the queue order), on the clock and on the live timers.
 */
import { describe, it } from "vitest";
import { expect } from "vitest";
import { Poll, future, pollFn, sleep, yieldNow, type Future, type Task } from "../../runtime/index.ts";
import { LearnerError, Runtime, type Owner } from "../../runtime/testing.ts";
import { fc } from "./support/prop.ts";

// ── the program each task runs ───────────────────────────────────────────────

/**
 * One await in a task's body. "pend": Pending once without waking (someone
 * must wake it), then Ready. "spin": Pending once after waking itself.
 * "yield": yieldNow(). "sleep": sleep(ms).
 */
type Step = { kind: "pend" } | { kind: "spin" } | { kind: "yield" } | { kind: "sleep"; ms: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: "pend" as const }),
  fc.constant({ kind: "spin" as const }),
  fc.constant({ kind: "yield" as const }),
  fc.record({ kind: fc.constant("sleep" as const), ms: fc.nat(12) }),
);

/** Owners as (id, height): visiting order is id 0, then 2 and 5 (height 1), then 1. */
const OWNERS = [
  { id: 0, height: 0 },
  { id: 5, height: 1 },
  { id: 2, height: 1 },
  { id: 1, height: 2 },
] as const;

// ── the model ────────────────────────────────────────────────────────────────

interface ModelTask {
  readonly id: number;
  readonly owner: number;
  readonly steps: readonly Step[];
  /** Index of the step being awaited. */
  at: number;
  /** The current pend/spin/yield step was polled once already. */
  started: boolean;
  /** Deadline of the current sleep step, once created. */
  deadline: number | undefined;
  state: "live" | "ready" | "cancelled";
  paused: boolean;
  queued: boolean;
  polls: number;
}

interface ModelTimer {
  deadline: number;
  seq: number;
  task: ModelTask;
}

class Model {
  now = 0;
  nextId = 1;
  nextSeq = 0;
  readonly tasks: ModelTask[] = [];
  readonly queues: ModelTask[][] = OWNERS.map(() => []);
  timers: ModelTimer[] = [];
  deferred: ModelTask[] = [];
  readonly pollLog: number[] = [];

  spawn(owner: number, steps: readonly Step[]): void {
    const t: ModelTask = {
      id: this.nextId++,
      owner,
      steps,
      at: 0,
      started: false,
      deadline: undefined,
      state: "live",
      paused: false,
      queued: false,
      polls: 0,
    };
    this.tasks.push(t);
    this.enqueue(t);
  }

  enqueue(t: ModelTask): void {
    t.queued = true;
    this.queues[t.owner]!.push(t);
  }

  unqueue(t: ModelTask): void {
    if (!t.queued) return;
    t.queued = false;
    const q = this.queues[t.owner]!;
    q.splice(q.indexOf(t), 1);
  }

  wake(t: ModelTask): void {
    if (t.state !== "live" || t.paused || t.queued) return;
    this.enqueue(t);
  }

  pause(t: ModelTask): void {
    if (t.state !== "live" || t.paused) return;
    t.paused = true;
    this.unqueue(t);
  }

  resume(t: ModelTask): void {
    if (t.state !== "live" || !t.paused) return;
    t.paused = false;
    this.wake(t);
  }

  cancel(t: ModelTask): void {
    if (t.state !== "live") return;
    t.state = "cancelled";
    this.unqueue(t);
    this.timers = this.timers.filter((tm) => tm.task !== t);
  }

  /** One poll of a live, unpaused task; true if it became Ready. */
  poll(t: ModelTask): boolean {
    t.polls++;
    this.pollLog.push(t.id);
    for (;;) {
      const s = t.steps[t.at];
      if (s === undefined) {
        t.state = "ready";
        this.unqueue(t);
        return true;
      }
      if (s.kind === "sleep") {
        t.deadline ??= this.now + s.ms;
        const timer = this.timers.find((tm) => tm.task === t);
        if (this.now >= t.deadline) {
          if (timer !== undefined) this.timers = this.timers.filter((tm) => tm !== timer);
          t.deadline = undefined;
          t.at++;
          continue;
        }
        if (timer === undefined) this.timers.push({ deadline: t.deadline, seq: this.nextSeq++, task: t });
        return false;
      }
      if (t.started) {
        t.started = false;
        t.at++;
        continue;
      }
      t.started = true;
      if (s.kind === "spin") this.wake(t);
      if (s.kind === "yield") this.deferred.push(t);
      return false;
    }
  }

  pollNow(t: ModelTask): boolean {
    if (t.state !== "live") return true;
    if (t.paused) return false;
    return this.poll(t);
  }

  #firstQueue(): ModelTask[] | undefined {
    const order = OWNERS.map((o, i) => ({ ...o, i })).sort((a, b) => a.height - b.height || a.id - b.id);
    return order.map((o) => this.queues[o.i]!).find((q) => q.length > 0);
  }

  #startPass(): boolean {
    const due = this.timers
      .filter((tm) => tm.deadline <= this.now)
      .sort((a, b) => a.deadline - b.deadline || a.seq - b.seq);
    this.timers = this.timers.filter((tm) => tm.deadline > this.now);
    for (const tm of due) this.wake(tm.task);
    const deferred = this.deferred;
    this.deferred = [];
    for (const t of deferred) this.wake(t);
    return due.length > 0 || deferred.length > 0;
  }

  runUntilIdle(): void {
    do {
      for (let q = this.#firstQueue(); q !== undefined; q = this.#firstQueue()) {
        const t = q.shift()!;
        t.queued = false;
        this.poll(t);
      }
    } while (this.#startPass());
  }

  #nextDeadline(): number | undefined {
    return this.timers.length === 0 ? undefined : Math.min(...this.timers.map((tm) => tm.deadline));
  }

  advance(ms: number): void {
    const target = this.now + ms;
    this.runUntilIdle();
    for (let next = this.#nextDeadline(); next !== undefined && next <= target; next = this.#nextDeadline()) {
      this.now = next;
      this.runUntilIdle();
    }
    this.now = target;
    this.runUntilIdle();
  }

  /** Returns "stall" when tasks remain that nothing can wake. */
  runToCompletion(): "done" | "stall" {
    for (;;) {
      this.runUntilIdle();
      if (this.tasks.every((t) => t.state !== "live")) return "done";
      const next = this.#nextDeadline();
      if (next === undefined) return "stall";
      this.now = next;
    }
  }
}

// ── the real system ──────────────────────────────────────────────────────────

interface Real {
  rt: Runtime;
  owners: Owner[];
  tasks: Task[];
  polls: number[];
  drops: number[];
}

function realFuture(steps: readonly Step[], real: Real, index: number): Future<void> {
  const body = future(function* () {
    for (const s of steps) {
      if (s.kind === "sleep") yield* sleep(s.ms);
      else if (s.kind === "yield") yield* yieldNow();
      else {
        let first = true;
        yield* pollFn((cx) => {
          if (!first) return Poll.Ready(undefined);
          first = false;
          if (s.kind === "spin") cx.waker.wake();
          return Poll.Pending;
        });
      }
    }
  });
  return pollFn(
    (cx) => {
      real.polls[index]!++;
      return body.poll(cx);
    },
    {
      onDrop: () => {
        real.drops[index]!++;
        body[Symbol.dispose]();
      },
    },
  );
}

function agree(model: Model, real: Real): void {
  const { rt } = real;
  expect(rt.trace.of("poll").map((e) => e.task)).toEqual(model.pollLog);
  expect(rt.now).toBe(model.now);
  expect(rt.pendingTimers).toBe(model.timers.length);
  expect(rt.liveTasks().map((t) => t.id)).toEqual(model.tasks.filter((t) => t.state === "live").map((t) => t.id));
  model.tasks.forEach((m, i) => {
    const t = real.tasks[i]!;
    const state = m.state === "ready" ? "ready" : m.state === "cancelled" ? "cancelled" : m.queued ? "queued" : "idle";
    expect({
      id: t.id,
      state: t.state,
      paused: t.paused(),
      finished: t.finished(),
      polls: real.polls[i],
      drops: real.drops[i],
    }).toEqual({
      id: m.id,
      state,
      paused: m.state === "live" && m.paused,
      finished: m.state !== "live",
      polls: m.polls,
      drops: m.state === "live" ? 0 : 1,
    });
  });
}

// ── commands ─────────────────────────────────────────────────────────────────

type Cmd = fc.Command<Model, Real>;

class Spawn implements Cmd {
  constructor(
    readonly owner: number,
    readonly steps: readonly Step[],
  ) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const i = real.tasks.length;
    real.polls.push(0);
    real.drops.push(0);
    real.tasks.push(real.rt.spawnIn(real.owners[this.owner]!, realFuture(this.steps, real, i)));
    model.spawn(this.owner, this.steps);
    agree(model, real);
  }
  toString = () =>
    `spawn(owner ${OWNERS[this.owner]!.id}, [${this.steps.map((s) => (s.kind === "sleep" ? `sleep ${s.ms}` : s.kind)).join(", ")}])`;
}

type TaskOp = "wake" | "pause" | "resume" | "cancel" | "pollNow";

class OnTask implements Cmd {
  constructor(
    readonly op: TaskOp,
    readonly pick: number,
  ) {}
  check = (model: Readonly<Model>) => model.tasks.length > 0;
  run(model: Model, real: Real): void {
    const i = this.pick % model.tasks.length;
    const m = model.tasks[i]!;
    const t = real.tasks[i]!;
    switch (this.op) {
      case "wake":
        t.wake();
        model.wake(m);
        break;
      case "pause":
        t.pause();
        model.pause(m);
        break;
      case "resume":
        t.resume();
        model.resume(m);
        break;
      case "cancel":
        t.cancel();
        model.cancel(m);
        break;
      case "pollNow":
        expect(t.pollNow().ready).toBe(model.pollNow(m));
        break;
    }
    agree(model, real);
  }
  toString = () => `${this.op}(task index ${this.pick})`;
}

class RunUntilIdle implements Cmd {
  check = () => true;
  run(model: Model, real: Real): void {
    real.rt.runUntilIdle();
    model.runUntilIdle();
    agree(model, real);
  }
  toString = () => "runUntilIdle()";
}

class Advance implements Cmd {
  constructor(readonly ms: number) {}
  check = () => true;
  run(model: Model, real: Real): void {
    real.rt.advance(this.ms);
    model.advance(this.ms);
    agree(model, real);
  }
  toString = () => `advance(${this.ms})`;
}

class RunToCompletion implements Cmd {
  check = () => true;
  run(model: Model, real: Real): void {
    let outcome = "done";
    try {
      real.rt.runToCompletion();
    } catch (e) {
      outcome = e instanceof LearnerError && e.kind === "Stall" ? "stall" : String(e);
    }
    expect(outcome).toBe(model.runToCompletion());
    agree(model, real);
  }
  toString = () => "runToCompletion()";
}

const commands = [
  fc.tuple(fc.nat(OWNERS.length - 1), fc.array(stepArb, { maxLength: 4 })).map(([o, s]) => new Spawn(o, s)),
  fc
    .tuple(fc.constantFrom<TaskOp>("wake", "pause", "resume", "cancel", "pollNow"), fc.nat())
    .map(([op, p]) => new OnTask(op, p)),
  fc.constant(new RunUntilIdle()),
  fc.nat(15).map((ms) => new Advance(ms)),
  fc.constant(new RunToCompletion()),
];

describe("the executor against its model (docs/runtime-model.md, Tasks and the executor)", () => {
  it("agrees on states, poll counts, drop counts, poll order, clock and timers after every command", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const setup = () => {
          const rt = new Runtime({ sites: false });
          const owners: Owner[] = OWNERS.map((o) => (o.id === 0 ? rt.root : { ...o, name: `scope${o.id}` }));
          return { model: new Model(), real: { rt, owners, tasks: [], polls: [], drops: [] } satisfies Real };
        };
        fc.modelRun(setup, cmds);
      }),
      { numRuns: 200 },
    );
  });
});
