/**
 * Virtual time: the timer heap, sleep, advance/advanceTo, the jumps of
 * runToCompletion, and yieldNow (tokio's paused clock, `sleep`, `yield_now`).
 */
import { describe, expect, it } from "vitest";
import { Poll, future, pollFn, sleep, yieldNow, type Waker } from "../../runtime/index.ts";
import { Runtime } from "../../runtime/testing.ts";
import { TimerHeap } from "../../runtime/time.ts";
import { fc, prop } from "./support/prop.ts";

const noWaker: Waker = { wake() {} };

/** Spawns one task per delay; each logs `[index, now]` when its sleep completes. */
function sleepers(rt: Runtime, delays: readonly number[]): [number, number][] {
  const log: [number, number][] = [];
  delays.forEach((ms, i) =>
    rt.spawn(
      future(function* () {
        yield* sleep(ms);
        log.push([i, rt.now]);
      }),
    ),
  );
  return log;
}

/** Indices of `delays` sorted by delay, ties kept in index order. */
function byDeadline(delays: readonly number[]): [number, number][] {
  return delays.map((ms, i) => [i, ms] as [number, number]).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

describe("the timer heap", () => {
  const op = fc.oneof(
    fc.record({ push: fc.nat(20) }),
    fc.record({ clear: fc.nat(50) }),
    fc.record({ pop: fc.nat(25) }),
  );

  prop([fc.array(op, { maxLength: 120 })], { numRuns: 150 })(
    "pops live timers due by `now` in (deadline, insertion) order, skipping cleared ones",
    (ops) => {
      const heap = new TimerHeap();
      const model: { deadline: number; seq: number }[] = [];
      const timers: ReturnType<TimerHeap["push"]>[] = [];
      let seq = 0;
      for (const o of ops) {
        if ("push" in o) {
          timers.push(heap.push(o.push, noWaker, `t${seq}`));
          model.push({ deadline: o.push, seq: seq++ });
        } else if ("clear" in o) {
          const t = timers[o.clear];
          if (t === undefined) continue;
          heap.clear(t);
          const i = model.findIndex((m) => m.seq === t.seq);
          if (i >= 0) model.splice(i, 1);
        } else {
          model.sort((a, b) => a.deadline - b.deadline || a.seq - b.seq);
          const due: number[] = [];
          for (let t = heap.popDue(o.pop); t !== undefined; t = heap.popDue(o.pop)) due.push(t.seq);
          const expected = model.filter((m) => m.deadline <= o.pop).map((m) => m.seq);
          expect(due).toEqual(expected);
          model.splice(0, expected.length);
        }
        expect(heap.live).toBe(model.length);
        const earliest = Math.min(...model.map((m) => m.deadline));
        expect(heap.peekDeadline()).toBe(model.length === 0 ? undefined : earliest);
      }
    },
  );
});

describe("timers fire in deadline order", () => {
  prop([fc.array(fc.nat(6), { maxLength: 25 })], { numRuns: 60 })(
    "sleeps fire at their deadlines in deadline order, and equal deadlines in the order their timers were set",
    (delays) => {
      const rt = new Runtime({ sites: false });
      const log = sleepers(rt, delays);
      rt.runToCompletion();
      expect(log).toEqual(byDeadline(delays));
      expect(rt.now).toBe(Math.max(0, ...delays));
    },
  );

  it("a timer set later with an equal deadline fires later, even if the task that set it was spawned first", () => {
    const rt = new Runtime({ sites: false });
    const log: string[] = [];
    rt.spawn(
      future(function* () {
        yield* sleep(5); // first timer: t=5
        yield* sleep(5); // set at t=5, fires at t=10
        log.push("a");
      }),
    );
    rt.spawn(
      future(function* () {
        yield* sleep(10); // set at t=0, fires at t=10, before a's second timer
        log.push("b");
      }),
    );
    rt.runToCompletion();
    expect(log).toEqual(["b", "a"]);
  });
});

describe("advance and advanceTo move the clock and fire the timers on the way, each at its own time", () => {
  prop([fc.array(fc.nat(40), { maxLength: 12 }), fc.nat(50)], { numRuns: 60 })(
    "advance(ms) fires every timer due by now+ms at its own deadline, none later, and leaves the clock at now+ms",
    (delays, ms) => {
      const rt = new Runtime({ sites: false });
      const log = sleepers(rt, delays);
      rt.advance(ms);
      expect(log).toEqual(byDeadline(delays).filter(([, d]) => d <= ms));
      expect(rt.now).toBe(ms);
      expect(rt.pendingTimers).toBe(delays.filter((d) => d > ms && d > 0).length);
    },
  );

  prop(
    [fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 6 }), fc.array(fc.nat(20), { minLength: 1, maxLength: 6 })],
    { numRuns: 60 },
  )(
    "a task sleeping several times in a row wakes at each cumulative deadline, however the advance is split",
    (sleeps, steps) => {
      const rt = new Runtime({ sites: false });
      const wakes: number[] = [];
      rt.spawn(
        future(function* () {
          for (const ms of sleeps) {
            yield* sleep(ms);
            wakes.push(rt.now);
          }
        }),
      );
      let target = 0;
      for (const s of steps) {
        target += s;
        if (s % 2 === 0) rt.advance(s);
        else rt.advanceTo(target);
      }
      let t = 0;
      const expected = sleeps.map((ms) => (t += ms)).filter((w) => w <= target);
      expect(wakes).toEqual(expected);
      expect(rt.now).toBe(target);
    },
  );

  it("each clock move of advance is in the trace at the time it reached", () => {
    const rt = new Runtime({ sites: false });
    sleepers(rt, [30, 10]);
    rt.advance(50);
    expect(rt.trace.of("clock").map((e) => `${e.t}: ${e.detail}`)).toEqual([
      "10: 0 → 10 ms (advance)",
      "30: 10 → 30 ms (advance)",
      "50: 30 → 50 ms (advance)",
    ]);
  });
});

describe("runToCompletion jumps the clock when every task is idle (tokio's paused clock auto-advances)", () => {
  prop([fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 10 })], { numRuns: 50 })(
    "it jumps from one deadline to the next, records each jump in the trace, and stops at the last one",
    (delays) => {
      const rt = new Runtime({ sites: false });
      sleepers(rt, delays);
      rt.runToCompletion();
      const stops = [...new Set(delays)].sort((a, b) => a - b);
      const froms = [0, ...stops.slice(0, -1)];
      expect(rt.trace.of("jump").map((e) => [e.t, e.detail])).toEqual(
        stops.map((to, i) => [to, `${froms[i]} → ${to} ms (every task idle)`]),
      );
      expect(rt.now).toBe(stops.at(-1));
      expect(rt.liveTasks()).toEqual([]);
    },
  );

  it("it does not move the clock when no task needs a timer", () => {
    const rt = new Runtime({ sites: false });
    rt.spawn(
      future(function* () {
        yield* yieldNow();
      }),
    );
    rt.runToCompletion();
    expect(rt.now).toBe(0);
    expect(rt.trace.of("jump", "clock")).toEqual([]);
  });

  it("a timer of a cancelled sleep is removed: nothing waits for it and the clock does not jump to it", () => {
    const rt = new Runtime({ sites: false });
    const task = rt.spawn(
      future(function* () {
        yield* sleep(1000);
      }),
    );
    rt.runUntilIdle();
    expect(rt.pendingTimers).toBe(1);
    task.cancel();
    expect(rt.pendingTimers).toBe(0);
    rt.runToCompletion();
    expect(rt.now).toBe(0);
  });
});

describe("sleep", () => {
  it("a sleep created inside a runtime fixes its deadline at creation, not at its first poll (as tokio's sleep)", () => {
    const rt = new Runtime({ sites: false });
    const early = rt.enter(() => sleep(100));
    rt.advance(60);
    const task = rt.spawn(
      future(function* () {
        yield* early;
        return rt.now;
      }),
    );
    rt.runToCompletion();
    expect(task.output).toBe(100);
  });

  it("a sleep created outside any runtime takes its deadline from its first poll", () => {
    const rt = new Runtime({ sites: false });
    const outside = sleep(100);
    rt.advance(60);
    const task = rt.spawn(
      future(function* () {
        yield* outside;
        return rt.now;
      }),
    );
    rt.runToCompletion();
    expect(task.output).toBe(160);
  });

  it("a sleep whose deadline has already passed is Ready at its first poll and sets no timer", () => {
    const rt = new Runtime({ sites: false });
    const late = rt.enter(() => sleep(10));
    rt.advance(20);
    const task = rt.spawn(
      future(function* () {
        yield* late;
        yield* sleep(0);
        return "done";
      }),
    );
    rt.runUntilIdle();
    expect(task.output).toBe("done");
    expect(rt.trace.of("timer-set")).toEqual([]);
    expect(rt.trace.forTask(task.id).filter((e) => e.kind === "poll")).toHaveLength(1);
  });

  it("a task woken early by someone else is polled, stays pending on the same timer, and wakes at the deadline", () => {
    const rt = new Runtime({ sites: false });
    const task = rt.spawn(
      future(function* () {
        yield* sleep(50);
        return rt.now;
      }),
    );
    rt.runUntilIdle();
    rt.advance(10);
    task.wake();
    rt.runUntilIdle();
    expect(task.finished()).toBe(false);
    expect(rt.pendingTimers).toBe(1);
    rt.runToCompletion();
    expect(task.output).toBe(50);
    expect(rt.trace.of("timer-set")).toHaveLength(1);
  });
});

describe("yieldNow gives every other queued task a turn (tokio's yield_now)", () => {
  prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })], { numRuns: 40 })(
    "N tasks looping on yieldNow interleave round-robin",
    (n, rounds) => {
      const rt = new Runtime({ sites: false });
      const log: number[] = [];
      for (let i = 0; i < n; i++) {
        rt.spawn(
          future(function* () {
            for (let r = 0; r < rounds; r++) {
              log.push(i);
              yield* yieldNow();
            }
          }),
        );
      }
      rt.runUntilIdle();
      const expected = Array.from({ length: rounds }, () => Array.from({ length: n }, (_, i) => i)).flat();
      expect(log).toEqual(expected);
      expect(rt.now).toBe(0);
    },
  );

  it("a task queued after the yielding task runs before it continues, and yieldNow is polled exactly twice", () => {
    const rt = new Runtime({ sites: false });
    const log: string[] = [];
    rt.spawn(
      future(function* () {
        log.push("a1");
        const b = rt.spawn(
          future(function* () {
            log.push("b");
          }),
        );
        expect(b.finished()).toBe(false);
        yield* yieldNow();
        log.push("a2");
      }),
    );
    rt.runUntilIdle();
    expect(log).toEqual(["a1", "b", "a2"]);
    expect(rt.trace.forTask(1).filter((e) => e.kind === "poll")).toHaveLength(2);
  });

  it("its wake is deferred to the next pass: a task woken later in the same pass still runs first (tokio defers it)", () => {
    const rt = new Runtime({ sites: false });
    const log: string[] = [];
    const c = rt.spawn(
      pollFn(() => {
        log.push("c polled");
        return Poll.Pending;
      }),
    );
    rt.runUntilIdle();
    rt.spawn(
      future(function* () {
        log.push("a yields");
        yield* yieldNow();
        log.push("a resumes");
      }),
    );
    rt.spawn(
      future(function* () {
        log.push("b wakes c");
        c.wake();
      }),
    );
    rt.runUntilIdle();
    // Had yieldNow woken a at once, a would be back in the queue before b woke c.
    expect(log).toEqual(["c polled", "a yields", "b wakes c", "c polled", "a resumes"]);
  });
});
