/**
 * The Effect 4 side of the benchmarks: the workloads of workloads.ts written
 * with Effect's fibers. Cancellation is `Fiber.interrupt`. Virtual time comes
 * two ways for (a):
 *
 * - `sleepersEffect`: Effect's own `TestClock` (`TestClock.layer()` from
 *   "effect/testing"). It keeps its sleeps in a sorted array (a splice per
 *   sleep, an `indexOf` + splice per interrupted sleep) and yields once per
 *   woken sleep, so at 100k sleeps it mostly measures that array;
 * - `sleepersEffectFair`: `HeapClock` below, the `Clock` service an Effect
 *   user who cares about speed would write for virtual time: `sleep` is one
 *   `Effect.callback` (as Effect's own live clock does with `setTimeout`),
 *   the sleeps sit in a binary min-heap by (deadline, order of sleeping), an
 *   interrupted sleep is only marked dead (dropped when it reaches the top),
 *   and the benchmark drives time from outside by popping the heap and
 *   resuming each due fiber, which Effect runs at once inside `resume`.
 *   The same heap and the same lazy removal as the floor in workloads.ts.
 *
 * Each is written the way that is cheapest for Effect where there is a
 * choice: a sleeper is `Effect.map(Effect.sleep(d), …)` rather than a
 * generator, the ping-pong waits with one reusable `Effect.callback` value
 * per side, and the chain runs with `Effect.runSync`.
 */
import { Clock, Duration, Effect, Fiber } from "effect";
import { TestClock } from "effect/testing";
import { DELAY_RANGE, check, delays, expectedSum, lastSurvivorDeadline } from "./workloads.ts";
import { MinHeap } from "./heap.ts";

// Module-local aliases for what the hot loops call, as in workloads.ts (an
// imported binding costs a getter call per use under vitest).
const { callback, forkChild, gen, map, runPromise, runSync, provide, provideService, sleep, succeed, sync, yieldNow } =
  Effect;
const { interrupt, join } = Fiber;
const effectVoid = Effect.void;

export async function sleepersEffect(n: number): Promise<void> {
  const d = delays(n);
  let done = 0;
  const program = gen(function* () {
    const fibers: Fiber.Fiber<void>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      fibers[i] = yield* forkChild(map(sleep(d[i]!), () => void done++));
    }
    yield* yieldNow; // let every fiber start and register its sleep
    for (let i = 1; i < n; i += 2) yield* interrupt(fibers[i]!);
    yield* TestClock.adjust(DELAY_RANGE);
    for (let i = 0; i < n; i += 2) yield* join(fibers[i]!);
  });
  await runPromise(provide(program, TestClock.layer({ warningDelay: "1 hour" })));
  check(done === n - (n >> 1), `effect: ${done} done`);
}

interface HeapSleep {
  deadline: number;
  seq: number;
  resume: (e: Effect.Effect<void>) => void;
  live: boolean;
}

const sleepsBefore = (a: HeapSleep, b: HeapSleep): boolean =>
  a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);

/** A virtual-time `Clock` over a binary heap of sleeps, advanced by `runAll` (see the top of this file). */
export class HeapClock implements Clock.Clock {
  now = 0;
  private seq = 0;
  private readonly heap = new MinHeap(sleepsBefore);
  readonly currentTimeMillis = sync(() => this.now);
  readonly currentTimeNanos = sync(() => this.currentTimeNanosUnsafe());
  readonly monotonicTimeNanos = sync(() => this.currentTimeNanosUnsafe());
  currentTimeMillisUnsafe(): number {
    return this.now;
  }
  currentTimeNanosUnsafe(): bigint {
    return BigInt(this.now) * 1_000_000n;
  }
  monotonicTimeNanosUnsafe(): bigint {
    return this.currentTimeNanosUnsafe();
  }
  sleep(duration: Duration.Duration): Effect.Effect<void> {
    const ms = Duration.toMillis(duration);
    if (ms <= 0) return yieldNow;
    return callback<void>((resume) => {
      const entry: HeapSleep = { deadline: this.now + ms, seq: this.seq++, resume, live: true };
      this.heap.push(entry);
      return sync(() => {
        entry.live = false;
      });
    });
  }
  /** Wakes every live sleep in (deadline, order) order, moving `now` to each deadline; returns how many woke. */
  runAll(): number {
    let woken = 0;
    while (this.heap.size > 0) {
      const e = this.heap.pop();
      if (!e.live) continue;
      e.live = false;
      this.now = e.deadline;
      woken++;
      e.resume(effectVoid);
    }
    return woken;
  }
  get pending(): number {
    return this.heap.size;
  }
}

/** (a) on a fair clock: the same program as `sleepersEffect`, time advanced by popping `HeapClock`'s heap. */
export async function sleepersEffectFair(n: number): Promise<void> {
  const d = delays(n);
  let done = 0;
  const clock = new HeapClock();
  let woken = 0;
  const program = gen(function* () {
    const fibers: Fiber.Fiber<void>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      fibers[i] = yield* forkChild(map(sleep(d[i]!), () => void done++));
    }
    yield* yieldNow; // let every fiber start and register its sleep
    for (let i = 1; i < n; i += 2) yield* interrupt(fibers[i]!);
    woken = yield* sync(() => clock.runAll());
    for (let i = 0; i < n; i += 2) yield* join(fibers[i]!);
  });
  await runPromise(provideService(program, Clock.Clock, clock));
  check(
    done === n - (n >> 1) && woken === done && clock.now === lastSurvivorDeadline(d),
    `effect (heap clock): ${done} done, ${woken} woken, t=${clock.now}`,
  );
}

export function chainEffect(n: number): void {
  const program = gen(function* () {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += yield* succeed(i);
    return sum;
  });
  const sum = runSync(program);
  check(sum === expectedSum(n), `effect: sum ${sum}`);
}

/**
 * n wakes. Effect's `resume` runs the resumed fiber at once, inside the
 * resume call, so the woken side takes its turn and hands the baton back
 * before the waker has parked again: only every other hand-off finds the
 * partner parked and needs a wake, and n wakes take 2n + 2 hand-offs.
 */
export async function pingPongEffect(n: number): Promise<number> {
  const handoffsWanted = 2 * n + 2;
  let turn = 0;
  let handoffs = 0;
  let wakes = 0;
  const resumers: (((e: Effect.Effect<void>) => void) | undefined)[] = [undefined, undefined];
  const side = (me: number) => {
    const other = 1 - me;
    const myTurn = callback<void>((resume) => {
      if (turn === me) resume(effectVoid);
      else resumers[me] = resume;
    });
    return gen(function* () {
      for (let k = me; k < handoffsWanted; k += 2) {
        yield* myTurn;
        turn = other;
        handoffs++;
        const r = resumers[other];
        if (r !== undefined) {
          resumers[other] = undefined;
          wakes++;
          r(effectVoid);
        }
      }
    });
  };
  const program = gen(function* () {
    const a = yield* forkChild(side(0));
    const b = yield* forkChild(side(1));
    yield* join(a);
    yield* join(b);
  });
  await runPromise(program);
  check(handoffs === handoffsWanted && Math.abs(wakes - n) <= 1, `effect: ${handoffs} hand-offs, ${wakes} wakes`);
  return handoffs;
}
