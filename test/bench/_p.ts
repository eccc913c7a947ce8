import { performance, PerformanceObserver } from "node:perf_hooks";
import { kataPropertyRun } from "./dioxus-workloads.ts";
let gcCount = 0; const gcDur: number[] = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) { gcCount++; gcDur.push(e.duration); } }).observe({ entryTypes: ["gc"] });
const opts = process.argv.includes("prod") ? { trace: false, sites: false } : {};
for (let i = 0; i < 50; i++) kataPropertyRun(10_000 + i, opts);
const wall: number[] = [], cpu: number[] = [], bytes: number[] = [];
for (let i = 0; i < 500; i++) {
  if (process.argv.includes("gc-between")) (globalThis as any).gc({ type: "minor" });
  const h0 = process.memoryUsage().heapUsed; const c0 = process.cpuUsage(); const t0 = performance.now();
  kataPropertyRun(i, opts);
  const t1 = performance.now(); const c = process.cpuUsage(c0); const h1 = process.memoryUsage().heapUsed;
  wall.push(t1 - t0); cpu.push((c.user + c.system) / 1000); if (h1 > h0) bytes.push(h1 - h0);
}
await new Promise((r) => setTimeout(r, 50));
const q = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };
const f = (xs: number[]) => `median ${q(xs, .5).toFixed(3)} p90 ${q(xs, .9).toFixed(3)} p99 ${q(xs, .99).toFixed(3)} (p99/median ${(q(xs, .99) / q(xs, .5)).toFixed(1)}×)`;
console.log(`${process.argv.slice(2).join(" ") || "test settings"} ${process.execArgv.filter((a) => a.startsWith("--max")).join(" ")}: wall ms ${f(wall)}`);
console.log(`  cpu ms (process.cpuUsage, ~1 ms granularity on some kernels) ${f(cpu)}`);
console.log(`  heap grown per run (runs without a GC) median ${(q(bytes, .5) / 1024).toFixed(0)} KiB; ${gcCount} GCs in 550 runs, GC median ${q(gcDur, .5).toFixed(2)} ms, max ${q(gcDur, 1).toFixed(2)} ms`);
