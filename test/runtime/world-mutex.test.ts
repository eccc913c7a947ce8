/**
 * The async mutex (runtime/world/mutex.ts): FIFO fair hand-over, cancelled
 * waiters losing their place, guards held across awaits without lost
 * updates, and deadlocks explained by the stall report.
 */
import { describe, expect, it } from "vitest";
import { Mutex, button, future, sleep, useHook, type Task } from "../../runtime/index.ts";
import { Runtime, render } from "../../runtime/testing.ts";
import { caught } from "./support/errors.ts";
import { fc, prop } from "./support/prop.ts";

interface Locker {
  /** When it asks for the lock. */
  at: number;
  /** How long it holds it (across an await). */
  hold: number;
  /** When it is cancelled, if ever. */
  cancelAt: number | undefined;
}

/**
 * Spawns one task per locker: sleep until `at`, lock, read the counter, hold
 * for `hold` ms, write counter + 1, release (by `using`). Logs acquisitions
 * and releases as [index, time].
 */
function lockers(rt: Runtime, m: Mutex<number>, plan: readonly Locker[]) {
  const acquired: [number, number][] = [];
  const released: [number, number][] = [];
  let holders = 0;
  let most = 0;
  const tasks: Task[] = plan.map((p, i) =>
    rt.spawn(
      future(function* () {
        yield* sleep(p.at);
        using g = yield* m.lock();
        acquired.push([i, rt.now]);
        most = Math.max(most, ++holders);
        using _ = { [Symbol.dispose]: () => (holders--, released.push([i, rt.now])) };
        const v = g.value;
        yield* sleep(p.hold);
        g.value = v + 1;
      }),
      { label: `locker ${i}` },
    ),
  );
  return { acquired, released, tasks, most: () => most };
}

/** Cancels each locker at its cancel time; lockers cancelled at the same time go in queue order (holder first). */
function runWithCancels(rt: Runtime, plan: readonly Locker[], tasks: readonly Task[]): void {
  const cancels = plan
    .flatMap((p, i) => (p.cancelAt === undefined ? [] : [{ t: p.cancelAt, at: p.at, i }]))
    .sort((a, b) => a.t - b.t || a.at - b.at || a.i - b.i);
  for (const c of cancels) {
    rt.advanceTo(c.t);
    tasks[c.i]!.cancel();
  }
  rt.runToCompletion();
}

/**
 * The model: waiters are served in the order they asked (time, then spawn
 * order); the lock goes to the next one the instant it is released; a waiter
 * cancelled before its turn never gets it; a holder cancelled releases then.
 */
function model(plan: readonly Locker[]): { acquired: [number, number][]; released: [number, number][] } {
  const order = plan.map((p, i) => ({ ...p, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const acquired: [number, number][] = [];
  const released: [number, number][] = [];
  let free = 0;
  for (const p of order) {
    if (p.cancelAt !== undefined && p.cancelAt < p.at) continue; // cancelled before it even asked
    const grant = Math.max(p.at, free);
    if (p.cancelAt !== undefined && p.cancelAt < grant) continue; // cancelled while queued: it leaves the queue
    const end = p.cancelAt !== undefined && p.cancelAt < grant + p.hold ? p.cancelAt : grant + p.hold;
    acquired.push([p.i, grant]);
    released.push([p.i, end]);
    free = end;
  }
  return { acquired, released };
}

describe("fairness", () => {
  const plan = fc.array(fc.record({ at: fc.nat(30), hold: fc.nat(20), cancelAt: fc.constant(undefined) }), {
    minLength: 1,
    maxLength: 7,
  });

  prop([plan], { numRuns: 100 })(
    "the lock goes to waiters in the order they asked, each the instant the previous holder releases it, and no update is lost",
    (plan) => {
      const rt = new Runtime();
      const m = new Mutex(0, "counter");
      const { acquired, released, most } = lockers(rt, m, plan);
      rt.runToCompletion();
      const expected = model(plan);
      expect(acquired).toEqual(expected.acquired);
      expect(released.sort((a, b) => a[1] - b[1] || 0)).toEqual(expected.released.sort((a, b) => a[1] - b[1] || 0));
      expect(most(), "never two holders at once").toBe(1);
      expect(m.locked).toBe(false);
      const g = m.tryLock()!;
      expect(g.value, "read-modify-write across an await, under the lock, loses nothing").toBe(plan.length);
      g[Symbol.dispose]();
    },
  );

  prop(
    [
      fc.array(fc.record({ at: fc.nat(20), hold: fc.nat(15), cancelAt: fc.option(fc.nat(60), { nil: undefined }) }), {
        minLength: 1,
        maxLength: 7,
      }),
    ],
    { numRuns: 150 },
  )(
    "a waiter cancelled while queued leaves the queue and never gets the lock, a holder cancelled passes it on, and the others keep their order",
    (plan) => {
      const rt = new Runtime();
      const m = new Mutex(0, "queue");
      const { acquired, released, tasks } = lockers(rt, m, plan);
      runWithCancels(rt, plan, tasks);
      const expected = model(plan);
      expect(acquired).toEqual(expected.acquired);
      expect([...released].sort((a, b) => a[0] - b[0])).toEqual([...expected.released].sort((a, b) => a[0] - b[0]));
      expect(m.locked).toBe(false);
      expect(m.waiting).toBe(0);
      const cancelledWhileQueued = plan.filter(
        (p, i) => p.cancelAt !== undefined && p.cancelAt >= p.at && !expected.acquired.some(([j]) => j === i),
      ).length;
      expect(rt.trace.of("lock-cancelled")).toHaveLength(cancelledWhileQueued);
    },
  );

  it("a waiter handed the lock but dropped before it took it passes the lock on to the next one", () => {
    const rt = new Runtime();
    const m = new Mutex("v", "handover");
    const first = rt.enter(() => m.tryLock()!);
    const got: string[] = [];
    const waiter = (name: string) =>
      rt.spawn(
        future(function* () {
          using _g = yield* m.lock();
          got.push(name);
        }),
        { label: name },
      );
    const a = waiter("a");
    waiter("b");
    rt.runUntilIdle();
    expect(m.waiting).toBe(2);
    rt.enter(() => first[Symbol.dispose]()); // hands the lock to "a", which has not run yet
    a.cancel();
    rt.runToCompletion();
    expect(got).toEqual(["b"]);
    expect(m.locked).toBe(false);
  });

  it("lock() is lazy: building it does not join the queue", () => {
    const rt = new Runtime();
    const m = new Mutex(1);
    const later = rt.enter(() => m.lock());
    expect(m.locked).toBe(false);
    const g = m.tryLock();
    expect(g).toBeDefined();
    const t = rt.spawn(later);
    rt.runUntilIdle();
    expect(t.finished()).toBe(false);
    expect(m.waiting).toBe(1);
    g![Symbol.dispose]();
    rt.runUntilIdle();
    expect(t.finished()).toBe(true);
  });

  it("a guard cannot be used after it was released", () => {
    const m = new Mutex({ n: 1 }, "state");
    const g = m.tryLock()!;
    g[Symbol.dispose]();
    g[Symbol.dispose](); // a second release does nothing
    const e = caught(() => g.value);
    expect(e.kind).toBe("MutexGuardReleased");
    expect(e.message).toContain('A guard of mutex "state" was used after it was released.');
    expect(m.locked).toBe(false);
  });
});

describe("deadlocks", () => {
  it("two tasks each waiting for the mutex the other holds stall, and the report names each mutex, its holder and the cycle", () => {
    const rt = new Runtime();
    const a = new Mutex(0, "A");
    const b = new Mutex(0, "B");
    const crossing = (first: Mutex<number>, second: Mutex<number>) =>
      future(function* () {
        using _1 = yield* first.lock();
        yield* sleep(5);
        using _2 = yield* second.lock();
      });
    rt.spawn(crossing(a, b), { label: "left" });
    rt.spawn(crossing(b, a), { label: "right" });
    const e = caught(() => rt.runToCompletion());
    expect(e.kind).toBe("Stall");
    expect(e.details).toEqual([
      expect.stringContaining(
        'waiting on async block → mutex "B", held by task #2 "right" — a deadlock: #2 waits for mutex "A", held by task #1 "left"',
      ),
      expect.stringContaining(
        'waiting on async block → mutex "A", held by task #1 "left" — a deadlock: #1 waits for mutex "B", held by task #2 "right"',
      ),
    ]);
    expect(rt.trace.of("lock-wait").map((e) => [e.task, e.detail])).toEqual([
      [1, 'mutex "B", held by task #2 "right"'],
      [2, 'mutex "A", held by task #1 "left"'],
    ]);
  });

  it("a task that ends without releasing its guard leaves the next waiter stuck, and the report says who forgot", () => {
    const rt = new Runtime();
    const m = new Mutex(0, "saves");
    rt.spawn(
      future(function* () {
        const g = yield* m.lock(); // no `using`: never released
        g.value++;
      }),
      { label: "forgetful" },
    );
    rt.spawn(
      future(function* () {
        using _g = yield* m.lock();
      }),
      { label: "next" },
    );
    const e = caught(() => rt.runToCompletion());
    expect(e.details).toEqual([
      expect.stringContaining(
        'waiting on async block → mutex "saves", held by task #1 "forgetful", which ended without releasing it',
      ),
    ]);
  });

  it("locking a mutex the task already holds is reported as a deadlock with itself", () => {
    const rt = new Runtime();
    const m = new Mutex(0, "once");
    rt.spawn(
      future(function* () {
        using _a = yield* m.lock();
        using _b = yield* m.lock();
      }),
      { label: "twice" },
    );
    const e = caught(() => rt.runToCompletion());
    expect(e.details[0]).toContain("a deadlock: this task already holds it (an async mutex is not re-entrant)");
  });
});

describe("a lock taken in an async handler's first segment", () => {
  it("belongs to the handler's task, so a stall report names that task as the holder that never released it", () => {
    function Saver() {
      const m = useHook(() => new Mutex(0, "saves"));
      return button(
        {
          onclick: () =>
            future(function* save() {
              // Forgot `using`: the guard is never released.
              const g = yield* m.lock();
              g.value += 1;
            }),
        },
        "save",
      );
    }
    const app = render(Saver);
    const first = app.click({ role: "button" });
    expect(first).toBeUndefined(); // the first save finished inside the click: no task left to finish it
    const second = app.click({ role: "button" })!;
    const report = caught(() => app.runToCompletion());
    expect(report.kind).toBe("Stall");
    expect(report.message).toContain(`task ${second}`);
    expect(report.message).toMatch(/held by task #1 .*which ended without releasing it/);
  });
});
