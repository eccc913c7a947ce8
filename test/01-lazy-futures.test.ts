/**
 * Kata 01 · Lazy futures: the properties.
 *
 * Each property is one requirement, read as a sentence. The learner's code is
 * run on the reference runtime; probes (test/support/probe.ts) stand in for
 * inner futures so the tests can see exactly how they are polled.
 */
import { expect } from "./support/expect.ts";
import { countdown, ranFuture, ranOther, readyValue, sequence } from "#kata/01-lazy-futures";
import type { Future } from "../runtime/index.ts";
import { fc, latency, probe, property, runtimeSeed, timed, type Probe } from "./support/index.ts";

type Builder = "readyValue" | "countdown" | "ranFuture" | "ranOther" | "sequence";
const builders: fc.Arbitrary<Builder> = fc.constantFrom("readyValue", "countdown", "ranFuture", "ranOther", "sequence");

/** Outputs a future may have, falsy ones included: `undefined`, `null`, 0, "" and false are values like any other. */
const FALSY = [undefined, null, 0, "", false] as const;
const anyOutput: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(...FALSY), fc.integer(), fc.string({ maxLength: 5 }));

/** A value as a learner would write it in code (JSON.stringify turns undefined into nothing). */
function show(v: unknown): string {
  return v === undefined ? "undefined" : JSON.stringify(v);
}

/** Polls of the task's top-level future, read from the trace. */
function pollsOf(ctx: { trace: { forTask(id: number): { kind: string }[] } }, id: number, kind = "poll"): number {
  return ctx.trace.forTask(id).filter((e) => e.kind === kind).length;
}

// Rust futures are lazy (Dioxus docs, "Lazy futures"): constructing one runs none of its body.
property(
  "building futures runs none of their code: nothing is logged and no inner future is polled",
  [fc.array(fc.tuple(builders, fc.nat(5)), { minLength: 1, maxLength: 8 })],
  (ctx, plan) => {
    const rt = ctx.runtime();
    const log: string[] = [];
    const probes: Probe<number>[] = [];
    const built: Future<unknown>[] = [];
    for (const [kind, n] of plan) {
      const a = probe(`probe${probes.length + 1}`, n, n);
      const b = probe(`probe${probes.length + 2}`, n, n);
      probes.push(a, b);
      const f =
        kind === "readyValue"
          ? readyValue(n)
          : kind === "countdown"
            ? countdown(n)
            : kind === "ranFuture"
              ? ranFuture(log)
              : kind === "ranOther"
                ? ranOther(log, a.future)
                : sequence(a.future, b.future);
      built.push(f);
      ctx.say(`build ${kind}(${kind === "ranFuture" || kind === "ranOther" ? "log" : n})`);
    }
    rt.runUntilIdle();
    const polled = probes.filter((p) => p.polls > 0).map((p) => p.name);
    ctx.say(`log = ${JSON.stringify(log)}; inner futures polled: ${polled.length ? polled.join(", ") : "none"}`);
    expect(log, "building a future must not run it: nothing should be logged yet").toEqual([]);
    expect(polled, "building a future must not poll the futures it will await").toEqual([]);
  },
);

property("readyValue(v) is Ready with v at its first poll", [anyOutput], (ctx, v) => {
  const rt = ctx.runtime();
  const task = rt.spawn(readyValue(v), { label: "readyValue" });
  ctx.say(`spawn readyValue(${show(v)})`);
  rt.runUntilIdle();
  const polls = pollsOf(rt, task.id);
  ctx.say(`it was polled ${polls} time(s); finished: ${task.finished()}`);
  expect(task.finished(), "readyValue should be Ready at the first poll").toBe(true);
  expect(polls, "one poll is all a ready future needs").toBe(1);
  expect(task.output, `readyValue(${show(v)}) should be Ready with ${show(v)}`).toBe(v);
});

// A future that returns Pending must arrange a wake (std::task::Waker contract); the stall detector catches a missing one.
property(
  "countdown(n) is polled exactly n+1 times, wakes itself n times, then is Ready with n",
  [fc.nat(12)],
  (ctx, n) => {
    const rt = ctx.runtime();
    const task = rt.spawn(countdown(n), { label: `countdown(${n})` });
    ctx.say(`spawn countdown(${n}) and run until nothing is left to do`);
    rt.runToCompletion();
    const polls = pollsOf(rt, task.id);
    const wakes = pollsOf(rt, task.id, "wake");
    ctx.say(`countdown(${n}) was polled ${polls} times and woke ${wakes} times; expected ${n + 1} and ${n}`);
    expect(polls, `countdown(${n}) should be polled ${n + 1} times`).toBe(n + 1);
    expect(wakes, `countdown(${n}) should wake itself ${n} times`).toBe(n);
    expect(task.output, `countdown(${n}) should be Ready with ${n}`).toBe(n);
  },
);

// The seed page's example: the inner future runs only when awaited, and before the code after the await.
property(
  'awaiting composes: nothing runs before the outer future is spawned, then "Ran" comes before "Ran Other", once each',
  [fc.nat(1000), fc.nat(4)],
  (ctx, idleMs, innerPendings) => {
    const rt = ctx.runtime();
    const log: string[] = [];
    const gate = probe("gate", innerPendings, null);
    const outer = ranOther(log, sequence(gate.future, ranFuture(log)));
    ctx.say(`build ranOther(log, sequence(gate pending ${innerPendings}×, ranFuture(log)))`);
    rt.advance(idleMs);
    ctx.say(`${idleMs} ms pass; log = ${JSON.stringify(log)}`);
    expect(log, "nothing may run before the future is spawned").toEqual([]);
    rt.spawn(outer, { label: "outer" });
    ctx.say("spawn the outer future");
    rt.runToCompletion();
    ctx.say(`log = ${JSON.stringify(log)}`);
    expect(log, 'the inner future runs first ("Ran"), then the code after its await ("Ran Other"), once each').toEqual([
      "Ran",
      "Ran Other",
    ]);
  },
);

property(
  "sequence(a, b) polls a until Ready, then b until Ready, never polls either again, and is Ready with both outputs",
  [fc.nat(6), fc.nat(6), anyOutput, anyOutput],
  (ctx, na, nb, va, vb) => {
    const rt = ctx.runtime();
    const a = probe("a", na, va);
    // Recorded at b's first poll (not thrown: the fault is the sequence's order, not an error its task should catch).
    let bFirstPolled: { aPolls: number; aReady: boolean } | undefined;
    const b = probe("b", nb, vb, () => {
      bFirstPolled ??= { aPolls: a.polls, aReady: a.done };
    });
    const task = rt.spawn(sequence(a.future, b.future), { label: "sequence" });
    ctx.say(
      `spawn sequence(a pending ${na}× then Ready with ${show(va)}, b pending ${nb}× then Ready with ${show(vb)})`,
    );
    rt.runToCompletion();
    if (bFirstPolled !== undefined) {
      ctx.say(
        `b was first polled when a had been polled ${bFirstPolled.aPolls}× and was ${bFirstPolled.aReady ? "Ready" : "still Pending"}`,
      );
    }
    ctx.say(
      `a was polled ${a.polls}×, b ${b.polls}×; output ${task.finished() ? `[${show((task.output as unknown[] | undefined)?.[0])}, ${show((task.output as unknown[] | undefined)?.[1])}]` : "none"}`,
    );
    expect(
      bFirstPolled?.aReady ?? true,
      "b must not be polled before a is Ready: sequence awaits a first, then b",
    ).toBe(true);
    expect(a.polls, "a should be polled once per Pending plus once for Ready").toBe(na + 1);
    expect(b.polls, "b should be polled once per Pending plus once for Ready").toBe(nb + 1);
    expect(
      task.output,
      `sequence should be Ready with [a's output, b's output] = [${show(va)}, ${show(vb)}]`,
    ).toStrictEqual([va, vb]);
  },
);

// A future that answers Pending is woken by whatever it waits on (here two timers, std::task's Waker contract); one that
// also wakes itself while a timer runs is polled again and again at the same instant, a busy loop the runtime stops.
property(
  "sequence(a, b) of two timers finishes after the sum of their delays: b starts only once a is Ready, and only the timers wake the sequence",
  [latency({ min: 1, max: 60 }), latency({ min: 1, max: 60 }), anyOutput, anyOutput],
  (ctx, da, db, va, vb) => {
    const rt = ctx.runtime();
    const a = timed("a", da, va);
    const b = timed("b", db, vb);
    const task = rt.spawn(sequence(a.future, b.future), { label: "sequence" });
    ctx.say(`spawn sequence(a sleeping ${da} ms → ${show(va)}, b sleeping ${db} ms → ${show(vb)})`);
    rt.runToCompletion();
    ctx.say(
      `a started at t=${a.startedAt} and was Ready at t=${a.readyAt}; b started at t=${b.startedAt} and was Ready at t=${b.readyAt}`,
    );
    ctx.say(
      `the sequence ${task.finished() ? `was Ready at t=${rt.now}` : "never finished"} after ${pollsOf(rt, task.id)} poll(s)`,
    );
    expect(b.startedAt, `b should start when a is Ready, at t=${da}, not before`).toBe(da);
    expect(task.finished(), `sequence should be Ready once b is, at t=${da} + ${db}`).toBe(true);
    expect(rt.now, `awaiting a then b takes ${da} + ${db} = ${da + db} ms`).toBe(da + db);
    expect(
      task.output,
      `sequence should be Ready with [a's output, b's output] = [${show(va)}, ${show(vb)}]`,
    ).toStrictEqual([va, vb]);
  },
  { numRuns: 40 },
);

// std::task: "only the Waker from the Context passed to the most recent call to poll should be scheduled to receive a
// wakeup". A combinator passes its own poll's context down; one kept from an earlier poll may belong to another task.
property(
  "sequence(a, b) hands each poll's own context to the inner future it polls: an inner wake reaches the waker of the latest poll, never an earlier one",
  [fc.nat(4), fc.nat(4)],
  (ctx, na, nb) => {
    const a = probe("a", na, "A");
    const b = probe("b", nb, "B");
    const f = sequence(a.future, b.future);
    ctx.say(
      `build sequence(a pending ${na}×, b pending ${nb}×; each wakes the waker it is polled with) and poll it by hand, handing it a new waker at each poll`,
    );
    const woken: number[] = [];
    let ready = false;
    for (let i = 0; i <= na + nb + 1 && !ready; i++) {
      woken.push(0);
      const mine = i;
      const before = [...woken];
      let p: ReturnType<typeof f.poll>;
      try {
        p = f.poll({ waker: { wake: () => woken[mine]!++ } });
      } catch (error) {
        ctx.say(
          `poll ${i + 1} → threw (until then a was polled ${a.polls}×${a.done ? " and was Ready" : ""}, b ${b.polls}×${b.done ? " and was Ready" : ""})`,
        );
        throw error;
      }
      const stale = woken.slice(0, mine).reduce((sum, w, j) => sum + w - before[j]!, 0);
      ctx.say(
        `poll ${i + 1} → ${p.ready ? "Ready" : "Pending"} (a polled ${a.polls}×, b ${b.polls}×); its waker woken ${woken[mine]}×${stale > 0 ? `; wakers of earlier polls woken ${stale}×` : ""}`,
      );
      expect(
        stale,
        `poll ${i + 1}: an inner future woke the waker of an earlier poll, so it was polled with an old context; pass each poll's own cx to the inner poll`,
      ).toBe(0);
      if (p.ready) ready = true;
      else
        expect(
          woken[mine],
          `poll ${i + 1} answered Pending, but the waker of this poll was never woken: the inner future should have been polled with this poll's cx`,
        ).toBeGreaterThan(0);
    }
    expect(ready, `sequence should be Ready after ${na + nb + 1} polls by hand`).toBe(true);
  },
  { numRuns: 30 },
);

/** Polls `task` by hand until it finished or `budget` polls were made; returns how many were made. */
function pollUpTo(task: { pollNow(): unknown; finished(): boolean }, budget: number): number {
  let polls = 0;
  while (polls < budget && !task.finished()) {
    task.pollNow();
    polls++;
  }
  return polls;
}

// Dropping a future drops what it owns (Rust's Drop, recursively): a cancelled task's inner futures must be released at once.
property(
  "dropping a sequence part-way drops its inner futures exactly once",
  [fc.nat(6), fc.nat(6), fc.nat(14)],
  (ctx, na, nb, budget) => {
    const rt = ctx.runtime();
    const a = probe("a", na, 1);
    const b = probe("b", nb, 2);
    const task = rt.spawn(sequence(a.future, b.future), { label: "sequence" });
    ctx.say(`spawn sequence(a pending ${na}×, b pending ${nb}×)`);
    const polls = pollUpTo(task, budget);
    const wasFinished = task.finished();
    ctx.say(
      `poll it ${polls}×: a polled ${a.polls}×${a.done ? " (Ready)" : ""}, b polled ${b.polls}×${b.done ? " (Ready)" : ""}`,
    );
    task.cancel();
    ctx.say(
      `cancel the task${wasFinished ? " (it had already finished)" : polls === 0 ? " before its first poll" : " while it waits"}: a dropped ${a.drops}×, b dropped ${b.drops}×`,
    );
    expect(a.drops, "a should be dropped exactly once, as soon as the task is cancelled").toBe(1);
    expect(
      b.drops,
      "b should be dropped exactly once, as soon as the task is cancelled (even if it was never polled)",
    ).toBe(1);
    const [pa, pb] = [a.polls, b.polls];
    rt.runToCompletion();
    expect(a.polls + b.polls, "nothing may poll a or b after they were dropped").toBe(pa + pb);
  },
);

// Dropped from its first poll on: a generator future that never ran has not reached its await yet, and the runtime
// cannot see what its closure captured (in Rust, an unpolled `async move` block would drop the captured future too).
property(
  'dropping ranOther part-way drops the inner future exactly once and runs nothing after its await (no "Ran Other")',
  [fc.nat(6), fc.integer({ min: 1, max: 8 })],
  (ctx, pendings, budget) => {
    const rt = ctx.runtime();
    const log: string[] = [];
    const inner = probe("inner", pendings, null);
    const task = rt.spawn(ranOther(log, inner.future), { label: "ranOther" });
    ctx.say(`spawn ranOther(log, inner pending ${pendings}×)`);
    const polls = pollUpTo(task, budget);
    const wasFinished = task.finished();
    const loggedWhilePolled = [...log];
    ctx.say(
      `poll it ${polls}×: inner polled ${inner.polls}×${inner.done ? " (Ready)" : ""}; log = ${JSON.stringify(log)}`,
    );
    task.cancel();
    ctx.say(
      `cancel the task${wasFinished ? " (it had already finished)" : " while it waits"}: inner dropped ${inner.drops}×; log = ${JSON.stringify(log)}`,
    );
    if (inner.done) {
      expect(log, 'the inner future finished, so "Ran Other" should be logged once').toEqual(["Ran Other"]);
    } else {
      expect(
        loggedWhilePolled,
        `the inner future was never Ready (polled ${inner.polls}×), yet ranOther logged while it was polled: the code after an await runs only once the awaited future is Ready`,
      ).toEqual([]);
      expect(
        log,
        "the inner future never finished, yet dropping ranOther logged: dropping a future runs none of the code after its await",
      ).toEqual([]);
    }
    expect(
      inner.drops,
      "the inner future should be dropped exactly once (when its await completed, or when ranOther was dropped)",
    ).toBe(1);
    const before = inner.polls;
    rt.runToCompletion();
    expect(inner.polls, "nothing may poll the inner future after it was dropped").toBe(before);
  },
);

type Plan =
  | { kind: "countdown"; n: number }
  | { kind: "readyValue"; v: unknown }
  | { kind: "sequence"; na: number; nb: number; va: unknown; vb: unknown };
const plans: fc.Arbitrary<Plan> = fc.oneof(
  fc.record({ kind: fc.constant("countdown" as const), n: fc.nat(6) }),
  fc.record({ kind: fc.constant("readyValue" as const), v: anyOutput }),
  fc.record({ kind: fc.constant("sequence" as const), na: fc.nat(3), nb: fc.nat(3), va: anyOutput, vb: anyOutput }),
);

function describePlan(p: Plan): string {
  return p.kind === "countdown"
    ? `countdown(${p.n})`
    : p.kind === "readyValue"
      ? `readyValue(${show(p.v)})`
      : `sequence(a pending ${p.na}× → ${show(p.va)}, b pending ${p.nb}× → ${show(p.vb)})`;
}

// Each call of an async fn builds its own state machine: nothing is shared between two futures unless the code shares it.
property(
  "futures built by the same function keep their own state: several built before any runs each finish with their own output",
  [fc.array(plans, { minLength: 2, maxLength: 6 }), runtimeSeed()],
  (ctx, list, seed) => {
    const rt = ctx.runtime({ seed });
    const built = list.map((p, i) => {
      const f: Future<unknown> =
        p.kind === "countdown"
          ? countdown(p.n)
          : p.kind === "readyValue"
            ? readyValue(p.v)
            : sequence(probe(`a${i + 1}`, p.na, p.va).future, probe(`b${i + 1}`, p.nb, p.vb).future);
      ctx.say(`build future ${i + 1}: ${describePlan(p)}`);
      return f;
    });
    const tasks = built.map((f, i) => rt.spawn(f, { label: `future ${i + 1}` }));
    ctx.say("spawn them all, then run until nothing is left to do");
    rt.runToCompletion();
    list.forEach((p, i) => {
      const task = tasks[i]!;
      const want = p.kind === "countdown" ? p.n : p.kind === "readyValue" ? p.v : [p.va, p.vb];
      const got = task.output;
      ctx.say(
        `future ${i + 1} (${describePlan(p)}): ${task.finished() ? `Ready with ${Array.isArray(got) ? `[${got.map(show).join(", ")}]` : show(got)}` : "not finished"} after ${pollsOf(rt, task.id)} poll(s)`,
      );
      expect(
        got,
        `future ${i + 1}, ${describePlan(p)}, should be Ready with its own output, whatever the other futures hold`,
      ).toStrictEqual(want);
      if (p.kind === "countdown") {
        expect(
          pollsOf(rt, task.id),
          `future ${i + 1}, countdown(${p.n}), should be polled ${p.n + 1} times, whatever the other countdowns do`,
        ).toBe(p.n + 1);
      }
    });
  },
);

// std::task: "only the Waker from the Context passed to the most recent call to poll should be scheduled to receive a wakeup".
property(
  "countdown(n) wakes the waker of the very poll that answers Pending, before it returns, and never a waker from an earlier poll",
  [fc.nat(8)],
  (ctx, n) => {
    const f = countdown(n);
    ctx.say(`build countdown(${n}) and poll it by hand, handing it a new waker at each poll`);
    const woken: number[] = [];
    let ready: { value: number } | undefined;
    for (let i = 0; i <= n && ready === undefined; i++) {
      woken.push(0);
      const mine = i;
      const before = [...woken];
      const p = f.poll({ waker: { wake: () => woken[mine]!++ } });
      const stale = woken.slice(0, mine).reduce((sum, w, j) => sum + w - before[j]!, 0);
      ctx.say(
        `poll ${i + 1} → ${p.ready ? `Ready(${p.value})` : "Pending"}; its waker woken ${woken[mine]}×${stale > 0 ? `; wakers of earlier polls woken ${stale}×` : ""}`,
      );
      expect(stale, `poll ${i + 1} woke a waker from an earlier poll: wake the one in this poll's cx`).toBe(0);
      if (p.ready) ready = { value: p.value };
      else
        expect(
          woken[mine],
          `poll ${i + 1} answered Pending without waking this poll's waker: nothing would ever poll it again`,
        ).toBeGreaterThan(0);
    }
    expect(ready, `countdown(${n}) should be Ready at poll ${n + 1}`).toBeDefined();
    expect(ready!.value, `countdown(${n}) should be Ready with ${n}`).toBe(n);
  },
);
