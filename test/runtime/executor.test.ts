/**
 * The executor: spawning, ownership, the run queues, and the Task handle's
 * wake / pause / resume / cancel / pollNow, as Dioxus's tasks.rs and
 * scheduler.rs define them.
 */
import { describe, expect, it } from "vitest";
import {
  Poll,
  future,
  pollFn,
  sleep,
  spawn,
  spawnForever,
  yieldNow,
  dropGuard,
  type Context,
  type Task,
} from "../../runtime/index.ts";
import { Runtime, type Owner } from "../../runtime/testing.ts";
import type { RenderWork } from "../../runtime/executor.ts";
import { compareScopes, insertInScopeOrder } from "../../runtime/scheduler.ts";
import { fc, prop } from "./support/prop.ts";

/** A future that records each poll in `log` and stays Pending until `release()`; never wakes itself. */
function gate(name: string, log: string[]) {
  let open = false;
  let waker: Context["waker"] | undefined;
  const fut = pollFn(
    (cx) => {
      log.push(name);
      waker = cx.waker;
      return open ? Poll.Ready(name) : Poll.Pending;
    },
    { label: name },
  );
  return {
    fut,
    release() {
      open = true;
    },
    /** Wakes through the waker the future was last polled with, as a timer or socket would. */
    wakeStored() {
      waker?.wake();
    },
  };
}

const polls = (rt: Runtime, task: Task) => rt.trace.forTask(task.id).filter((e) => e.kind === "poll").length;

describe("spawn", () => {
  prop([fc.integer({ min: 1, max: 10 })], { numRuns: 20 })(
    "spawn does not poll: the first poll happens in a later driver call (Dioxus only queues a TaskNotified message)",
    (n) => {
      const rt = new Runtime();
      const log: string[] = [];
      const tasks = rt.enter(() => Array.from({ length: n }, (_, i) => spawn(gate(`t${i}`, log).fut)));
      expect(log).toEqual([]);
      expect(rt.trace.of("poll")).toEqual([]);
      expect(tasks.every((t) => !t.finished())).toBe(true);
      rt.runUntilIdle();
      expect(log).toEqual(tasks.map((_, i) => `t${i}`));
    },
  );

  it("a task spawned inside another task's poll is first polled after that poll returns", () => {
    const rt = new Runtime();
    const log: string[] = [];
    rt.spawn(
      future(function* () {
        spawn(
          future(function* () {
            log.push("child runs");
          }),
        );
        log.push("parent goes on after spawn");
        yield* yieldNow();
        log.push("parent resumes");
      }),
    );
    rt.runUntilIdle();
    expect(log).toEqual(["parent goes on after spawn", "child runs", "parent resumes"]);
  });

  prop([fc.array(fc.constantFrom("spawn", "spawn from a task", "cancel", "run"), { maxLength: 40 })], { numRuns: 60 })(
    "task ids start at 1 and strictly increase over any sequence of spawns and cancels: an id is never reused",
    (ops) => {
      const rt = new Runtime({ sites: false });
      const ids: number[] = [];
      const tasks: Task[] = [];
      for (const op of ops) {
        if (op === "spawn")
          tasks.push(
            rt.spawn(
              future(function* () {
                yield* sleep(1);
              }),
            ),
          );
        else if (op === "spawn from a task")
          tasks.push(
            rt.spawn(
              future(function* () {
                ids.push(spawn(future(function* () {})).id);
              }),
            ),
          );
        else if (op === "cancel") tasks.at(-1)?.cancel();
        else rt.runUntilIdle();
        if (op.startsWith("spawn")) ids.push(tasks.at(-1)!.id);
      }
      rt.runToCompletion();
      const all = rt.trace.of("spawn").map((e) => e.task!);
      expect(all).toEqual(all.map((_, i) => i + 1));
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it("a nested spawn belongs to the spawning task's owner; spawnForever belongs to the root (Dioxus: the task's scope is current in its poll)", () => {
    const rt = new Runtime();
    const scope: Owner = { id: 4, height: 2, name: "Child" };
    let nested: Task | undefined;
    let forever: Task | undefined;
    rt.spawnIn(
      scope,
      future(function* () {
        nested = spawn(future(function* () {}));
        forever = spawnForever(future(function* () {}));
      }),
    );
    rt.runUntilIdle();
    expect(nested!.owner).toBe(scope);
    expect(forever!.owner).toBe(rt.root);
    expect(rt.enter(() => spawn(future(function* () {}))).owner).toBe(rt.root);
  });

  it("cancelling a task does not cancel the tasks it spawned (Dioxus tasks.rs)", () => {
    const rt = new Runtime();
    let child: Task<string> | undefined;
    const parent = rt.spawn(
      future(function* () {
        child = spawn(
          future(function* () {
            yield* sleep(10);
            return "child done";
          }),
        );
        yield* sleep(1000);
      }),
    );
    rt.runUntilIdle();
    parent.cancel();
    rt.runToCompletion();
    expect(child!.output).toBe("child done");
    expect(rt.now).toBe(10);
  });
});

describe("wake", () => {
  prop([fc.integer({ min: 1, max: 20 })], { numRuns: 20 })(
    "waking a task k times while it is queued polls it once: wakes are de-duplicated while queued",
    (k) => {
      const rt = new Runtime();
      const log: string[] = [];
      const g = gate("g", log);
      const task = rt.spawn(g.fut);
      rt.runUntilIdle();
      for (let i = 0; i < k; i++) {
        task.wake();
        g.wakeStored();
      }
      rt.runUntilIdle();
      expect(log).toEqual(["g", "g"]);
      expect(rt.trace.of("wake")).toHaveLength(1);
    },
  );

  it("wakes for a task that finished or was cancelled are ignored: no poll, no trace entry", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const done = gate("done", log);
    const gone = gate("gone", log);
    const a = rt.spawn(done.fut);
    const b = rt.spawn(gone.fut);
    rt.runUntilIdle();
    done.release();
    a.wake();
    rt.runUntilIdle();
    b.cancel();
    const traced = rt.trace.entries.length;
    for (const w of [() => a.wake(), () => b.wake(), done.wakeStored, gone.wakeStored]) w();
    rt.runUntilIdle();
    expect(log).toEqual(["done", "gone", "done"]);
    expect(rt.trace.entries.length).toBe(traced);
  });
});

describe("pause and resume (Dioxus Task::pause / Task::resume)", () => {
  it("a wake while paused is swallowed (Dioxus tasks.rs: a paused task's wakeup is ignored), and resume polls it once", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const g = gate("g", log);
    const task = rt.spawn(g.fut);
    rt.runUntilIdle();
    task.pause();
    expect(task.paused()).toBe(true);
    task.wake();
    g.wakeStored();
    rt.runUntilIdle();
    expect(log).toEqual(["g"]);
    expect(rt.trace.of("wake").map((e) => e.detail)).toEqual([
      "swallowed: the task is paused",
      "swallowed: the task is paused",
    ]);
    task.resume();
    expect(task.paused()).toBe(false);
    rt.runUntilIdle();
    expect(log).toEqual(["g", "g"]);
  });

  it("a timer that fires while its task is paused is swallowed too; resume then finds the sleep over", () => {
    const rt = new Runtime();
    const task = rt.spawn(
      future(function* () {
        yield* sleep(10);
        return rt.now;
      }),
    );
    rt.runUntilIdle();
    task.pause();
    rt.advance(30);
    expect(task.finished()).toBe(false);
    expect(polls(rt, task)).toBe(1);
    task.resume();
    rt.runUntilIdle();
    expect(task.output).toBe(30);
  });

  it("pausing a queued task takes it out of the queue: it is not polled until resumed", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const task = rt.spawn(gate("g", log).fut);
    task.pause();
    rt.runUntilIdle();
    expect(log).toEqual([]);
    task.resume();
    task.resume();
    rt.runUntilIdle();
    expect(log).toEqual(["g"]);
  });

  it("resume re-queues only on a paused → active change: resuming an active task polls nothing", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const task = rt.spawn(gate("g", log).fut);
    rt.runUntilIdle();
    task.resume();
    rt.runUntilIdle();
    expect(log).toEqual(["g"]);
    expect(rt.trace.of("resume")).toEqual([]);
    task.pause();
    task.pause();
    task.resume();
    task.resume();
    rt.runUntilIdle();
    expect(log).toEqual(["g", "g"]);
    expect(rt.trace.of("pause", "resume").map((e) => e.kind)).toEqual(["pause", "resume"]);
  });

  it("paused() is false once the task has finished or been cancelled, even if it was paused", () => {
    const rt = new Runtime();
    const a = rt.spawn(
      future(function* () {
        yield* sleep(5);
      }),
    );
    const b = rt.spawn(future(function* () {}));
    rt.runUntilIdle();
    a.pause();
    expect(a.paused()).toBe(true);
    a.cancel();
    expect(a.paused()).toBe(false);
    expect(b.finished()).toBe(true);
    b.pause();
    expect(b.paused()).toBe(false);
    expect(rt.trace.of("pause")).toHaveLength(1);
  });
});

describe("pollNow (Dioxus Task::poll_now)", () => {
  it("polls the task synchronously, inside the call, and reports what the future returned", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const g = gate("g", log);
    const task = rt.spawn(g.fut);
    expect(task.pollNow()).toEqual(Poll.Pending);
    expect(log).toEqual(["g"]);
    g.release();
    expect(task.pollNow()).toEqual(Poll.Ready(undefined));
    expect(log).toEqual(["g", "g"]);
    expect(task.output).toBe("g");
    rt.runUntilIdle();
    expect(log).toEqual(["g", "g"]);
  });

  it("is Ready without polling for a task that finished or was cancelled, and Pending without polling for a paused one", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const a = rt.spawn(gate("a", log).fut);
    const b = rt.spawn(gate("b", log).fut);
    const c = rt.spawn(pollFn(() => (log.push("c"), Poll.Ready(1))));
    rt.runUntilIdle();
    a.cancel();
    b.pause();
    expect(a.pollNow()).toEqual(Poll.Ready(undefined));
    expect(b.pollNow()).toEqual(Poll.Pending);
    expect(c.pollNow()).toEqual(Poll.Ready(undefined));
    expect(log).toEqual(["a", "b", "c"]);
  });

  it("runs the poll inside the runtime: a spawn made during it finds the runtime and the task's owner", () => {
    const rt = new Runtime();
    const scope: Owner = { id: 2, height: 1, name: "Comp" };
    let child: Task | undefined;
    const task = rt.spawnIn(
      scope,
      future(function* () {
        child = spawn(future(function* () {}));
      }),
    );
    task.pollNow();
    expect(child!.owner).toBe(scope);
  });
});

describe("cancel (Dioxus Task::cancel drops the future synchronously)", () => {
  it("drops the future inside the call: its finalizers have run when cancel returns, and it is never polled again", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const task = rt.spawn(
      future(function* () {
        using _g = dropGuard(() => log.push("guard"), "guard");
        log.push("polled");
        yield* sleep(10);
        log.push("after sleep");
      }),
    );
    rt.runUntilIdle();
    task.cancel();
    expect(log).toEqual(["polled", "guard"]);
    rt.runToCompletion();
    rt.advance(100);
    task.wake();
    rt.runUntilIdle();
    expect(log).toEqual(["polled", "guard"]);
    expect(rt.trace.forTask(task.id).map((e) => e.kind)).toEqual([
      "spawn",
      "poll",
      "timer-set",
      "pending",
      "cancel",
      "drop",
      "finalizer",
    ]);
  });

  it("a queued task cancelled before its first poll is never polled", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const task = rt.spawn(gate("g", log).fut);
    task.cancel();
    rt.runUntilIdle();
    expect(log).toEqual([]);
    expect(task.finished()).toBe(true);
  });

  it("a task cancelling itself inside its poll is dropped when that poll returns, not before; its finalizers then run", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const task: Task = rt.spawn(
      future(function* () {
        using _g = dropGuard(() => log.push("guard"), "guard");
        try {
          task.cancel();
          log.push("still running after cancel()");
          yield* pollFn((cx) => {
            cx.waker.wake();
            return Poll.Pending;
          });
          log.push("never resumed");
        } finally {
          log.push("finally");
        }
      }),
    );
    rt.runUntilIdle();
    expect(log).toEqual(["still running after cancel()", "finally", "guard"]);
    expect(polls(rt, task)).toBe(1);
    expect(rt.trace.forTask(task.id).map((e) => e.kind)).toEqual([
      "spawn",
      "poll",
      "wake",
      "pending",
      "cancel",
      "drop",
      "finalizer",
    ]);
  });

  it("a task cancelled by another task during that task's poll is dropped at once, with its finalizers attributed to it", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const victim = rt.spawn(
      future(function* () {
        using _g = dropGuard(() => log.push("victim guard"), "victim guard");
        yield* sleep(100);
      }),
    );
    rt.spawn(
      future(function* () {
        yield* sleep(1);
        victim.cancel();
        log.push("after cancel");
      }),
    );
    rt.runToCompletion();
    expect(log).toEqual(["victim guard", "after cancel"]);
    const finalizer = rt.trace.of("finalizer")[0]!;
    expect(finalizer.task).toBe(victim.id);
    expect(rt.now).toBe(1);
  });
});

describe("run queues: FIFO per owner, owners visited by (height, id) (Dioxus scheduler.rs)", () => {
  const owners = fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 40 }), height: fc.nat(4) }), {
    minLength: 1,
    maxLength: 5,
    selector: (o) => o.id,
  });

  prop([owners, fc.array(fc.nat(), { minLength: 1, maxLength: 25 })], { numRuns: 80 })(
    "tasks run owner by owner, nearest the root first (lower height, then lower id), each owner's tasks in spawn order",
    (specs, picks) => {
      const rt = new Runtime({ sites: false });
      const os: Owner[] = specs.map((s) => ({ ...s, name: `scope${s.id}` }));
      const log: number[] = [];
      const spawned = picks.map((p, i) => {
        const owner = os[p % os.length]!;
        rt.spawnIn(
          owner,
          pollFn(() => (log.push(i), Poll.Ready(i))),
        );
        return { i, owner };
      });
      rt.runUntilIdle();
      const expected = spawned
        .slice()
        .sort((a, b) => a.owner.height - b.owner.height || a.owner.id - b.owner.id || a.i - b.i)
        .map((s) => s.i);
      expect(log).toEqual(expected);
    },
  );

  prop([fc.integer({ min: 1, max: 6 }), fc.nat()], { numRuns: 40 })(
    "a task that wakes itself during its poll goes to the back of its owner's queue",
    (n, pick) => {
      const rt = new Runtime({ sites: false });
      const waker = pick % n;
      const log: number[] = [];
      for (let i = 0; i < n; i++) {
        let first = true;
        rt.spawn(
          pollFn((cx) => {
            log.push(i);
            if (i === waker && first) {
              first = false;
              cx.waker.wake();
              return Poll.Pending;
            }
            return Poll.Ready(i);
          }),
        );
      }
      rt.runUntilIdle();
      expect(log).toEqual([...Array.from({ length: n }, (_, i) => i), waker]);
    },
  );

  it("a self-waking task of an earlier owner runs again before any task of a deeper owner", () => {
    const rt = new Runtime();
    const top: Owner = { id: 1, height: 0, name: "App" };
    const deep: Owner = { id: 2, height: 3, name: "Leaf" };
    const log: string[] = [];
    rt.spawnIn(
      deep,
      pollFn(() => (log.push("deep"), Poll.Ready(0))),
    );
    let left = 2;
    rt.spawnIn(
      top,
      pollFn((cx) => {
        log.push("top");
        if (left-- === 0) return Poll.Ready(0);
        cx.waker.wake();
        return Poll.Pending;
      }),
    );
    rt.runUntilIdle();
    expect(log).toEqual(["top", "top", "top", "deep"]);
  });

  it("a task woken by another task joins the back of its owner's queue, behind tasks already queued", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const idle = gate("idle", log);
    const sleeper = rt.spawn(idle.fut);
    rt.runUntilIdle();
    rt.spawn(pollFn(() => (log.push("waker"), sleeper.wake(), Poll.Ready(0))));
    rt.spawn(pollFn(() => (log.push("queued before the wake"), Poll.Ready(0))));
    rt.runUntilIdle();
    expect(log).toEqual(["idle", "waker", "queued before the wake", "idle"]);
    expect(rt.trace.of("wake")[0]!.detail).toBe("by #2");
  });
});

describe("scope order (Dioxus scheduler.rs ScopeOrder): one comparator for queues, dirty scopes and effects", () => {
  prop([fc.array(fc.record({ height: fc.nat(3), id: fc.nat(5) }), { maxLength: 30 })], { numRuns: 100 })(
    "inserting one by one keeps the list in (height, id) order, and entries of the same scope in insertion order",
    (keys) => {
      const xs: { height: number; id: number; n: number }[] = [];
      keys.forEach((k, n) => insertInScopeOrder(xs, { ...k, n }, (x) => x));
      const expected = keys.map((k, n) => ({ ...k, n })).sort((a, b) => compareScopes(a, b) || a.n - b.n);
      expect(xs, "scope order, then first come first served").toEqual(expected);
    },
  );
});

describe("renders and tasks share one pass (Dioxus scheduler.rs pop_work)", () => {
  const byOrder = (a: Owner, b: Owner) => a.height - b.height || a.id - b.id;

  /** A stand-in for the Dioxus layer: a set of dirty scopes, and `effects` batches of effects waiting. */
  function fakeRenderWork(log: string[], dirty: Set<Owner>, effects = 0): RenderWork {
    return {
      firstDirty: () => [...dirty].sort(byOrder)[0],
      render(owner) {
        log.push(`render ${owner.id}`);
        dirty.delete(owner);
      },
      runEffects() {
        if (effects === 0) return false;
        effects--;
        log.push("effects");
        return true;
      },
    };
  }

  const owners = fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 30 }), height: fc.nat(3) }), {
    minLength: 1,
    maxLength: 5,
    selector: (o) => o.id,
  });

  prop([owners, fc.array(fc.nat(), { maxLength: 12 }), fc.array(fc.boolean(), { maxLength: 5 })], { numRuns: 80 })(
    "a dirty scope re-renders before a task only when it is strictly nearer the root by (height, id); tasks at or above it go first; effects run last",
    (specs, picks, dirtyFlags) => {
      const rt = new Runtime({ sites: false });
      const os: Owner[] = specs.map((s) => ({ ...s, name: `scope${s.id}` }));
      const log: string[] = [];
      const dirty = new Set(os.filter((_, i) => dirtyFlags[i]));
      const tasks = picks.map((p, i) => ({ i, owner: os[p % os.length]! }));
      for (const t of tasks)
        rt.spawnIn(
          t.owner,
          pollFn(() => (log.push(`task ${t.i}`), Poll.Ready(0))),
        );
      const renders = [...dirty].sort(byOrder);
      rt.renderWork = fakeRenderWork(log, dirty, 1);
      rt.runUntilIdle();

      const queued = tasks.slice().sort((a, b) => byOrder(a.owner, b.owner) || a.i - b.i);
      const expected: string[] = [];
      while (queued.length > 0 || renders.length > 0) {
        const r = renders[0];
        const t = queued[0];
        if (r !== undefined && (t === undefined || byOrder(r, t.owner) < 0))
          expected.push(`render ${renders.shift()!.id}`);
        else expected.push(`task ${queued.shift()!.i}`);
      }
      expect(log).toEqual([...expected, "effects"]);
    },
  );

  it("effects wait until no task is queued and nothing is dirty, even work queued by the tasks themselves", () => {
    const rt = new Runtime({ sites: false });
    const log: string[] = [];
    const scope: Owner = { id: 1, height: 1, name: "App" };
    const dirty = new Set<Owner>();
    rt.renderWork = fakeRenderWork(log, dirty, 1);
    rt.spawnIn(
      scope,
      future(function* () {
        log.push("a");
        dirty.add(scope);
        let first = true;
        spawn(
          pollFn((cx) => {
            log.push(first ? "b" : "b again");
            if (!first) return Poll.Ready(0);
            first = false;
            cx.waker.wake();
            return Poll.Pending;
          }),
        );
      }),
    );
    rt.runUntilIdle();
    // b's scope is dirty but not strictly earlier than b's own queue, so b runs first, twice; then the render, then effects.
    expect(log).toEqual(["a", "b", "b again", "render 1", "effects"]);
  });

  it("a spawn during a render belongs to the scope being rendered (withOwner)", () => {
    const rt = new Runtime();
    const scope: Owner = { id: 7, height: 2, name: "Profile" };
    const task = rt.enter(() => rt.withOwner(scope, () => spawn(future(function* () {}))));
    expect(task.owner).toBe(scope);
    expect(rt.currentOwner).toBe(rt.root);
  });
});

describe("panics (Dioxus does not catch a panic in a task, issue #632)", () => {
  it("an error thrown by a task ends only that task: its future is dropped, the driver rethrows, and other tasks go on", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const bad = rt.spawn(
      future(function* () {
        using _g = dropGuard(() => log.push("bad guard"), "bad guard");
        yield* sleep(1);
        throw new Error("boom");
      }),
    );
    const good = rt.spawn(
      future(function* () {
        yield* sleep(2);
        return "good";
      }),
    );
    expect(() => rt.runToCompletion()).toThrow(/panicked: boom/);
    expect(log).toEqual(["bad guard"]);
    expect(bad.finished()).toBe(true);
    expect(bad.pollNow()).toEqual(Poll.Ready(undefined));
    rt.runToCompletion();
    expect(good.output).toBe("good");
    expect(rt.trace.of("panic").map((e) => [e.task, e.detail])).toEqual([
      [bad.id, `Task #1 "${bad.label}" (spawned at ${bad.spawnedAt}) panicked: boom`],
    ]);
  });
});

describe("dropping the runtime", () => {
  it("drops every live task, spawnForever ones included, and refuses later spawns", () => {
    const rt = new Runtime();
    const log: string[] = [];
    const scope: Owner = { id: 3, height: 1, name: "C" };
    rt.spawnIn(
      scope,
      future(function* () {
        using _g = dropGuard(() => log.push("scoped"));
        yield* sleep(10);
      }),
    );
    rt.spawnForever(
      future(function* () {
        using _g = dropGuard(() => log.push("forever"));
        yield* sleep(10);
      }),
    );
    rt.runUntilIdle();
    rt[Symbol.dispose]();
    expect(log.slice().sort()).toEqual(["forever", "scoped"]);
    expect(rt.liveTasks()).toEqual([]);
    expect(() => rt.spawn(future(function* () {}))).toThrow(
      /spawn was called on a runtime that has already been dropped/,
    );
  });
});
