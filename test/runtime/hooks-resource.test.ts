/**
 * useResource (runtime/hooks/use-resource.ts) as Dioxus 0.7's
 * use_resource.rs behaves: the closure runs during the first render inside
 * the resource's own tracking context, every poll is tracked too, a change
 * restarts it through a watcher task (later, once per batch of writes), and a
 * restart cancels the old run but keeps its value (DOC≠CODE, issue #4214).
 * Each property that a wrong resource could pass by accident is also run
 * against one, and must fail there for the reason it names.
 */
import { describe, expect, it } from "vitest";
import {
  type Future,
  Poll,
  button,
  component,
  div,
  dropGuard,
  future,
  pollFn,
  ready,
  sleep,
  spawn,
  useFuture,
  useHook,
  useResource,
  useSignal,
  type Context,
  type Resource,
  type Signal,
  type Waker,
} from "../../runtime/index.ts";
import { currentDom, render } from "../../runtime/testing.ts";
import { eventSchedule } from "../support/arbitrary/event-schedule.ts";
import type { Subscriber } from "../../runtime/signal.ts";
import { caught } from "./support/errors.ts";
import { host } from "./support/host.ts";
import { counterexample, fc } from "./support/prop.ts";

type UseResourceLike = <T>(fn: () => Future<T>) => Resource<T>;
const real: UseResourceLike = (fn) => useResource(fn);

// ── plausible wrong resources ──────────────────────────────────────────────

/** Wrong: the closure is called inside the first poll instead of during the render. */
const lazyClosure: UseResourceLike = (fn) =>
  useResource(() =>
    future(function* () {
      return yield* fn();
    }),
  );

/** Wrong: only the closure is tracked; reads during polls subscribe nothing. */
const untrackedPolls: UseResourceLike = (fn) => {
  const dom = currentDom("untrackedPolls");
  return useResource(() => {
    const inner = fn();
    return pollFn((cx) => dom.untracked(() => inner.poll(cx)), { onDrop: () => inner[Symbol.dispose]() });
  });
};

/** Wrong (issue #4214's expectation): every restart clears the value. */
const clearsOnRestart: UseResourceLike = (fn) => {
  const ref = useHook(() => ({ r: undefined as Resource<unknown> | undefined }));
  const r = useResource(() => {
    ref.r?.clear();
    return fn();
  });
  ref.r = r as Resource<unknown>;
  return r;
};

/** Wrong: "ready whenever there is a value", so a reload with a kept value never says pending. */
const stateFromValue: UseResourceLike = (fn) => {
  const r = useResource(fn);
  return {
    ...r,
    state: () => (r.value() !== undefined ? "ready" : r.state()),
    pending: () => r.value() === undefined && r.pending(),
  };
};

/**
 * Wrong: the work is spawned from the resource and merely awaited, so
 * cancelling the resource's run leaves the work running (cancelling a task
 * does not cancel the tasks it spawned).
 */
const spawnsTheWork: UseResourceLike = <T>(fn: () => Future<T>) =>
  useResource(() => {
    const inner = fn();
    let out: { v: T } | undefined;
    let waiter: Waker | undefined;
    spawn(
      future(function* () {
        out = { v: yield* inner };
        waiter?.wake();
      }),
    );
    return pollFn((cx: Context) => {
      if (out !== undefined) return Poll.Ready(out.v);
      waiter = cx.waker;
      return Poll.Pending;
    });
  });

/** Wrong: restarts synchronously inside the write that changed `dep` (an eager subscriber), not through a watcher task. */
function syncRestart(dep: () => Signal<number>): UseResourceLike {
  return (fn) => {
    const r = useResource(fn);
    const dom = currentDom("syncRestart");
    useHook(() => {
      const sub: Subscriber = {
        name: "sync restart",
        sources: new Set(),
        onChange: () => dom.untracked(() => r.restart()),
      };
      dom.track(sub, () => dep()());
    });
    return r;
  };
}

/** Wrong: pending() is never true (the audit's mutant). */
const neverPending: UseResourceLike = (fn) => ({ ...useResource(fn), pending: () => false });

/** Wrong: "loading until there is a value", so a reload that keeps the old value is not pending, and a run cancelled before its first value still is. */
const pendingUntilValue: UseResourceLike = (fn) => {
  const r = useResource(fn);
  return { ...r, pending: () => r.value() === undefined };
};

/** Wrong: "pending while the task is alive", so a paused run still says pending. (It reads the state too, to subscribe as pending() must.) */
const pendingWhileTaskLives: UseResourceLike = (fn) => {
  const r = useResource(fn);
  return { ...r, pending: () => (r.state(), !r.task().finished()) };
};

/** Wrong: pending() peeks at the state, so a render that shows it is not re-rendered when the run ends. */
const pendingPeeks: UseResourceLike = (fn) => {
  const r = useResource(fn);
  const dom = currentDom("pendingPeeks");
  return { ...r, pending: () => dom.untracked(() => r.state()) === "pending" };
};

// ── properties, each a function of the hook under test ─────────────────────

/** The first render sees pending/undefined, and the closure already ran during it, even for a future ready at once. */
function firstRender(use: UseResourceLike) {
  let calls = 0;
  const { app, handle, shown } = host(
    () =>
      use(() => {
        calls++;
        return ready(5);
      }),
    (r) => `${r.state()}:${r.value()}`,
  );
  expect(shown[0]!.text).toBe("pending:undefined");
  expect(calls).toBe(1);
  expect(app.rt.trace.of("poll")).toEqual([]);
  app.runUntilIdle();
  expect(handle.value()).toBe(5);
  expect(app.text()).toBe("ready:5");
}

/** A signal read only after an await (in a later poll) is a dependency: a write after that read restarts the run. */
function pollsTracked(use: UseResourceLike, params: fc.Parameters<[number, number, number]>) {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 10 }),
      (half, writeHalf, after) => {
        const readAt = 2 * half;
        const writeAt = 2 * writeHalf + 1; // never in the same instant as the read
        let n!: Signal<number>;
        let calls = 0;
        const { app, handle } = host(() => {
          n = useSignal(() => 1, "n");
          return use(() => {
            calls++;
            return future(function* () {
              yield* sleep(readAt);
              const v = n();
              yield* sleep(after);
              return v * 10;
            });
          });
        });
        app.advanceTo(writeAt);
        n.set(2);
        app.runUntilIdle();
        app.advance(readAt + after + 1);
        expect(handle.value()).toBe(20);
        expect(calls).toBe(writeAt > readAt ? 2 : 1);
      },
    ),
    params,
  );
}

/** k writes before the watcher runs restart the resource once, and nothing restarts inside the writes themselves. */
function oneRestartPerBatch(
  use: (n: () => Signal<number>) => UseResourceLike,
  params: fc.Parameters<[number, number, boolean]>,
) {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.nat(12), fc.boolean(), (k, when, fromTask) => {
      let n!: Signal<number>;
      let calls = 0;
      const { app, handle } = host(() => {
        n = useSignal(() => 0, "n");
        return use(() => n)(() => {
          calls++;
          const v = n();
          return future(function* () {
            yield* sleep(5);
            return v;
          });
        });
      });
      app.advanceTo(when);
      const stateBefore = handle.state();
      const taskBefore = handle.task();
      const writeAll = () => {
        for (let i = 1; i <= k; i++) n.set(i);
      };
      if (fromTask)
        app.enter(() =>
          spawn(
            future(function* () {
              writeAll();
            }),
          ),
        );
      else {
        app.enter(writeAll);
        // Not synchronous: the old run is still alive and nothing changed yet.
        expect(calls).toBe(1);
        expect(taskBefore.finished()).toBe(stateBefore === "ready");
        expect(handle.state()).toBe(stateBefore);
      }
      app.runUntilIdle();
      expect(calls).toBe(2);
      app.advance(5);
      expect(handle.value()).toBe(k);
    }),
    params,
  );
}

/**
 * The writer (a useFuture declared first, so polled first in an instant)
 * writes at `w`; the old run is ready at `l`. Its value lands iff l ≤ w.
 */
function oldRunMayFinishFirst(
  use: (n: () => Signal<number>) => UseResourceLike,
  params: fc.Parameters<[number, number]>,
) {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (l, w) => {
      let n!: Signal<number>;
      const { app, shown } = host(
        () => {
          n = useSignal(() => 1, "n");
          useFuture(() =>
            future(function* writer() {
              yield* sleep(w);
              n.set(2);
            }),
          );
          return use(() => n)(() => {
            const v = n();
            return future(function* () {
              yield* sleep(l);
              return v;
            });
          });
        },
        (r) => `${r.value()}`,
      );
      app.advance(w + l + 1);
      const values = [...new Set(shown.map((s) => s.text))];
      expect(values).toEqual(l <= w ? ["undefined", "1", "2"] : ["undefined", "2"]);
    }),
    params,
  );
}

const clicks = eventSchedule(fc.constant("write" as const), { minEvents: 1, maxEvents: 5, maxGap: 12 });

/**
 * Writes at the scheduled times; each run sleeps `l` and returns what the
 * closure read. Checks the restart mechanics on every render and in the log.
 */
function restartKeepsValue(use: UseResourceLike, params: fc.Parameters<[{ t: number; event: "write" }[], number]>) {
  fc.assert(
    fc.property(clicks, fc.integer({ min: 1, max: 15 }), (schedule, l) => {
      let n!: Signal<number>;
      let runs = 0;
      const log: string[] = [];
      const { app, handle, shown } = host(
        () => {
          n = useSignal(() => 0, "n");
          return use(() => {
            const run = ++runs;
            const v = n();
            return future(function* () {
              using _ = dropGuard(() => log.push(`drop ${run}`));
              yield* sleep(l);
              log.push(`lands ${run}`);
              return v;
            });
          });
        },
        (r) => `${r.state()}:${r.value()}`,
      );
      for (const { t } of schedule) {
        app.advanceTo(Math.max(t, app.now));
        const landed = handle.value();
        const live = !handle.task().finished();
        const runBefore = runs;
        log.push(`write ${n.peek() + 1}`);
        n.set(n.peek() + 1);
        app.runUntilIdle();
        // The watcher restarted it, after the write, and before the clock moved.
        expect(runs).toBe(runBefore + 1);
        if (live) expect(log.at(-1)).toBe(`drop ${runBefore}`);
        // Pending, with the old value kept (DOC≠CODE, #4214).
        expect(handle.state()).toBe("pending");
        expect(app.text()).toBe(`pending:${landed}`);
      }
      app.advance(l + 1);
      expect(app.text()).toBe(`ready:${schedule.length}`);
      // A run that was dropped never landed, and every run landed or was dropped exactly once.
      for (let r = 1; r <= runs; r++) {
        const ends = log.filter((e) => e === `drop ${r}` || e === `lands ${r}`);
        expect(ends.length === 1 || (ends.length === 2 && ends[0] === `lands ${r}`)).toBe(true);
      }
      // Once a value has been shown, no render shows undefined again.
      const first = shown.findIndex((s) => !s.text.endsWith(":undefined"));
      if (first >= 0) expect(shown.slice(first).every((s) => !s.text.endsWith(":undefined"))).toBe(true);
    }),
    params,
  );
}

type PendingOp = { op: "advance"; ms: number } | { op: "write" | "restart" | "cancel" | "pause" | "resume" };

const pendingOps: fc.Arbitrary<PendingOp[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant("advance" as const), ms: fc.nat(12) }) },
    { weight: 2, arbitrary: fc.constant({ op: "write" as const }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { op: "restart" as const },
        { op: "cancel" as const },
        { op: "pause" as const },
        { op: "resume" as const },
      ),
    },
  ),
  { maxLength: 12 },
);

/**
 * Runs of latency `l` (each logs when it lands or is dropped), driven by
 * `ops`; after each op, once the app settled, pending() must be true exactly
 * while the latest run is in flight and not paused, and a render that shows
 * pending() must show the same. A pause is only asked for while a run is in
 * flight: paused after it finished, use_resource.rs's resume() says pending
 * again with nothing running (resume only checks finished()).
 */
function pendingFollowsRuns(use: UseResourceLike, params: fc.Parameters<[PendingOp[], number]>) {
  fc.assert(
    fc.property(pendingOps, fc.integer({ min: 1, max: 8 }), (ops, l) => {
      let n!: Signal<number>;
      let runs = 0;
      const ended: boolean[] = [];
      const { app, handle } = host(
        () => {
          n = useSignal(() => 0, "n");
          return use(() => {
            const run = ++runs;
            ended[run] = false;
            const v = n();
            return future(function* () {
              using _ = dropGuard(() => (ended[run] = true));
              yield* sleep(l);
              return v;
            });
          });
        },
        (r) => String(r.pending()),
      );
      let paused = false;
      const check = (after: string) => {
        const inFlight = !ended[runs];
        if (!inFlight) paused = false;
        const expected = inFlight && !paused;
        expect(handle.pending(), `pending() after ${after}`).toBe(expected);
        expect(app.text(), `on screen after ${after}`).toBe(String(expected));
      };
      check("the first render");
      app.runUntilIdle();
      check("the first poll");
      for (const o of ops) {
        if (o.op === "advance") app.advance(o.ms);
        else if (o.op === "write") n.set(n.peek() + 1);
        else if (o.op === "pause") {
          if (ended[runs] || paused) continue;
          handle.pause();
          paused = true;
        } else if (o.op === "resume") {
          if (!paused) continue;
          handle.resume();
          paused = false;
        } else {
          handle[o.op]();
          paused = false;
        }
        // A write restarts through the watcher (a new run, not paused) once the app runs.
        app.runUntilIdle();
        if (o.op === "write") paused = false;
        check(o.op);
      }
    }),
    params,
  );
}

describe("useResource", () => {
  it("on the first render the state is pending and the value undefined, and the closure has already run, during that render, even when its future is ready at its first poll", () => {
    firstRender(real);
  });

  it("…and that check catches a resource that calls its closure at the first poll instead", () => {
    expect(counterexample(() => firstRender(lazyClosure))).toMatch(/expected \+?0 to be 1/);
  });

  it("what the closure reads subscribes the resource, not the component: a component that shows nothing of the resource does not re-render when it restarts", () => {
    let n!: Signal<number>;
    let calls = 0;
    const { app, renders } = host(() => {
      n = useSignal(() => 0);
      useResource(() => {
        calls++;
        n();
        return ready(0);
      });
    });
    app.runUntilIdle();
    n.set(1);
    app.runUntilIdle();
    expect(calls).toBe(2);
    expect(renders).toBe(1);
  });

  it("every poll is tracked: a signal the future reads only after an await restarts the resource when written after that read, and the value always ends up from the latest write", () => {
    pollsTracked(real, { numRuns: 80 });
  });

  it("…and that property catches a resource that tracks only its closure, not the polls of its future", () => {
    expect(counterexample(() => pollsTracked(untrackedPolls, { numRuns: 200, endOnFailure: true }))).toMatch(
      /expected 10 to be 20/,
    );
  });

  it("writes do not restart it synchronously: k writes (in an event or in one task poll) before the watcher runs cause exactly one restart", () => {
    oneRestartPerBatch(() => real, { numRuns: 80 });
  });

  it("…and that property catches a resource that restarts inside each write (like a memo), not through a watcher task", () => {
    expect(counterexample(() => oneRestartPerBatch(syncRestart, { numRuns: 200, endOnFailure: true }))).toMatch(
      /expected \d+ to be [12]\b/,
    );
  });

  it("the old run's value still lands when it is ready no later than the write, because the watcher is queued behind it; when it is ready later, it never lands", () => {
    oldRunMayFinishFirst(() => real, { numRuns: 60 });
  });

  it("…and that property catches a resource that restarts synchronously at the write (the old run never gets its turn)", () => {
    expect(counterexample(() => oldRunMayFinishFirst(syncRestart, { numRuns: 200, endOnFailure: true }))).toMatch(
      /to deeply equal \[ 'undefined', '1', '2' \]/,
    );
  });

  it("a restart cancels the old run at once (its finalizer runs in the watcher's poll, its value never lands), the state becomes pending and the old value stays on screen until the new run finishes (DOC≠CODE, Dioxus issue #4214)", () => {
    restartKeepsValue(real, { numRuns: 80 });
  });

  it("…and that property catches a resource that clears its value on restart", () => {
    expect(counterexample(() => restartKeepsValue(clearsOnRestart, { numRuns: 200, endOnFailure: true }))).toMatch(
      /pending:undefined|:undefined/,
    );
  });

  it("…and a resource whose state says ready whenever it has a value", () => {
    expect(counterexample(() => restartKeepsValue(stateFromValue, { numRuns: 200, endOnFailure: true }))).toMatch(
      /'ready' to be 'pending'/,
    );
  });

  it("…and a resource that spawns its work and awaits it (a cancelled run leaves the work running)", () => {
    expect(counterexample(() => restartKeepsValue(spawnsTheWork, { numRuns: 200, endOnFailure: true }))).toMatch(
      /to be 'drop \d+'|expected false to be true/,
    );
  });

  it("restart() restarts it now: the old run is dropped inside the call, the state is pending, the closure runs again and the value is kept", () => {
    let calls = 0;
    let drops = 0;
    const { app, handle } = host(() =>
      useResource(() => {
        const run = ++calls;
        return future(function* () {
          using _ = dropGuard(() => drops++);
          yield* sleep(10);
          return run;
        });
      }),
    );
    app.advance(10);
    expect(handle.value()).toBe(1);
    handle.restart();
    expect(handle.state()).toBe("pending");
    expect(calls).toBe(2);
    app.advance(5);
    handle.restart();
    expect(drops).toBe(2);
    expect(handle.value()).toBe(1);
    app.advance(10);
    expect(handle.value()).toBe(3);
  });

  it("cancel() drops the run at once and says stopped, keeping the value; a later change to what it read restarts it anyway (the watcher does not look at the state)", () => {
    let n!: Signal<number>;
    let drops = 0;
    const { app, handle } = host(() => {
      n = useSignal(() => 1);
      return useResource(() => {
        const v = n();
        return future(function* () {
          using _ = dropGuard(() => drops++);
          yield* sleep(10);
          return v;
        });
      });
    });
    app.advance(10);
    handle.restart();
    app.advance(3);
    handle.cancel();
    expect(drops).toBe(2);
    expect(handle.state()).toBe("stopped");
    expect(handle.finished()).toBe(true);
    expect(handle.value()).toBe(1);
    app.advance(20);
    expect(handle.state()).toBe("stopped");
    n.set(2);
    app.runUntilIdle();
    expect(handle.state()).toBe("pending");
    app.advance(10);
    expect(handle.value()).toBe(2);
  });

  it("pause() says paused and the run is not polled even when its timer fires; resume() says pending and it finishes; resume() after ready changes nothing", () => {
    const { app, handle } = host(() =>
      useResource(() =>
        future(function* () {
          yield* sleep(10);
          return "done";
        }),
      ),
    );
    app.runUntilIdle();
    handle.pause();
    expect(handle.state()).toBe("paused");
    app.advance(50);
    expect(handle.value()).toBeUndefined();
    expect(app.rt.trace.forTask(handle.task().id).filter((e) => e.kind === "poll")).toHaveLength(1);
    handle.resume();
    expect(handle.state()).toBe("pending");
    app.runUntilIdle();
    expect(handle.state()).toBe("ready");
    handle.resume();
    expect(handle.state()).toBe("ready");
  });

  it("clear() drops the value but does not touch the run: a pending run still lands its value afterwards", () => {
    let calls = 0;
    const { app, handle } = host(() =>
      useResource(() => {
        const run = ++calls;
        return future(function* () {
          yield* sleep(10);
          return run;
        });
      }),
    );
    app.advance(10);
    handle.restart();
    app.advance(2);
    handle.clear();
    expect(handle.value()).toBeUndefined();
    expect(handle.state()).toBe("pending");
    expect(handle.task().finished()).toBe(false);
    app.advance(10);
    expect(handle.value()).toBe(2);
  });

  it("value() and state() subscribe a render (it re-renders when the run lands); finished() does not", () => {
    const watching = host(
      () =>
        useResource(() =>
          future(function* () {
            yield* sleep(5);
            return 1;
          }),
        ),
      (r) => `${r.value()}`,
    );
    watching.app.advance(5);
    expect(watching.app.text()).toBe("1");
    expect(watching.renders).toBe(2);
    const peeking = host(
      () =>
        useResource(() =>
          future(function* () {
            yield* sleep(5);
            return 1;
          }),
        ),
      (r) => String(r.finished()),
    );
    peeking.app.advance(5);
    expect(peeking.renders).toBe(1);
    expect(peeking.handle.finished()).toBe(true);
  });

  it("when its component unmounts, its runs are dropped and it stops listening: a later write to a signal it read (owned by the parent) restarts nothing", () => {
    let n!: Signal<number>;
    let show!: Signal<boolean>;
    let calls = 0;
    let drops = 0;
    const Child = ({ n }: { n: Signal<number> }) => {
      useResource(() => {
        calls++;
        n();
        return future(function* () {
          using _ = dropGuard(() => drops++);
          yield* sleep(100);
        });
      });
      return div("child");
    };
    const App = () => {
      n = useSignal(() => 0);
      show = useSignal(() => true);
      return div(show() ? component(Child, { n }) : null, button({ onclick: () => n.set(n.peek() + 1) }, "+1"));
    };
    const app = render(App);
    app.runUntilIdle();
    show.set(false);
    app.runUntilIdle();
    expect(drops).toBe(1);
    const spawned = app.rt.trace.of("spawn").length;
    app.click({ role: "button", name: "+1" });
    app.runUntilIdle();
    expect(calls).toBe(1);
    expect(app.rt.trace.of("spawn").length).toBe(spawned);
    expect(app.errors).toEqual([]);
  });

  it("pending() is true exactly while a run is in flight and not paused, false once it finished or was cancelled, and a render that shows it follows it (docs/runtime-model.md, Hooks; in Dioxus code, `matches!(*resource.state().read(), UseResourceState::Pending)`, which subscribes)", () => {
    pendingFollowsRuns(real, { numRuns: 100 });
  });

  it("…and that property catches a resource whose pending() is never true", () => {
    expect(counterexample(() => pendingFollowsRuns(neverPending, { numRuns: 100, endOnFailure: true }))).toMatch(
      /pending\(\) after the first render: expected false to be true/,
    );
  });

  it("…and a resource that is pending until it has a value (a reload keeping the old value is pending too)", () => {
    expect(counterexample(() => pendingFollowsRuns(pendingUntilValue, { numRuns: 300, endOnFailure: true }))).toMatch(
      /pending\(\) after \w+: expected (false to be true|true to be false)/,
    );
  });

  it("…and a resource that is pending while its task lives (a paused run is not pending)", () => {
    expect(
      counterexample(() => pendingFollowsRuns(pendingWhileTaskLives, { numRuns: 300, endOnFailure: true })),
    ).toMatch(/pending\(\) after pause: expected true to be false/);
  });

  it("…and a resource whose pending() does not subscribe the render that shows it", () => {
    expect(counterexample(() => pendingFollowsRuns(pendingPeeks, { numRuns: 300, endOnFailure: true }))).toMatch(
      /on screen after \w+: expected '(true|false)' to be '(true|false)'/,
    );
  });

  it("an app whose resources have settled can be run to completion: no watcher waits forever", () => {
    let n!: Signal<number>;
    const { app, handle } = host(() => {
      n = useSignal(() => 1);
      return useResource(() => {
        const v = n();
        return future(function* () {
          yield* sleep(10);
          return v;
        });
      });
    });
    app.runToCompletion();
    n.set(2);
    app.runToCompletion();
    expect(handle.value()).toBe(2);
    expect(app.rt.liveTasks()).toEqual([]);
  });

  it("a closure that returns a Promise is an error that explains why the resource needs a cancellable Future", () => {
    const e = caught(() =>
      render(() => {
        useResource((async () => 1) as never);
        return null;
      }),
    );
    expect(e.kind).toBe("HookClosureNotFuture");
    expect(e.what).toContain("The closure given to useResource returned a Promise");
    expect(e.fix).toContain("useResource(() => future(function* () { … }))");
  });
});
