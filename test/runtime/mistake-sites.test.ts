/**
 * Learner mistakes the runtime names with their place: an error thrown in an
 * event handler (the timeline line says where it was thrown), `yield*` or
 * `yield` on a Promise inside a future, and the TypeErrors that are not
 * that mistake (they stay as JavaScript raised them); and a misuse of the
 * runtime that the learner's own try/catch swallows, which still ends the run.
 */
import { describe, expect, it } from "vitest";
import { Signal, button, future, http, ready, sleep, type Future } from "../../runtime/index.ts";
import { LearnerError, Runtime, answer, render } from "../../runtime/testing.ts";
import type { Await } from "../../runtime/future.ts";
import { SpawnButton } from "../harness/fixtures/mistakes/03-spawn/throw-in-handler.ts";
import { siteHere } from "./support/errors.ts";

const THIS_FILE = /^test\/runtime\/mistake-sites\.test\.ts:\d+$/;

function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw, nothing was thrown");
}

function learnerError(fn: () => void): LearnerError {
  const e = thrown(fn);
  if (e instanceof LearnerError) return e;
  throw e;
}

/** "file:12" → "file:13". */
function nextLine(site: string): string {
  return site.replace(/\d+$/, (n) => String(Number(n) + 1));
}

/** Runs `body` as a spawned task's future until it panics. */
function panicOf(body: () => Generator<Await, unknown, unknown>): unknown {
  const rt = new Runtime();
  rt.spawn(future(body, { label: "work" }));
  return thrown(() => rt.runUntilIdle());
}

describe("an error thrown in an event handler", () => {
  it("the timeline names the line of the kata file that threw it (dispatch.ts, toBoundary)", () => {
    const app = render(SpawnButton);
    app.click(app.getByRole("button"));
    expect(
      app.errors.map((e) => (e as Error).message),
      "the handler's own error reaches the root, unchanged",
    ).toEqual(["not connected yet"]);
    expect(app.rt.trace.of("error").map((e) => e.detail)).toEqual([
      "thrown at test/harness/fixtures/mistakes/03-spawn/throw-in-handler.ts:13 in SpawnButton (scope 1): not connected yet",
    ]);
  });

  it("an error made outside the learner's code (here, by this test) gets no place: it is not the learner's line", () => {
    const boom = new Error("boom");
    const app = render(() =>
      button(
        {
          onclick: () => {
            throw boom;
          },
        },
        "go",
      ),
    );
    app.click(app.getByRole("button"));
    expect(app.rt.trace.of("error").map((e) => e.detail)).toEqual(["Component (scope 1): boom"]);
  });
});

describe("a Promise where a Future belongs, inside a future", () => {
  async function fetchLater(): Promise<number> {
    return 1;
  }

  it("`yield* asyncFn()` is a YieldStarNotFuture error at the line of the yield*, saying a Promise is not a Future", () => {
    let line = "";
    const e = panicOf(function* () {
      line = siteHere();
      yield* fetchLater() as unknown as Future<number>;
    });
    expect(e, "an explanation, not a raw TypeError").toBeInstanceOf(LearnerError);
    const error = e as LearnerError;
    expect(error.kind).toBe("YieldStarNotFuture");
    expect(error.what).toBe(
      'The async block "work" used `yield*` on a value that is not a Future (JavaScript says: yield* (intermediate value) is not iterable).',
    );
    expect(error.where, "the line after siteHere(): the yield*").toBe(nextLine(line));
    expect(error.message).toContain("The usual one is a Promise");
    expect(error.message).toContain("A Promise is not a Future here");
    expect(error.message).toContain("`yield* sleep(ms)`");
    expect(error.message).not.toContain("Catch the error");
  });

  it("`yield* aPromise` (a variable) is named too, and so are undefined, a function and a number", () => {
    const promise = fetchLater();
    const cases: [unknown, string, string][] = [
      [promise, "an object", "The usual one is a Promise"],
      [undefined, "undefined", "is a `return` missing?"],
      [fetchLater, "a function", "call it to get its future"],
      [5, "the number 5", "nothing can wait on it"],
    ];
    for (const [value, shown, hint] of cases) {
      const e = panicOf(function* () {
        const v = value as Future<unknown>;
        yield* v;
      });
      expect(e, `yield* on ${shown}`).toBeInstanceOf(LearnerError);
      const error = e as LearnerError;
      expect(error.kind, `yield* on ${shown}`).toBe("YieldStarNotFuture");
      expect(error.what, `yield* on ${shown}`).toContain(`used \`yield*\` on ${shown} that is not a Future`);
      expect(error.message, `yield* on ${shown}`).toContain(hint);
      expect(error.where, `yield* on ${shown}`).toMatch(THIS_FILE);
    }
  });

  it("other TypeErrors in a future keep JavaScript's own words: unpacking a non-array, a missing method", () => {
    const notArray = { a: {} as unknown };
    const unpack = panicOf(function* () {
      const [x] = notArray.a as unknown[];
      return x;
    });
    expect((unpack as LearnerError).kind, "array unpacking is not a yield*").toBe("Panic");
    expect((unpack as LearnerError).what).toContain("object is not iterable");
    const unpackResult = panicOf(function* () {
      const [x] = (yield* ready({})) as unknown as unknown[];
      return x;
    });
    expect((unpackResult as LearnerError).kind, "unpacking an await's output is not a yield* on a Promise").toBe(
      "Panic",
    );
    const missing = panicOf(function* () {
      (notArray as unknown as { go(): void }).go();
    });
    expect((missing as LearnerError).kind, "a missing method is a plain panic").toBe("Panic");
  });

  it("spawn of a Promise by a test says the Promise came from the kata function the test called, and gives no place (the spawn line is not the mistake)", () => {
    const rt = new Runtime();
    const before = siteHere();
    const error = learnerError(() => rt.spawn(fetchLater() as unknown as Future<number>));
    expect(error.kind).toBe("SpawnNotFuture");
    expect(error.what).toBe("spawn was given a Promise, not a Future.");
    expect(error.details).toEqual([
      `spawned by the test at ${nextLine(before)}: the Promise came from the function of your kata that the test called to build the future (is it \`async\`?)`,
    ]);
    expect(error.where, "no place: the test's line is not where the mistake is").toBeUndefined();
    expect(error.message).toContain("A Promise is not a Future here");
  });

  it("a handler that returns a Promise names the component that set it, and gives no place (the click is the test's)", () => {
    const app = render(function Form() {
      return button({ onclick: (() => fetchLater()) as unknown as () => void }, "go");
    });
    const error = learnerError(() => app.click(app.getByRole("button")));
    expect(error.kind).toBe("HandlerReturnedPromise");
    expect(error.details).toEqual(["the handler was set by the render of Form (scope 1)"]);
    expect(error.where, "no place: the stack's user frame is this test's click").toBeUndefined();
  });

  it("`yield aPromise` (no star) says a Promise is not a Future, at the line that built the async block", () => {
    const rt = new Runtime();
    const promise = fetchLater();
    const before = siteHere();
    const block = future(function* () {
      yield promise as unknown as Await;
    });
    rt.spawn(block);
    const error = learnerError(() => rt.runUntilIdle());
    expect(error.kind).toBe("YieldNotFuture");
    expect(error.what).toBe(
      "An async block yielded a Promise, which is not a Future: a Promise cannot be awaited inside future(function* () { … }), with or without the star.",
    );
    expect(error.where, "where the block was built, not the test's driver call").toBe(nextLine(before));
    expect(error.message).toContain("A Promise is not a Future here");
  });
});

describe("a misuse of the runtime that the learner's code catches (errors.ts, watchMisuse)", () => {
  const CAUGHT_LINE =
    "Your code caught this error (a try/catch around the call) and carried on. It is a panic, as in Rust: no catch can stop it, so the run ends here.";

  it("sleep(undefined) caught by a retry loop still ends the driver call, with its own explanation and a line saying it was caught", () => {
    const rt = new Runtime();
    const attempts: string[] = [];
    const delays = [10];
    rt.spawn(
      future(function* () {
        for (let attempt = 0; attempt < 3; attempt++) {
          try {
            // The mistake: one attempt too many reads past the end of the delays.
            yield* sleep(delays[attempt + 1] as number);
            attempts.push("slept");
          } catch {
            attempts.push("caught");
          }
        }
        return attempts;
      }),
    );
    const error = learnerError(() => rt.runUntilIdle());
    expect(attempts, "the learner's catch did run: the runtime could not stop it").toEqual([
      "caught",
      "caught",
      "caught",
    ]);
    expect(error.kind, "the first misuse, not what followed it").toBe("BadDuration");
    expect(error.what).toBe("sleep(undefined) was given a duration that is not a finite number of milliseconds ≥ 0.");
    expect(error.details, "says that it was caught").toContain(CAUGHT_LINE);
    expect(error.where, "the line of the sleep call").toMatch(THIS_FILE);
  });

  it("errors meant to be caught stay caught: an HTTP failure, the learner's own error, a borrow error handed back by tryWrite", () => {
    const rt = new Runtime({ network: { "/down": answer.fail(1, "connection reset") } });
    const seen: string[] = [];
    const task = rt.spawn(
      future(function* () {
        const r = yield* http.get("/down");
        seen.push(r.ok ? "ok" : `failed: ${r.error.kind}`);
        try {
          throw new Error("mine");
        } catch (e) {
          seen.push(`caught ${(e as Error).message}`);
        }
        return seen;
      }),
    );
    rt.runToCompletion();
    expect(task.output, "the task ran to its end").toEqual(["failed: network", "caught mine"]);
    const app = render(() => button({}, "x"));
    const sig = app.enter(() => Signal.global(() => 0, "n"));
    app.enter(() => {
      using _read = sig.read();
      const w = sig.tryWrite();
      expect(w.ok, "a write while a read guard is open is refused, as a value").toBe(false);
    });
  });

  it("a misuse that escapes the call is thrown once, as it is; one caught before a later failure is reported instead of that failure", () => {
    const rt = new Runtime();
    rt.spawn(
      future(function* () {
        yield* sleep(-1);
      }),
    );
    const escaped = learnerError(() => rt.runUntilIdle());
    expect(escaped.kind).toBe("BadDuration");
    expect(escaped.details, "not caught by the learner: no line saying so").not.toContain(CAUGHT_LINE);
    rt.runUntilIdle();

    const rt2 = new Runtime();
    rt2.spawn(
      future(function* () {
        try {
          yield* sleep(Number.NaN);
        } catch {
          // carries on, then fails for a reason of its own
        }
        throw new Error("no data");
      }),
    );
    const first = learnerError(() => rt2.runUntilIdle());
    expect(first.kind, "the caught misuse comes first: it caused what followed").toBe("BadDuration");
    expect(first.details).toContain(CAUGHT_LINE);
  });

  it("outside a driver call nothing is watched: a misuse a test catches there is not reported later", () => {
    const asyncBody = (async () => {}) as unknown as () => Generator<Await, void, unknown>;
    expect(
      thrown(() => future(asyncBody)),
      "future(async …) is refused where it is written",
    ).toBeInstanceOf(LearnerError);
    const rt = new Runtime();
    rt.spawn(ready(1));
    rt.runUntilIdle();
  });
});
