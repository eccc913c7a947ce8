/**
 * The edge of the virtual world (runtime/guard.ts) and the explanations for
 * mistakes the runtime sees: real time, promises, fetch, Date.now and
 * Math.random are refused while the runtime runs learner code and are back
 * afterwards; async bodies, Promise-returning handlers, stack overflows and
 * render throws are named with their place.
 */
import { describe, expect, it } from "vitest";
import { button, future, sleep } from "../../runtime/index.ts";
import { LearnerError, Runtime, render } from "../../runtime/testing.ts";

function panicOf(fn: () => void): LearnerError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LearnerError) return e;
    throw e;
  }
  throw new Error("expected a LearnerError, nothing was thrown");
}

describe("real-world globals inside the model", () => {
  const uses: [string, () => unknown][] = [
    ["setTimeout", () => setTimeout(() => {}, 0)],
    ["setInterval", () => setInterval(() => {}, 10)],
    ["a Promise", () => Promise.resolve(1)],
    ["a Promise", () => new Promise(() => {})],
    ["fetch", () => fetch("https://example.com")],
    ["Date.now()", () => Date.now()],
    ["Math.random()", () => Math.random()],
  ];
  for (const [what, use] of uses) {
    it(`${what} used in a task's poll is a RealWorldInModel error naming it and this file; outside the runtime it works again`, () => {
      const rt = new Runtime();
      rt.spawn(future(function* () {
        use();
      }));
      const e = panicOf(() => rt.runUntilIdle());
      expect(e.kind, `the error for ${what}`).toBe("RealWorldInModel");
      expect(e.message, "names what was used").toContain(`used ${what}`);
      expect(e.where, "points at the line that used it").toMatch(/^test\/runtime\/guard\.test\.ts:\d+$/);
      expect(typeof Date.now(), "Date.now is back after the driver call").toBe("number");
      expect(Promise.resolve(1), "Promise is back after the driver call").toBeInstanceOf(Promise);
    });
  }

  it("sleep inside a future is still virtual time, untouched by the guard", () => {
    const rt = new Runtime();
    const t = rt.spawn(future(function* () {
      yield* sleep(5);
      return rt.now;
    }));
    rt.runToCompletion();
    expect(t.output, "the task woke at t=5").toBe(5);
  });
});

describe("the wrong kind of async", () => {
  it("future(async function) is refused where it is written", () => {
    // @ts-expect-error: the mistake under test
    const e = panicOf(() => future(async () => {}));
    expect(e.kind, "an async body").toBe("AsyncFunctionAsFuture");
    expect(e.where, "the line of the future() call").toMatch(/^test\/runtime\/guard\.test\.ts:\d+$/);
  });

  it("a body that returns a Promise is named when first polled", () => {
    const rt = new Runtime();
    // @ts-expect-error: the mistake under test
    rt.spawn(future(() => ({ then() {} })));
    expect(panicOf(() => rt.runUntilIdle()).kind, "a thenable where a generator belongs").toBe("AsyncFunctionAsFuture");
  });

  it("a handler that returns a Promise is refused instead of ignored", () => {
    // @ts-expect-error: the mistake under test
    const app = render(() => button({ onclick: () => ({ then() {} }) }, "go"));
    expect(panicOf(() => app.click(app.getByRole("button"))).kind, "an async handler").toBe("HandlerReturnedPromise");
  });
});

describe("errors with their place", () => {
  function forever(n: number): number {
    return forever(n + 1) + 1;
  }

  it("a stack overflow in a task is told as recursion that never ends, not as a panic to catch", () => {
    const rt = new Runtime();
    rt.spawn(future(function* () {
      forever(0);
    }));
    const e = panicOf(() => rt.runUntilIdle());
    expect(e.kind, "a stack overflow").toBe("StackOverflow");
    expect(e.message, "no advice to catch it").not.toContain("Catch the error");
    expect(e.where, "inside the recursive function").toMatch(/^test\/runtime\/guard\.test\.ts:\d+$/);
  });

  it("a throw in a render is a RenderThrew error naming the component and the line", () => {
    function Broken(): string {
      throw new Error("boom");
    }
    const e = panicOf(() => render(Broken));
    expect(e.kind, "a render that threw").toBe("RenderThrew");
    expect(e.message, "names the component and the error").toContain("Broken");
    expect(e.where, "the line of the throw").toMatch(/^test\/runtime\/guard\.test\.ts:\d+$/);
  });

  it("a task that sleeps in a loop for ever ends as a TimeLimit after the jump budget", () => {
    const rt = new Runtime();
    rt.spawn(future(function* () {
      for (;;) yield* sleep(1);
    }));
    const e = panicOf(() => rt.runToCompletion({ maxJumps: 500 }));
    expect(e.kind, "the runtime's time limit").toBe("TimeLimit");
    expect(e.message, "says how many jumps").toContain("500 jumps");
  });
});
