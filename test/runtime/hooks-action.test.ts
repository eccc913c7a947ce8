/**
 * useAction (runtime/hooks/use-action.ts) as Dioxus 0.7's use_action.rs
 * behaves: call cancels the previous call at once, pending starts at the
 * first poll, value() is hidden unless ready or errored, cancel and reset
 * both hide the result (DOC≠CODE), a runtime misuse is a panic and not an Err.
 *
 * These are kata 04's properties ("the latest call always wins…"). Each is
 * also run against the useLatest a learner might write from spawn, signals
 * and Task.cancel, with one mistake at a time, and must fail there for the
 * reason it names.
 */
import { describe, expect, it } from "vitest";
import {
  button,
  component,
  div,
  dropGuard,
  future,
  ready,
  sleep,
  spawn,
  todo,
  useAction,
  useHook,
  useSignal,
  type Action,
  type ActionResult,
  type Future,
  type Signal,
  type Task,
} from "../../runtime/index.ts";
import { LearnerError, render, type App } from "../../runtime/testing.ts";
import { caught } from "./support/errors.ts";
import { entered, host } from "./support/host.ts";
import { counterexample, fc } from "./support/prop.ts";

type ActionLike<A extends unknown[], T> = Pick<Action<A, T>, "call" | "value" | "pending" | "cancel" | "reset">;
type UseActionLike = <A extends unknown[], T>(fn: (...args: A) => Future<T>) => ActionLike<A, T>;
const real: UseActionLike = (fn) => useAction(fn);

/** The mistakes kata 04's mutants make. */
interface Mistakes {
  /** Sets pending (and hides the value) inside call, not at the task's first poll. */
  pendingInCall?: boolean;
  /** Lets the previous call run on (the stale result can land last). */
  noCancel?: boolean;
  /** Keeps the previous result visible while a call is pending. */
  keepsValueWhilePending?: boolean;
  /** Catches everything, a todo() or a borrow error included, as an Err. */
  swallowsMisuse?: boolean;
  /** cancel() keeps the previous result, as the docs say it does. */
  cancelKeepsResult?: boolean;
}

/** A learner's useLatest, from spawn, two signals and Task.cancel, with the given mistakes. */
function useLatest(mistakes: Mistakes): UseActionLike {
  return <A extends unknown[], T>(fn: (...args: A) => Future<T>): ActionLike<A, T> => {
    const result = useSignal<ActionResult<T> | undefined>(() => undefined, "result");
    const busy = useSignal(() => false, "busy");
    const current = useHook(() => ({ task: undefined as Task | undefined }));
    const begin = () => {
      busy.set(true);
      if (!mistakes.keepsValueWhilePending) result.set(undefined);
    };
    const stop = (keep: boolean) => {
      current.task?.cancel();
      busy.set(false);
      if (!keep) result.set(undefined);
    };
    return {
      call(...args: A) {
        if (!mistakes.noCancel) current.task?.cancel();
        if (mistakes.pendingInCall) begin();
        const work = fn(...args);
        current.task = spawn(
          future(function* () {
            if (!mistakes.pendingInCall) begin();
            try {
              const value = yield* work;
              result.set({ ok: true, value });
            } catch (error) {
              if (error instanceof LearnerError && !mistakes.swallowsMisuse) throw error;
              result.set({ ok: false, error });
            }
            busy.set(false);
          }),
        );
        return ready(undefined);
      },
      value: () => result(),
      pending: () => busy(),
      cancel: () => stop(mistakes.cancelKeepsResult === true),
      reset: () => stop(false),
    };
  };
}

/** A call's argument: its number, how long it takes, and whether it succeeds. */
interface Req {
  i: number;
  latency: number;
  ok: boolean;
}

const work = (r: Req) =>
  future(function* () {
    yield* sleep(r.latency);
    if (!r.ok) throw new Error(`failed ${r.i}`);
    return r.i;
  });

/** What value() says, as text: "none", "ok 3", "err failed 3". */
const said = (v: ActionResult<number> | undefined): string =>
  v === undefined ? "none" : v.ok ? `ok ${v.value}` : `err ${(v.error as Error).message}`;

/** A host showing "pending|idle <value>", and its handle called as a handler would (inside the runtime). */
function mount(use: UseActionLike) {
  const h = host(
    () => use((r: Req) => work(r)),
    (a) => `${a.pending() ? "pending" : "idle"} ${said(a.value())}`,
  );
  return {
    app: h.app,
    get handle() {
      return entered(h.app, h.handle);
    },
  };
}

/**
 * Moves the clock to `until`, stopping (and checking) at every time in
 * `ends` on the way and at `until`: what an action shows can only change at
 * an event or when a call's latency ends, so this sees every state it is in.
 */
function stepTo(app: App, until: number, ends: ReadonlySet<number>, check: () => void) {
  for (const t of [...ends].filter((t) => t > app.now && t < until).sort((a, b) => a - b)) {
    app.advanceTo(t);
    check();
  }
  if (until > app.now) {
    app.advanceTo(until);
    check();
  }
}

const calls = fc.array(fc.record({ gap: fc.nat(10), latency: fc.nat(15), ok: fc.boolean() }), {
  minLength: 1,
  maxLength: 6,
});

/** At every millisecond, value() is none or the latest call's result; at the end it is the latest call's result. */
function latestWins(use: UseActionLike, params: fc.Parameters<[{ gap: number; latency: number; ok: boolean }[]]>) {
  fc.assert(
    fc.property(calls, (plan) => {
      const { app, handle } = mount(use);
      const reqs = plan.map((p, i) => ({ ...p, i: i + 1 }));
      const latestResult = (r: Req) => (r.ok ? `ok ${r.i}` : `err failed ${r.i}`);
      let latest: Req | undefined;
      const ends = new Set<number>();
      const check = () => {
        const v = said(handle.value());
        expect(v === "none" || (latest !== undefined && v === latestResult(latest))).toBe(true);
      };
      for (const r of reqs) {
        stepTo(app, app.now + r.gap, ends, check);
        handle.call(r);
        latest = r;
        ends.add(app.now + r.latency);
        app.runUntilIdle();
        check();
      }
      stepTo(app, app.now + 16, ends, check);
      expect(said(handle.value())).toBe(latestResult(latest!));
    }),
    params,
  );
}

/** Right after call(), nothing changed yet; at the task's first poll, pending() is true and value() none. */
function pendingAtFirstPoll(use: UseActionLike, params: fc.Parameters<[Req | undefined, boolean]>) {
  const previous = fc.option(fc.record({ i: fc.constant(1), latency: fc.nat(5), ok: fc.boolean() }), {
    nil: undefined,
  });
  fc.assert(
    fc.property(previous, fc.boolean(), (prev, fromTask) => {
      const { app, handle } = mount(use);
      if (prev !== undefined) {
        handle.call(prev);
        app.advance(prev.latency);
      }
      const before = app.text();
      const next: Req = { i: 2, latency: 5, ok: true };
      let justAfter: string | undefined;
      const callNow = () => {
        handle.call(next);
        justAfter = `${handle.pending() ? "pending" : "idle"} ${said(handle.value())}`;
      };
      if (fromTask)
        app.enter(() =>
          spawn(
            future(function* () {
              callNow();
            }),
          ),
        );
      else app.enter(callNow);
      app.runUntilIdle();
      expect(justAfter).toBe(before);
      expect(app.text()).toBe("pending none");
    }),
    params,
  );
}

/** cancel() or reset(), after a result or during a call: the result is hidden and a running call never lands. */
function cancelHidesResult(use: UseActionLike, params: fc.Parameters<[boolean, "cancel" | "reset", number]>) {
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.constantFrom("cancel" as const, "reset" as const),
      fc.integer({ min: 1, max: 9 }),
      (duringCall, how, latency) => {
        const { app, handle } = mount(use);
        handle.call({ i: 1, latency: 0, ok: true });
        app.runUntilIdle();
        expect(app.text()).toBe("idle ok 1");
        if (duringCall) {
          handle.call({ i: 2, latency, ok: true });
          app.advance(latency - 1);
        }
        handle[how]();
        app.advance(latency + 1);
        expect(app.text()).toBe("idle none");
        expect(said(handle.value())).toBe("none");
      },
    ),
    params,
  );
}

/** A todo() inside the action is a runtime misuse: the task panics and the driver rethrows it; it is never an Err. */
function misuseRethrown(use: UseActionLike) {
  const { app, handle } = host(() =>
    use(() =>
      future(function* () {
        yield* sleep(1);
        return todo("fetching the dog") as number;
      }),
    ),
  );
  app.enter(() => handle.call());
  const e = caught(() => app.advance(1));
  expect(e.kind).toBe("NotStarted");
  expect(handle.value()).toBeUndefined();
}

type Step = { gap: number; op: "call"; latency: number; ok: boolean } | { gap: number; op: "cancel" | "reset" };
const steps = fc.array(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ gap: fc.nat(8), op: fc.constant("call" as const), latency: fc.nat(10), ok: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ gap: fc.nat(8), op: fc.constantFrom("cancel" as const, "reset" as const) }) },
  ),
  { maxLength: 8 },
);

/** A model of use_action.rs's state: value() and pending() at every millisecond, and on the screen. */
function followsModel(use: UseActionLike, params: fc.Parameters<[Step[]]>) {
  fc.assert(
    fc.property(steps, (plan) => {
      const { app, handle } = mount(use);
      let state: "unset" | "pending" | "ready" | "errored" | "reset" = "unset";
      let shown = "none";
      let live: (Req & { endsAt: number }) | undefined;
      const settle = () => {
        if (live !== undefined && live.endsAt <= app.now) {
          state = live.ok ? "ready" : "errored";
          shown = live.ok ? `ok ${live.i}` : `err failed ${live.i}`;
          live = undefined;
        }
      };
      const expected = () =>
        `${state === "pending" ? "pending" : "idle"} ${state === "ready" || state === "errored" ? shown : "none"}`;
      const check = () => {
        expect(`${handle.pending() ? "pending" : "idle"} ${said(handle.value())}`).toBe(expected());
        expect(app.text()).toBe(expected());
      };
      let i = 0;
      const ends = new Set<number>();
      const settleAndCheck = () => {
        settle();
        check();
      };
      for (const step of plan) {
        stepTo(app, app.now + step.gap, ends, settleAndCheck);
        if (step.op === "call") {
          const req = { i: ++i, latency: step.latency, ok: step.ok };
          handle.call(req);
          live = { ...req, endsAt: app.now + req.latency };
          ends.add(live.endsAt);
          app.runUntilIdle();
          state = "pending";
          settle();
        } else {
          handle[step.op]();
          live = undefined;
          state = "reset";
          app.runUntilIdle();
        }
        check();
      }
      stepTo(app, app.now + 11, ends, settleAndCheck);
    }),
    params,
  );
}

describe("useAction", () => {
  it("for any calls, latencies and outcomes, value() is at every moment either undefined or the result of the most recent call, and ends as that result: the latest call always wins", () => {
    latestWins(real, { numRuns: 40 });
  });

  it("…and that property catches an action that does not cancel the previous call (the stale result lands last)", () => {
    expect(
      counterexample(() => latestWins(useLatest({ noCancel: true }), { numRuns: 300, endOnFailure: true })),
    ).toMatch(/expected false to be true/);
  });

  it("the state becomes pending at the new task's first poll, not inside call(): right after call() (from an event or from a task) pending() and value() are unchanged", () => {
    pendingAtFirstPoll(real, { numRuns: 40 });
  });

  it("…and that property catches an action that sets pending inside call()", () => {
    expect(
      counterexample(() =>
        pendingAtFirstPoll(useLatest({ pendingInCall: true }), { numRuns: 100, endOnFailure: true }),
      ),
    ).toMatch(/to be 'idle/);
  });

  it("value() is undefined while a call is pending, even when an earlier call had a result", () => {
    const { app, handle } = mount(real);
    handle.call({ i: 1, latency: 0, ok: true });
    app.runUntilIdle();
    handle.call({ i: 2, latency: 5, ok: true });
    app.runUntilIdle();
    expect(handle.value()).toBeUndefined();
    expect(app.text()).toBe("pending none");
  });

  it("…and the model below catches an action that keeps the previous result visible while pending", () => {
    expect(
      counterexample(() =>
        followsModel(useLatest({ keepsValueWhilePending: true }), { numRuns: 300, endOnFailure: true }),
      ),
    ).toMatch(/'pending ok \d+' to be 'pending none'|'pending err failed \d+' to be 'pending none'/);
  });

  it("cancel() and reset() both cancel the running call and hide the result, before or during a call (DOC≠CODE: the docs say cancel keeps the previous result)", () => {
    cancelHidesResult(real, { numRuns: 40 });
  });

  it("…and that property catches cancel() as the docs describe it (the previous result stays)", () => {
    expect(
      counterexample(() =>
        cancelHidesResult(useLatest({ cancelKeepsResult: true }), { numRuns: 100, endOnFailure: true }),
      ),
    ).toMatch(/'idle ok 1' to be 'idle none'/);
  });

  it("a LearnerError thrown inside the action (todo()'s NotStarted) is not swallowed as an Err: the task panics and the driver rethrows it", () => {
    misuseRethrown(real);
  });

  it("…and that check catches an action that catches everything as an Err", () => {
    // The driver call throws the todo() either way (the runtime ends a call whose misuse was caught: errors.ts, watchMisuse);
    // what gives this action away is the Err it kept as its value.
    expect(counterexample(() => misuseRethrown(useLatest({ swallowsMisuse: true })))).toMatch(
      /expected \{ ok: false, .* to be undefined/,
    );
  });

  it("value() and pending() follow use_action.rs at every moment, on the handle and on the screen, for any sequence of calls, cancels, resets, latencies and outcomes", () => {
    followsModel(real, { numRuns: 60 });
  });

  it("a useLatest written from spawn, signals and Task.cancel without those mistakes passes every one of these properties (kata 04 asks for exactly that)", () => {
    const correct = useLatest({});
    latestWins(correct, { numRuns: 20 });
    pendingAtFirstPoll(correct, { numRuns: 20 });
    cancelHidesResult(correct, { numRuns: 20 });
    misuseRethrown(correct);
    followsModel(correct, { numRuns: 30 });
  });

  prop_outcomes();

  it("call() cancels the previous call inside the call (its finalizer has run when call returns) and builds the new future without polling it", () => {
    const log: string[] = [];
    const { app, handle } = host(() =>
      useAction((n: number) => {
        log.push(`build ${n}`);
        return future(function* () {
          using _ = dropGuard(() => log.push(`drop ${n}`));
          log.push(`start ${n}`);
          yield* sleep(10);
          return n;
        });
      }),
    );
    handle.call(1);
    app.runUntilIdle();
    handle.call(2);
    expect(log).toEqual(["build 1", "start 1", "drop 1", "build 2"]);
    app.advance(10);
    expect(handle.value()).toEqual({ ok: true, value: 2 });
  });

  it("the future call() returns is Ready when that call completes, or when it is cancelled (by a newer call or by cancel())", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined }),
        (latency, supersededAt) => {
          const { app, handle } = host(() =>
            useAction(() =>
              future(function* () {
                yield* sleep(latency);
              }),
            ),
          );
          let resumedAt: number | undefined;
          app.enter(() =>
            spawn(
              future(function* () {
                yield* handle.call();
                resumedAt = app.now;
              }),
            ),
          );
          app.runUntilIdle();
          if (supersededAt !== undefined) {
            app.advanceTo(supersededAt);
            handle.cancel();
          }
          app.advance(30);
          const expected = supersededAt !== undefined && supersededAt < latency ? supersededAt : latency;
          expect(resumedAt).toBe(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("pending() subscribes: a component that shows only pending() re-renders when the call's task starts and when it ends", () => {
    const { app, handle, shown } = host(
      () =>
        useAction(() =>
          future(function* () {
            yield* sleep(5);
          }),
        ),
      (a) => String(a.pending()),
    );
    handle.call();
    app.advance(5);
    expect(shown.map((s) => `${s.t}:${s.text}`)).toEqual(["0:false", "0:true", "5:false"]);
  });

  it("a call's task belongs to the hook's component, even when a child's handler calls it; it dies with that component", () => {
    let action!: Action<[], void>;
    let drops = 0;
    const Child = ({ a }: { a: Action<[], void> }) => button({ onclick: () => void a.call() }, "go");
    const Owner = () => {
      action = useAction(() =>
        future(function* () {
          using _ = dropGuard(() => drops++);
          yield* sleep(100);
        }),
      );
      return div(component(Child, { a: action }));
    };
    let shown!: Signal<boolean>;
    const App = () => {
      shown = useSignal(() => true);
      return div(shown() ? component(Owner) : null);
    };
    const app = render(App);
    app.click({ role: "button", name: "go" });
    app.runUntilIdle();
    expect(action.pending()).toBe(true);
    shown.set(false);
    app.runUntilIdle();
    expect(drops).toBe(1);
  });

  it("given a Future instead of a closure, useAction says it needs a closure; a closure that returns a Promise fails at call() with the reason", () => {
    const e = caught(() =>
      render(() => {
        useAction(future(function* () {}) as never);
        return null;
      }),
    );
    expect(e.kind).toBe("HookNeedsClosure");
    const { app, handle } = host(() => useAction((async () => 1) as never as () => Future<number>));
    const e2 = caught(() => app.enter(() => handle.call()));
    expect(e2.kind).toBe("HookClosureNotFuture");
    expect(e2.what).toContain("useAction returned a Promise");
  });
});

/** Success then failure then success…: each result replaces the other, error cleared on success, value cleared on failure. */
function prop_outcomes() {
  it("a success shows the value and clears any error; a failure shows the error and clears the value (Rust's Ok / Err)", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), (outcomes) => {
        const { app, handle } = mount(real);
        outcomes.forEach((ok, k) => {
          handle.call({ i: k + 1, latency: 1, ok });
          app.advance(1);
          const v = handle.value();
          expect(v?.ok).toBe(ok);
          if (v?.ok) expect(v.value).toBe(k + 1);
          else expect((v?.error as Error | undefined)?.message).toBe(`failed ${k + 1}`);
        });
      }),
      { numRuns: 40 },
    );
  });
}
