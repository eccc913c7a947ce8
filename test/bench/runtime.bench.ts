/**
 * Benchmarks of the runtime core, each workload side by side on
 *   ours   — this project's runtime with production settings (no trace, no spawn sites),
 *   effect — the same workload on Effect 4 (fibers, Effect.sleep under TestClock or under
 *            the fair heap-backed clock of effect.ts, Fiber.interrupt),
 *   floor  — a bare generator loop with the smallest hand-written driver.
 * The ratios themselves (side by side, per task / per await / per hand-off,
 * and the growth from 10k to 1M tasks) are printed by compare.ts, which
 * `npm run bench` runs after this file.
 * The workloads themselves are in workloads.ts (ours, floor) and effect.ts.
 * `npm run bench` runs this file with test/bench/vitest.config.ts, then
 * compare.ts, memory.ts (1M sleeping tasks must fit in under 1 GB of heap)
 * and property-run.ts.
 *
 * Targets: ours ≥ 2× Effect's throughput on (a) and (c); ours within 3× of
 * the floor on (b); (a) grows linearly with the number of tasks.
 *
 * Iteration counts are set per benchmark so that the whole run stays near
 * two minutes on a 2-core machine: Effect's TestClock keeps its sleeps in a
 * sorted array (O(n) per sleep), so (a) at 100k takes it about ten seconds
 * a run (one timed run), and ours at 1M several seconds (two).
 */
import { bench, describe } from "vitest";
import { chainEffect, pingPongEffect, sleepersEffect, sleepersEffectFair } from "./effect.ts";
import {
  chainFloor,
  chainFloorNoSuspend,
  chainOurs,
  delays,
  pingPongFloor,
  pingPongOurs,
  sleepersFloor,
  sleepersOurs,
} from "./workloads.ts";

/** Exactly `iterations` timed runs after `warmup` untimed ones (no minimum time). */
const runs = (iterations: number, warmup = 1) => ({ iterations, time: 0, warmupIterations: warmup, warmupTime: 0 });

/**
 * Every benchmark function is an `async` function: for any other function
 * tinybench (under vitest bench) first calls it once, untimed, to see whether
 * it returns a promise, before the warmup and again before the timed runs,
 * which for Effect's (a) at 100k alone would add twenty seconds.
 */
const run = (workload: () => unknown) => async () => {
  await workload();
};

// Draw the seeded delays before anything is timed.
for (const n of [10_000, 100_000, 1_000_000]) delays(n);

describe("(a) 100k sleeping tasks, every other one cancelled, run to completion", () => {
  bench(
    "ours",
    run(() => sleepersOurs(100_000)),
    runs(5),
  );
  bench(
    "effect, TestClock (sorted array: O(n) per sleep)",
    run(() => sleepersEffect(100_000)),
    runs(1, 0),
  );
  bench(
    "effect, heap-backed clock (fair)",
    run(() => sleepersEffectFair(100_000)),
    runs(5),
  );
  bench(
    "floor",
    run(() => sleepersFloor(100_000)),
    runs(10),
  );
});

describe("(b) one task awaiting 1M ready futures in a chain", () => {
  bench(
    "ours",
    run(() => chainOurs(1_000_000)),
    runs(10, 3),
  );
  bench(
    "effect",
    run(() => chainEffect(1_000_000)),
    runs(10, 3),
  );
  bench(
    "floor, suspending at every step",
    run(() => chainFloor(1_000_000)),
    runs(10, 3),
  );
  bench(
    "floor, like for like (yield* over a generator that never suspends)",
    run(() => chainFloorNoSuspend(1_000_000)),
    runs(10, 3),
  );
});

describe("(c) ping-pong: 1,000,002 hand-offs of a baton between two tasks", () => {
  bench(
    "ours (1M wakes: one per hand-off)",
    run(() => pingPongOurs(1_000_000)),
    runs(8, 2),
  );
  bench(
    "effect (500k wakes: Effect's resume makes two hand-offs per wake)",
    run(() => pingPongEffect(500_000)),
    runs(8, 2),
  );
  bench(
    "floor (1M wakes)",
    run(() => pingPongFloor(1_000_000)),
    runs(8, 2),
  );
});

// The growth from 10k to 1M tasks is measured side by side in compare.ts.

describe("(a) 10k tasks: production settings against the default (test) settings", () => {
  bench(
    "ours, production: { trace: false, sites: false, livelockBudget: Infinity }",
    run(() => sleepersOurs(10_000)),
    runs(20, 5),
  );
  bench(
    "ours, default settings (trace on, spawn sites, livelock budget)",
    run(() => sleepersOurs(10_000, {})),
    runs(5, 1),
  );
});
