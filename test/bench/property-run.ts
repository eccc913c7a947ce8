/**
 * The median cost of one typical kata property run (workload (e)), with the
 * settings learners' tests use: `npm run bench:property`.
 * Wall-clock time is measured here on purpose: this is a benchmark, not a test.
 */
import { performance } from "node:perf_hooks";
import { kataPropertyRun, resourcesApp } from "./dioxus-workloads.ts";

const samples: number[] = [];
for (let i = 0; i < 50; i++) kataPropertyRun(10_000 + i); // warm-up
for (let i = 0; i < 500; i++) {
  const t0 = performance.now();
  kataPropertyRun(i);
  samples.push(performance.now() - t0);
}
samples.sort((a, b) => a - b);
const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
console.log(
  `(e) one kata property run (kata 06, 20 events, trace and sites on): median ${q(0.5).toFixed(3)} ms, p90 ${q(0.9).toFixed(3)} ms, p99 ${q(0.99).toFixed(3)} ms over ${samples.length} runs`,
);
console.log(`    100 generated schedules: about ${(q(0.5) * 100).toFixed(0)} ms`);

const t0 = performance.now();
resourcesApp();
console.log(
  `(d) 1,000 components with a resource on one shared signal, mounted, then 100 changes run to completion: ${(performance.now() - t0).toFixed(0)} ms (one run, production settings)`,
);
