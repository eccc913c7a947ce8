import { kataPropertyRun } from "./dioxus-workloads.ts";
const gc = (globalThis as any).gc;
const opts = process.argv.includes("prod") ? { trace: false, sites: false } : {};
for (let i = 0; i < 50; i++) kataPropertyRun(10_000 + i, opts);
gc(); const base = process.memoryUsage().heapUsed;
const pts: string[] = [];
for (let i = 1; i <= 60; i++) { kataPropertyRun(i, opts); gc({ type: "minor" }); if (i % 10 === 0) pts.push(`${i}: +${((process.memoryUsage().heapUsed - base) / 1024).toFixed(0)} KiB`); }
gc(); pts.push(`after a full GC: +${((process.memoryUsage().heapUsed - base) / 1024).toFixed(0)} KiB`);
console.log(`heap after a minor GC following each run, relative to a full-GC baseline: ${pts.join(", ")}`);
