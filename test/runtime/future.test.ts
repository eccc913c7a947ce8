/**
 * Futures on their own: laziness, poll counts, `yield*` as `.await`, errors
 * crossing an await, and dropping (Rust's `Drop`, innermost first).
 */
import { fc, prop } from "./support/prop.ts";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type Future, Poll, dropGuard, future, pollFn, ready, sleep, type AsyncBody } from "../../runtime/index.ts";
import { Runtime } from "../../runtime/testing.ts";
import type { Await } from "../../runtime/future.ts";
import { handContext } from "./support/errors.ts";

/** An async body that counts how often its generator object is created and how often its code starts. */
function countingBody<T>(inner: AsyncBody<T>) {
  const counts = { created: 0, started: 0 };
  const body: AsyncBody<T> = () => {
    counts.created++;
    return (function* () {
      counts.started++;
      return yield* inner();
    })();
  };
  return { body, counts };
}

/** A pollFn that is Pending `n` times (waking itself each time), then Ready with `value`. */
function countdown<T>(n: number, value: T, polls = { count: 0 }) {
  let left = n;
  const fut = pollFn<T>((cx) => {
    polls.count++;
    if (left-- === 0) return Poll.Ready(value);
    cx.waker.wake();
    return Poll.Pending;
  });
  return { fut, polls };
}

describe("laziness: a future runs nothing until it is polled (Rust futures are lazy)", () => {
  const kind = fc.constantFrom("async block", "pollFn", "sleep");

  prop([fc.array(fc.tuple(kind, fc.nat(50)), { maxLength: 30 }), fc.boolean()], { numRuns: 60 })(
    "building any number of async blocks, pollFns and sleeps, inside a runtime or not, runs none of their code",
    (specs, insideRuntime) => {
      const rt = new Runtime({ sites: false });
      const calls = { created: 0, started: 0, polled: 0 };
      const build = () =>
        specs.map(([k, ms]) => {
          if (k === "sleep") return sleep(ms);
          if (k === "pollFn")
            return pollFn(() => {
              calls.polled++;
              return Poll.Ready(ms);
            });
          return future(() => {
            calls.created++;
            return (function* () {
              calls.started++;
              return ms;
            })();
          });
        });
      const futures = insideRuntime ? rt.enter(build) : build();
      expect(futures).toHaveLength(specs.length);
      expect(calls).toEqual({ created: 0, started: 0, polled: 0 });
      expect(rt.pendingTimers).toBe(0);
      expect(rt.trace.entries).toEqual([]);
    },
  );

  prop([fc.nat(10)], { numRuns: 30 })(
    "the generator object is created at the first poll, once, however many polls follow",
    (n) => {
      const { body, counts } = countingBody(function* () {
        return yield* countdown(n, "done").fut;
      });
      const fut = future(body);
      expect(counts).toEqual({ created: 0, started: 0 });
      const cx = handContext();
      for (let i = 0; i < n; i++) {
        expect(fut.poll(cx)).toEqual(Poll.Pending);
        expect(counts).toEqual({ created: 1, started: 1 });
      }
      expect(fut.poll(cx)).toEqual(Poll.Ready("done"));
      expect(counts).toEqual({ created: 1, started: 1 });
      expect(cx.wakes).toBe(n);
    },
  );

  it("dropping a never-polled async block runs none of its code: no body, no finally, no disposals", () => {
    const log: string[] = [];
    const fut = future(function* () {
      log.push("body");
      using _guard = dropGuard(() => log.push("guard"));
      try {
        yield* sleep(10);
      } finally {
        log.push("finally");
      }
    });
    fut[Symbol.dispose]();
    expect(log).toEqual([]);
    expect(fut.dropped).toBe(true);
  });

  it("a cancelled task that was never polled never creates its generator", () => {
    const rt = new Runtime({ sites: false });
    const { body, counts } = countingBody(function* () {
      yield* sleep(1);
    });
    const task = rt.spawn(future(body));
    task.cancel();
    rt.runToCompletion();
    expect(counts).toEqual({ created: 0, started: 0 });
    expect(rt.trace.of("poll")).toEqual([]);
  });
});

describe("poll counts", () => {
  prop([fc.nat(30), fc.anything()], { numRuns: 50 })(
    "a pollFn that is Pending n times and wakes itself each time is polled exactly n+1 times",
    (n, value) => {
      const rt = new Runtime({ sites: false });
      const { fut, polls } = countdown(n, value);
      const task = rt.spawn(fut);
      rt.runUntilIdle();
      expect(polls.count).toBe(n + 1);
      expect(rt.trace.forTask(task.id).filter((e) => e.kind === "poll")).toHaveLength(n + 1);
      expect(rt.trace.forTask(task.id).filter((e) => e.kind === "pending")).toHaveLength(n);
      expect(task.finished()).toBe(true);
      expect(task.output).toBe(value);
    },
  );

  prop([fc.array(fc.nat(5), { maxLength: 8 })], { numRuns: 50 })(
    "an async block awaiting countdowns n1…nk in turn is polled n1+…+nk+1 times: a Ready child lets it go on in the same poll",
    (ns) => {
      const rt = new Runtime({ sites: false });
      const childPolls = { count: 0 };
      const task = rt.spawn(
        future(function* () {
          let sum = 0;
          for (const n of ns) sum += yield* countdown(n, n, childPolls).fut;
          return sum;
        }),
      );
      rt.runUntilIdle();
      const total = ns.reduce((a, b) => a + b, 0);
      expect(rt.trace.forTask(task.id).filter((e) => e.kind === "poll")).toHaveLength(total + 1);
      expect(childPolls.count).toBe(total + ns.length);
      expect(task.output).toBe(total);
    },
  );

  prop([fc.anything()], { numRuns: 30 })("ready(v) is Ready with v at its first poll", (v) => {
    const p = ready(v).poll(handContext());
    expect(p.ready).toBe(true);
    expect(p.ready && p.value).toBe(v);
  });
});

describe("yield* is .await: it hands the future to the executor and evaluates to its output", () => {
  prop([fc.anything(), fc.anything(), fc.anything()], { numRuns: 40 })(
    "yield* on ready(), a pollFn and an async block returns exactly the value each produced",
    (a, b, c) => {
      const rt = new Runtime({ sites: false });
      const task = rt.spawn(
        future(function* () {
          const x = yield* ready(a);
          const y = yield* countdown(2, b).fut;
          const z = yield* future(function* () {
            yield* sleep(5);
            return c;
          });
          return [x, y, z] as const;
        }),
      );
      rt.runToCompletion();
      const [x, y, z] = task.output!;
      expect(x).toBe(a);
      expect(y).toBe(b);
      expect(z).toBe(c);
    },
  );

  it("yield* infers the output type of the awaited future", () => {
    const rt = new Runtime({ sites: false });
    const user = future(function* () {
      yield* sleep(1);
      return { name: "Ada", id: 7 };
    });
    const task = rt.spawn(
      future(function* () {
        const n = yield* ready(42);
        expectTypeOf(n).toEqualTypeOf<number>();
        const s = yield* pollFn(() => Poll.Ready("text"));
        expectTypeOf(s).toEqualTypeOf<string>();
        const u = yield* user;
        expectTypeOf(u).toEqualTypeOf<{ name: string; id: number }>();
        const nothing = yield* sleep(1);
        expectTypeOf(nothing).toEqualTypeOf<void>();
        return `${u.name}#${u.id}:${n}:${s}`;
      }),
    );
    expectTypeOf(user).toEqualTypeOf<Future<{ name: string; id: number }>>();
    expectTypeOf(task.output).toEqualTypeOf<string | undefined>();
    rt.runToCompletion();
    expect(task.output).toBe("Ada#7:42:text");
  });

  it("each yield* hands exactly one Await token, carrying the awaited future, to the driver", () => {
    const child = ready(1);
    const it = child[Symbol.iterator]();
    const first = it.next();
    expect(first.done).toBe(false);
    expect((first.value as Await).future).toBe(child);
    const second = it.next("output");
    expect([second.done, second.value]).toEqual([true, "output"]);
  });
});

describe("errors thrown by an awaited child surface at the yield* (like `?` on an Err)", () => {
  prop([fc.nat(5), fc.constantFrom("async block", "pollFn")], { numRuns: 30 })(
    "the parent catches the child's own error object with try/catch around the yield*, and goes on",
    (delay, kind) => {
      const rt = new Runtime({ sites: false });
      const boom = new Error("boom");
      const log: string[] = [];
      const child: Future<number> =
        kind === "pollFn"
          ? pollFn(() => {
              throw boom;
            })
          : future(function* () {
              yield* sleep(delay);
              throw boom;
            });
      const task = rt.spawn(
        future(function* () {
          try {
            yield* child;
            log.push("not reached");
          } catch (error) {
            log.push(error === boom ? "caught boom" : `caught something else: ${String(error)}`);
          }
          yield* sleep(1);
          return "recovered";
        }),
      );
      rt.runToCompletion();
      expect(log).toEqual(["caught boom"]);
      expect(task.output).toBe("recovered");
      expect(task.finished()).toBe(true);
    },
  );

  it("an error crosses several awaits, running each level's finally on the way out", () => {
    const rt = new Runtime({ sites: false });
    const log: string[] = [];
    const inner = future(function* () {
      try {
        yield* sleep(3);
        throw new RangeError("deep");
      } finally {
        log.push("inner finally");
      }
    });
    const middle = future(function* () {
      try {
        return yield* inner;
      } finally {
        log.push("middle finally");
      }
    });
    rt.spawn(
      future(function* () {
        try {
          yield* middle;
        } catch (error) {
          log.push(`outer caught ${(error as Error).name}: ${(error as Error).message}`);
        }
      }),
    );
    rt.runToCompletion();
    expect(log).toEqual(["inner finally", "middle finally", "outer caught RangeError: deep"]);
  });
});

describe("dropping: Drop runs exactly once, finalizers in reverse order, innermost future first", () => {
  it("a future is dropped exactly once: disposing it again runs nothing", () => {
    let drops = 0;
    let finallies = 0;
    const leaf = pollFn(() => Poll.Pending, { onDrop: () => drops++ });
    const outer = future(function* () {
      try {
        yield* leaf;
      } finally {
        finallies++;
      }
    });
    expect(outer.poll(handContext())).toEqual(Poll.Pending);
    outer[Symbol.dispose]();
    outer[Symbol.dispose]();
    leaf[Symbol.dispose]();
    expect({ drops, finallies }).toEqual({ drops: 1, finallies: 1 });
    expect(outer.dropped && leaf.dropped).toBe(true);
  });

  /** `k` nested `using` guards around `inner`: the generator form of k Drop guards in one scope. */
  function* guarded<T>(k: number, level: number, log: string[], inner: Future<T>): Generator<Await, T, unknown> {
    if (k === 0) return yield* inner;
    using _g = dropGuard(() => log.push(`L${level} guard ${k}`), `L${level} guard ${k}`);
    return yield* guarded(k - 1, level, log, inner);
  }

  prop([fc.array(fc.nat(3), { minLength: 1, maxLength: 5 })], { numRuns: 40 })(
    "cancelling a task drops the innermost future first, then each level's guards in reverse order, then its finally",
    (guardsPerLevel) => {
      const rt = new Runtime({ sites: false });
      const log: string[] = [];
      // Level 0 is the outermost future; the deepest level awaits a leaf that never completes.
      let fut: Future<unknown> = pollFn(() => Poll.Pending, { onDrop: () => log.push("leaf dropped"), label: "leaf" });
      for (let level = guardsPerLevel.length - 1; level >= 0; level--) {
        const child = fut;
        const k = guardsPerLevel[level]!;
        fut = future(function* () {
          try {
            return yield* guarded(k, level, log, child);
          } finally {
            log.push(`L${level} finally`);
          }
        });
      }
      const task = rt.spawn(fut);
      rt.runUntilIdle();
      expect(log).toEqual([]);
      task.cancel();

      const expected = ["leaf dropped"];
      for (let level = guardsPerLevel.length - 1; level >= 0; level--) {
        for (let g = 1; g <= guardsPerLevel[level]!; g++) expected.push(`L${level} guard ${g}`);
        expected.push(`L${level} finally`);
      }
      expect(log).toEqual(expected);
      // Each guard is also in the trace, attributed to the task, in the same order.
      const finalizers = rt.trace.of("finalizer");
      expect(finalizers.map((e) => e.detail)).toEqual(expected.filter((s) => s.includes("guard")));
      expect(finalizers.every((e) => e.task === task.id)).toBe(true);
      task.cancel();
      expect(log).toEqual(expected);
    },
  );

  it("a child awaited by a dropped parent is dropped before the parent's finally blocks run", () => {
    const rt = new Runtime({ sites: false });
    const log: string[] = [];
    const task = rt.spawn(
      future(function* () {
        try {
          yield* future(function* () {
            try {
              yield* sleep(100);
            } finally {
              log.push("child finally");
            }
          });
        } finally {
          log.push("parent finally");
        }
      }),
    );
    rt.runUntilIdle();
    task.cancel();
    expect(log).toEqual(["child finally", "parent finally"]);
    expect(rt.pendingTimers).toBe(0);
  });

  it("a future that completed normally ran its finally then; dropping it afterwards runs nothing again", () => {
    const rt = new Runtime({ sites: false });
    const log: string[] = [];
    let drops = 0;
    const task = rt.spawn(
      future(function* () {
        using _g = dropGuard(() => log.push("guard"));
        try {
          yield* pollFn(() => Poll.Ready(1), { onDrop: () => drops++ });
        } finally {
          log.push("finally");
        }
        return "ok";
      }),
    );
    rt.runUntilIdle();
    expect(log).toEqual(["finally", "guard"]);
    task.cancel();
    expect(log).toEqual(["finally", "guard"]);
    expect(drops).toBe(1);
    expect(task.output).toBe("ok");
  });

  prop([fc.boolean()], { numRuns: 10 })(
    "an awaited future is dropped as soon as its await completes, before the code after the yield* runs (Rust drops it in place)",
    (childFails) => {
      const rt = new Runtime({ sites: false });
      const log: string[] = [];
      const child = pollFn(
        () => {
          if (childFails) throw new Error("child failed");
          return Poll.Ready("v");
        },
        { onDrop: () => log.push("child dropped") },
      );
      const task = rt.spawn(
        future(function* () {
          try {
            log.push(`got ${yield* child}`);
          } catch {
            log.push("caught");
          }
          log.push("after the await");
        }),
      );
      rt.runUntilIdle();
      expect(log).toEqual(["child dropped", childFails ? "caught" : "got v", "after the await"]);
      task.cancel();
      expect(log.filter((l) => l === "child dropped")).toHaveLength(1);
    },
  );

  it("a pollFn's onDrop runs once when the task that owns it completes", () => {
    const rt = new Runtime({ sites: false });
    let drops = 0;
    const task = rt.spawn(pollFn(() => Poll.Ready("v"), { onDrop: () => drops++ }));
    rt.runUntilIdle();
    expect(drops).toBe(1);
    task.cancel();
    rt.runToCompletion();
    expect(drops).toBe(1);
  });
});
