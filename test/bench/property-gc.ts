/**
 * Why one kata property run has a p99 far above its median: `npm run bench:property-gc`
 * (node --expose-gc --import tsx test/bench/property-gc.ts [prod]).
 *
 * 1. 500 runs of workload (e) (as property-run.ts), each timed in wall clock
 *    and in process CPU time, with vitest-free GC accounting (PerformanceObserver
 *    "gc" entries): how many collections, how long each, how much the heap
 *    grows per run;
 * 2. the same with a minor collection forced between runs, outside the
 *    timing: if the tail is the collector's, it shrinks here;
 * 3. the garbage that outlives a minor collection: heap after a minor GC
 *    following each run, against a full-GC baseline. What grows here is
 *    unreachable (a full GC frees it) yet survives every scavenge, so each
 *    scavenge copies and promotes it: that copying is the long pause.
 * 4. why it outlives them, without the runtime: a generator made from a fresh
 *    closure (`future(function* () { … })` in every kata) keeps what the
 *    closure captured alive through minor collections, a plain closure or a
 *    generator function defined once does not. V8 gives each such closure its
 *    own map for its generator objects; maps live in the old generation and
 *    point back to the closure, so the scavenger (which treats old-to-young
 *    pointers as roots) keeps the closure, its captured variables and all they
 *    reach until the next full collection. In a kata those variables are
 *    signals, which reach the whole app.
 *
 * By default the runs are property() search runs (trace on, call sites off);
 * `sites` runs them with call sites (as the replay of a failure), `prod` with
 * production settings (no trace, no sites).
 */
import { PerformanceObserver, performance } from "node:perf_hooks";
import { kataPropertyRun } from "./dioxus-workloads.ts";

const gc = (globalThis as { gc?: (o?: { type: "minor" }) => void }).gc;
if (gc === undefined) {
  console.error("property-gc.ts needs --expose-gc: run it with `npm run bench:property-gc`.");
  process.exit(2);
}
const mode = process.argv.includes("prod") ? "prod" : process.argv.includes("sites") ? "sites" : "search";
const opts = { search: { sites: false }, sites: {}, prod: { trace: false, sites: false } }[mode];
const settings = {
  search: "property() search-run settings (trace on, call sites off)",
  sites: "test settings with call sites (trace and sites on, as a failure's replay)",
  prod: "production settings",
}[mode];
const gcDur: number[] = [];
new PerformanceObserver((l) => {
  for (const e of l.getEntries()) gcDur.push(e.duration);
}).observe({ entryTypes: ["gc"] });

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const dist = (xs: number[]) =>
  `median ${q(xs, 0.5).toFixed(3)}, p90 ${q(xs, 0.9).toFixed(3)}, p99 ${q(xs, 0.99).toFixed(3)} ms (p99 ${(q(xs, 0.99) / q(xs, 0.5)).toFixed(1)}× median)`;

async function timed(minorBetween: boolean): Promise<void> {
  for (let i = 0; i < 50; i++) kataPropertyRun(10_000 + i, opts);
  await new Promise((r) => setTimeout(r, 20));
  gcDur.length = 0;
  const wall: number[] = [];
  const cpu: number[] = [];
  const grown: number[] = [];
  for (let i = 0; i < 500; i++) {
    if (minorBetween) gc!({ type: "minor" });
    const h0 = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    kataPropertyRun(i, opts);
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    const h1 = process.memoryUsage().heapUsed;
    wall.push(t1 - t0);
    cpu.push((c.user + c.system) / 1000);
    if (h1 > h0) grown.push(h1 - h0);
  }
  await new Promise((r) => setTimeout(r, 20)); // let the observer deliver
  console.log(`  ${minorBetween ? "a minor GC forced between runs (untimed)" : "as property-run.ts"}:`);
  console.log(`    wall ${dist(wall)}`);
  console.log(`    cpu  ${dist(cpu)}`);
  console.log(
    `    heap grown by a run (runs without a GC): median ${(q(grown, 0.5) / 1024).toFixed(0)} KiB; ${gcDur.length} collections during the runs, median ${q(gcDur, 0.5).toFixed(2)} ms, max ${q(gcDur, 1).toFixed(2)} ms`,
  );
}

console.log(`(e) one kata property run, ${settings}`);
await timed(false);
await timed(true);

gc();
const base = process.memoryUsage().heapUsed;
const pts: string[] = [];
for (let i = 1; i <= 60; i++) {
  kataPropertyRun(i, opts);
  gc({ type: "minor" });
  if (i % 20 === 0) pts.push(`after ${i} runs +${((process.memoryUsage().heapUsed - base) / 1024).toFixed(0)} KiB`);
}
gc();
pts.push(`after a full GC +${((process.memoryUsage().heapUsed - base) / 1024).toFixed(0)} KiB`);
console.log(`  garbage that outlives a minor GC (heap after a minor GC following each run): ${pts.join(", ")}`);

// 4. The same measure on a 2,000-object graph captured three ways, no runtime involved.
function* sharedGenerator(graph: { items: { i: number }[] }): Generator<number> {
  yield graph.items.length;
}
const captureWays: Record<string, (graph: { items: { i: number }[] }) => void> = {
  "plain closure": (graph) => {
    const f = () => graph.items.length;
    f();
  },
  "generator function defined once": (graph) => {
    sharedGenerator(graph).next();
  },
  "generator from a fresh closure (as future(function* () { … }))": (graph) => {
    (function* () {
      yield graph.items.length;
    })().next();
  },
};
console.log("  a captured graph of 2,000 objects after a minor GC (heap growth per run):");
for (const [name, capture] of Object.entries(captureWays)) {
  const once = () => capture({ items: Array.from({ length: 2000 }, (_, i) => ({ i })) });
  for (let i = 0; i < 20; i++) once();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 50; i++) {
    once();
    gc({ type: "minor" });
  }
  console.log(`    ${name}: +${((process.memoryUsage().heapUsed - before) / 50 / 1024).toFixed(1)} KiB per run`);
}
