/**
 * Errors written for a learner.
 *
 * Every error the runtime raises says four things, in this order: what
 * happened, where (a file and line in the learner's code when it can), why it
 * matters in async code, and what to do instead. The message is complete on
 * its own, so test output never needs a stack trace to be understood.
 *
 * `kind` is a stable name tests and the board match on; the prose may improve.
 */

/** Every kind of LearnerError the runtime raises: a stable name tests and the board match on. */
export type LearnerErrorKind =
  // learner code that leaves the model (guard.ts, future.ts, dispatch.ts, scope.ts)
  | "StackOverflow"
  | "RealWorldInModel"
  | "AsyncFunctionAsFuture"
  | "BodyNotGenerator"
  | "HandlerReturnedPromise"
  | "RenderThrew"
  // futures and tasks
  | "PolledAfterReady"
  | "PolledAfterDrop"
  | "YieldNotFuture"
  | "YieldWithoutStar"
  | "YieldStarNotFuture"
  | "AwaitInDrop"
  | "NotStarted"
  | "NoTimeDriver"
  | "BadDuration"
  // the executor
  | "NoRuntime"
  | "SpawnNotFuture"
  | "SpawnWhileDropping"
  | "RuntimeDropped"
  | "ClockBackwards"
  | "Stall"
  | "Livelock"
  | "TimeLimit"
  | "Panic"
  // components, hooks and events
  | "HookOutsideRender"
  | "HookOrder"
  | "HookNeedsClosure"
  | "HookClosureNotFuture"
  | "DetachedElement"
  | "NotOnScreen"
  | "SeveralOnScreen"
  | "PreventDefaultTooLate"
  // signals
  | "AlreadyBorrowed"
  | "AlreadyBorrowedMut"
  | "Dropped"
  | "GuardReleased"
  | "GuardHeldAcrossAwait"
  | "NotSend"
  // the simulated world
  | "UnscriptedRequest"
  | "BadLatency"
  | "BadCores"
  | "ThreadNotFunction"
  | "BlockOnThread"
  | "EventInThePast"
  | "MutexGuardReleased"
  | "SenderClosed";

export interface LearnerErrorParts {
  /** A stable identifier, e.g. "PolledAfterReady". */
  kind: LearnerErrorKind;
  /** One or two sentences: what happened. */
  what: string;
  /** Where, e.g. "katas/01-lazy-futures.ts:23". Filled in later when unknown. */
  where?: string | undefined;
  /** Why it matters in async code. */
  why: string;
  /** What to do instead. */
  fix: string;
  /** Extra lines (a list of stuck tasks, borrow locations…), printed after `what`. */
  details?: string[];
}

export class LearnerError extends Error {
  readonly kind: LearnerErrorKind;
  readonly what: string;
  where: string | undefined;
  readonly why: string;
  readonly fix: string;
  readonly details: string[];

  constructor(parts: LearnerErrorParts, options?: { cause?: unknown }) {
    // A deeper stack than V8's default 10 frames, so the learner's frame is still on it below the runtime's.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 40;
    super("", options);
    Error.stackTraceLimit = limit;
    this.name = parts.kind;
    this.kind = parts.kind;
    this.what = parts.what;
    this.why = parts.why;
    this.fix = parts.fix;
    this.details = parts.details ?? [];
    this.where = parts.where ?? userSiteOf(this.stack);
    this.message = this.render();
    if (watch !== undefined && !NOT_MISUSE.has(parts.kind)) watch.push(this);
  }

  /** Sets the location (if unknown) and refreshes the message. */
  locate(where: string | undefined): this {
    if (this.where === undefined && where !== undefined) {
      this.where = where;
      this.message = this.render();
    }
    return this;
  }

  render(): string {
    const lines = [this.what, ...this.details.map((d) => `  ${d}`)];
    if (this.where !== undefined) lines.push(`  at ${this.where}`);
    lines.push(`Why it matters: ${this.why}`, `What to do: ${this.fix}`);
    return lines.join("\n");
  }
}

// ── misuses that learner code catches ──────────────────────────────────
//
// A LearnerError is a panic in Rust terms (a borrow panic, `todo!()`, a
// misuse of the runtime's API): no `?` or match can stop it. In JavaScript a
// try/catch around the call can, and the learner's code would carry on as if
// nothing happened (a retry loop that calls sleep(undefined) and counts the
// throw as a failed attempt, say). So each driver call from outside
// (ambient.ts) watches for the first LearnerError made while it runs; if the
// call then ends without that error escaping, the call throws it itself,
// with a line saying it was caught. Errors meant to be caught are not
// LearnerErrors (an HttpError, an error the learner throws), and a borrow
// error handed back by tryRead/tryWrite is a value, not a throw (returned()).

/** Kinds made by the executor itself, or recorded as notes, never thrown into learner code. */
const NOT_MISUSE: ReadonlySet<LearnerErrorKind> = new Set<LearnerErrorKind>([
  "Stall",
  "Livelock",
  "TimeLimit",
  "Panic",
  "GuardHeldAcrossAwait",
]);

/**
 * The LearnerErrors made so far in the outermost driver call running now, or
 * undefined outside one. Module state, but only for the length of one
 * synchronous call: set on entry, cleared on exit whatever happens (as
 * guard.ts does with the real-world globals).
 */
let watch: LearnerError[] | undefined;

/**
 * Runs a driver call's body; if a LearnerError was made while it ran and the
 * body then returned, or threw something else, throws that error: learner
 * code caught it and carried on. Nested calls run inside the outer watch.
 */
export function watchMisuse<R, A = undefined>(fn: (arg: A) => R, arg?: A): R {
  if (watch !== undefined) return fn(arg as A);
  const made: LearnerError[] = [];
  watch = made;
  let result: R;
  try {
    result = fn(arg as A);
  } catch (error) {
    watch = undefined;
    const first = made[0];
    // The misuse caused whatever went wrong after it (a stall, a failed search): it is what to fix first.
    if (first !== undefined && first !== error) throw caughtAndCarriedOn(first);
    throw error;
  }
  watch = undefined;
  if (made.length > 0) throw caughtAndCarriedOn(made[0]!);
  return result;
}

/**
 * `error` was handed back as a value (tryRead's `{ ok: false, error }`), or a
 * test caught it on purpose to look at it: not a misuse to report.
 */
export function returned(error: LearnerError): void {
  const i = watch?.indexOf(error) ?? -1;
  if (i >= 0) watch!.splice(i, 1);
}

function caughtAndCarriedOn(error: LearnerError): LearnerError {
  const line =
    "Your code caught this error (a try/catch around the call) and carried on. It is a panic, as in Rust: no catch can stop it, so the run ends here.";
  if (!error.details.includes(line)) {
    error.details.push(line);
    error.message = error.render();
  }
  return error;
}

/** A short, readable description of any value, for error texts. */
export function describeValue(x: unknown): string {
  if (x === undefined) return "undefined";
  if (x === null) return "null";
  switch (typeof x) {
    case "string":
      return JSON.stringify(x.length > 30 ? `${x.slice(0, 27)}...` : x);
    case "number":
    case "boolean":
    case "bigint":
      return String(x);
    case "function":
      return `a function${x.name ? ` (${x.name})` : ""}`;
    case "symbol":
      return x.toString();
    default: {
      if (Array.isArray(x)) return `an array of ${x.length}`;
      if (typeof (x as { then?: unknown }).then === "function") return "a Promise";
      const name = (x as object).constructor?.name;
      return name && name !== "Object" ? `a ${name}` : "an object";
    }
  }
}

const PROJECT_ROOT = new URL("../", import.meta.url).pathname;
const USER_DIRS = /^(katas|solutions|test)\//;
const LEARNER_CODE = /^(?:katas|solutions|test\/mutants|test\/harness\/fixtures)\//;

/** True for a site in the learner's code (a kata, or what stands in for it: a solution, a mutant, a mistake fixture), not in a test. */
export function isLearnerSite(where: string | undefined): where is string {
  return where !== undefined && LEARNER_CODE.test(where);
}

/**
 * Where the learner's code made `error` (an Error whose stack's first frame in
 * user code is a learner site, see isLearnerSite), or undefined: for an error
 * a test made, or a value that is not an Error. Reads the stack: error paths only.
 */
export function learnerSiteOf(error: unknown): string | undefined {
  const where = error instanceof Error ? userSiteOf(error.stack) : undefined;
  return isLearnerSite(where) ? where : undefined;
}

/**
 * The first stack frame in the learner's or the tests' code, as
 * "katas/01-lazy-futures.ts:23", or undefined. Frames in runtime/ and
 * node_modules/ are skipped: they are never where the mistake is.
 */
export function userSiteOf(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  for (const line of stack.split("\n")) {
    const m = /\(?(?:file:\/\/)?([^\s()]+):(\d+):\d+\)?\s*$/.exec(line);
    if (m === null) continue;
    let file = m[1]!;
    if (file.startsWith(PROJECT_ROOT)) file = file.slice(PROJECT_ROOT.length);
    if (file.includes("node_modules") || !USER_DIRS.test(file) || /^test\/(tools|support)\//.test(file)) continue;
    return `${file}:${m[2]}`;
  }
  return undefined;
}

/**
 * A call site captured now and formatted only if someone asks (a stall
 * report, a panic, a timeline). Capturing is cheap; formatting is not.
 */
export class Site {
  readonly #holder: { stack?: string };
  #site: string | undefined | null = null;
  constructor(holder: { stack?: string }) {
    this.#holder = holder;
  }
  /** "katas/05-automatic-cancellation.ts:31", or undefined outside user code. */
  get where(): string | undefined {
    if (this.#site === null) this.#site = userSiteOf(this.#holder.stack);
    return this.#site;
  }
}

/** Captures where `fn` was called from, skipping `fn` and everything above it on the stack (`frames` deep). */
export function captureSite(fn: Function, frames = 12): Site {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = frames;
  Error.captureStackTrace(holder, fn);
  Error.stackTraceLimit = limit;
  return new Site(holder);
}

/**
 * The site of a call made while the running runtime records no sites
 * (`RuntimeOptions.sites: false`: a property's search runs, production
 * settings): it knows no place, and texts say "an unknown place".
 */
export const UNRECORDED: Site = new Site({});

/**
 * `captureSite(fn)` when `record` is true (the runtime the call belongs to
 * records sites, `rt.recordsSites`), else `UNRECORDED`, without touching the
 * stack. A site only ever feeds texts (errors, reports, timelines), never a
 * decision, so a run without sites takes the same course.
 */
export function captureSiteIf(record: boolean, fn: Function, frames = 12): Site {
  return record ? captureSite(fn, frames) : UNRECORDED;
}

/** True when `error` is the engine's stack overflow (a RangeError for a call stack that ran out). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * A stack overflow, explained: a function that calls itself with no case that
 * stops. In Rust this is not even a panic: the thread's stack runs out and
 * the whole program aborts, so nothing can catch it.
 */
export function stackOverflow(error: RangeError, inWhat: string): LearnerError {
  return new LearnerError(
    {
      kind: "StackOverflow",
      what: `The call stack ran out ${inWhat}: a function calls itself (directly or through others) and never stops.`,
      where: userSiteOf(error.stack),
      why:
        "Every call takes room on the stack until it returns; recursion with no case that stops fills it. " +
        "In a Rust app a stack overflow aborts the whole program (it is not a panic: nothing can catch it).",
      fix:
        "Find the function that calls itself (the line above is inside it) and give it a case that returns without calling itself again, " +
        "or turn the recursion into a loop. A future that must wait between steps uses `yield*` inside a loop, not recursion.",
    },
    { cause: error },
  );
}
