/**
 * Determinism: the same program gives the same trace, every time, in the same
 * worker and alongside other runtimes. Orders Dioxus leaves unspecified (tasks
 * dropped on unmount come out of a hash set) are fixed by default and
 * permuted from a seed when one is given.
 */
import { describe, expect, it } from "vitest";
import { dropGuard, future, sleep } from "../../runtime/index.ts";
import { Rng, Runtime, sameTrace } from "../../runtime/testing.ts";
import { fc, prop } from "./support/prop.ts";
import { programArb, runProgram } from "./support/program.ts";

describe("the same program gives the same trace", () => {
  prop([programArb], { numRuns: 30 })(
    "run twice without a seed, a program records identical traces and ends the same way",
    (program) => {
      const a = runProgram(program);
      const b = runProgram(program);
      expect(sameTrace(a.rt.trace, b.rt.trace)).toBe(true);
      expect(a.rt.trace.toLines()).toEqual(b.rt.trace.toLines());
      expect(a.error).toBe(b.error);
    },
  );

  prop([programArb, fc.integer()], { numRuns: 30 })(
    "run twice with the same seed, a program records identical traces",
    (program, seed) => {
      const a = runProgram(program, { seed, sites: false });
      const b = runProgram(program, { seed, sites: false });
      expect(sameTrace(a.rt.trace, b.rt.trace)).toBe(true);
      expect(a.error).toBe(b.error);
    },
  );

  prop([programArb], { numRuns: 25 })(
    "two runtimes driven in lockstep do not affect each other: each records the trace it records alone",
    (program) => {
      const alone = runProgram(program, {}, (rt) => {
        for (let t = 0; t < 200; t += 7) rt.advanceTo(t);
      });
      let second: ReturnType<typeof runProgram> | undefined;
      const first = runProgram(program, {}, (rtA) => {
        second = runProgram(program, {}, (rtB) => {
          for (let t = 0; t < 200; t += 7) {
            rtA.advanceTo(t);
            rtB.advanceTo(t);
          }
        });
      });
      expect(first.rt.trace.toLines()).toEqual(alone.rt.trace.toLines());
      expect(second!.rt.trace.toLines()).toEqual(alone.rt.trace.toLines());
      expect([first.error, second!.error]).toEqual([alone.error, alone.error]);
    },
  );

  it("sameTrace tells traces apart that differ in one entry, in length, or in dropped entries", () => {
    const run = (ms: number, limit?: number) => {
      const rt = new Runtime({ sites: false, ...(limit === undefined ? {} : { traceLimit: limit }) });
      rt.spawn(
        future(function* () {
          yield* sleep(ms);
        }),
      );
      rt.runToCompletion();
      return rt.trace;
    };
    expect(sameTrace(run(5), run(5))).toBe(true);
    expect(sameTrace(run(5), run(6))).toBe(false);
    const short = run(5, 3);
    expect(short.dropped).toBeGreaterThan(0);
    expect(sameTrace(short, run(5))).toBe(false);
    expect(sameTrace(short, run(5, 3))).toBe(true);
  });
});

describe("unspecified orders: fixed by default, permuted from a seed", () => {
  prop([fc.array(fc.integer(), { maxLength: 20 }), fc.option(fc.integer(), { nil: undefined })], { numRuns: 100 })(
    "Runtime.unspecifiedOrder returns the same elements, as given without a seed, and the same order for the same seed",
    (xs, seed) => {
      const a = new Runtime({ seed }).unspecifiedOrder(xs);
      const b = new Runtime({ seed }).unspecifiedOrder(xs);
      expect(a).toEqual(b);
      expect(a.slice().sort((p, q) => p - q)).toEqual(xs.slice().sort((p, q) => p - q));
      if (seed === undefined) expect(a).toEqual(xs);
    },
  );

  it("different seeds give different orders of the same elements", () => {
    const xs = [1, 2, 3, 4, 5, 6];
    const orders = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const order = new Runtime({ seed }).unspecifiedOrder(xs);
      expect(order.slice().sort()).toEqual(xs);
      orders.add(order.join(","));
    }
    expect(orders.size).toBeGreaterThan(20);
  });

  it("the seed decides the order in which dropping the runtime cancels its tasks; without one it is spawn order", () => {
    const finalizerOrder = (seed: number | undefined) => {
      const rt = new Runtime({ seed, sites: false });
      const log: number[] = [];
      for (let i = 0; i < 5; i++) {
        rt.spawn(
          future(function* () {
            using _g = dropGuard(() => log.push(i));
            yield* sleep(100);
          }),
        );
      }
      rt.runUntilIdle();
      rt[Symbol.dispose]();
      return log;
    };
    expect(finalizerOrder(undefined)).toEqual([0, 1, 2, 3, 4]);
    const orders = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const order = finalizerOrder(seed);
      expect(order).toEqual(finalizerOrder(seed));
      expect(order.slice().sort()).toEqual([0, 1, 2, 3, 4]);
      orders.add(order.join(","));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  prop([fc.integer(), fc.integer({ min: 1, max: 1000 })], { numRuns: 100 })(
    "Rng draws the same sequence from the same seed, each value in range",
    (seed, n) => {
      const a = new Rng(seed);
      const b = new Rng(seed);
      for (let i = 0; i < 20; i++) {
        const x = a.int(n);
        expect(x).toBe(b.int(n));
        expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
      }
    },
  );
});
