/**
 * What the runtime says when a future is used the wrong way: polled after it
 * finished or was dropped, a generator body that hands the executor something
 * other than a Future, an await inside a drop, an async function where a
 * generator belongs.
 *
 * Every text follows errors.ts: what happened, where, why it matters in async
 * code, what to do. These are built only on the error path: nothing here runs
 * while futures work as they should.
 */
import { readFileSync } from "node:fs";
import { LearnerError, describeValue, userSiteOf } from "./errors.ts";
import { isThenable } from "./guard.ts";

/** Raised when a finished future is polled again. */
export function polledAfterReady(what: string): LearnerError {
  return new LearnerError({
    kind: "PolledAfterReady",
    what: `${what} was polled again after it had already returned Ready.`,
    why:
      "A future hands over its value exactly once. In Rust, polling a finished future is a bug " +
      "(many futures panic); whatever awaits a future must stop polling it once it is Ready.",
    fix: "Remember that the inner future finished (keep its value, or set your reference to it to null) and never poll it again.",
  });
}

export function polledAfterDrop(what: string): LearnerError {
  return new LearnerError({
    kind: "PolledAfterDrop",
    what: `${what} was polled after it had been dropped.`,
    why: "Dropping a future is cancelling it: its cleanup already ran, and nothing it would have done may happen any more.",
    fix: "Once a future (or the task holding it) is dropped or cancelled, stop polling it.",
  });
}

/** Why a Promise cannot stand in for a Future, and what to await instead (shared by the Promise-shaped mistakes). */
const PROMISE_WHY =
  "In this project `yield*` is Rust's `.await`, and only a Future can be awaited: the runtime polls it step by step, in virtual time. " +
  "A Promise is not a Future here: it starts at once, runs in real time outside the runtime, and nothing can poll it or cancel it.";
const AWAIT_A_FUTURE =
  "Await the runtime's futures with `yield*`: `yield* sleep(ms)`, `const r = yield* http.get(url)`, `yield* ready(value)`, " +
  "or a future of your own, `future(function* () { … })`. A helper that waits returns a Future (its body a `function*` inside future()), never an `async` function.";

/**
 * A generator body handed the executor `token` with a bare `yield` (only
 * `yield* fut` awaits). The stack here is the poll's, so the place given is
 * `built`, where the async block was made, when that is known.
 */
export function badYield(
  token: unknown,
  name: string,
  tokenIsFuture: boolean,
  built: string | undefined,
): LearnerError {
  const error = tokenIsFuture
    ? new LearnerError({
        kind: "YieldWithoutStar",
        what: `${name} used \`yield\` on a Future without the star.`,
        why:
          "In this project `yield*` is Rust's `.await`: the star hands the future to the executor and resumes you with its output. " +
          "A bare `yield` hands over the future object itself, which the executor does not treat as an await.",
        fix: "Write `yield* fut` (with the star) to await it.",
      })
    : isThenable(token)
      ? new LearnerError({
          kind: "YieldNotFuture",
          what: `${name} yielded a Promise, which is not a Future: a Promise cannot be awaited inside future(function* () { … }), with or without the star.`,
          why: PROMISE_WHY,
          fix: AWAIT_A_FUTURE,
        })
      : new LearnerError({
          kind: "YieldNotFuture",
          what: `${name} yielded ${describeValue(token)}, which is not a Future.`,
          why:
            "Inside future(function* () { … }) the only thing a generator may hand to the executor is a Future to await (`yield* fut`). " +
            "Nothing can wait on a plain value.",
          fix: "Await a future with `yield* fut` (with the star). To produce a value, `return` it.",
        });
  return placed(error, built);
}

/**
 * The TypeError JavaScript raises inside a generator body when `yield*` is
 * given something it cannot step through (a Promise, undefined, a function…),
 * explained; undefined for any other error, which stays what it is.
 *
 * JavaScript says which in two shapes: "yield* (intermediate value) is not
 * iterable" (the value of a call or a property: only `yield*` says that), and
 * "object is not iterable (cannot read property Symbol(Symbol.iterator))"
 * (a variable), which array unpacking (`const [a, b] = x`) raises too: that
 * shape counts only when the line where it was thrown has `yield*` there.
 */
export function yieldStarMisuse(error: unknown, name: string): LearnerError | undefined {
  if (!(error instanceof TypeError)) return undefined;
  const m =
    /^(?:yield\* \(intermediate value\)|(object null|object|undefined|function|number \S+|boolean \S+|bigint \S+|symbol .+)) is not iterable(?: \(cannot read property Symbol\(Symbol\.iterator\)\))?$/.exec(
      error.message,
    );
  if (m === null) return undefined;
  const shown = m[1];
  if (shown !== undefined && (!error.message.endsWith("(Symbol.iterator))") || !thrownAtYieldStar(error.stack)))
    return undefined;
  return new LearnerError(
    {
      kind: "YieldStarNotFuture",
      what: `${name} used \`yield*\` on ${shown === undefined ? "a value" : article(shown)} that is not a Future (JavaScript says: ${error.message}).`,
      details: [whatItWas(shown)],
      where: userSiteOf(error.stack),
      why: PROMISE_WHY,
      fix: AWAIT_A_FUTURE,
    },
    { cause: error },
  );
}

/** "an object", "undefined", "the number 5"…: the value as JavaScript's message names it. */
function article(shown: string): string {
  const names: Record<string, string> = {
    object: "an object",
    "object null": "null",
    undefined: "undefined",
    function: "a function",
  };
  return names[shown] ?? `the ${shown}`;
}

function whatItWas(shown: string | undefined): string {
  switch (shown) {
    case undefined:
    case "object":
      return "The usual one is a Promise: what an `async` function, `fetch(…)` or `.then(…)` gives back.";
    case "undefined":
      return "It was undefined: a function meant to return a future returned nothing (is a `return` missing?).";
    case "function":
      return "It was a function: call it to get its future (`yield* makeFuture()`, not `yield* makeFuture`).";
    default:
      return "It was a plain value: nothing can wait on it. Use it directly (or `return` it).";
  }
}

/** True when the top frame of `stack` is in the project's code and its source has `yield*` at (or just before) that column. */
function thrownAtYieldStar(stack: string | undefined): boolean {
  const top = stack?.split("\n").find((line) => /^\s+at /.test(line));
  const m = top === undefined ? null : /\(?(?:file:\/\/)?(\/[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(top);
  if (m === null || userSiteOf(top) === undefined) return false;
  let line: string | undefined;
  try {
    line = readFileSync(m[1]!, "utf8").split("\n")[Number(m[2]) - 1];
  } catch {
    return false;
  }
  if (line === undefined) return false;
  const col = Number(m[3]) - 1;
  return /^yield\s*\*/.test(line.slice(col)) || /\byield\s*\*\s*\(?\s*$/.test(line.slice(0, col));
}

export function yieldDuringDrop(name: string): LearnerError {
  return new LearnerError({
    kind: "AwaitInDrop",
    what: `${name} tried to await while it was being dropped (a \`yield*\` inside a finally block or a disposer).`,
    why:
      "Dropping a future is synchronous: Rust has no async drop, so cleanup cannot wait for anything. " +
      "An await reached during a drop would never be resumed.",
    fix: "Keep cleanup synchronous. If it really needs async work, start a new task for it with spawnForever.",
  });
}

/** `future(async function …)`: JavaScript's async, where the runtime needs a generator. */
export function asyncBody(generator: boolean): LearnerError {
  return new LearnerError({
    kind: "AsyncFunctionAsFuture",
    what: `future() was given an async ${generator ? "generator " : ""}function: its body must be a plain generator, \`function* () { … }\`.`,
    why:
      "An async function returns a JavaScript Promise, which starts at once, runs in real time outside the runtime and cannot be cancelled. " +
      "A Rust future is lazy and is driven by its executor poll by poll; here that is a generator the runtime steps through, with `yield*` for `.await`.",
    fix: "Write `future(function* () { … })` and wait for other futures with `yield*` (for example `yield* sleep(100)` or `const r = yield* http.get(url)`), never `await`.",
  });
}

/** The body of future() returned something that is not a generator (a Promise from an async arrow, say). */
export function notAGenerator(value: unknown, name: string, built: string | undefined): LearnerError {
  const promise = isThenable(value);
  const error = new LearnerError({
    kind: promise ? "AsyncFunctionAsFuture" : "BodyNotGenerator",
    what: `The body of ${name} returned ${describeValue(value)} when it was first polled, not a generator: future() needs \`function* () { … }\`.`,
    why: promise
      ? "A Promise starts at once, runs in real time outside the runtime and cannot be cancelled; a Rust future is lazy and is driven by its executor poll by poll."
      : "The runtime steps through the generator the body returns, one `yield*` (one `.await`) at a time.",
    fix: "Write `future(function* () { … })` and wait for other futures with `yield*`, never `await`.",
  });
  // The stack here is the poll's: the place is the line that built the future, or none rather than a wrong one.
  return placed(error, built);
}

/** Sets the place of an error made deep in a poll, whose own stack points at the test's driver call, not at the learner's line. */
function placed(error: LearnerError, where: string | undefined): LearnerError {
  error.where = where;
  error.message = error.render();
  return error;
}
