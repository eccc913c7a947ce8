/**
 * useFuture (runtime/hooks/use-future.ts) as Dioxus 0.7's use_future.rs
 * behaves: spawned once by the first render, not reactive, restart cancels
 * (DOC≠CODE), states pending/ready/stopped/paused. Where a property could be
 * passed by accident, it is also run against a plausible wrong hook and
 * must fail there.
 */
import { describe, expect, it } from "vitest";
import {
  button,
  component,
  div,
  dropGuard,
  future,
  sleep,
  spawn,
  useFuture,
  useResource,
  useSignal,
  type Future,
  type Signal,
  type Task,
  type UseFuture,
  type UseFutureState,
} from "../../runtime/index.ts";
import { render } from "../../runtime/testing.ts";
import { eventSchedule } from "../support/arbitrary/event-schedule.ts";
import { caught } from "./support/errors.ts";
import { at, host } from "./support/host.ts";
import { counterexample, fc } from "./support/prop.ts";

type UseFutureLike = (
  fn: () => Future<unknown>,
) => Pick<UseFuture, "restart" | "cancel" | "pause" | "resume" | "state" | "finished">;

/** Wrong: reactive, as if use_future were use_resource (a write to what the closure read restarts it). */
const reactiveUseFuture: UseFutureLike = (fn) => {
  const r = useResource(fn);
  return { ...r, state: () => r.state() as UseFutureState };
};

/** Wrong, and what the docs of `restart` describe: a new future starts, the old one is not cancelled. */
const docsRestartUseFuture: UseFutureLike = (fn) => {
  const f = useFuture(fn);
  return {
    ...f,
    restart: () => {
      spawn(fn());
    },
  };
};

/** Wrong: the state read off the task instead of kept in a signal (no "stopped", no Dioxus quirks). */
const stateFromTaskUseFuture: UseFutureLike = (fn) => {
  const f = useFuture(fn);
  const state = (): UseFutureState => (f.task().finished() ? "ready" : f.task().paused() ? "paused" : "pending");
  return { ...f, state, finished: () => state() === "ready" };
};

const writes = eventSchedule(fc.integer({ min: 1, max: 9 }), { maxEvents: 5, maxGap: 12 });

/** Writes `n` at the scheduled times; the closure and the future both read it. Returns how often the closure ran. */
function notReactive(useIt: UseFutureLike, params: fc.Parameters<[{ t: number; event: number }[]]>) {
  fc.assert(
    fc.property(writes, (schedule) => {
      let calls = 0;
      let n!: Signal<number>;
      const seen: number[] = [];
      const { app } = host(() => {
        n = useSignal(() => 0, "n");
        return useIt(() => {
          calls++;
          const start = n();
          return future(function* () {
            seen.push(start);
            for (let i = 0; i < 8; i++) {
              yield* sleep(4);
              seen.push(n());
            }
          });
        });
      });
      at(app, schedule, (v) => n.set(v));
      app.advance(40);
      expect(calls).toBe(1);
      expect(app.rt.trace.of("spawn").length).toBe(1);
      expect(seen).toHaveLength(9);
    }),
    params,
  );
}

const restarts = eventSchedule(fc.constant("restart" as const), { minEvents: 1, maxEvents: 5, maxGap: 15 });

/** Restarts at the scheduled times a future that ticks every `step` ms; checks the old run is gone at each restart. */
function restartCancels(useIt: UseFutureLike, params: fc.Parameters<[{ t: number; event: "restart" }[], number]>) {
  fc.assert(
    fc.property(restarts, fc.integer({ min: 1, max: 6 }), (schedule, step) => {
      let runs = 0;
      const log: string[] = [];
      const { app, handle } = host(() =>
        useIt(() => {
          const run = ++runs;
          return future(function* () {
            using _ = dropGuard(() => log.push(`drop ${run}`));
            for (let i = 0; i < 50; i++) {
              yield* sleep(step);
              log.push(`tick ${run}`);
            }
          });
        }),
      );
      app.runUntilIdle();
      at(app, schedule, (_, i) => {
        log.push(`restart ${i + 1}`);
        handle.restart();
      });
      app.advance(30);
      schedule.forEach((_, i) => {
        const at = log.indexOf(`restart ${i + 1}`);
        // The old run was dropped inside restart(), before anything else happened...
        expect(log[at + 1]).toBe(`drop ${i + 1}`);
        // ...and none of the runs started before it ever ticked again.
        expect(log.slice(at).some((e) => e.startsWith("tick") && Number(e.slice(5)) <= i + 1)).toBe(false);
      });
      expect(runs).toBe(schedule.length + 1);
    }),
    params,
  );
}

type Op = "pause" | "resume" | "cancel" | "restart" | "wait";
const ops = fc.array(
  fc.record({ gap: fc.nat(8), op: fc.constantFrom<Op>("pause", "resume", "cancel", "restart", "wait") }),
  { maxLength: 10 },
);

/**
 * A model of use_future's state: the future sleeps `d` ms from its first
 * poll. Ops happen at times; the state after each one must match.
 */
function stateModel(useIt: UseFutureLike, params: fc.Parameters<[number, { gap: number; op: Op }[]]>) {
  fc.assert(
    fc.property(fc.nat(10), ops, (d, plan) => {
      const { app, handle } = host(
        () =>
          useIt(() =>
            future(function* () {
              yield* sleep(d);
            }),
          ),
        (f) => f.state(),
      );
      // The model: the state signal, and the current run (its deadline, paused, alive).
      let state = "pending" as UseFutureState;
      let run = { deadline: d, paused: false, alive: true };
      const settle = () => {
        if (run.alive && !run.paused && run.deadline <= app.now) {
          run.alive = false;
          state = "ready";
        }
      };
      app.runUntilIdle();
      settle();
      for (const { gap, op } of plan) {
        app.advance(gap);
        settle();
        app.enter(() => handle[op === "wait" ? "finished" : op]());
        if (op === "pause") {
          state = "paused";
          if (run.alive) run.paused = true;
        } else if (op === "resume") {
          if (state !== "ready" && state !== "stopped") {
            state = "pending";
            run.paused = false;
          }
        } else if (op === "cancel") {
          state = "stopped";
          run.alive = false;
        } else if (op === "restart") {
          run = { deadline: app.now + d, paused: false, alive: true };
          state = "pending";
        }
        app.runUntilIdle();
        settle();
        expect(handle.state()).toBe(state);
        expect(handle.finished()).toBe(state === "ready" || state === "stopped");
        expect(app.text()).toBe(state);
      }
    }),
    params,
  );
}

describe("useFuture", () => {
  it("calls its closure once, during the first render, and spawns the future without polling it", () => {
    let calls = 0;
    let polls = 0;
    const { app, handle } = host(() =>
      useFuture(() => {
        calls++;
        return future(function* () {
          polls++;
          yield* sleep(5);
        });
      }),
    );
    expect(calls).toBe(1);
    expect(polls).toBe(0);
    expect(app.rt.trace.of("poll")).toEqual([]);
    expect(handle.state()).toBe("pending");
    app.runUntilIdle();
    expect(polls).toBe(1);
    app.advance(5);
    expect(handle.state()).toBe("ready");
    expect(calls).toBe(1);
  });

  it("is not reactive: writing a signal that its closure and its future read, at any times, never calls the closure again", () => {
    notReactive(useFuture, { numRuns: 60 });
  });

  it("…and that property catches a useFuture that restarts like a resource when what it read changes", () => {
    // The closure ran again: calls was not 1.
    expect(counterexample(() => notReactive(reactiveUseFuture, { numRuns: 100, endOnFailure: true }))).toMatch(
      /expected \d+ to be 1\b/,
    );
  });

  it("restart() cancels the running task inside the call (finalizers run there) and the old run never runs again, whatever the restart times (DOC≠CODE: the docs say restart does not cancel)", () => {
    restartCancels(useFuture, { numRuns: 60 });
  });

  it("…and that property catches restart() as the docs describe it (a new future, the old one left running)", () => {
    // The old run was not dropped inside restart().
    expect(counterexample(() => restartCancels(docsRestartUseFuture, { numRuns: 100, endOnFailure: true }))).toMatch(
      /to be 'drop \d+'/,
    );
  });

  it("its state follows use_future.rs for any sequence of pause, resume, cancel and restart: pending from the first poll, ready when done, stopped, paused; and a render reading it re-renders", () => {
    stateModel(useFuture, { numRuns: 150 });
  });

  it("…and that model catches a state read off the task (it never says stopped, keeps none of Dioxus's quirks, and re-renders nothing)", () => {
    // A state or a screen that disagrees with use_future.rs (a task-derived state is not a signal, so the screen goes stale too).
    expect(counterexample(() => stateModel(stateFromTaskUseFuture, { numRuns: 300, endOnFailure: true }))).toMatch(
      /expected '\w+' to be '\w+'/,
    );
  });

  it("pause() on a finished future says paused, and resume() then says pending for a task that will never run again (Dioxus does exactly this)", () => {
    const { app, handle } = host(() => useFuture(() => future(function* () {})));
    app.runUntilIdle();
    expect(handle.state()).toBe("ready");
    handle.pause();
    expect(handle.state()).toBe("paused");
    expect(handle.finished()).toBe(false);
    handle.resume();
    expect(handle.state()).toBe("pending");
    app.runToCompletion();
    expect(handle.state()).toBe("pending");
    expect(handle.task().finished()).toBe(true);
  });

  it("the state becomes pending at the task's first poll, not at restart: after cancel() then restart(), it says stopped until the scheduler polls the new task", () => {
    const { app, handle } = host(() =>
      useFuture(() =>
        future(function* () {
          yield* sleep(10);
        }),
      ),
    );
    app.runUntilIdle();
    handle.cancel();
    handle.restart();
    expect(handle.state()).toBe("stopped");
    app.runUntilIdle();
    expect(handle.state()).toBe("pending");
  });

  it("finished() does not subscribe: a component that only reads finished() is not re-rendered when the future ends", () => {
    const { app, renders } = host(
      () =>
        useFuture(() =>
          future(function* () {
            yield* sleep(3);
          }),
        ),
      (f) => String(f.finished()),
    );
    expect(renders).toBe(1);
    app.advance(10);
    expect(app.text()).toBe("false");
  });

  it("a task started through the handle belongs to the hook's component, even when a child's handler calls restart(); it dies with that component, not with the child", () => {
    let handle!: UseFuture;
    let show!: Signal<boolean>;
    let finalizers = 0;
    const Child = ({ f }: { f: UseFuture }) => button({ onclick: () => f.restart() }, "restart");
    const Parent = () => {
      handle = useFuture(() =>
        future(function* () {
          using _ = dropGuard(() => finalizers++);
          yield* sleep(1000);
        }),
      );
      return div(show() ? component(Child, { f: handle }) : null);
    };
    const App = () => {
      show = useSignal(() => true);
      const parentShown = useSignal(() => true);
      return div(
        parentShown() ? component(Parent) : null,
        button({ onclick: () => parentShown.set(false) }, "hide parent"),
      );
    };
    const app = render(App);
    app.runUntilIdle();
    const parentOwner = handle.task().owner;
    app.click({ role: "button", name: "restart" });
    expect(finalizers).toBe(1);
    const restarted: Task = handle.task();
    expect(restarted.owner).toBe(parentOwner);
    show.set(false);
    app.runUntilIdle();
    expect(restarted.finished()).toBe(false);
    app.click({ role: "button", name: "hide parent" });
    app.runUntilIdle();
    expect(restarted.finished()).toBe(true);
    expect(finalizers).toBe(2);
  });

  it("given a Future instead of a closure, it says that it needs a closure to make a fresh future for each restart", () => {
    const e = caught(() =>
      render(() => {
        useFuture(future(function* () {}) as never);
        return null;
      }),
    );
    expect(e.kind).toBe("HookNeedsClosure");
    expect(e.fix).toContain("useFuture(() => future(function* () { … }))");
  });

  it("a closure that returns a Promise is an error that explains why the hook needs a cancellable Future", () => {
    const e = caught(() =>
      render(() => {
        useFuture((async () => {}) as never);
        return null;
      }),
    );
    expect(e.kind).toBe("HookClosureNotFuture");
    expect(e.what).toContain("returned a Promise");
    expect(e.why).toContain("cannot be cancelled");
  });
});
