/**
 * `property(sentence, arbitraries, body)`: one kata requirement, checked by
 * fast-check over generated schedules, on the reference runtime.
 *
 *     property("countdown(n) is polled exactly n+1 times", [fc.nat(20)], (ctx, n) => {
 *       const rt = ctx.runtime();
 *       …
 *     });
 *
 * Each run gets a fresh context: its own runtimes and its own story. When the
 * property fails, fast-check's smallest counterexample is run once more to
 * collect its story and trace, and the test fails with a `PropertyFailed`
 * error that tells the story, draws the timeline and gives the exact command
 * that replays it. The same pieces go into the test's meta for the board.
 *
 * Speed: fast-check's search runs are made without call sites (no stack
 * captured per hook, guard, spawn or future: `RuntimeOptions.sites: false`),
 * since only the replay is shown, and the replay records them; a site never
 * changes what a run does (if a replay ever passes where the search failed,
 * the failure says so). `KATA_SITES=1` makes the search runs record them
 * too. After each run its runtimes are released (`Runtime.release`).
 *
 * Determinism: every property has a fixed seed (a hash of its file and
 * sentence), so a run is the same every time; `KATA_SEED` and `KATA_PATH`
 * override it to replay one counterexample, `KATA_RUNS` changes the number
 * of runs. With `KATA_DIGEST=1` (`npm run verify`) the traces of the first
 * runs are hashed, those runs are made once more in the same process after
 * all the others, with call sites recorded, and both digests go into the
 * meta: verify checks that they are equal (the same seed gives the same
 * traces, whatever ran before, and with or without call sites).
 *
 * Under verify's mutants project, a property runs against a mutant only if
 * verify's record says it catches that mutant (test/mutants/matrix.json):
 * verify puts the list next to the mutant's wrapper file.
 */
import fc from "fast-check";
import { inject, it, type TaskMeta } from "vitest";
import fs from "node:fs";
import path from "node:path";
import type { Component } from "../../runtime/index.ts";
import {
  type App,
  LearnerError,
  recordingSitesOutside,
  Runtime,
  render,
  renderTimeline,
  type RenderOptions,
  type RuntimeOptions,
} from "../../runtime/testing.ts";
import type { TraceEntry } from "../../runtime/trace.ts";
import { Story } from "./story.ts";
import { timelineSvg } from "./timeline-svg.ts";

export interface PropertyContext {
  /** What happened in this run, in virtual time: printed when the property fails. */
  readonly story: Story;
  /** A fresh runtime for this run; its trace becomes the failure's timeline. */
  runtime(options?: RuntimeOptions): Runtime;
  /** Mounts a component on a fresh runtime for this run (render(App) from the runtime), tracked like `runtime()`. */
  render(app: Component<never>, options?: RenderOptions): App;
  /** Adds a story line at the current virtual time of this run's runtime. */
  say(text: string): void;
}

/** What the board needs from a failing or unstarted property (kept in the test's meta). */
export interface KataFailureMeta {
  status: "failed" | "not-started";
  sentence: string;
  /** The learner-facing explanation of what went wrong. */
  problem: string;
  story?: string;
  timeline?: string;
  replay?: string;
  /** For "not-started": the kata file and line of the todo(). */
  where?: string | undefined;
}

declare module "vitest" {
  interface ProvidedContext {
    /** "mutant" in `npm run verify`'s mutants project (vitest.config.ts). */
    kataMode?: "mutant";
  }
  interface TaskMeta {
    kataFailure?: KataFailureMeta;
    /** `KATA_DIGEST=1`: a digest of the traces of the first DIGEST_RUNS runs… */
    traceDigest?: string;
    /** …and of the same runs made once more, after all the others. */
    traceDigestAgain?: string;
    /**
     * Written by `property()` itself, and only after fast-check has passed
     * every generated run: the board counts a property as passed only with
     * it, never from vitest's task state alone (which hooks can change).
     */
    kataVerdict?: "passed";
  }
}

export interface PropertyOptions<Ts extends unknown[]> {
  /** Generated runs (default 100; `KATA_RUNS` overrides). */
  numRuns?: number;
  /** Describes a counterexample in words, when the story alone would not. */
  describe?: (...args: Ts) => string;
}

class RunContext implements PropertyContext {
  readonly story = new Story();
  readonly runtimes: Runtime[] = [];

  /**
   * `sites`: whether this run's runtimes record call sites (where each hook
   * was called, each guard taken, each task spawned, each future built). The
   * search runs go without them: a site is a stack capture, it only ever
   * feeds texts (errors, reports, the timeline), and only the replay of the
   * smallest counterexample is shown, which records them.
   */
  constructor(readonly sites: boolean) {}

  runtime(options: RuntimeOptions = {}): Runtime {
    const rt = new Runtime({ sites: this.sites, ...options });
    this.runtimes.push(rt);
    return rt;
  }

  render(app: Component<never>, options: RenderOptions = {}): App {
    const mounted = render(app, { sites: this.sites, ...options });
    this.runtimes.push(mounted.rt);
    return mounted;
  }

  say(text: string): void {
    this.story.at(this.runtimes[0]?.now ?? 0, text);
  }

  /**
   * Drops every runtime of the run and lets go of what they hold
   * (`Runtime.release`: the app, its signals, the trace): the run is over and
   * nothing reads it again. A learner's `future(function* () { … })` keeps
   * what it captured alive until V8's next full collection; released, that is
   * a few small shells instead of the whole app, which keeps the minor
   * collections between runs short.
   */
  /** Runs the property's body on this context; futures the test builds before it spawns them follow the run's `sites` too. */
  run<Ts extends unknown[]>(body: (ctx: PropertyContext, ...args: Ts) => void, args: Ts): void {
    recordingSitesOutside(this.sites, () => body(this, ...args));
  }

  dispose(): void {
    for (const rt of this.runtimes) {
      try {
        rt.release();
      } catch {
        // Dropping leftovers after a run must not hide the run's own result.
      }
    }
    this.runtimes.length = 0;
  }
}

/** FNV-1a over strings: a cheap, stable digest of traces. */
function fnv(hash: number, s: string): number {
  let h = hash;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function seedFor(file: string, sentence: string): number {
  return fnv(0x811c9dc5, `${path.basename(file)}|${sentence}`) & 0x7fffffff;
}

export function property<Ts extends [unknown, ...unknown[]]>(
  sentence: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  body: (ctx: PropertyContext, ...args: Ts) => void,
  options: PropertyOptions<Ts> = {},
): void {
  it(sentence, (tctx) => {
    if (!runsAgainstThisMutant(tctx.task.file.filepath, sentence)) {
      tctx.skip("verify's record (test/mutants/matrix.json) says this property does not catch this mutant");
      return;
    }
    try {
      checkProperty(tctx, sentence, arbitraries, body, options);
    } catch (e) {
      if (e instanceof PropertyFailed) annotateFailure(tctx, e);
      throw e;
    }
    tctx.task.meta.kataVerdict = "passed";
  });
}

/**
 * Under verify's mutants project: does verify's record list this property as
 * one that catches the mutant of this wrapper file? `catchers.json` beside
 * the wrapper holds the list; without it (a mutant not recorded yet, or
 * `npm run verify -- --record`) every property runs.
 */
function runsAgainstThisMutant(file: string, sentence: string): boolean {
  if (inject("kataMode") !== "mutant") return true;
  let listed: unknown;
  try {
    listed = JSON.parse(fs.readFileSync(path.join(path.dirname(file), "catchers.json"), "utf8"));
  } catch {
    return true;
  }
  return !Array.isArray(listed) || listed.includes(sentence);
}

/**
 * A trace entry as the determinism digest sees it: every field but the
 * spawn site, whose text costs a stack trace to format (and comes from the
 * code, not from the run).
 */
function digestLine(e: TraceEntry): string {
  return `${e.t}|${e.task}|${e.label}|${e.owner}|${e.kind}|${e.detail}`;
}

/** How many runs verify's determinism check makes twice (`KATA_DIGEST=1`). */
export const DIGEST_RUNS = 10;

/** The part of vitest's test context that `annotateFailure` uses. */
export interface AnnotatingContext {
  annotate(
    message: string,
    type?: string,
    attachment?: { contentType?: string; body?: string; bodyEncoding?: "base64" | "utf-8" },
  ): Promise<unknown>;
}

/**
 * Shows a failure in the vitest UI (`npx vitest --ui --project katas`): the
 * story and what went wrong as a note, the timeline drawn as a picture
 * (timeline-svg.ts) attached under the test. vitest waits for both before the
 * test ends.
 */
export function annotateFailure(tctx: AnnotatingContext, e: PropertyFailed): void {
  const f = e.failure;
  void tctx.annotate(
    `Smallest failing run:\n${f.story ?? ""}\n\nWhat went wrong:\n${f.problem}\n\nReplay: ${f.replay ?? ""}`,
    "story",
  );
  if (e.svg !== undefined)
    void tctx.annotate("Timeline of the smallest failing run", "timeline", {
      contentType: "image/svg+xml",
      body: e.svg,
      bodyEncoding: "utf-8",
    });
}

/** The part of vitest's test context that `checkProperty` reads and writes. */
export interface PropertyTestContext {
  readonly task: { readonly file: { readonly filepath: string }; readonly meta: TaskMeta };
}

/** The environment variables `checkProperty` reads (`KATA_SEED`, `KATA_PATH`, `KATA_RUNS`, `KATA_DIGEST`, `KATA_END_ON_FAILURE`, `KATA_SITES`). */
export type PropertyEnv = Readonly<Record<string, string | undefined>>;

/**
 * The body of every `property()` test: checks it with fast-check and throws
 * `PropertyFailed` (or the todo()'s not-started error) with the test's meta
 * filled in. Exported for the harness's own tests, which pass a fake test
 * context and environment.
 */
export function checkProperty<Ts extends [unknown, ...unknown[]]>(
  tctx: PropertyTestContext,
  sentence: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  body: (ctx: PropertyContext, ...args: Ts) => void,
  options: PropertyOptions<Ts>,
  env: PropertyEnv = process.env,
): void {
  const file = tctx.task.file.filepath;
  const seed = env.KATA_SEED !== undefined ? Number(env.KATA_SEED) : seedFor(file, sentence);
  const replayPath = env.KATA_PATH;
  const numRuns = env.KATA_RUNS !== undefined ? Number(env.KATA_RUNS) : (options.numRuns ?? 100);
  const digesting = env.KATA_DIGEST === "1";
  // Digests of the first DIGEST_RUNS runs' traces: [first pass, second pass].
  const digests = [0x811c9dc5, 0x811c9dc5];
  let pass = 0;
  let runsInPass = 0;

  const runOnce = (ctx: RunContext, args: Ts): void => {
    try {
      ctx.run(body, args);
    } finally {
      if (digesting && runsInPass++ < DIGEST_RUNS)
        for (const rt of ctx.runtimes)
          for (const e of rt.trace.entries) digests[pass] = fnv(digests[pass]!, digestLine(e));
      ctx.dispose();
    }
  };

  const prop = fc.property(...(arbitraries as unknown as [fc.Arbitrary<unknown>]), (...args: unknown[]) => {
    runOnce(new RunContext(pass === 1 || env.KATA_SITES === "1"), args as Ts);
  });
  // Under `npm run verify`'s mutants project, a failure only has to be found,
  // not shrunk: stop at the first failing run (verify sets KATA_END_ON_FAILURE;
  // a learner's run, a replay or the UI always shrinks to the smallest story).
  const endOnFailure = inject("kataMode") === "mutant" && env.KATA_END_ON_FAILURE === "1";
  const details = fc.check(prop, { seed, numRuns, endOnFailure, ...(replayPath ? { path: replayPath } : {}) });
  if (digesting && !details.failed && !replayPath) {
    // The same seed once more, after everything this process has run since, and this time with
    // call sites recorded (as a failure's replay is): the same traces? A site must change nothing.
    pass = 1;
    runsInPass = 0;
    fc.check(prop, { seed, numRuns: Math.min(numRuns, DIGEST_RUNS) });
    tctx.task.meta.traceDigest = digests[0]!.toString(16);
    tctx.task.meta.traceDigestAgain = digests[1]!.toString(16);
  }
  if (!details.failed) return;

  if (details.counterexample === null) {
    throw new Error(
      `fast-check could not run "${sentence}": ${String(details.errorInstance ?? "interrupted or too many skipped runs")}`,
    );
  }
  const args = details.counterexample as Ts;
  // Run the smallest counterexample once more, with call sites, to collect its story and trace.
  let ctx = new RunContext(true);
  let replayed = replayOnce(ctx, body, args);
  let note: string | undefined;
  if (!replayed.failed) {
    // It failed in the search (without sites) and passed now: a site changed a
    // verdict, which must never happen. Show the failure as the search saw it,
    // and say plainly that this report is the harness's fault, not the learner's.
    ctx.dispose();
    ctx = new RunContext(false);
    replayed = replayOnce(ctx, body, args);
    note = replayed.failed ? SITES_CHANGED_VERDICT : REPLAY_PASSED;
  }
  const error: unknown = replayed.failed ? replayed.error : details.errorInstance;

  if (error instanceof LearnerError && error.kind === "NotStarted") {
    tctx.task.meta.kataFailure = { status: "not-started", sentence, problem: error.what, where: error.where };
    ctx.dispose();
    throw error;
  }

  const kata = path.basename(file).replace(/\.test\.ts$/, "");
  const replay = `KATA_SEED=${seed} KATA_PATH=${details.counterexamplePath} npm test -- ${kata.slice(0, 2)} -t ${shellQuote(`^${escapeRegExp(sentence)}$`)}`;
  const message = error instanceof Error ? error.message : String(error);
  const problem = note === undefined ? message : `${message}\n\n${note}`;
  const described = options.describe?.(...args);
  const storyText = ctx.story.lines.length > 0 ? ctx.story.render() : `  ${described ?? fc.stringify(args)}`;
  const timeline = ctx.runtimes
    .filter((rt) => rt.trace.entries.length > 0)
    .map((rt) => renderTimeline(rt.trace, { quiet: true }))
    .join("\n\n");
  const svg = timelineSvg(
    ctx.runtimes.filter((rt) => rt.trace.entries.length > 0).map((rt) => rt.trace),
    { title: sentence },
  );
  ctx.dispose();
  const failure: KataFailureMeta = {
    status: "failed",
    sentence,
    problem,
    story: storyText,
    timeline,
    replay,
  };
  tctx.task.meta.kataFailure = failure;
  throw new PropertyFailed(failure, details.numShrinks, error, svg);
}

/**
 * The note under a failure whose search run (without call sites) failed and
 * whose replay with call sites passed, while a replay without them fails
 * again: the run shown is the one without sites. Never expected: a site only
 * feeds texts. `test/harness/property.test.ts` forces this case.
 */
export const SITES_CHANGED_VERDICT =
  "Note from the test harness: this run fails without call sites recorded (how the property's runs are searched) and passes with them. " +
  "Recording where things happen must never change what a run does: this is a fault of the runtime or the test harness, not of your code; please report it. " +
  "The run shown here is the one without call sites, so places in your code may be missing.";

/** The note under a failure whose smallest run passed when run again, with call sites and without. */
export const REPLAY_PASSED =
  "Note from the test harness: this run failed during the search but passed when it was run again, with call sites recorded and without. " +
  "The property's runs depend on something kept from one run to the next, which a test must not do: the story above is of the run that passed, and the problem is the one the search met.";

/** Runs the body once on `ctx`: did it throw, and what. */
function replayOnce<Ts extends [unknown, ...unknown[]]>(
  ctx: RunContext,
  body: (ctx: PropertyContext, ...args: Ts) => void,
  args: Ts,
): { failed: true; error: unknown } | { failed: false } {
  try {
    ctx.run(body, args);
    return { failed: false };
  } catch (e) {
    return { failed: true, error: e };
  }
}

/**
 * A failure text that is only a matcher's line (`expected 1 to be +0`), with
 * nothing in the property's own terms: returns that line, or undefined when
 * the text says more. Every `expect` in a property body must carry a message
 * (`expect(actual, "what should have happened").toBe(x)`), which vitest puts
 * before the matcher's line; `npm run verify` refuses a property that fails
 * any mutant with a bare line.
 */
export function bareMatcherLine(problem: string): string | undefined {
  const first = problem.trimStart().split("\n")[0] ?? "";
  return /^(?:AssertionError: )?expected\b/.test(first) ? first : undefined;
}

/** The error a failing property throws: the whole explanation is its message. */
export class PropertyFailed extends Error {
  declare readonly failure: KataFailureMeta;
  /** The timeline drawn as SVG, for the vitest UI. */
  declare readonly svg: string | undefined;
  constructor(failure: KataFailureMeta, shrinks: number, cause: unknown, svg?: string) {
    const parts = [
      `Property: ${failure.sentence}`,
      `Smallest failing run (after ${shrinks} shrink${shrinks === 1 ? "" : "s"}):`,
      failure.story ?? "",
      "What went wrong:",
      indent(failure.problem),
    ];
    if (failure.timeline) parts.push("Timeline:", indent(failure.timeline));
    parts.push(`Replay: ${failure.replay}`);
    super(parts.join("\n"), { cause });
    this.name = "PropertyFailed";
    // Not enumerable: vitest would print them under the error as "Serialized Error".
    Object.defineProperty(this, "failure", { value: failure, enumerable: false });
    Object.defineProperty(this, "svg", { value: svg, enumerable: false });
  }
}

/** vitest's -t takes a regular expression: match the sentence literally. */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
