/**
 * Benchmarks of the Dioxus layer (workloads in dioxus-workloads.ts):
 *   (d) 1,000 components with a resource on one shared signal, 100 changes;
 *   (e) one typical kata property run, with the settings tests use. Target:
 *       under 1 ms median, so that 100 generated schedules cost under 0.1 s.
 *       `npm run bench` also prints the exact median (property-run.ts).
 */
import { bench, describe } from "vitest";
import { kataPropertyRun, resourcesApp } from "./dioxus-workloads.ts";

describe("(d) 1,000 components, each with a resource on one shared signal; 100 changes", () => {
  bench("production settings", () => void resourcesApp(), {
    iterations: 5,
    time: 0,
    warmupIterations: 1,
    warmupTime: 0,
  });
});

describe("(e) one kata property run: mount, 20 events, run to completion", () => {
  let seed = 0;
  bench("test settings (trace and spawn sites on)", () => void kataPropertyRun(seed++), {
    iterations: 300,
    time: 0,
    warmupIterations: 30,
    warmupTime: 0,
  });
  bench("production settings", () => void kataPropertyRun(seed++, { trace: false, sites: false }), {
    iterations: 300,
    time: 0,
    warmupIterations: 30,
    warmupTime: 0,
  });
});
