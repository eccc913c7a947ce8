/**
 * Kata 02 · Awaiting many things: the properties.
 *
 * The inner futures are async blocks that sleep from their first poll
 * (test/support/probe.ts `timed`), so a join that awaits one branch after the
 * other really takes the sum of the delays, as it would in Rust.
 */
import { expect } from "./support/expect.ts";
import { join, select, timeout } from "#kata/02-awaiting-many-things";
import { channel, future, pollFn, sleep, type Future } from "../runtime/index.ts";
import { fc, latency, property, runtimeSeed, timed, type PropertyContext, type Timed } from "./support/index.ts";

/** Outputs a branch may have, falsy ones included: `undefined`, `null`, 0, "" and false are values like any other. */
const FALSY = [undefined, null, 0, "", false] as const;
const anyOutput: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...FALSY),
  fc.integer({ min: -9, max: 99 }),
  fc.string({ maxLength: 3 }),
);

/** A value as a learner would write it (JSON.stringify drops undefined). */
function show(v: unknown): string {
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (v !== null && typeof v === "object")
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${show(x)}`)
      .join(", ")} }`;
  return JSON.stringify(v);
}

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

/**
 * Wraps `fut` so that `atReady` runs inside the very poll in which `fut` returns Ready, before anything could drop it
 * (an awaiting async block drops the future it awaited right after that poll, which would hide a late cleanup).
 */
function watchReady<T>(fut: Future<T>, atReady: (value: T) => void): Future<T> {
  return pollFn(
    (cx) => {
      const p = fut.poll(cx);
      if (p.ready) atReady(p.value);
      return p;
    },
    { label: fut.label, onDrop: () => fut[Symbol.dispose]() },
  );
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
  [latency(), latency(), anyOutput, anyOutput],
  (ctx, da, db, va, vb) => {
    const a = timed("a", da, va);
    const b = timed("b", db, vb);
    ctx.say(`await join(a → ${show(va)} after ${da} ms, b → ${show(vb)} after ${db} ms)`);
    const seen = runAwaiting(ctx, join(a.future, b.future), "join");
    ctx.say(`join gave ${"at" in seen ? show(seen.value) : "nothing (it never finished)"}`);
    expect(seen.value, `join should be Ready with [a's output, b's output] = ${show([va, vb])}`).toStrictEqual([
      va,
      vb,
    ]);
  },
);

// A branch polled after Ready makes the runtime stop the run with PolledAfterReady, which names the branch.
property(
  "join never polls a branch again once it is Ready, however the delays fall",
  [latency({ max: 30 }), latency({ max: 30 }), anyOutput, anyOutput],
  (ctx, da, db, va, vb) => {
    const a = timed("a", da, va);
    const b = timed("b", db, vb);
    ctx.say(`await join(a → ${show(va)} after ${da} ms, b → ${show(vb)} after ${db} ms)`);
    const seen = runAwaiting(ctx, join(a.future, b.future), "join");
    ctx.say(describeTimed(a));
    ctx.say(describeTimed(b));
    expect(seen.at, "join should finish once both branches are Ready (it never did)").toBeDefined();
    expect(
      seen.value,
      `join should be Ready with ${show([va, vb])}, each branch's output kept from its one Ready poll`,
    ).toStrictEqual([va, vb]);
  },
);

property(
  "select(a, b) finishes at the earlier delay with the winner, a winning ties",
  [latency(), latency(), fc.boolean(), anyOutput, anyOutput],
  (ctx, da, dbRaw, tie, va, vb) => {
    const db = tie ? da : dbRaw;
    const a = timed("a", da, va);
    const b = timed("b", db, vb);
    ctx.say(`await select(a → ${show(va)} after ${da} ms, b → ${show(vb)} after ${db} ms)`);
    const seen = runAwaiting(ctx, select(a.future, b.future), "select");
    ctx.say(`select finished at t=${seen.at} with ${show(seen.value)}`);
    const want = da <= db ? { winner: "a", value: va } : { winner: "b", value: vb };
    expect(
      seen.at,
      `select should finish at min(${da}, ${db}) = ${Math.min(da, db)}, when the first branch is Ready`,
    ).toBe(Math.min(da, db));
    expect(seen.value, `select should be Ready with ${show(want)}${da === db ? " (a tie: a wins)" : ""}`).toStrictEqual(
      want,
    );
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
    const watched = watchReady(select(a.future, b.future), (r) => {
      finalizedWhenSelectReturned = loser.finalizers;
      ctx.say(`select returns ${show(r)}; at that moment ${loser.name}'s finalizer has run ${loser.finalizers}×`);
    });
    rt.spawn(
      future(function* () {
        yield* watched;
      }),
      { label: "select" },
    );
    ctx.say(`await select(a sleeping ${da} ms, b sleeping ${db} ms); the loser is ${loser.name}`);
    rt.runToCompletion();
    const pollsAtEnd = loser.polls;
    rt.advance(Math.max(da, db) + 10);
    ctx.say(`later: ${describeTimed(loser)}`);
    expect(
      finalizedWhenSelectReturned,
      `${loser.name} should be dropped (its finalizer run) by select itself, in the poll that returns the winner, not left for whoever drops the select: ` +
        `a select kept alive a while (held by a join, say) would keep the loser's request or timer running for nothing`,
    ).toBe(1);
    expect(loser.finalizers, `${loser.name}'s finalizer should run exactly once`).toBe(1);
    expect(loser.polls, `${loser.name} must not be polled after it lost`).toBe(pollsAtEnd);
  },
);

property(
  "timeout(f, ms) gives f's output if f is ready within ms (a tie goes to f), else elapsed at exactly ms, dropping f",
  [latency(), latency(), fc.boolean(), anyOutput],
  (ctx, delay, msRaw, tie, value) => {
    const ms = tie ? delay : msRaw;
    const f = timed("f", delay, value);
    ctx.say(`await timeout(f → ${show(value)} after ${delay} ms, ${ms} ms)`);
    let finalizedWhenReturned: number | undefined;
    const watched = watchReady(timeout(f.future, ms), (r) => {
      finalizedWhenReturned = f.finalizers;
      ctx.say(`timeout returns ${show(r)}; at that moment f's finalizer has run ${f.finalizers}×`);
    });
    const seen = runAwaiting(ctx, watched, "timeout");
    ctx.say(`the await of the timeout finished at t=${seen.at}; afterwards ${describeTimed(f)}`);
    if (delay <= ms) {
      expect(
        seen.value,
        `f sleeps ${delay} ms, so it can be Ready at t=${delay}, within ${ms} ms${delay === ms ? " (a tie: f wins)" : ""}: timeout should give { ok: true, value: ${show(value)} }`,
      ).toStrictEqual({ ok: true, value });
      expect(seen.at, `timeout should finish when f can be Ready, at t=${delay}`).toBe(delay);
    } else {
      expect(
        seen.value,
        `f sleeps ${delay} ms, so it is not Ready within ${ms} ms: timeout should give { ok: false, error: "elapsed" }`,
      ).toStrictEqual({ ok: false, error: "elapsed" });
      expect(seen.at, `the timeout should fire at exactly ${ms}`).toBe(ms);
      expect(
        finalizedWhenReturned,
        "f should be dropped by the timeout itself when it fires, before it returns elapsed, not left for whoever drops the timeout: " +
          "a timeout kept alive a while (held by a join, say) would keep f's request or timer running for nothing",
      ).toBe(1);
      expect(f.finalizers, "f's finalizer should run exactly once").toBe(1);
    }
  },
);

type Kind = "join" | "select" | "timeout";
const kinds: fc.Arbitrary<Kind> = fc.constantFrom("join", "select", "timeout");

/** Builds one combinator over two timed branches; for timeout, b's delay is the time limit. */
function build(kind: Kind, da: number, db: number, va: unknown, vb: unknown, prefix = "") {
  const a = timed(`${prefix}a`, da, va);
  const b = timed(`${prefix}b`, db, vb);
  const fut: Future<unknown> =
    kind === "join" ? join(a.future, b.future) : kind === "select" ? select(a.future, b.future) : timeout(a.future, db);
  const text =
    kind === "timeout"
      ? `timeout(${prefix}a → ${show(va)} after ${da} ms, ${db} ms)`
      : `${kind}(${prefix}a → ${show(va)} after ${da} ms, ${prefix}b → ${show(vb)} after ${db} ms)`;
  const doneAt = kind === "join" ? Math.max(da, db) : Math.min(da, db);
  const output =
    kind === "join"
      ? [va, vb]
      : kind === "select"
        ? da <= db
          ? { winner: "a", value: va }
          : { winner: "b", value: vb }
        : da <= db
          ? { ok: true, value: va }
          : { ok: false, error: "elapsed" };
  return { a, b, fut, text, doneAt, output, branches: kind === "timeout" ? [a] : [a, b] };
}

// Dropping a future drops everything it owns, at once (Rust's Drop runs synchronously); Dioxus drops a task's future when it is cancelled (packages/core/src/tasks.rs, remove_task).
property(
  "dropping a join, select or timeout while it waits drops every branch it still holds at once, exactly once (a branch that already finished too), and polls nothing afterwards",
  [kinds, latency({ min: 1, max: 50 }), latency({ min: 1, max: 50 }), fc.nat(49)],
  (ctx, kind, da, db, stopRaw) => {
    const rt = ctx.runtime();
    const c = build(kind, da, db, "A", "B");
    const stopAt = stopRaw % c.doneAt;
    const task = rt.spawn(c.fut, { label: kind });
    ctx.say(`spawn ${c.text}`);
    rt.advance(stopAt);
    const polls = c.branches.map((t) => t.polls);
    ctx.say(`at t=${stopAt}, before it finishes, cancel the task: ${kind} is dropped while it waits`);
    task.cancel();
    for (const t of c.branches)
      ctx.say(`right after the drop: ${describeTimed(t)}; ${t.future.dropped ? "dropped" : "not dropped"}`);
    for (const t of c.branches) {
      const state =
        t.readyAt !== undefined
          ? `had finished at t=${t.readyAt}`
          : t.polls === 0
            ? "had never been polled"
            : "was still waiting";
      if (!t.future.dropped) ctx.say(`${t.name} ${state} and was never dropped`);
      expect(
        t.future.dropped,
        `${t.name} should be dropped by the time the ${kind} is dropped${
          t.readyAt !== undefined
            ? `, even though it finished at t=${t.readyAt}: a finished future still owns what it holds until it is dropped (drop it when it finishes, or when the ${kind} is dropped)`
            : t.polls === 0
              ? `, even though it was never polled: the ${kind} owns its branches from the moment it is built`
              : ""
        }`,
      ).toBe(true);
    }
    for (const t of c.branches) {
      // A branch never polled never started, so it has no cleanup to run (an unpolled async block holds nothing yet).
      if (t.polls > 0)
        expect(
          t.finalizers,
          `${t.name} had started (polled ${t.polls}×): its finalizer should have run exactly once by the time the ${kind} was dropped (cleanup runs at the drop, not later)`,
        ).toBe(1);
    }
    const timers = rt.pendingTimers;
    if (timers > 0) ctx.say(`${timers} timer(s) still set after the drop`);
    expect(
      timers,
      `dropping the ${kind} should drop every timer it holds${kind === "timeout" ? " (its own sleep too)" : ""}: nothing is left to fire`,
    ).toBe(0);
    rt.advance(100);
    c.branches.forEach((t, i) =>
      expect(t.polls, `${t.name} must not be polled after the ${kind} was dropped`).toBe(polls[i]),
    );
  },
);

// A task can be cancelled before the executor ever polls it (in Dioxus, a component unmounted in the frame that spawned
// it): its future is dropped unpolled, and everything it owns is dropped with it (packages/core/src/tasks.rs, remove_task).
property(
  "a join, select or timeout dropped before its first poll still drops every branch it holds, without throwing",
  [kinds, latency({ min: 1, max: 50 }), latency({ min: 1, max: 50 })],
  (ctx, kind, da, db) => {
    const rt = ctx.runtime();
    const c = build(kind, da, db, "A", "B");
    const task = rt.spawn(c.fut, { label: kind });
    ctx.say(`spawn ${c.text}, then cancel the task before the executor polls it: the ${kind} is dropped unpolled`);
    let threw: string | undefined;
    try {
      task.cancel();
    } catch (e) {
      threw = e instanceof Error ? e.message : String(e);
      ctx.say(`dropping the ${kind} threw: ${threw}`);
    }
    for (const t of c.branches)
      ctx.say(`right after the drop: ${t.name} polled ${t.polls}×, ${t.future.dropped ? "dropped" : "not dropped"}`);
    if (threw !== undefined) {
      expect.fail(
        `dropping a ${kind} that was never polled should just drop what it holds, but it threw: ${threw} (is the drop reaching for something only the first poll creates?)`,
      );
    }
    for (const t of c.branches) {
      expect(
        t.future.dropped,
        `${t.name} belongs to the ${kind}: dropping the ${kind}, even unpolled, should drop ${t.name} with it`,
      ).toBe(true);
    }
  },
  { numRuns: 30 },
);

const specs = fc.record({
  kind: kinds,
  da: latency({ max: 30 }),
  db: latency({ max: 30 }),
  va: anyOutput,
  vb: anyOutput,
});

// Each call builds its own state machine: two joins running at once share nothing unless the code shares it.
property(
  "several joins, selects and timeouts running at once, nested or side by side, each finish with their own branches' outputs",
  [fc.array(specs, { minLength: 2, maxLength: 4 }), fc.boolean(), runtimeSeed()],
  (ctx, list, nest, seed) => {
    const rt = ctx.runtime({ seed });
    const built = list.map((s, i) => build(s.kind, s.da, s.db, s.va, s.vb, `${i + 1}`));
    built.forEach((c, i) => ctx.say(`build #${i + 1}: ${c.text}`));
    const results: { at?: number; value?: unknown }[] = built.map(() => ({}));
    const record = (i: number, value: unknown) => {
      results[i] = { at: rt.now, value };
      ctx.say(`#${i + 1} finished with ${show(value)}`);
    };
    const first = nest ? 2 : 0;
    if (nest) {
      ctx.say("await join(#1, #2) in one task; spawn each other one in its own task");
      // The outer join is the learner's own: its inner branches are #1 and #2, each recorded as it finishes.
      const watch = (i: number) =>
        future(function* () {
          const v = yield* built[i]!.fut;
          record(i, v);
        });
      rt.spawn(join(watch(0), watch(1)), { label: "join(#1, #2)" });
    } else {
      ctx.say("spawn each in its own task");
    }
    for (let i = first; i < built.length; i++) {
      const c = built[i]!;
      rt.spawn(
        future(function* () {
          record(i, yield* c.fut);
        }),
        { label: `await #${i + 1}` },
      );
    }
    rt.runToCompletion();
    built.forEach((c, i) => {
      expect(results[i]!.at, `#${i + 1}, ${c.text}, should finish at t=${c.doneAt}, whatever the others do`).toBe(
        c.doneAt,
      );
      expect(results[i]!.value, `#${i + 1}, ${c.text}, should be Ready with its own ${show(c.output)}`).toStrictEqual(
        c.output,
      );
    });
  },
);

/** A channel's recv() that records what it took, when, so the story can say who took which message. */
function recording<T>(
  ctx: PropertyContext,
  inner: Future<T | undefined>,
  taken: { by: string; msg: T | undefined; at: number }[],
  by: string,
  now: () => number,
): Future<T | undefined> {
  return pollFn(
    (cx) => {
      const p = inner.poll(cx);
      if (p.ready) taken.push({ by, msg: p.value, at: now() });
      if (p.ready && p.value !== undefined) ctx.say(`${by} takes ${String(p.value)}`);
      return p;
    },
    { label: by, onDrop: () => inner[Symbol.dispose]() },
  );
}

// A select must not poll b once a is Ready: polling has effects (tokio documents `recv` as cancel safe only if the
// future is dropped without being polled to Ready; a Ready recv has already taken its message).
property(
  "select(a, b) never polls b once a is Ready: a message b's recv would have taken stays in the channel, and every message is received exactly once",
  [latency({ max: 20 }), fc.array(latency({ max: 30 }), { minLength: 1, maxLength: 3 }), runtimeSeed()],
  (ctx, da, sendTimes, seed) => {
    const rt = ctx.runtime({ seed });
    const [tx, rx] = channel<string>("inbox");
    const times = [...sendTimes].sort((x, y) => x - y);
    const sent = times.map((_, i) => `m${i + 1}`);
    const taken: { by: string; msg: string | undefined; at: number }[] = [];
    const a = timed("a", da, "A");
    // Messages due at t=0 are in the channel before anything is polled; the others come from a sender task.
    const early = times.filter((t) => t === 0).length;
    for (let i = 0; i < early; i++) tx.send(sent[i]!);
    if (early > 0) ctx.say(`send ${sent.slice(0, early).join(", ")} before anything runs`);
    let outcome: unknown;
    rt.spawn(
      future(function* () {
        outcome = yield* select(
          a.future,
          recording(ctx, rx.recv(), taken, "b (recv)", () => rt.now),
        );
        ctx.say(`select returned ${show(outcome)}`);
        for (;;) {
          const m = yield* recording(ctx, rx.recv(), taken, "a later recv", () => rt.now);
          if (m === undefined) break;
        }
      }),
      { label: "select, then receive the rest" },
    );
    rt.spawn(
      future(function* () {
        for (let i = early; i < times.length; i++) {
          yield* sleep(times[i]! - rt.now);
          tx.send(sent[i]!);
          ctx.say(`send ${sent[i]}`);
        }
        tx.close();
      }),
      { label: "sender" },
    );
    if (early === times.length) tx.close();
    ctx.say(
      `await select(a sleeping ${da} ms, b = recv on the channel)${times.length > early ? `; ${sent.slice(early).join(", ")} sent at t=${times.slice(early).join(", ")}` : ""}`,
    );
    rt.runToCompletion();
    const byB = taken.filter((t) => t.by === "b (recv)" && t.msg !== undefined).map((t) => t.msg);
    const won = (outcome as { winner?: string } | undefined)?.winner;
    if (won === "a") {
      expect(
        byB,
        `a won, so b must not have been polled to Ready: the message it took (${byB.join(", ")}) is lost`,
      ).toEqual([]);
    }
    const received = [
      ...(won === "b" ? [(outcome as { value: unknown }).value] : []),
      ...taken.filter((t) => t.by === "a later recv" && t.msg !== undefined).map((t) => t.msg),
    ];
    expect(
      received,
      `every message sent (${sent.join(", ")}) should be received exactly once, in order: by the select's b if b won, else by a later recv`,
    ).toEqual(sent);
  },
);
