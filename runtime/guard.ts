/**
 * The edge of the virtual world: real time, real promises and the real
 * network are switched off while the runtime runs the learner's code.
 *
 * Everything the model does happens in virtual time, driven step by step by
 * the runtime. A real `setTimeout`, a `Promise`, `fetch`, `Date.now()` or
 * `Math.random()` reached from a poll, a render or a handler would run
 * outside it: later, in real time, after the test has looked, or differently
 * on every run. So for the length of every driver call (`runUntilIdle`,
 * `advance`, `click`… everything that enters the runtime from outside) those
 * globals are swapped for stand-ins that throw a `LearnerError` saying what
 * was used, where, and what to use instead; they are put back when the call
 * returns, whatever happens. Code outside the runtime (the tests, vitest) is
 * never affected.
 *
 * What cannot be swapped: `await` inside an `async` function (the engine
 * makes its promise without asking the global). The runtime names that
 * mistake where the promise comes back to it instead: a future's body, a
 * handler's or a hook's return value (future.ts, scope.ts, hooks/internal.ts).
 *
 * Cost: one swap and one restore per driver call from outside, none per poll.
 */
import { LearnerError } from "./errors.ts";

interface Guarded {
  readonly what: string;
  readonly instead: string;
  /** Reads the global. */
  readonly get: () => unknown;
  /** Writes the global. */
  readonly set: (value: unknown) => void;
}

const VIRTUAL_WORLD =
  "The runtime models Dioxus in virtual time: it runs your futures, renders and handlers step by step, and a test decides when time moves. " +
  "Real time, real promises and the real network live outside that world: they run later, after the test has looked, or differently on every run.";

const SLEEP = "wait with `yield* sleep(ms)` (virtual time) inside a future";
// biome-ignore lint/suspicious/noExplicitAny: the stand-ins replace globals of every type
type Any = any;
// Each global is read and written by name, in its own little function: the
// same swap through a computed key (`owner[key] = value`, the generic store)
// took about 3 µs per driver call here against 0.3-0.5 µs, and a test that
// cancels 50,000 tasks one by one makes 50,000 driver calls.
const GUARDED: readonly Guarded[] = [
  {
    what: "setTimeout",
    instead: SLEEP,
    get: () => globalThis.setTimeout,
    set: (v) => {
      globalThis.setTimeout = v as Any;
    },
  },
  {
    what: "setInterval",
    instead: `loop with \`yield* sleep(ms)\` inside a future (spawn it to run beside the rest)`,
    get: () => globalThis.setInterval,
    set: (v) => {
      globalThis.setInterval = v as Any;
    },
  },
  {
    what: "setImmediate",
    instead: "`yield* yieldNow()` to let other tasks run first",
    get: () => globalThis.setImmediate,
    set: (v) => {
      globalThis.setImmediate = v as Any;
    },
  },
  {
    what: "queueMicrotask",
    instead: "`yield* yieldNow()` to let other tasks run first, or spawn a task",
    get: () => globalThis.queueMicrotask,
    set: (v) => {
      globalThis.queueMicrotask = v as Any;
    },
  },
  {
    what: "a Promise",
    instead: "a Future: build one with `future(function* () { … })` and wait for it with `yield*`",
    get: () => globalThis.Promise,
    set: (v) => {
      globalThis.Promise = v as Any;
    },
  },
  {
    what: "fetch",
    instead: "the runtime's simulated network: `const r = yield* http.get(url)` inside a future",
    get: () => globalThis.fetch,
    set: (v) => {
      globalThis.fetch = v as Any;
    },
  },
  {
    what: "Date.now()",
    instead: "the runtime's virtual clock (`rt.now`, or `currentRuntime()?.now`), which moves only with the test",
    get: () => Date.now,
    set: (v) => {
      Date.now = v as Any;
    },
  },
  {
    what: "Math.random()",
    instead: "a seeded generator, `new Rng(seed)` from the runtime, so the same run gives the same numbers",
    get: () => Math.random,
    set: (v) => {
      Math.random = v as Any;
    },
  },
];

/** The error a stand-in throws: what was used, why it cannot work here, what to use. */
export function realWorldError(g: { what: string; instead: string }): LearnerError {
  return new LearnerError({
    kind: "RealWorldInModel",
    what: `Your code used ${g.what} while the runtime was running it (in a task's poll, a render or an event handler).`,
    why: VIRTUAL_WORLD,
    fix: `Use ${g.instead}.`,
  });
}

function standIn(g: Guarded): unknown {
  // A function expression, not an arrow: `new` on the Proxy below needs a constructible target.
  // biome-ignore lint/complexity/useArrowFunction: an arrow cannot be constructed
  const fail = function (): never {
    throw realWorldError(g);
  };
  if (g.what !== "a Promise") return fail;
  // `new Promise(…)`, `Promise.resolve(…)`, `Promise.all(…)`: every way in throws.
  return new Proxy(fail, {
    construct: fail,
    get: (_t, p) =>
      p === Symbol.hasInstance ? (v: unknown) => v instanceof (saved[PROMISE] as PromiseConstructor) : fail,
  });
}

const PROMISE = GUARDED.findIndex((g) => g.what === "a Promise");
const STAND_INS = GUARDED.map(standIn);
/** The real values, while a guard is up. */
const saved: unknown[] = new Array(GUARDED.length);
let depth = 0;

/**
 * Runs `fn(arg)` with the real-world globals swapped for stand-ins that throw,
 * and puts them back afterwards. Nested calls swap once.
 */
export function guardRealWorld<R, A = undefined>(fn: (arg: A) => R, arg?: A): R {
  if (depth > 0) return fn(arg as A);
  for (let i = 0; i < GUARDED.length; i++) {
    const g = GUARDED[i]!;
    saved[i] = g.get();
    if (saved[i] !== undefined) g.set(STAND_INS[i]);
  }
  depth = 1;
  try {
    return fn(arg as A);
  } finally {
    depth = 0;
    for (let i = 0; i < GUARDED.length; i++) {
      if (saved[i] !== undefined) GUARDED[i]!.set(saved[i]);
      saved[i] = undefined;
    }
  }
}

/** True when `x` looks like a Promise (or any thenable). */
export function isThenable(x: unknown): boolean {
  return typeof (x as { then?: unknown } | null | undefined)?.then === "function";
}
