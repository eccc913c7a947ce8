/**
 * The benchmark workloads, each written three ways and run side by side:
 *
 * - `ours`: this project's runtime (runtime/), with production settings
 *   (`PRODUCTION`: no trace, no spawn sites, no livelock budget) unless a
 *   caller passes other options;
 * - `effect`: the same workload on Effect 4 (fibers, `Effect.sleep` under
 *   `TestClock`, `Fiber.interrupt`), in effect.ts so that this module (and
 *   memory.ts, which uses it) does not load Effect;
 * - `floor`: a bare generator loop with the smallest hand-written driver that
 *   can do the job. Nothing can be much faster than this in JavaScript, so it
 *   is the floor the runtime is compared against. (b) has two floors: one
 *   that suspends at every step (`chainFloor`) and the like-for-like one,
 *   `yield*` over a generator that never suspends (`chainFloorNoSuspend`).
 *
 * Workloads:
 * (a) `sleepers`: spawn n tasks, each sleeping a seeded random virtual delay
 *     in [1, DELAY_RANGE] ms; poll them all once (every timer is set), cancel
 *     every other one (odd indexes), then run to completion. n/2 finish.
 * (b) `chain`: one task awaiting n ready futures one after another
 *     (the cost of one `yield*` await).
 * (c) `pingPong`: two tasks waking each other n times: they hand a baton
 *     back and forth, and a task whose turn has not come parks until the
 *     other wakes it. On ours and the floor every hand-off but the first and
 *     the last wakes the other task, so n wakes take n + 2 hand-offs (see
 *     `pingPongEffect` in effect.ts for Effect, where it takes 2n + 2).
 *     Each returns its hand-off count, so that compare.ts can report the
 *     cost per hand-off, the unit both sides share.
 *
 * Every function checks its own result and throws if the work was not done,
 * so a benchmark can never time a workload that silently did nothing.
 */
import * as runtime from "../../runtime/index.ts";
import * as testing from "../../runtime/testing.ts";
import type { Poll as PollT, Task, Waker } from "../../runtime/index.ts";
import type { RuntimeOptions } from "../../runtime/testing.ts";
import { Rng } from "../../runtime/random.ts";
import { MinHeap } from "./heap.ts";

// Module-local aliases for what the hot loops call. Vitest rewrites every use
// of an imported binding into a property read on the exporting module's
// namespace object (a getter, and index.ts exports so much that the object is
// a slow dictionary): about 20 ns per use, which a loop of a million awaits
// would otherwise time as part of each await. effect.ts does the same.
const { Poll, future, pollFn, ready, sleep } = runtime;
const { Runtime } = testing;

/** Benchmark ("production") settings: trace recording and spawn-site capture off. */
export const PRODUCTION: RuntimeOptions = { trace: false, sites: false, livelockBudget: Infinity };

/** Delays are drawn from [1, DELAY_RANGE] virtual milliseconds (never 0, so every sleeper sleeps). */
export const DELAY_RANGE = 1000;
const SEED = 0x5eed;

const delayCache = new Map<number, Int32Array>();

/** n seeded random delays (the same n always gives the same delays). */
export function delays(n: number): Int32Array {
  let d = delayCache.get(n);
  if (d === undefined) {
    const rng = new Rng(SEED);
    d = new Int32Array(n);
    for (let i = 0; i < n; i++) d[i] = 1 + rng.int(DELAY_RANGE);
    delayCache.set(n, d);
  }
  return d;
}

/** The virtual time at which the last non-cancelled sleeper of `sleepers(n)` wakes. */
export function lastSurvivorDeadline(d: Int32Array): number {
  let max = 0;
  for (let i = 0; i < d.length; i += 2) if (d[i]! > max) max = d[i]!;
  return max;
}

export function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`benchmark workload went wrong: ${what}`);
}

// ── (a) sleepers ─────────────────────────────────────────────────────────

export function sleepersOurs(n: number, options: RuntimeOptions = PRODUCTION): void {
  const d = delays(n);
  const rt = new Runtime(options);
  let done = 0;
  const tasks: Task<void>[] = new Array(n);
  // Spawned from inside the runtime, as an app's code is: a future built there
  // follows the runtime's settings (production: no stack captured for its site).
  rt.enter(() => {
    for (let i = 0; i < n; i++) {
      const ms = d[i]!;
      tasks[i] = rt.spawn(
        future(function* () {
          yield* sleep(ms);
          done++;
        }),
      );
    }
  });
  rt.runUntilIdle(); // every task polled once: n timers set
  for (let i = 1; i < n; i += 2) tasks[i]!.cancel();
  rt.runToCompletion();
  check(done === n - (n >> 1) && rt.now === lastSurvivorDeadline(d), `ours: ${done} done, t=${rt.now}`);
}

interface FloorTimer {
  deadline: number;
  seq: number;
  gen: Generator<number, void, void>;
  live: boolean;
}

function floorBefore(a: FloorTimer, b: FloorTimer): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

export function sleepersFloor(n: number): void {
  const d = delays(n);
  let done = 0;
  // A bare binary min-heap of timers by (deadline, seq).
  const heap = new MinHeap(floorBefore);
  let now = 0;
  const timers: FloorTimer[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ms = d[i]!;
    // The same task body as sleepersOurs: a new generator closure per task.
    const gen = (function* (): Generator<number, void, void> {
      yield ms; // "wake me at now + ms"
      done++;
    })();
    const r = gen.next();
    const t: FloorTimer = { deadline: now + (r.value as number), seq: i, gen, live: true };
    timers[i] = t;
    heap.push(t);
  }
  for (let i = 1; i < n; i += 2) {
    timers[i]!.live = false;
    timers[i]!.gen.return();
  }
  while (heap.size > 0) {
    const t = heap.pop();
    if (!t.live) continue;
    now = t.deadline;
    t.gen.next();
  }
  check(done === n - (n >> 1) && now === lastSurvivorDeadline(d), `floor: ${done} done, t=${now}`);
}

// ── (b) chain of ready futures ───────────────────────────────────────────

export function expectedSum(n: number): number {
  return (n * (n - 1)) / 2;
}

export function chainOurs(n: number, options: RuntimeOptions = PRODUCTION): void {
  const rt = new Runtime(options);
  const task = rt.spawn(
    future(function* () {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += yield* ready(i);
      return sum;
    }),
  );
  rt.runToCompletion();
  check(task.output === expectedSum(n), `ours: sum ${task.output}`);
}

/** The floor for (b) that suspends at every step: each value goes out to the driver and back. */
export function chainFloor(n: number): void {
  function* chain(): Generator<number, number, number> {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += yield i;
    return sum;
  }
  const gen = chain();
  let r = gen.next(0);
  while (!r.done) r = gen.next(r.value); // the driver hands each value straight back
  check(r.value === expectedSum(n), `floor: sum ${r.value}`);
}

/** A trivial generator that returns at once: `yield*` over it never suspends, like `yield* ready(i)`. */
function* readyGen(i: number): Generator<never, number, unknown> {
  return i;
}

/**
 * The like-for-like floor for (b): one generator doing `yield*` over a
 * trivial generator that never suspends (as `yield* ready(i)` never
 * suspends), driven by a single `next()`. It pays what one non-suspending
 * await must pay in JavaScript: a generator object and a delegation.
 */
export function chainFloorNoSuspend(n: number): void {
  function* chain(): Generator<never, number, unknown> {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += yield* readyGen(i);
    return sum;
  }
  const r = chain().next();
  check(r.done === true && r.value === expectedSum(n), `floor (no suspension): sum ${r.value}`);
}

// ── (c) ping-pong ────────────────────────────────────────────────────────

const READY: PollT<void> = Poll.Ready(undefined);

/** n wakes: n + 2 hand-offs of the baton, each side taking every other turn. */
export function pingPongOurs(n: number, options: RuntimeOptions = PRODUCTION): number {
  const handoffsWanted = n + 2;
  let turn = 0;
  let handoffs = 0;
  let wakes = 0;
  const wakers: (Waker | undefined)[] = [undefined, undefined];
  const side = (me: number) =>
    future(function* () {
      const other = 1 - me;
      const myTurn = () =>
        pollFn<void>((cx) => {
          if (turn === me) return READY;
          wakers[me] = cx.waker;
          return Poll.Pending;
        });
      for (let k = me; k < handoffsWanted; k += 2) {
        yield* myTurn();
        turn = other;
        handoffs++;
        const w = wakers[other];
        if (w !== undefined) {
          wakers[other] = undefined;
          wakes++;
          w.wake();
        }
      }
    });
  const rt = new Runtime(options);
  rt.spawn(side(0));
  rt.spawn(side(1));
  rt.runToCompletion();
  check(handoffs === handoffsWanted && wakes === n, `ours: ${handoffs} hand-offs, ${wakes} wakes`);
  return handoffs;
}

/** n wakes: n + 2 hand-offs, as pingPongOurs. */
export function pingPongFloor(n: number): number {
  const handoffsWanted = n + 2;
  let turn = 0;
  let handoffs = 0;
  let wakes = 0;
  // The run queue: a plain FIFO of generators. A parked generator is woken by
  // pushing it back.
  const queue: Generator<void, void, void>[] = [];
  const parked: (Generator<void, void, void> | undefined)[] = [undefined, undefined];
  const gens: Generator<void, void, void>[] = [];
  function* side(me: number): Generator<void, void, void> {
    const other = 1 - me;
    for (let k = me; k < handoffsWanted; k += 2) {
      while (turn !== me) {
        parked[me] = gens[me];
        yield;
      }
      turn = other;
      handoffs++;
      const g = parked[other];
      if (g !== undefined) {
        parked[other] = undefined;
        wakes++;
        queue.push(g);
      }
    }
  }
  gens.push(side(0), side(1));
  queue.push(gens[0]!, gens[1]!);
  for (let head = 0; head < queue.length; head++) {
    queue[head]!.next();
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head + 1);
      head = -1;
    }
  }
  check(handoffs === handoffsWanted && wakes === n, `floor: ${handoffs} hand-offs, ${wakes} wakes`);
  return handoffs;
}
