/**
 * The kata arbitraries (test/support/arbitrary/): what they generate and
 * where they shrink. Every fast-check run here has a fixed seed.
 */
import { describe, expect, it } from "vitest";
import {
  OUTCOMES,
  eventSchedule,
  fc,
  latency,
  outcome,
  response,
  runtimeSeed,
  stopTime,
  type Outcome,
} from "../support/index.ts";

const seed = 20250601;

/** The smallest counterexample fast-check finds for `fails`, which must fail for some value. */
function shrunk<T>(arb: fc.Arbitrary<T>, fails: (value: T) => boolean): T {
  const details = fc.check(
    fc.property(arb, (v) => !fails(v)),
    { seed, numRuns: 500 },
  );
  expect(details.failed, "expected fast-check to find a failing value").toBe(true);
  return details.counterexample![0];
}

function always<T>(arb: fc.Arbitrary<T>, holds: (value: T) => boolean): void {
  fc.assert(fc.property(arb, holds), { seed, numRuns: 300 });
}

describe("latency", () => {
  it("is a whole number of virtual ms within its bounds (default 0 to 100)", () => {
    always(latency(), (ms) => Number.isInteger(ms) && ms >= 0 && ms <= 100);
    always(latency({ min: 5, max: 9 }), (ms) => Number.isInteger(ms) && ms >= 5 && ms <= 9);
  });

  it("shrinks to the smallest latency that still fails", () => {
    expect(shrunk(latency(), (ms) => ms >= 37)).toBe(37);
    expect(shrunk(latency({ min: 5, max: 500 }), () => true)).toBe(5);
  });

  it("comes up small more often than a uniform draw would", () => {
    const xs = fc.sample(latency({ max: 1000 }), { seed, numRuns: 1000 });
    expect(xs.filter((ms) => ms <= 10).length).toBeGreaterThan(1000 * (11 / 1001) * 2);
  });
});

describe("outcome", () => {
  it("is one of ok, http-error and failure, with success the most likely", () => {
    always(outcome(), (o) => OUTCOMES.includes(o));
    const counts = new Map<Outcome, number>();
    for (const o of fc.sample(outcome(), { seed, numRuns: 1200 })) counts.set(o, (counts.get(o) ?? 0) + 1);
    const [ok, http, failure] = OUTCOMES.map((o) => counts.get(o) ?? 0) as [number, number, number];
    expect(ok).toBeGreaterThan(http + failure);
    expect(http).toBeGreaterThan(50);
    expect(failure).toBeGreaterThan(50);
  });

  it('shrinks toward "ok", keeping an error only when the failure needs it', () => {
    expect(shrunk(outcome(), () => true)).toBe("ok");
    expect(shrunk(outcome(), (o) => o !== "ok")).not.toBe("ok");
    expect(shrunk(outcome(), (o) => o === "failure")).toBe("failure");
  });
});

describe("response", () => {
  it("pairs a latency with an outcome", () => {
    always(
      response({ latency: { max: 20 } }),
      (r) => Number.isInteger(r.latency) && r.latency >= 0 && r.latency <= 20 && OUTCOMES.includes(r.outcome),
    );
  });

  it("shrinks toward an instant success", () => {
    expect(shrunk(response(), () => true)).toEqual({ latency: 0, outcome: "ok" });
    expect(shrunk(response(), (r) => r.latency > 40)).toEqual({ latency: 41, outcome: "ok" });
    expect(shrunk(response(), (r) => r.outcome === "http-error")).toEqual({ latency: 0, outcome: "http-error" });
  });
});

describe("eventSchedule", () => {
  const clicks = fc.constantFrom("hound", "pug", "corgi");

  it("gives events at non-decreasing virtual times, from t=0, with payloads from the given arbitrary", () => {
    always(
      eventSchedule(clicks),
      (events) =>
        events.length >= 1 &&
        events.length <= 6 &&
        events.every((e, i) => Number.isInteger(e.t) && e.t >= (events[i - 1]?.t ?? 0)) &&
        events.every((e) => ["hound", "pug", "corgi"].includes(e.event)),
    );
  });

  it("keeps to its bounds on the number of events and the gaps", () => {
    always(
      eventSchedule(fc.nat(), { minEvents: 0, maxEvents: 3, maxGap: 4 }),
      (events) => events.length <= 3 && events.every((e, i) => e.t - (events[i - 1]?.t ?? 0) <= 4),
    );
    always(eventSchedule(fc.nat(), { minEvents: 2, maxEvents: 2 }), (events) => events.length === 2);
  });

  it("often puts two events in the same instant", () => {
    const schedules = fc.sample(eventSchedule(clicks), { seed, numRuns: 200 });
    expect(schedules.filter((s) => s.some((e, i) => i > 0 && e.t === s[i - 1]!.t)).length).toBeGreaterThan(60);
  });

  it("shrinks toward fewer events, all at t=0, with the simplest payloads", () => {
    expect(shrunk(eventSchedule(clicks), () => true)).toEqual([{ t: 0, event: "hound" }]);
    expect(shrunk(eventSchedule(clicks), (events) => events.length >= 3)).toEqual([
      { t: 0, event: "hound" },
      { t: 0, event: "hound" },
      { t: 0, event: "hound" },
    ]);
    expect(shrunk(eventSchedule(clicks), (events) => events.some((e) => e.event === "pug"))).toEqual([
      { t: 0, event: "pug" },
    ]);
  });

  it("shrinks a late event to the earliest time that still fails, keeping the times in order", () => {
    const events = shrunk(eventSchedule(clicks), (es) => es.at(-1)!.t >= 30);
    expect(events.at(-1)!.t).toBe(30);
    expect(events.every((e, i) => e.t >= (events[i - 1]?.t ?? 0))).toBe(true);
  });
});

describe("stopTime", () => {
  it("is undefined (never) or a whole number of ms up to its bound", () => {
    always(stopTime({ max: 50 }), (t) => t === undefined || (Number.isInteger(t) && t >= 0 && t <= 50));
    const xs = fc.sample(stopTime(), { seed, numRuns: 400 });
    expect(xs.filter((t) => t === undefined).length).toBeGreaterThan(40);
    expect(xs.filter((t) => t !== undefined).length).toBeGreaterThan(200);
  });

  it("shrinks toward never, then toward t=0", () => {
    expect(shrunk(stopTime(), () => true)).toBeUndefined();
    expect(shrunk(stopTime(), (t) => t !== undefined)).toBe(0);
    expect(shrunk(stopTime(), (t) => t !== undefined && t >= 50)).toBe(50);
  });
});

describe("runtimeSeed", () => {
  it("is a non-negative 31-bit integer", () => {
    always(runtimeSeed(), (s) => Number.isInteger(s) && s >= 0 && s <= 0x7fffffff);
    expect(new Set(fc.sample(runtimeSeed(), { seed, numRuns: 50 })).size).toBeGreaterThan(40);
  });

  it("is never shrunk: a smaller seed is only another order, not a simpler one", () => {
    const details = fc.check(
      fc.property(runtimeSeed(), () => false),
      { seed },
    );
    expect(details.failed).toBe(true);
    expect(details.numShrinks).toBe(0);
  });
});
