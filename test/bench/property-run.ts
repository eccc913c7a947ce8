/**
 * The median cost of one typical kata property run (workload (e)), with the
 * settings learners' tests use: `npm run bench:property`.
 * Wall-clock time is measured here on purpose: this is a benchmark, not a test.
 */
import { performance } from "node:perf_hooks";
import type { RenderOptions } from "../../runtime/testing.ts";
import { kataPropertyRun, resourcesApp } from "./dioxus-workloads.ts";

/** 500 timed runs after 50 untimed ones: [median, p90, p99] in ms. */
function measure(options: RenderOptions): [number, number, number] {
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) kataPropertyRun(10_000 + i, options); // warm-up
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now();
    kataPropertyRun(i, options);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return [q(0.5), q(0.9), q(0.99)];
}

// property() makes its search runs without call sites, and only the replay of
// a failure with them (test/support/property.ts).
for (const [what, options] of [
  ["a search run: trace on, call sites off, as property() makes its 100 runs", { sites: false }],
  ["with call sites too, as the replay of a failure", {}],
] as const) {
  const [median, p90, p99] = measure(options);
  console.log(
    `(e) one kata property run (kata 06, 20 events), ${what}: median ${median.toFixed(3)} ms, p90 ${p90.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (p99 ${(p99 / median).toFixed(1)}× median) over 500 runs`,
  );
  console.log(`    100 generated schedules: about ${(median * 100).toFixed(0)} ms`);
}

const t0 = performance.now();
resourcesApp();
console.log(
  `(d) 1,000 components with a resource on one shared signal, mounted, then 100 changes run to completion: ${(performance.now() - t0).toFixed(0)} ms (one run, production settings)`,
);
