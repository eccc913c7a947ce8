/**
 * The exact texts the runtime shows a learner: stall, livelock, panic and
 * time-limit reports, and every misuse it refuses. Each message says what
 * happened, where, why it matters and what to do; these tests pin all four.
 *
 * Where a location comes from a stack the runtime takes deep inside itself
 * (a misuse detected inside a task's poll, an await inside a drop), the tests
 * accept any line of this file there and pin everything else exactly.
 */
import { describe, expect, it } from "vitest";
import { Poll, future, pollFn, ready, sleep, spawn, spawnForever, yieldNow, type Future } from "../../runtime/index.ts";
import { Runtime } from "../../runtime/testing.ts";
import type { Await } from "../../runtime/future.ts";
import { caught, handContext, message, siteHere } from "./support/errors.ts";

const THIS_FILE = /^test\/runtime\/reports\.test\.ts:\d+$/;

const STALL_WHY =
  "A future that returns Pending promises to call cx.waker.wake() when it can make progress. " +
  "If no one ever wakes it, the task sleeps for ever: in an app, a spinner that never stops.";
const STALL_FIX =
  "Before returning Poll.Pending, make sure something will wake the task: call cx.waker.wake() " +
  "(to be polled again), or await a future that does (sleep, a request, a channel, a lock that will be released). " +
  "A task meant to wait for input that comes later (a channel message, a click) is not stuck: drive it with advance or advanceTo instead of runToCompletion.";

describe("stall report: tasks pending with nothing left to wake them", () => {
  it("names the stuck task, where it was spawned and what it awaits", () => {
    const rt = new Runtime();
    const [task, site] = [rt.spawn(pollFn(() => Poll.Pending, { label: "stuck" })), siteHere()];
    const err = caught(() => rt.runToCompletion());
    expect(err.kind).toBe("Stall");
    expect(err.message).toBe(
      message({
        what: "Stalled at t=0 ms: 1 task is pending, and nothing in the runtime can wake it (no timer, no other task runs).",
        details: [`task #1 "stuck", spawned at ${site}, waiting on stuck`],
        where: site,
        why: STALL_WHY,
        fix: STALL_FIX,
      }),
    );
    expect(task.finished()).toBe(false);
    expect(rt.trace.of("stall").map((e) => e.detail)).toEqual(["#1"]);
  });

  it("lists every stuck task in spawn order with the chain of awaits, and says when one is paused", () => {
    const rt = new Runtime();
    const never = (label: string): Future<void> => pollFn(() => Poll.Pending, { label });
    const loadUser = future(function* loadUser() {
      yield* sleep(5);
      yield* never("socket.recv()");
    });
    const poller = future(function* poller() {
      yield* sleep(100);
    });
    const [, site1] = [rt.spawn(loadUser), siteHere()];
    const [paused, site2] = [rt.spawn(poller, { label: "poller task" }), siteHere()];
    rt.runUntilIdle();
    paused.pause();
    const err = caught(() => rt.runToCompletion());
    expect(err.message).toBe(
      message({
        what: "Stalled at t=100 ms: 2 tasks are pending, and nothing in the runtime can wake them (no timer, no other task runs).",
        details: [
          `task #1 "loadUser", spawned at ${site1}, waiting on loadUser → socket.recv()`,
          `task #2 "poller task", spawned at ${site2}, waiting on poller → sleep(100) until t=100 (paused: nothing polls it until resume())`,
        ],
        where: site1,
        why: STALL_WHY,
        fix: STALL_FIX,
      }),
    );
  });
});

describe("livelock report: a task that wakes itself for ever without the clock moving", () => {
  it("stops after the budget of polls and names the spinning task and what it awaits", () => {
    const rt = new Runtime({ livelockBudget: 5 });
    const spin = future(function* spin() {
      for (;;) yield* yieldNow();
    });
    const [, site] = [rt.spawn(spin), siteHere()];
    const err = caught(() => rt.runUntilIdle());
    expect(err.kind).toBe("Livelock");
    expect(err.message).toBe(
      message({
        what: 'Livelock at t=0 ms: 5 polls ran without the clock moving; the last was #1 "spin".',
        details: [`task #1 "spin", spawned at ${site}, waiting on spin → yieldNow()`],
        where: site,
        why:
          "A task that wakes itself on every poll without ever finishing keeps the executor busy for ever at the same instant: " +
          "no timer fires, and in an app no frame is drawn.",
        fix: "Wake the task only when it can make progress, await a timer (sleep) between attempts, or return Ready when done.",
      }),
    );
    expect(rt.trace.of("poll")).toHaveLength(5);
  });

  it("writes the budget with thousands separators and counts polls across tasks", () => {
    const rt = new Runtime({ livelockBudget: 1500 });
    for (const label of ["a", "b", "c"]) {
      rt.spawn(pollFn((cx) => (cx.waker.wake(), Poll.Pending), { label }));
    }
    const err = caught(() => rt.runUntilIdle());
    expect(err.what).toBe('Livelock at t=0 ms: 1,500 polls ran without the clock moving; the last was #1 "a".');
    expect(rt.trace.of("poll")).toHaveLength(1500);
  });

  it("a self-waking task that sleeps in between is no livelock: the budget counts polls at one instant", () => {
    const rt = new Runtime({ livelockBudget: 5 });
    const task = rt.spawn(
      future(function* () {
        for (let i = 0; i < 20; i++) {
          yield* yieldNow();
          yield* sleep(1);
        }
        return "done";
      }),
    );
    rt.runToCompletion();
    expect(task.output).toBe("done");
  });
});

describe("panic report: an error thrown out of a task's poll (Dioxus does not catch it, issue #632)", () => {
  const PANIC_WHY =
    "Dioxus does not catch a panic inside a task: the error escapes the poll and takes the app down, " +
    "and nothing that task would have done afterwards happens.";
  const PANIC_FIX =
    "Catch the error inside the task (try/catch around the await that can fail) and show it in the UI instead.";

  it("gives the message, the task label, the spawn site, and the line that threw", () => {
    const rt = new Runtime();
    let thrown: Error | undefined;
    let throwSite = "";
    const fetchData = future(function* fetchData() {
      yield* sleep(3);
      [thrown, throwSite] = [new Error("connection reset"), siteHere()];
      throw thrown;
    });
    const [, site] = [rt.spawn(fetchData), siteHere()];
    const err = caught(() => rt.runToCompletion());
    expect(err.kind).toBe("Panic");
    expect(err.message).toBe(
      message({
        what: `Task #1 "fetchData" (spawned at ${site}) panicked: connection reset`,
        where: throwSite,
        why: PANIC_WHY,
        fix: PANIC_FIX,
      }),
    );
    expect(err.cause).toBe(thrown);
    expect(rt.trace.of("panic").map((e) => e.detail)).toEqual([
      `Task #1 "fetchData" (spawned at ${site}) panicked: connection reset`,
    ]);
  });

  it("describes a thrown value that is not an Error", () => {
    const rt = new Runtime();
    const stringly = pollFn(() => {
      throw "oops";
    });
    const [, site] = [rt.spawn(stringly, { label: "stringly" }), siteHere()];
    const err = caught(() => rt.runUntilIdle());
    expect(err.what).toBe(`Task #1 "stringly" (spawned at ${site}) panicked: "oops"`);
    expect(err.cause).toBe("oops");
  });
});

describe("misuse of futures", () => {
  const AFTER_READY_WHY =
    "A future hands over its value exactly once. In Rust, polling a finished future is a bug " +
    "(many futures panic); whatever awaits a future must stop polling it once it is Ready.";
  const AFTER_READY_FIX =
    "Remember that the inner future finished (keep its value, or set your reference to it to null) and never poll it again.";

  it("polling a future again after it returned Ready names the future and where it was polled", () => {
    const cx = handContext();
    const cases: [Future<unknown>, string][] = [
      [pollFn(() => Poll.Ready(1), { label: "once" }), "once"],
      [pollFn(() => Poll.Ready(1)), "A pollFn future"],
      [ready(5), "ready(5)"],
      [
        future(function* load() {
          return 1;
        }),
        'The async block "load"',
      ],
      [
        future(() =>
          (function* () {
            return 1;
          })(),
        ),
        "An async block",
      ],
    ];
    for (const [fut, name] of cases) {
      expect(fut.poll(cx).ready).toBe(true);
      const [err, site] = [caught(() => fut.poll(cx)), siteHere()];
      expect(err.kind).toBe("PolledAfterReady");
      expect(err.message).toBe(
        message({
          what: `${name} was polled again after it had already returned Ready.`,
          where: site,
          why: AFTER_READY_WHY,
          fix: AFTER_READY_FIX,
        }),
      );
    }
  });

  it("awaiting the same async block twice in a task panics with PolledAfterReady and names the task", () => {
    const rt = new Runtime();
    const shared = future(function* load() {
      return 1;
    });
    const twice = future(function* twice() {
      yield* shared;
      yield* shared;
    });
    const [, site] = [rt.spawn(twice), siteHere()];
    const err = caught(() => rt.runUntilIdle());
    expect(err.kind).toBe("PolledAfterReady");
    expect(err.where).toMatch(THIS_FILE);
    expect(err.message).toBe(
      message({
        what: 'The async block "load" was polled again after it had already returned Ready.',
        details: [`in task #1 "twice" (spawned at ${site})`],
        where: err.where,
        why: AFTER_READY_WHY,
        fix: AFTER_READY_FIX,
      }),
    );
  });

  it("polling a future after it was dropped is refused", () => {
    const cx = handContext();
    const leaf = pollFn(() => Poll.Pending);
    leaf[Symbol.dispose]();
    const block = future(function* work() {
      yield* pollFn(() => Poll.Pending);
    });
    block.poll(cx);
    block[Symbol.dispose]();
    const why =
      "Dropping a future is cancelling it: its cleanup already ran, and nothing it would have done may happen any more.";
    const fix = "Once a future (or the task holding it) is dropped or cancelled, stop polling it.";
    const [e1, s1] = [caught(() => leaf.poll(cx)), siteHere()];
    const [e2, s2] = [caught(() => block.poll(cx)), siteHere()];
    expect(e1.message).toBe(
      message({ what: "A pollFn future was polled after it had been dropped.", where: s1, why, fix }),
    );
    expect(e2.message).toBe(
      message({ what: 'The async block "work" was polled after it had been dropped.', where: s2, why, fix }),
    );
    expect([e1.kind, e2.kind]).toEqual(["PolledAfterDrop", "PolledAfterDrop"]);
  });

  const NOT_FUTURE_WHY =
    "Inside future(function* () { … }) the only thing a generator may hand to the executor is a Future to await (`yield* fut`). " +
    "Nothing can wait on a plain value.";
  const NOT_FUTURE_FIX = "Await a future with `yield* fut` (with the star). To produce a value, `return` it.";

  // A Promise has its own text (mistake-sites.test.ts).
  it("yielding something that is not a Future names the value and the task, and runs the block's finally", () => {
    const values: [unknown, string][] = [
      [5, "5"],
      ["hello", '"hello"'],
      [undefined, "undefined"],
    ];
    for (const [value, described] of values) {
      const rt = new Runtime();
      const log: string[] = [];
      const bad = future(function* bad() {
        try {
          yield value as Await;
        } finally {
          log.push("finally");
        }
      });
      const [, site] = [rt.spawn(bad), siteHere()];
      const err = caught(() => rt.runUntilIdle());
      expect(err.kind).toBe("YieldNotFuture");
      expect(err.where).toMatch(THIS_FILE);
      expect(err.message).toBe(
        message({
          what: `The async block "bad" yielded ${described}, which is not a Future.`,
          details: [`in task #1 "bad" (spawned at ${site})`],
          where: err.where,
          why: NOT_FUTURE_WHY,
          fix: NOT_FUTURE_FIX,
        }),
      );
      expect(log).toEqual(["finally"]);
    }
  });

  it("yielding a Future without the star says the star is missing", () => {
    const rt = new Runtime();
    const forgotStar = future(function* forgotStar() {
      yield sleep(10) as unknown as Await;
    });
    const [, site] = [rt.spawn(forgotStar), siteHere()];
    const err = caught(() => rt.runUntilIdle());
    expect(err.kind).toBe("YieldWithoutStar");
    expect(err.where).toMatch(THIS_FILE);
    expect(err.message).toBe(
      message({
        what: 'The async block "forgotStar" used `yield` on a Future without the star.',
        details: [`in task #1 "forgotStar" (spawned at ${site})`],
        where: err.where,
        why:
          "In this project `yield*` is Rust's `.await`: the star hands the future to the executor and resumes you with its output. " +
          "A bare `yield` hands over the future object itself, which the executor does not treat as an await.",
        fix: "Write `yield* fut` (with the star) to await it.",
      }),
    );
  });

  it("a yield* reached inside finally while the block is being dropped is an AwaitInDrop error (Rust has no async drop)", () => {
    const rt = new Runtime();
    const task = rt.spawn(
      future(function* cleanup() {
        try {
          yield* sleep(10);
        } finally {
          yield* sleep(1);
        }
      }),
    );
    rt.runUntilIdle();
    const err = caught(() => task.cancel());
    expect(err.kind).toBe("AwaitInDrop");
    if (err.where !== undefined) expect(err.where).toMatch(THIS_FILE);
    expect(err.message).toBe(
      message({
        what: 'The async block "cleanup" tried to await while it was being dropped (a `yield*` inside a finally block or a disposer).',
        where: err.where,
        why:
          "Dropping a future is synchronous: Rust has no async drop, so cleanup cannot wait for anything. " +
          "An await reached during a drop would never be resumed.",
        fix: "Keep cleanup synchronous. If it really needs async work, start a new task for it with spawnForever.",
      }),
    );
    expect(task.finished()).toBe(true);
  });

  it("a sleep with a negative or infinite duration is refused when it is built", () => {
    for (const ms of [-1, Infinity, NaN]) {
      const [err, site] = [caught(() => sleep(ms)), siteHere()];
      expect(err.message).toBe(
        message({
          what: `sleep(${ms}) was given a duration that is not a finite number of milliseconds ≥ 0.`,
          where: site,
          why: "A timer needs a point in time to fire at; a negative or infinite delay has none.",
          fix: "Pass a whole number of milliseconds, e.g. sleep(100).",
        }),
      );
    }
  });

  it("a timer future polled with a hand-made Context says it needs the runtime", () => {
    const [err, site] = [caught(() => sleep(5).poll(handContext())), siteHere()];
    expect(err.kind).toBe("NoTimeDriver");
    expect(err.message).toBe(
      message({
        what: "sleep(5) was polled with a Context that does not come from the runtime.",
        where: site,
        why: "Timers need the runtime's virtual clock; a hand-made Context has none, so the timer could never fire.",
        fix: "Spawn the future (or await it inside a spawned future) instead of polling it with your own Context.",
      }),
    );
  });
});

describe("misuse of spawn and the drivers", () => {
  it('spawn with no runtime running starts with Dioxus\'s own sentence "Must be called from inside a Dioxus runtime." (runtime.rs)', () => {
    const [e1, s1] = [caught(() => spawn(future(function* () {}))), siteHere()];
    const [e2, s2] = [caught(() => spawnForever(future(function* () {}))), siteHere()];
    for (const [name, err, site] of [
      ["spawn", e1, s1],
      ["spawnForever", e2, s2],
    ] as const) {
      expect(err.kind).toBe("NoRuntime");
      expect(err.message.startsWith("Must be called from inside a Dioxus runtime.\n")).toBe(true);
      expect(err.message).toBe(
        message({
          what:
            "Must be called from inside a Dioxus runtime.\n" +
            `${name} was used outside a running app (not inside a component, a hook, an event handler or a task).`,
          where: site,
          why:
            "Tasks, hooks, signals, timers and the simulated world all belong to a running app, found through the code that is running now. " +
            "Outside it there is none, so nothing could poll the work, keep the state or move the clock.",
          fix: `Use ${name} from a component, an event handler or a task; in a test, wrap the call in app.enter(() => …) (rt.enter for a bare runtime).`,
        }),
      );
    }
  });

  // A Promise has its own text (mistake-sites.test.ts).
  it("spawn of something that is not a future names what it got and how to make a future of it", () => {
    const rt = new Runtime();
    const makeFuture = () => future(function* () {});
    const why = "Only a future can be polled by the executor. A function or a value does nothing on its own.";
    const valueFix = "Build a future with future(function* () { … }) and spawn that.";
    const fnFix =
      "Pass the future, not a function making it: spawn(future(function* () { … })) or spawn(makeFuture()).";
    const cases: [unknown, string, string][] = [
      [42, "42", valueFix],
      [makeFuture, "a function (makeFuture)", fnFix],
      [null, "null", valueFix],
    ];
    for (const [value, described, fix] of cases) {
      const [err, site] = [caught(() => rt.spawn(value as Future<unknown>)), siteHere()];
      expect(err.kind).toBe("SpawnNotFuture");
      expect(err.message).toBe(message({ what: `spawn was given ${described}, not a Future.`, where: site, why, fix }));
    }
    expect(rt.trace.entries).toEqual([]);
    expect(rt.spawn(makeFuture()).id).toBe(1);
  });

  it("advanceTo a time before now is refused, and the clock stays where it was", () => {
    const rt = new Runtime();
    rt.advance(10);
    const [err, site] = [caught(() => rt.advanceTo(5)), siteHere()];
    expect(err.kind).toBe("ClockBackwards");
    expect(err.message).toBe(
      message({
        what: "advanceTo(5) asked to move the clock backwards (it is at t=10).",
        where: site,
        why: "Virtual time only moves forward, as real time does.",
        fix: "Pass a time at or after the current one, or use advance(ms) with ms ≥ 0.",
      }),
    );
    expect(rt.now).toBe(10);
  });

  const LIMIT_WHY =
    "A task that never finishes (a loop with a sleep inside, for example) keeps an app busy; a test must say how long to watch it.";
  const LIMIT_FIX =
    "Make the tasks finish, cancel them, or drive the clock with advanceTo(t) when they are meant to run for ever.";

  it("runToCompletion stops at its time limit with a report naming the tasks still running", () => {
    const rt = new Runtime();
    const ticker = future(function* ticker() {
      for (;;) yield* sleep(1000);
    });
    const [, site] = [rt.spawn(ticker), siteHere()];
    const err = caught(() => rt.runToCompletion({ maxTime: 2500 }));
    expect(err.kind).toBe("TimeLimit");
    expect(err.message).toBe(
      message({
        what: "runToCompletion stopped at t=2000 ms: the next timer is at t=3000 ms, past maxTime=2500 ms, and 1 task(s) are still running.",
        details: [`task #1 "ticker", spawned at ${site}, waiting on ticker → sleep(1000) until t=3000`],
        where: site,
        why: LIMIT_WHY,
        fix: LIMIT_FIX,
      }),
    );
    expect(rt.now).toBe(2000);
  });

  it("by default runToCompletion watches one virtual hour", () => {
    const rt = new Runtime({ sites: false });
    rt.spawn(
      future(function* every10min() {
        for (;;) yield* sleep(600_000);
      }),
    );
    const err = caught(() => rt.runToCompletion());
    expect(err.what).toBe(
      "runToCompletion stopped at t=3600000 ms: the next timer is at t=4200000 ms, past maxTime=3600000 ms, and 1 task(s) are still running.",
    );
    expect(err.message).toBe(
      message({
        what: err.what,
        details: ['task #1 "every10min", waiting on every10min → sleep(600000) until t=4200000'],
        where: err.where,
        why: LIMIT_WHY,
        fix: LIMIT_FIX,
      }),
    );
  });
});
