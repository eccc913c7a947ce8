/**
 * Memory benchmark: 1M sleeping tasks must fit in under 1 GB of heap.
 *
 * Spawns 1,000,000 tasks that each sleep a seeded random delay, polls every
 * one once (each then holds a suspended generator, its Sleep future and a
 * live timer), forces a full garbage collection and prints the heap in use.
 * It does this for two ways of writing the task:
 *
 * - "shared generator": one generator function for all tasks,
 *   `function* sleeper(ms) { yield* sleep(ms) }` spawned as
 *   `future(() => sleeper(ms))` (Rust: calling one `async fn`);
 * - "closure per task": `future(function* () { yield* sleep(ms) })`, a new
 *   generator-function expression for every task (Rust: an `async move {}`
 *   block). V8 gives every such closure its own `prototype` object and
 *   hidden classes on its first call, about 330 bytes more per task that
 *   belong to the user code, not to the runtime.
 *
 * The target is checked on the first form; the script exits with code 1
 * when it is missed, so `npm run bench` fails. The second is printed for
 * comparison.
 *
 *     npm run bench:memory            (node --expose-gc --import tsx test/bench/memory.ts)
 *     node --expose-gc --import tsx test/bench/memory.ts 200000    (another task count)
 */
import { future, sleep, type Future } from "../../runtime/index.ts";
import { Runtime } from "../../runtime/testing.ts";
import { DELAY_RANGE, PRODUCTION, delays } from "./workloads.ts";

const LIMIT = 1e9; // bytes: "under 1 GB"
const n = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("memory.ts needs --expose-gc: run it with `npm run bench:memory`.");
  process.exit(2);
}

function* sleeper(ms: number) {
  yield* sleep(ms);
}

const forms: { name: string; make: (ms: number) => Future<void>; checked: boolean }[] = [
  { name: "shared generator: future(() => sleeper(ms))", make: (ms) => future(() => sleeper(ms)), checked: true },
  {
    name: "closure per task: future(function* () { yield* sleep(ms) })",
    make: (ms) =>
      future(function* () {
        yield* sleep(ms);
      }),
    checked: false,
  },
];

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const d = delays(n);
let ok = true;
console.log(
  `memory: ${n.toLocaleString("en-US")} sleeping tasks (spawned, polled once, each pending on a timer within ${DELAY_RANGE} ms), production settings`,
);
for (const form of forms) {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let rt: Runtime | undefined = new Runtime(PRODUCTION);
  const running = rt;
  running.enter(() => {
    for (let i = 0; i < n; i++) running.spawn(form.make(d[i]!));
  });
  rt.runUntilIdle(); // every task polled once: each now waits on its own timer
  const elapsed = performance.now() - t0;
  if (rt.pendingTimers !== n || rt.now !== 0)
    throw new Error(`expected ${n} pending timers at t=0, found ${rt.pendingTimers} at t=${rt.now}`);
  gc();
  const used = process.memoryUsage().heapUsed;
  const under = used < LIMIT;
  if (form.checked && !under) ok = false;
  console.log(
    [
      `  ${form.name}`,
      `    heapUsed after a full GC: ${mib(used)} (${used.toLocaleString("en-US")} bytes), ${((used - baseline) / n).toFixed(0)} bytes per task; spawn + first poll ${elapsed.toFixed(0)} ms`,
      `    ${under ? "under" : "OVER"} 1 GB (${LIMIT.toLocaleString("en-US")} bytes)${form.checked ? " (the target)" : " (for comparison)"}`,
    ].join("\n"),
  );
  if (rt.pendingTimers !== n) throw new Error("unreachable"); // keeps every task reachable until measured
  rt = undefined;
}
process.exit(ok ? 0 : 1);
