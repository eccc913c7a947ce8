/**
 * The Effect 4 side of the benchmarks: the workloads of workloads.ts written
 * with Effect's fibers. Virtual time is Effect's TestClock (`TestClock.layer()`
 * from "effect/testing"), cancellation is `Fiber.interrupt`.
 *
 * Each is written the way that is cheapest for Effect where there is a
 * choice: a sleeper is `Effect.map(Effect.sleep(d), …)` rather than a
 * generator, the ping-pong waits with one reusable `Effect.callback` value
 * per side, and the chain runs with `Effect.runSync`.
 */
import { Effect, Fiber } from "effect";
import { TestClock } from "effect/testing";
import { DELAY_RANGE, check, delays, expectedSum } from "./workloads.ts";

// Module-local aliases for what the hot loops call, as in workloads.ts (an
// imported binding costs a getter call per use under vitest).
const { callback, forkChild, gen, map, runPromise, runSync, provide, sleep, succeed, yieldNow } = Effect;
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
export async function pingPongEffect(n: number): Promise<void> {
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
}
