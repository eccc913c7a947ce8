/**
 * Stall reports point at the learner's code: the kata line that built the
 * stuck future (or its task's future, or the spawn), not the test that
 * spawned it, and speak to the learner. A stall in a test's own futures keeps
 * the advice for test authors (advance / advanceTo).
 */
import { describe, expect, it } from "vitest";
import { future, pollFn, Poll } from "../../runtime/index.ts";
import { LearnerError, Runtime } from "../../runtime/testing.ts";
import { countdown } from "../mutants/01-lazy-futures/countdown-forgets-to-wake.ts";

function stall(build: () => void, rt: Runtime): LearnerError {
  build();
  try {
    rt.runToCompletion();
  } catch (e) {
    if (e instanceof LearnerError) return e;
    throw e;
  }
  throw new Error("expected a stall");
}

describe("a stall in the learner's future", () => {
  it("points at the line of the kata (here a mutant standing in for it) that built the future, not at the test that spawned it", () => {
    const rt = new Runtime();
    const e = stall(() => rt.spawn(countdown(2), { label: "countdown(2)" }), rt);
    expect(e.kind).toBe("Stall");
    expect(e.where).toBe("test/mutants/01-lazy-futures/countdown-forgets-to-wake.ts:10");
    expect(e.message).toContain("  at test/mutants/01-lazy-futures/countdown-forgets-to-wake.ts:10");
    expect(e.why).toMatch(/^your future returned Pending without arranging a wake: /);
    expect(e.fix).toContain("cx.waker.wake()");
    expect(e.fix).not.toContain("advanceTo");
    // The task is still named with the test's spawn, so both places are in the report.
    expect(e.message).toMatch(/spawned at test\/harness\/stall-report\.test\.ts:\d+/);
  });

  it("points at the learner's task when it awaits the learner's stuck future from inside a generator", () => {
    const rt = new Runtime();
    const e = stall(
      () =>
        rt.spawn(
          future(function* outer() {
            yield* countdown(1);
          }),
        ),
      rt,
    );
    expect(e.where).toBe("test/mutants/01-lazy-futures/countdown-forgets-to-wake.ts:10");
    expect(e.details[0]).toContain("waiting on outer → a PollFn");
  });
});

describe("a stall in a test's own futures", () => {
  it("keeps the advice for test authors and points at the spawn", () => {
    const rt = new Runtime();
    const e = stall(() => rt.spawn(pollFn(() => Poll.Pending, { label: "never" })), rt);
    expect(e.where).toMatch(/^test\/harness\/stall-report\.test\.ts:\d+$/);
    expect(e.why).toMatch(/^A future that returns Pending promises/);
    expect(e.fix).toContain("drive it with advance or advanceTo instead of runToCompletion");
  });
});
