/**
 * The honest comparisons, as ratios measured side by side: `npm run bench:compare`
 * (part of `npm run bench`).
 *
 * Every comparison runs its contestants in rounds; within a round each runs
 * once, in an order that rotates from round to round, after a minor garbage
 * collection (so no contestant pays for another's young garbage). A contestant's
 * figure is its median time per unit (per task, per await, per hand-off)
 * over the rounds, and a ratio is the median of the per-round ratios, so a
 * burst of load from other processes moves both sides of a ratio together.
 * Times are the process's CPU time (user + system, `process.cpuUsage()`),
 * not wall-clock time: on a shared machine a process waits for a core for
 * long stretches, which wall-clock time would charge to whatever was
 * running; CPU time does not (it includes the collector's helper threads,
 * which are real work). `-- wall` switches to wall-clock time. The
 * machine's load average is printed next to each section: even CPU-time
 * figures from a busy machine (caches shared with other processes) are only
 * good for ratios.
 *
 *   (a)  sleepers: ours, Effect on a fair heap-backed clock (HeapClock in
 *        effect.ts), the floor; and ours against Effect's TestClock at 10k
 *        (at 100k its sorted array makes one run take about ten seconds;
 *        `npm run bench` shows that figure too).
 *   (b)  chain of 1M ready awaits: ours, Effect, the floor that suspends at
 *        every step, and the like-for-like floor (`yield*` over a generator
 *        that never suspends).
 *   (c)  ping-pong, per hand-off: Effect makes two hand-offs per wake, ours
 *        and the floor one, so each side runs the same number of hand-offs.
 *   growth: ours and the floor at 10k, 100k and 1M sleepers, per task.
 *
 *     npm run bench:compare           (node --expose-gc --import tsx test/bench/compare.ts)
 *     npm run bench:compare -- quick  (fewer rounds, no 1M: a quick look)
 *     npm run bench:compare -- b c    (only those sections: a, b, c, growth)
 *     npm run bench:compare -- wall   (wall-clock time instead of CPU time)
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
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

const quick = process.argv.includes("quick");
/** `-- a b c growth` runs only those sections (all when none is named). */
const named = process.argv.slice(2).filter((a) => ["a", "b", "c", "growth"].includes(a));
const section = (name: string) => named.includes(name);

// With no section named, each section runs in a process of its own: run after
// (a) in one process, ours' (b) once measured 1.03 µs per await against
// 0.23 µs alone (the heap and JIT state the sleepers leave behind), which
// would make one workload's figure depend on what ran before it.
if (named.length === 0) {
  console.log(
    `bench:compare — load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")} at the start; each section runs in a fresh process`,
  );
  let failed = false;
  for (const name of ["a", "b", "c", "growth"]) {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2), name],
      { stdio: "inherit" },
    );
    if (r.status !== 0) failed = true;
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  );
  process.exit(failed ? 1 : 0);
}
const gcFn = (globalThis as { gc?: (o?: { type: "minor" }) => void }).gc;
/**
 * A minor collection before each timed run, so that no contestant pays for
 * the young garbage of the one before. Not a full one: after a full GC the
 * heap has shrunk and the next run pays to grow it again (ours at 10k took
 * 16.8 µs per task after a full GC, 3.5 after a minor one, 4.3 with none).
 */
const gc = () => gcFn?.({ type: "minor" });

interface Contestant {
  name: string;
  /** Runs the workload once; returns how many units it did (or undefined: `units`). */
  run: () => unknown;
  units: number;
}

interface Result {
  perUnit: Map<string, number>; // median ms per unit
  ratio: (a: string, b: string) => number; // median over rounds of a/b per unit
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Wall-clock ms per unit, unless `wall` is off: then the process's CPU time (see the top of this file). */
const useWall = process.argv.includes("wall");

async function timeOnce(c: Contestant): Promise<number> {
  gc();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await c.run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const ms = useWall ? wallMs : (cpu.user + cpu.system) / 1000;
  const units = typeof r === "number" ? r : c.units;
  return ms / units;
}

async function compare(title: string, contestants: Contestant[], rounds: number, warmup = 1): Promise<Result> {
  for (let w = 0; w < warmup; w++) for (const c of contestants) await timeOnce(c);
  const samples = new Map<string, number[]>(contestants.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < contestants.length; j++) {
      const c = contestants[(j + r) % contestants.length]!;
      samples.get(c.name)!.push(await timeOnce(c));
    }
  }
  const perUnit = new Map([...samples].map(([k, v]) => [k, median(v)]));
  console.log(
    `\n${title}  (${rounds} rounds, ${useWall ? "wall clock" : "CPU time"}, load ${loadavg()[0]!.toFixed(1)})`,
  );
  for (const c of contestants) console.log(`  ${c.name.padEnd(44)} ${fmt(perUnit.get(c.name)!)} per unit`);
  return {
    perUnit,
    ratio: (a, b) => median(samples.get(a)!.map((x, i) => x / samples.get(b)![i]!)),
  };
}

const fmt = (ms: number): string =>
  ms >= 1 ? `${ms.toFixed(2)} ms` : ms >= 1e-3 ? `${(ms * 1e3).toFixed(3)} µs` : `${(ms * 1e6).toFixed(1)} ns`;
const line = (what: string, ratio: number, target: string) =>
  console.log(`  → ${what.padEnd(52)} ${ratio.toFixed(2)}×   (target ${target})`);

console.log(
  `\n[${named.join(" ")}] load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")}; figures on a busy machine are only good as ratios`,
);
for (const n of [10_000, 100_000, 1_000_000]) delays(n);

// (a) sleepers
if (section("a")) {
  const n = 100_000;
  const r = await compare(
    `(a) ${n.toLocaleString("en-US")} sleeping tasks, every other one cancelled, run to completion — time per task`,
    [
      { name: "ours", run: () => sleepersOurs(n), units: n },
      { name: "effect, heap clock (fair)", run: () => sleepersEffectFair(n), units: n },
      { name: "floor", run: () => sleepersFloor(n), units: n },
    ],
    quick ? 3 : 5,
  );
  line(
    "effect (heap clock) / ours — how many times faster ours is",
    r.ratio("effect, heap clock (fair)", "ours"),
    "≥ 2",
  );
  line("ours / floor", r.ratio("ours", "floor"), "—");
  const m = 10_000;
  const t = await compare(
    `(a) ${m.toLocaleString("en-US")} sleeping tasks: Effect's TestClock and the fair clock`,
    [
      { name: "ours", run: () => sleepersOurs(m), units: m },
      { name: "effect, TestClock", run: () => sleepersEffect(m), units: m },
      { name: "effect, heap clock (fair)", run: () => sleepersEffectFair(m), units: m },
    ],
    quick ? 3 : 5,
  );
  line("effect (TestClock) / ours", t.ratio("effect, TestClock", "ours"), "≥ 2 (unfair: O(n) array)");
  line("effect (heap clock) / ours", t.ratio("effect, heap clock (fair)", "ours"), "≥ 2");
}

// (b) chain
if (section("b")) {
  const n = 1_000_000;
  const r = await compare(
    `(b) one task awaiting ${n.toLocaleString("en-US")} ready futures in a chain — time per await`,
    [
      { name: "ours", run: () => chainOurs(n), units: n },
      { name: "effect", run: () => chainEffect(n), units: n },
      { name: "floor, suspending at every step (old floor)", run: () => chainFloor(n), units: n },
      { name: "floor, like for like (yield* never suspends)", run: () => chainFloorNoSuspend(n), units: n },
    ],
    quick ? 3 : 7,
    2,
  );
  line("ours / floor like for like", r.ratio("ours", "floor, like for like (yield* never suspends)"), "≤ 3");
  line(
    "ours / old floor (suspending)",
    r.ratio("ours", "floor, suspending at every step (old floor)"),
    "(was the target ≤ 3)",
  );
  line("effect / ours", r.ratio("effect", "ours"), "—");
}

// (c) ping-pong per hand-off
if (section("c")) {
  const n = 1_000_000;
  const r = await compare(
    `(c) ping-pong, ${(n + 2).toLocaleString("en-US")} hand-offs each — time per hand-off`,
    [
      { name: "ours (1M wakes)", run: () => pingPongOurs(n), units: n + 2 },
      { name: "effect (500k wakes: two hand-offs per wake)", run: () => pingPongEffect(n / 2), units: n + 2 },
      { name: "floor (1M wakes)", run: () => pingPongFloor(n), units: n + 2 },
    ],
    quick ? 3 : 7,
    2,
  );
  line("effect / ours per hand-off", r.ratio("effect (500k wakes: two hand-offs per wake)", "ours (1M wakes)"), "≥ 2");
  line(
    "effect / ours per wake (the old measure: 2 hand-offs per Effect wake)",
    2 * r.ratio("effect (500k wakes: two hand-offs per wake)", "ours (1M wakes)"),
    "—",
  );
  line("ours / floor per hand-off", r.ratio("ours (1M wakes)", "floor (1M wakes)"), "—");
}

// growth
if (section("growth")) {
  const sizes: [number, number, number][] = quick
    ? [
        [10_000, 5, 2],
        [100_000, 3, 1],
      ]
    : [
        [10_000, 9, 3],
        [100_000, 5, 1],
        [1_000_000, 2, 0],
      ];
  const rows: { n: number; ours: number; floor: number; ratio: number }[] = [];
  for (const [n, rounds, warmup] of sizes) {
    const r = await compare(
      `growth: ${n.toLocaleString("en-US")} sleeping tasks — time per task`,
      [
        { name: "ours", run: () => sleepersOurs(n), units: n },
        { name: "floor", run: () => sleepersFloor(n), units: n },
      ],
      rounds,
      warmup,
    );
    rows.push({ n, ours: r.perUnit.get("ours")!, floor: r.perUnit.get("floor")!, ratio: r.ratio("ours", "floor") });
  }
  console.log("\ngrowth summary (per task; linear = flat)");
  for (const row of rows)
    console.log(
      `  ${row.n.toLocaleString("en-US").padStart(9)}: ours ${fmt(row.ours)}, floor ${fmt(row.floor)}, ours/floor ${row.ratio.toFixed(2)}×`,
    );
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const oursGrowth = last.ours / first.ours;
  const floorGrowth = last.floor / first.floor;
  console.log(
    `  per-task growth ${first.n.toLocaleString("en-US")} → ${last.n.toLocaleString("en-US")}: ours ${oursGrowth.toFixed(2)}×, floor ${floorGrowth.toFixed(2)}×, ours' growth / floor's ${(oursGrowth / floorGrowth).toFixed(2)}×  (target ≤ 1.3)`,
  );
}
