/**
 * Kata 01 · Lazy futures: the properties.
 *
 * Each property is one requirement, read as a sentence. The learner's code is
 * run on the reference runtime; probes (test/support/probe.ts) stand in for
 * inner futures so the tests can see exactly how they are polled.
 */
import { expect } from "vitest";
import { countdown, ranFuture, ranOther, readyValue, sequence } from "#kata/01-lazy-futures";
import type { Future } from "../runtime/index.ts";
import { fc, probe, property, type Probe } from "./support/index.ts";

type Builder = "readyValue" | "countdown" | "ranFuture" | "ranOther" | "sequence";
const builders: fc.Arbitrary<Builder> = fc.constantFrom("readyValue", "countdown", "ranFuture", "ranOther", "sequence");

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
        kind === "readyValue" ? readyValue(n)
        : kind === "countdown" ? countdown(n)
        : kind === "ranFuture" ? ranFuture(log)
        : kind === "ranOther" ? ranOther(log, a.future)
        : sequence(a.future, b.future);
      built.push(f);
      ctx.say(`build ${kind}(${kind === "ranFuture" || kind === "ranOther" ? "log" : n})`);
    }
    rt.runUntilIdle();
    const polled = probes.filter((p) => p.polls > 0).map((p) => p.name);
    ctx.say(`log = ${JSON.stringify(log)}; inner futures polled: ${polled.length ? polled.join(", ") : "none"}`);
    expect(log, "building a future must not run it: nothing should be logged yet").toEqual([]);
    expect(polled, "building a future must not poll the futures it will await").toEqual([]);
    expect(built.length).toBe(plan.length);
  },
);

property(
  "readyValue(v) is Ready with v at its first poll",
  [fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(undefined))],
  (ctx, v) => {
    const rt = ctx.runtime();
    const task = rt.spawn(readyValue(v), { label: "readyValue" });
    ctx.say(`spawn readyValue(${JSON.stringify(v)})`);
    rt.runUntilIdle();
    const polls = pollsOf(rt, task.id);
    ctx.say(`it was polled ${polls} time(s); finished: ${task.finished()}`);
    expect(task.finished(), "readyValue should be Ready at the first poll").toBe(true);
    expect(polls, "one poll is all a ready future needs").toBe(1);
    expect(task.output).toBe(v);
  },
);

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
    expect(task.output).toBe(n);
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
    expect(log).toEqual(["Ran", "Ran Other"]);
  },
);

property(
  "sequence(a, b) polls a until Ready, then b until Ready, never polls either again, and is Ready with both outputs",
  [fc.nat(6), fc.nat(6), fc.integer(), fc.integer()],
  (ctx, na, nb, va, vb) => {
    const rt = ctx.runtime();
    const a = probe("a", na, va);
    const b = probe("b", nb, vb, () => {
      if (!a.done) throw new Error("b was polled before a was Ready: sequence must finish a first");
    });
    const task = rt.spawn(sequence(a.future, b.future), { label: "sequence" });
    ctx.say(`spawn sequence(a pending ${na}×, b pending ${nb}×)`);
    rt.runToCompletion();
    ctx.say(`a was polled ${a.polls}×, b ${b.polls}×; output ${JSON.stringify(task.output)}`);
    expect(a.polls, "a should be polled once per Pending plus once for Ready").toBe(na + 1);
    expect(b.polls, "b should be polled once per Pending plus once for Ready").toBe(nb + 1);
    expect(task.output).toEqual([va, vb]);
  },
);

property(
  "dropping a sequence part-way drops its inner futures exactly once",
  [fc.nat(6), fc.nat(6), fc.nat(14)],
  (ctx, na, nb, stopAfter) => {
    const rt = ctx.runtime();
    const a = probe("a", na, 1);
    const b = probe("b", nb, 2);
    const task = rt.spawn(sequence(a.future, b.future), { label: "sequence" });
    ctx.say(`spawn sequence(a pending ${na}×, b pending ${nb}×)`);
    for (let i = 0; i < stopAfter && !task.finished(); i++) task.pollNow();
    const wasFinished = task.finished();
    task.cancel();
    ctx.say(`after ${stopAfter} polls, cancel the task${wasFinished ? " (it had already finished)" : ""}; a dropped ${a.drops}×, b dropped ${b.drops}×`);
    expect(a.drops, "a should be dropped exactly once").toBe(1);
    expect(b.drops, "b should be dropped exactly once").toBe(1);
  },
);
