/**
 * Kata 02 · Awaiting many things: the properties.
 *
 * The inner futures are async blocks that sleep from their first poll
 * (test/support/probe.ts `timed`), so a join that awaits one branch after the
 * other really takes the sum of the delays, as it would in Rust.
 */
import { expect } from "vitest";
import { join, select, timeout } from "#kata/02-awaiting-many-things";
import { future, type Future } from "../runtime/index.ts";
import { fc, latency, property, timed, type PropertyContext, type Timed } from "./support/index.ts";

/** Spawns `fut` inside an async block and records when and with what it finished. */
function runAwaiting<T>(ctx: PropertyContext, fut: Future<T>, label: string) {
  const rt = ctx.runtime();
  const seen: { at?: number; value?: T } = {};
  rt.spawn(
    future(function* () {
      const value = yield* fut;
      seen.at = rt.now;
      seen.value = value;
    }),
    { label },
  );
  rt.runToCompletion();
  return seen;
}

function describeTimed(t: Timed<unknown>): string {
  return `${t.name}: polled ${t.polls}×, finalizer ran ${t.finalizers}×${t.readyAt === undefined ? "" : `, ready at t=${t.readyAt}`}`;
}

property("join(a, b) finishes at the later of the two delays, not their sum", [latency(), latency()], (ctx, da, db) => {
  const a = timed("a", da, "A");
  const b = timed("b", db, "B");
  ctx.say(`await join(a sleeping ${da} ms, b sleeping ${db} ms)`);
  const seen = runAwaiting(ctx, join(a.future, b.future), "join");
  ctx.say(`join finished at t=${seen.at}; a started at t=${a.startedAt}, b at t=${b.startedAt}`);
  expect(seen.at, `join should finish at max(${da}, ${db}) = ${Math.max(da, db)}`).toBe(Math.max(da, db));
});

property(
  "join(a, b) is Ready with [a's output, b's output] in argument order, whichever finishes first",
  [latency(), latency(), fc.integer(), fc.integer()],
  (ctx, da, db, va, vb) => {
    const a = timed("a", da, va);
    const b = timed("b", db, vb);
    ctx.say(`await join(a → ${va} after ${da} ms, b → ${vb} after ${db} ms)`);
    const seen = runAwaiting(ctx, join(a.future, b.future), "join");
    ctx.say(`join gave ${JSON.stringify(seen.value)}`);
    expect(seen.value).toEqual([va, vb]);
  },
);

property(
  "join never polls a branch again once it is Ready, however the delays fall",
  [latency(), latency()],
  (ctx, da, db) => {
    const a = timed("a", da, 1);
    const b = timed("b", db, 2);
    ctx.say(`await join(a sleeping ${da} ms, b sleeping ${db} ms)`);
    // A branch polled after Ready makes the runtime stop the run with PolledAfterReady.
    const seen = runAwaiting(ctx, join(a.future, b.future), "join");
    ctx.say(describeTimed(a));
    ctx.say(describeTimed(b));
    expect(seen.value).toEqual([1, 2]);
    expect(a.readyAt).toBe(da);
    expect(b.readyAt).toBe(db);
  },
);

property(
  "select(a, b) finishes at the earlier delay with the winner, a winning ties",
  [latency(), latency(), fc.boolean()],
  (ctx, da, dbRaw, tie) => {
    const db = tie ? da : dbRaw;
    const a = timed("a", da, "A");
    const b = timed("b", db, "B");
    ctx.say(`await select(a sleeping ${da} ms, b sleeping ${db} ms)`);
    const seen = runAwaiting(ctx, select(a.future, b.future), "select");
    ctx.say(`select finished at t=${seen.at} with ${JSON.stringify(seen.value)}`);
    expect(seen.at).toBe(Math.min(da, db));
    expect(seen.value).toEqual(da <= db ? { winner: "a", value: "A" } : { winner: "b", value: "B" });
  },
);

property(
  "the loser of a select is dropped before select returns: its finalizer runs exactly once and it is never polled again",
  [latency({ min: 1 }), latency({ min: 1 })],
  (ctx, da, db) => {
    const a = timed("a", da, "A");
    const b = timed("b", db, "B");
    const loser = da <= db ? b : a;
    const rt = ctx.runtime();
    let finalizedWhenSelectReturned: number | undefined;
    rt.spawn(
      future(function* () {
        const r = yield* select(a.future, b.future);
        finalizedWhenSelectReturned = loser.finalizers;
        ctx.say(`select returns ${JSON.stringify(r)}; ${loser.name}'s finalizer has run ${loser.finalizers}×`);
      }),
      { label: "select" },
    );
    ctx.say(`await select(a sleeping ${da} ms, b sleeping ${db} ms); the loser is ${loser.name}`);
    rt.runToCompletion();
    const pollsAtEnd = loser.polls;
    rt.advance(Math.max(da, db) + 10);
    ctx.say(`later: ${describeTimed(loser)}`);
    expect(finalizedWhenSelectReturned, `${loser.name} should be dropped (its finalizer run) before select returns`).toBe(1);
    expect(loser.finalizers, `${loser.name}'s finalizer should run exactly once`).toBe(1);
    expect(loser.polls, `${loser.name} must not be polled after it lost`).toBe(pollsAtEnd);
  },
);

property(
  "timeout(f, ms) gives f's output if f is ready within ms (a tie goes to f), else elapsed at exactly ms, dropping f",
  [latency(), latency(), fc.boolean()],
  (ctx, delay, msRaw, tie) => {
    const ms = tie ? delay : msRaw;
    const f = timed("f", delay, "value");
    ctx.say(`await timeout(f sleeping ${delay} ms, ${ms} ms)`);
    const seen = runAwaiting(ctx, timeout(f.future, ms), "timeout");
    ctx.say(`timeout finished at t=${seen.at} with ${JSON.stringify(seen.value)}; ${describeTimed(f)}`);
    if (delay <= ms) {
      expect(seen.value).toEqual({ ok: true, value: "value" });
      expect(seen.at).toBe(delay);
    } else {
      expect(seen.value).toEqual({ ok: false, error: "elapsed" });
      expect(seen.at, `the timeout should fire at exactly ${ms}`).toBe(ms);
      expect(f.finalizers, "f should be dropped when the timeout fires").toBe(1);
    }
  },
);
