/**
 * The kata tests' `expect` (test/support/expect.ts) takes a quick path only
 * where vitest's matcher surely passes: for any values, it passes exactly
 * when vitest's does, and fails with vitest's own message.
 */
import fc from "fast-check";
import { describe, it, expect as vitestExpect } from "vitest";
import { expect } from "../support/expect.ts";

/** What a matcher call did: passed, or the message it failed with. */
function outcome(call: () => void): string {
  try {
    call();
    return "passed";
  } catch (e) {
    return `failed: ${(e as Error).message}`;
  }
}

const value = fc.oneof(
  fc.constantFrom(0, -0, Number.NaN, 1, "", "a", undefined, null, true, false),
  fc.integer({ min: -3, max: 3 }),
  fc.string({ maxLength: 3 }),
  fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom("a", undefined, -0, Number.NaN)), { maxLength: 3 }),
  fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 2 }), { maxLength: 2 }),
  fc.record({ a: fc.integer({ min: 0, max: 1 }) }),
  fc.constant(Object.assign(new Array(3), { 0: 1, 2: 2 })), // a hole at 1
  fc.constant([1, undefined, 2]),
  fc.constant(Object.assign([1], { extra: 1 })),
);

type Call = (e: typeof vitestExpect | typeof expect, a: unknown, b: unknown) => void;
const MATCHERS: Record<string, Call> = {
  toBe: (e, a, b) => e(a, "msg").toBe(b),
  "not.toBe": (e, a, b) => e(a, "msg").not.toBe(b),
  toEqual: (e, a, b) => e(a, "msg").toEqual(b),
  toStrictEqual: (e, a, b) => e(a, "msg").toStrictEqual(b),
  toBeDefined: (e, a) => e(a, "msg").toBeDefined(),
  toBeUndefined: (e, a) => e(a, "msg").toBeUndefined(),
  toBeGreaterThan: (e, a, b) => e(a, "msg").toBeGreaterThan(b as number),
  toBeGreaterThanOrEqual: (e, a, b) => e(a, "msg").toBeGreaterThanOrEqual(b as number),
  toBeLessThanOrEqual: (e, a, b) => e(a, "msg").toBeLessThanOrEqual(b as number),
  toBeOneOf: (e, a, b) => e(a, "msg").toBeOneOf(Array.isArray(b) ? b : [b]),
  toContain: (e, a, b) => e(a, "msg").toContain(b),
};

describe("the kata tests' expect", () => {
  for (const [name, call] of Object.entries(MATCHERS)) {
    it(`${name} passes exactly when vitest's does, and fails with vitest's message`, () => {
      fc.assert(
        fc.property(value, value, (a, b) => {
          const ours = outcome(() => call(expect, a, b));
          const theirs = outcome(() => call(vitestExpect, a, b));
          vitestExpect(ours, `${name}(${fc.stringify(a)}, ${fc.stringify(b)})`).toBe(theirs);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("the same object and arrays of the same values pass without vitest; anything else goes to vitest", () => {
    const shared = { a: 1 };
    expect(shared, "same object").toEqual(shared);
    expect(["a", 1, -0], "same values").toStrictEqual(["a", 1, -0]);
    vitestExpect(outcome(() => expect([0], "zero").toEqual([-0]))).toMatch(/^failed: zero/);
    vitestExpect(outcome(() => expect({ a: 1 }, "objects").toEqual({ a: 1 }))).toBe("passed");
  });

  it("expect.fail fails with its message", () => {
    vitestExpect(outcome(() => expect.fail("never here"))).toBe("failed: never here");
  });
});
