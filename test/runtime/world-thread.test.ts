/**
 * The main thread and worker threads (runtime/world/thread.ts): blocking work
 * freezes everything, threads run in parallel on a fixed number of cores,
 * thread code may not touch signals, and scheduled user events wait for a
 * busy main thread.
 */
import { describe, expect, it } from "vitest";
import {
  blockFor,
  button,
  div,
  future,
  input,
  sleep,
  spawn,
  spawnThread,
  useHook,
  useSignal,
} from "../../runtime/index.ts";
import { Runtime, render, threads, userEvents } from "../../runtime/testing.ts";
import { caught } from "./support/errors.ts";
import { fc, prop } from "./support/prop.ts";

/** First come, first served list scheduling: each job goes to the core that frees up first. */
function schedule(cores: number, jobs: readonly { at: number; cost: number }[]): { start: number; end: number }[] {
  const free = Array.from({ length: cores }, () => 0);
  return jobs.map(({ at, cost }) => {
    const core = free.indexOf(Math.min(...free));
    const start = Math.max(at, free[core]!);
    free[core] = start + cost;
    return { start, end: start + cost };
  });
}

describe("worker threads", () => {
  const jobsArb = fc.array(fc.record({ gap: fc.nat(30), cost: fc.nat(60) }), { minLength: 1, maxLength: 8 });

  prop([fc.integer({ min: 1, max: 4 }), jobsArb], { numRuns: 100 })(
    "jobs run first come, first served on the runtime's cores, never more at once than there are cores, and each result arrives when its job ends",
    (cores, plan) => {
      const rt = new Runtime({ cores });
      const jobs: { at: number; cost: number }[] = [];
      let at = 0;
      for (const p of plan) jobs.push({ at: (at += p.gap), cost: p.cost });
      const arrived: [number, number, number][] = [];
      rt.spawn(
        future(function* () {
          for (const [i, job] of jobs.entries()) {
            yield* sleep(job.at - rt.now);
            rt.spawn(
              future(function* () {
                const r = yield* spawnThread(() => i * i, { costMs: job.cost, label: `job ${i}` });
                arrived.push([i, r, rt.now]);
              }),
            );
          }
        }),
      );
      rt.runToCompletion();
      const expected = schedule(cores, jobs);
      const pool = threads(rt);
      expect(pool.jobs.map((j) => ({ start: j.startsAt, end: j.endsAt }))).toEqual(expected);
      expect(pool.maxParallel()).toBeLessThanOrEqual(cores);
      for (const j of pool.jobs) expect(pool.running(j.startsAt).length).toBeLessThanOrEqual(cores);
      expect(arrived.sort((a, b) => a[0] - b[0])).toEqual(jobs.map((_, i) => [i, i * i, expected[i]!.end]));
      expect(rt.trace.of("thread-start")).toHaveLength(jobs.length);
      expect(rt.trace.of("thread-done")).toHaveLength(jobs.length);
    },
  );

  prop([fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 4 })], {
    numRuns: 60,
  })(
    "independent jobs started together, no more than the cores, finish at the max of their costs while the main thread keeps running",
    (cores, costs) => {
      fc.pre(costs.length <= cores);
      const rt = new Runtime({ cores });
      const ticks: number[] = [];
      let doneAt = -1;
      rt.spawn(
        future(function* () {
          const handles = costs.map((c) => spawnThread(() => c, { costMs: c }));
          for (const h of handles) yield* h;
          doneAt = rt.now;
        }),
      );
      rt.spawn(
        future(function* () {
          for (let t = 1; t <= Math.max(...costs); t++) {
            yield* sleep(1);
            ticks.push(rt.now);
          }
        }),
        { label: "ticker" },
      );
      rt.runToCompletion();
      expect(doneAt).toBe(Math.max(...costs));
      expect(ticks, "the main thread ticks every ms, undelayed").toEqual(ticks.map((_, i) => i + 1));
    },
  );

  prop([fc.nat(40), fc.integer({ min: 1, max: 40 }), fc.nat(40)], { numRuns: 40 })(
    "dropping a thread's handle detaches the job: its core stays busy until the job is done",
    (dropAt, cost, nextAt) => {
      const rt = new Runtime({ cores: 1 });
      const first = rt.spawn(spawnThreadLater(rt, 0, cost, "first"));
      let secondStart = -1;
      rt.spawn(
        future(function* () {
          yield* sleep(nextAt);
          yield* spawnThread(() => 0, { costMs: 5, label: "second" });
          secondStart = threads(rt).jobs[1]!.startsAt;
        }),
      );
      rt.advanceTo(Math.min(dropAt, nextAt));
      first.cancel();
      rt.runToCompletion();
      expect(secondStart).toBe(Math.max(nextAt, cost));
      if (dropAt < cost && dropAt <= nextAt)
        expect(rt.trace.of("thread-done")[0]!.detail).toContain("result discarded");
    },
  );

  it("work that touches a signal fails at once with an error naming the signal and the thread, and signals work again afterwards", () => {
    function App() {
      const query = useSignal(() => "pug", "query");
      const status = useSignal(() => "idle", "status");
      return div(
        button(
          {
            onclick: () => {
              spawn(
                future(function* () {
                  yield* spawnThread(() => query().length, { costMs: 10, label: "score" });
                }),
              );
            },
          },
          "bad",
        ),
        button({ onclick: () => status.set(`scored ${query()}`) }, "ok"),
        status(),
      );
    }
    const app = render(App);
    app.click({ text: "bad" });
    const e = caught(() => app.runUntilIdle());
    expect(e.kind).toBe("NotSend");
    expect(e.message).toMatch(
      /^signal query \(created at test\/runtime\/world-thread\.test\.ts:\d+\) was touched from the worker thread "score"\./,
    );
    expect(threads(app).jobs, "the job was never submitted").toEqual([]);
    app.click({ text: "ok" });
    app.runUntilIdle();
    expect(app.text()).toContain("scored pug");
  });

  it("a thread that panics rethrows its error where its result is awaited", () => {
    const rt = new Runtime();
    let caughtThere: unknown;
    rt.spawn(
      future(function* () {
        try {
          yield* spawnThread(
            () => {
              throw new Error("bad input");
            },
            { costMs: 20 },
          );
        } catch (e) {
          caughtThere = [(e as Error).message, rt.now];
        }
      }),
    );
    rt.runToCompletion();
    expect(caughtThere).toEqual(["bad input", 20]);
    expect(rt.trace.of("thread-done")[0]!.detail).toContain("panicked: bad input");
  });

  it("the number of cores is checked, and defaults to 2", () => {
    expect(threads(new Runtime()).cores).toBe(2);
    expect(caught(() => threads(new Runtime({ cores: 0 }))).kind).toBe("BadCores");
    expect(caught(() => spawnThread(() => 1, { costMs: 1 })).kind).toBe("NoRuntime");
    expect(caught(() => new Runtime().enter(() => spawnThread(() => 1, { costMs: -1 }))).kind).toBe("BadDuration");
  });
});

/** A task that submits a job at `at` and awaits it (so cancelling the task drops the handle). */
function spawnThreadLater(rt: Runtime, at: number, cost: number, label: string) {
  return future(function* () {
    yield* sleep(at - rt.now);
    return yield* spawnThread(() => label, { costMs: cost, label });
  });
}

describe("blocking the main thread", () => {
  prop([fc.integer({ min: 1, max: 60 }), fc.array(fc.nat(80), { minLength: 1, maxLength: 6 })], { numRuns: 60 })(
    "blockFor moves the clock at once and nothing else runs meanwhile: timers due during the block fire when it ends",
    (ms, sleeps) => {
      const rt = new Runtime();
      const woke: number[] = [];
      for (const s of sleeps)
        rt.spawn(
          future(function* () {
            yield* sleep(s);
            woke.push(rt.now);
          }),
        );
      rt.runUntilIdle();
      let during: number[] = [];
      rt.spawn(
        future(function* () {
          const before = woke.length;
          blockFor(ms, "heavy");
          during = woke.slice(before);
        }),
      );
      rt.runToCompletion();
      expect(during).toEqual([]);
      expect(woke.sort((a, b) => a - b)).toEqual(
        sleeps.map((s) => (s === 0 ? 0 : Math.max(s, ms))).sort((a, b) => a - b),
      );
      expect(rt.trace.of("block").map((e) => e.detail)).toEqual([`heavy: main thread busy 0 → ${ms} ms`]);
    },
  );

  it("blockFor is refused inside a thread's work, where costMs says what the work costs", () => {
    const rt = new Runtime();
    expect(caught(() => rt.enter(() => spawnThread(() => blockFor(5), { costMs: 5 }))).kind).toBe("BlockOnThread");
  });
});

describe("user events at virtual times", () => {
  const eventsArb = fc.array(fc.record({ gap: fc.nat(30), blockMs: fc.oneof(fc.constant(0), fc.nat(50)) }), {
    minLength: 1,
    maxLength: 8,
  });

  prop([eventsArb], { numRuns: 100 })(
    "an event waits exactly as long as the main thread is still busy at its time, and not at all otherwise",
    (plan) => {
      // Typing "n" costs n ms of work on the main thread, in the handler.
      function App() {
        const keys = useSignal(() => 0, "keys");
        return div(
          input({
            oninput: (e) => {
              keys.set(keys.peek() + 1);
              blockFor(Number(e.value));
            },
          }),
          `typed ${keys()}`,
        );
      }
      const app = render(App);
      let t = 0;
      const events = plan.map((p, i) => ({ t: (t += p.gap), blockMs: p.blockMs, i }));
      for (const ev of events) app.at(ev.t, () => app.input({ role: "textbox" }, String(ev.blockMs)), `key ${ev.i}`);
      app.runToCompletion();
      let free = 0;
      const expected = events.map((ev) => {
        const handledAt = Math.max(ev.t, free);
        free = handledAt + ev.blockMs;
        return { label: `key ${ev.i}`, due: ev.t, handledAt, waited: handledAt - ev.t };
      });
      expect(app.eventWaits).toEqual(expected);
      expect(userEvents(app).maxWait).toBe(Math.max(...expected.map((w) => w.waited)));
      expect(app.rt.trace.of("event-wait")).toHaveLength(events.length);
      expect(app.text()).toBe(`typed ${events.length}`);
    },
  );

  prop([fc.array(fc.nat(20), { minLength: 1, maxLength: 6 }), fc.integer({ min: 17, max: 200 })], { numRuns: 40 })(
    "moving heavy work from the main thread to a thread keeps every event's wait at 0",
    (gaps, cost) => {
      const run = (onThread: boolean) => {
        function App() {
          const results = useSignal(() => 0, "results");
          return button(
            {
              onclick: () => {
                if (!onThread) {
                  blockFor(cost);
                  results.set(results.peek() + 1);
                  return undefined;
                }
                return future(function* () {
                  yield* spawnThread(() => 1, { costMs: cost });
                  results.set(results.peek() + 1);
                });
              },
            },
            `results ${results()}`,
          );
        }
        const app = render(App, { cores: 8 });
        let t = 0;
        for (const g of gaps) app.at((t += g), () => app.click({ role: "button" }));
        app.runToCompletion();
        expect(app.text()).toBe(`results ${gaps.length}`);
        return userEvents(app).maxWait;
      };
      expect(run(true)).toBe(0);
      // On the main thread, an event that comes less than cost - 16 ms after the previous one waits too long.
      if (gaps.slice(1).some((g) => g < cost - 16)) expect(run(false)).toBeGreaterThan(16);
    },
  );

  it("runToCompletion waits for every scheduled event, even when no task is running", () => {
    function App() {
      const n = useSignal(() => 0, "n");
      return button({ onclick: () => n.set(n.peek() + 1) }, `n=${n()}`);
    }
    const app = render(App);
    app.at(500, () => app.click({ role: "button" }), "late click");
    app.runToCompletion();
    expect(app.now).toBe(500);
    expect(app.text()).toBe("n=1");
    expect(userEvents(app).pending).toBe(0);
  });

  it("an event cannot be scheduled in the past", () => {
    const rt = new Runtime();
    rt.advance(10);
    const e = caught(() => userEvents(rt).at(5, () => {}, "too late"));
    expect(e.kind).toBe("EventInThePast");
    expect(e.message).toContain('A user event ("too late") was scheduled at t=5, but the clock is already at t=10.');
  });
});

/**
 * Ties between sources. A user event comes from the platform's event loop, a
 * network answer or a sleep from tokio's drivers: when both are due at the
 * same instant, nothing in Dioxus or tokio orders them (docs/runtime-model.md,
 * "The outside world"). Without a seed the runtime keeps one fixed order (the
 * user event's handler runs first); with a seed the order is drawn from it.
 * Within one source the order stays FIFO: user events in the order they
 * happened, app timers in the order they were set.
 */
describe("a user event and an app timer due at the same instant", () => {
  /** A click at t=10 and a task whose sleep ends at t=10: what did the click see? */
  function race(seed: number | undefined) {
    const seen: string[] = [];
    function App() {
      const loaded = useSignal(() => "not loaded");
      useHook(() =>
        spawn(
          future(function* () {
            yield* sleep(10);
            loaded.set("loaded");
          }),
        ),
      );
      return button({ onclick: () => void seen.push(loaded.peek()) }, loaded());
    }
    const app = render(App, seed === undefined ? {} : { seed });
    app.at(10, () => app.click({ role: "button" }), "click");
    app.runToCompletion();
    return {
      seen: seen[0],
      trace: app.rt.trace.entries.map((e) => `${e.t} ${e.kind} ${e.task ?? ""} ${e.detail ?? ""}`),
    };
  }

  it("without a seed the user event is handled first, before the task its timer woke runs", () => {
    expect(race(undefined).seen).toBe("not loaded");
  });

  prop([fc.nat(1000)], { numRuns: 20 })(
    "with a seed the order is the seed's: the same seed gives the same run",
    (seed) => {
      const a = race(seed);
      const b = race(seed);
      expect(a.seen).toBe(b.seen);
      expect(a.trace).toEqual(b.trace);
    },
  );

  it("with seeds, both orders happen: the click sees the loaded value for some seeds and not for others", () => {
    const outcomes = new Set(Array.from({ length: 16 }, (_, seed) => race(seed).seen));
    expect([...outcomes].sort()).toEqual(["loaded", "not loaded"]);
  });

  prop([fc.nat(1000), fc.integer({ min: 2, max: 4 })], { numRuns: 20 })(
    "with any seed, user events at one instant are handled in the order they happened, and sleeps ending at one instant wake their tasks in the order they were set",
    (seed, n) => {
      const log: string[] = [];
      function App() {
        useSignal(() => {
          for (let i = 0; i < n; i++)
            spawn(
              future(function* () {
                yield* sleep(5);
                log.push(`sleep ${i}`);
              }),
            );
          return 0;
        });
        return button({ onclick: () => void 0 }, "b");
      }
      const app = render(App, { seed });
      for (let i = 0; i < n; i++) app.at(5, () => void log.push(`event ${i}`), `event ${i}`);
      app.runToCompletion();
      const range = Array.from({ length: n }, (_, i) => i);
      expect(log.filter((l) => l.startsWith("event"))).toEqual(range.map((i) => `event ${i}`));
      expect(log.filter((l) => l.startsWith("sleep"))).toEqual(range.map((i) => `sleep ${i}`));
    },
  );
});
