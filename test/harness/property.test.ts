/**
 * property(): what a learner sees when a property fails or is not started.
 * The tests call `checkProperty` (the body of every property() test) with a
 * fake test context and environment, so nothing here touches process.env.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { future, sleep } from "../../runtime/index.ts";
import { LearnerError } from "../../runtime/testing.ts";
import { fc } from "../support/index.ts";
import {
  bareMatcherLine,
  checkProperty,
  DIGEST_RUNS,
  PropertyFailed,
  REPLAY_PASSED,
  SITES_CHANGED_VERDICT,
  type KataFailureMeta,
  type PropertyContext,
  type PropertyEnv,
  type PropertyTestContext,
} from "../support/property.ts";
import { notWrittenYet } from "./fixtures/stub-kata.ts";

const root = path.resolve(import.meta.dirname, "../..");

interface FakeContext extends PropertyTestContext {
  readonly task: {
    readonly file: { readonly filepath: string };
    readonly meta: { kataFailure?: KataFailureMeta; traceDigest?: string; traceDigestAgain?: string };
  };
}

function fakeContext(file = "test/07-fake-kata.test.ts"): FakeContext {
  return { task: { file: { filepath: path.join(root, file) }, meta: {} } };
}

/** Runs checkProperty and returns what it threw (undefined if it passed). */
function check<Ts extends [unknown, ...unknown[]]>(
  tctx: PropertyTestContext,
  sentence: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  body: (ctx: PropertyContext, ...args: Ts) => void,
  env: PropertyEnv = {},
): unknown {
  try {
    checkProperty(tctx, sentence, arbitraries, body, {}, env);
    return undefined;
  } catch (e) {
    return e;
  }
}

/** A property about a request that must answer within 10 ms: fails for every latency above 10. */
function slowRequest(ctx: PropertyContext, ms: number): void {
  const rt = ctx.runtime();
  rt.spawn(
    future(function* () {
      yield* sleep(ms);
    }),
    { label: "request" },
  );
  ctx.say(`send a request that takes ${ms} ms`);
  rt.runToCompletion();
  ctx.say(`it answered at t=${rt.now}`);
  expect(rt.now, "the answer must come within 10 ms").toBeLessThanOrEqual(10);
}

/** The argument of `-t` in a replay line, as the shell hands it to vitest. */
function testNamePattern(replay: string): string {
  const quoted = replay.slice(replay.indexOf(" -t ") + 4);
  const sh = spawnSync("sh", ["-c", `printf '%s' ${quoted}`], { encoding: "utf8" });
  expect(sh.status, sh.stderr).toBe(0);
  return sh.stdout;
}

function replayEnv(replay: string): PropertyEnv {
  const m = /^KATA_SEED=(\d+) KATA_PATH=(\S+) /.exec(replay);
  expect(m, replay).not.toBeNull();
  return { KATA_SEED: m![1], KATA_PATH: m![2] };
}

describe("property() when the property fails", () => {
  const sentence = "a request answers within 10 ms";

  it("throws PropertyFailed with the sentence, the story, the problem, the timeline and a replay line", () => {
    const tctx = fakeContext();
    const error = check(tctx, sentence, [fc.nat(100)], slowRequest);
    expect(error).toBeInstanceOf(PropertyFailed);
    const message = (error as PropertyFailed).message;
    expect(message).toContain(`Property: ${sentence}`);
    expect(message).toMatch(/Smallest failing run \(after \d+ shrinks?\):/);
    // Shrunk to the smallest latency that fails, told in virtual time.
    expect(message).toContain("  t=0   send a request that takes 11 ms\n  t=11  it answered at t=11");
    expect(message).toContain("What went wrong:\n  the answer must come within 10 ms");
    expect(message).toMatch(/Timeline:\n(.*\n)*.*#1 request/);
    expect(message).toMatch(
      /\nReplay: KATA_SEED=\d+ KATA_PATH=\S+ npm test -- 07 -t '\^a request answers within 10 ms\$'$/,
    );
  });

  it("puts the same pieces into the test's meta for the board", () => {
    const tctx = fakeContext();
    const error = check(tctx, sentence, [fc.nat(100)], slowRequest) as PropertyFailed;
    const failure = tctx.task.meta.kataFailure;
    expect(failure?.status).toBe("failed");
    expect(failure?.sentence).toBe(sentence);
    expect(failure?.story).toContain("send a request that takes 11 ms");
    expect(failure?.problem).toContain("the answer must come within 10 ms");
    expect(failure?.timeline).toContain("request");
    expect(error.message).toContain(`Replay: ${failure?.replay}`);
  });

  it("tells the counterexample's values when the body told no story", () => {
    const error = check(fakeContext(), "n stays below 5", [fc.nat(20)], (_ctx, n) => {
      expect(n).toBeLessThan(5);
    }) as PropertyFailed;
    expect(error.message).toContain("Smallest failing run (after");
    expect(error.message).toContain("\n  [5]\n");
  });

  it("gives a -t pattern that matches the sentence literally, whatever characters it holds", () => {
    const odd = `it's "quoted" (in parens) [brackets] {1,2} a.b*c+d? $HOME ^x | y \\ back\`tick\` / slash`;
    const error = check(fakeContext(), odd, [fc.nat(3)], () => {
      throw new Error("always fails");
    }) as PropertyFailed;
    const replay = /\nReplay: (.*)$/.exec(error.message)![1]!;
    const pattern = testNamePattern(replay);
    const re = new RegExp(pattern);
    expect(re.test(odd)).toBe(true);
    expect(re.test(`${odd}!`)).toBe(false);
    expect(re.test(`!${odd}`)).toBe(false);
    expect(re.test(odd.replace("a.b", "axb"))).toBe(false);
    expect(re.test(odd.replace("(in parens)", "in parens"))).toBe(false);
  });

  it("replays the same counterexample from the replay line's KATA_SEED and KATA_PATH", () => {
    const first = fakeContext();
    check(first, sentence, [fc.nat(100)], slowRequest);
    const replay = first.task.meta.kataFailure!.replay!;
    const again = fakeContext();
    check(again, sentence, [fc.nat(100)], slowRequest, replayEnv(replay));
    expect(again.task.meta.kataFailure?.story).toBe(first.task.meta.kataFailure?.story);
    expect(again.task.meta.kataFailure?.timeline).toBe(first.task.meta.kataFailure?.timeline);
  });

  it("gives the same counterexample every time for the same file and sentence (a fixed seed)", () => {
    // Several values, so the counterexample is not the same for every seed.
    const arbs: [fc.Arbitrary<number[]>] = [fc.array(fc.nat(1000), { minLength: 1, maxLength: 10 })];
    const body = (ctx: PropertyContext, xs: number[]) => {
      ctx.say(`xs = ${JSON.stringify(xs)}`);
      expect(xs.filter((x) => x > 300).length).toBeLessThan(3);
    };
    const runs = [fakeContext(), fakeContext(), fakeContext("test/08-other-kata.test.ts")].map((tctx) => {
      const error = check(tctx, "few large numbers", arbs, body) as PropertyFailed;
      return { message: error.message, failure: tctx.task.meta.kataFailure! };
    });
    expect(runs[1]!.message).toBe(runs[0]!.message);
    expect(runs[1]!.failure).toEqual(runs[0]!.failure);
    // Another file gives another seed.
    const seed = (r: string) => /KATA_SEED=(\d+)/.exec(r)![1];
    expect(seed(runs[2]!.failure.replay!)).not.toBe(seed(runs[0]!.failure.replay!));
  });

  it("records a digest of the traces with KATA_DIGEST=1, and of the same runs made again: equal when deterministic", () => {
    const passing = (ctx: PropertyContext, ms: number) => slowRequest(ctx, ms % 10);
    const digests = [fakeContext(), fakeContext()].map((tctx) => {
      expect(check(tctx, sentence, [fc.nat(100)], passing, { KATA_DIGEST: "1" })).toBeUndefined();
      expect(tctx.task.meta.traceDigestAgain).toBe(tctx.task.meta.traceDigest);
      return tctx.task.meta.traceDigest;
    });
    expect(digests[0]).toMatch(/^[0-9a-f]+$/);
    expect(digests[1]).toBe(digests[0]);
  });

  it("KATA_DIGEST=1: a property whose runs depend on state kept between runs gives two different digests", () => {
    let calls = 0; // state that outlives a run: what verify's determinism check is for
    const leaky = (ctx: PropertyContext, ms: number) => slowRequest(ctx, (ms + Math.floor(calls++ / 100)) % 10);
    const tctx = fakeContext();
    expect(check(tctx, sentence, [fc.nat(100)], leaky, { KATA_DIGEST: "1" })).toBeUndefined();
    expect(tctx.task.meta.traceDigestAgain).not.toBe(tctx.task.meta.traceDigest);
  });

  it("passes quietly and leaves no failure in the meta when the property holds", () => {
    const tctx = fakeContext();
    expect(check(tctx, "fine", [fc.nat(10)], (ctx, ms) => slowRequest(ctx, ms))).toBeUndefined();
    expect(tctx.task.meta.kataFailure).toBeUndefined();
  });
});

describe("property() records call sites only in the replay it shows", () => {
  const sentence = "a request answers within 10 ms";

  it("searches without call sites and replays the smallest counterexample with them (the spawn's line is known again)", () => {
    const runs: { sites: boolean; spawnedAt: string | undefined }[] = [];
    const body = (ctx: PropertyContext, ms: number) => {
      const rt = ctx.runtime();
      rt.spawn(
        future(function* () {
          yield* sleep(ms);
        }),
      );
      rt.runToCompletion();
      runs.push({ sites: rt.recordsSites, spawnedAt: rt.trace.entries.find((e) => e.kind === "spawn")?.site?.where });
      expect(rt.now, "the answer must come within 10 ms").toBeLessThanOrEqual(10);
    };
    const error = check(fakeContext(), sentence, [fc.nat(100)], body) as PropertyFailed;
    expect(runs.length, "the search, its shrinks and the replay").toBeGreaterThan(2);
    expect(runs.slice(0, -1).every((r) => !r.sites && r.spawnedAt === undefined)).toBe(true);
    expect(runs.at(-1)!.sites).toBe(true);
    expect(runs.at(-1)!.spawnedAt).toMatch(/^test\/harness\/property\.test\.ts:\d+$/);
    expect(error.failure.problem).not.toContain("Note from the test harness");
  });

  it("KATA_SITES=1 makes the search runs record call sites too", () => {
    const seen: boolean[] = [];
    check(
      fakeContext(),
      "fine",
      [fc.nat(10)],
      (ctx, ms) => {
        seen.push(ctx.runtime().recordsSites);
        slowRequest(ctx, ms);
      },
      { KATA_SITES: "1" },
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s)).toBe(true);
  });

  it("KATA_DIGEST=1 makes the first runs again with call sites: a run whose trace depends on them gives two different digests", () => {
    const seen: boolean[] = [];
    const body = (ctx: PropertyContext, ms: number, sitesMatter: boolean) => {
      const rt = ctx.runtime();
      seen.push(rt.recordsSites);
      rt.spawn(
        future(function* () {
          yield* sleep(ms);
        }),
        { label: sitesMatter && rt.recordsSites ? "with sites" : "request" },
      );
      rt.runToCompletion();
    };
    for (const sitesMatter of [false, true]) {
      seen.length = 0;
      const tctx = fakeContext();
      expect(
        check(tctx, "fine", [fc.nat(10)], (ctx, ms) => body(ctx, ms, sitesMatter), { KATA_DIGEST: "1" }),
      ).toBeUndefined();
      expect(seen.filter((s) => s)).toHaveLength(DIGEST_RUNS);
      if (sitesMatter) expect(tctx.task.meta.traceDigestAgain).not.toBe(tctx.task.meta.traceDigest);
      else expect(tctx.task.meta.traceDigestAgain).toBe(tctx.task.meta.traceDigest);
    }
  });

  it("a run that fails without sites and passes with them says so loudly, and shows the run without sites", () => {
    const tctx = fakeContext();
    const error = check(tctx, sentence, [fc.nat(100)], (ctx, ms) => {
      const rt = ctx.runtime();
      ctx.say(rt.recordsSites ? "with sites" : "without sites");
      expect(rt.recordsSites || ms < 50, "only searched runs with ms ≥ 50 fail").toBe(true);
    }) as PropertyFailed;
    expect(error).toBeInstanceOf(PropertyFailed);
    expect(error.failure.problem).toContain("only searched runs with ms ≥ 50 fail");
    expect(error.failure.problem).toContain(SITES_CHANGED_VERDICT);
    expect(error.failure.story).toContain("without sites");
    expect(tctx.task.meta.kataFailure?.problem).toContain(SITES_CHANGED_VERDICT);
  });

  it("a run that failed in the search and passes when run again, with sites and without, says so", () => {
    let calls = 0; // state that outlives a run: only the third run fails
    const error = check(fakeContext(), sentence, [fc.nat(100)], (ctx) => {
      ctx.say(`run ${++calls}`);
      expect(calls, "only the third run fails").not.toBe(3);
    }) as PropertyFailed;
    expect(error.failure.problem).toContain("only the third run fails");
    expect(error.failure.problem).toContain(REPLAY_PASSED);
  });
});

describe("property() when the kata is not started", () => {
  const stubFile = "test/harness/fixtures/stub-kata.ts";
  const todoLine =
    fs
      .readFileSync(path.join(root, stubFile), "utf8")
      .split("\n")
      .findIndex((l) => l.includes("return todo(")) + 1;

  it("reports not-started with the kata file and the line of its todo(), not a PropertyFailed", () => {
    const tctx = fakeContext();
    const error = check(tctx, "doubles n", [fc.nat(5)], (_ctx, n) => {
      expect(notWrittenYet(n)).toBe(2 * n);
    });
    expect(error).toBeInstanceOf(LearnerError);
    expect(error).not.toBeInstanceOf(PropertyFailed);
    expect((error as LearnerError).kind).toBe("NotStarted");
    expect(tctx.task.meta.kataFailure).toEqual({
      status: "not-started",
      sentence: "doubles n",
      problem: "Not started: notWrittenYet is still a todo().",
      where: `${stubFile}:${todoLine}`,
    });
  });
});

describe("failure text in the property's terms", () => {
  it("a bare matcher line is recognised, a message before it is not bare", () => {
    expect(bareMatcherLine("expected 1 to be +0")).toBe("expected 1 to be +0");
    expect(bareMatcherLine("AssertionError: expected [ 'a' ] to deeply equal [ 'b' ]\n- Expected")).toBe(
      "AssertionError: expected [ 'a' ] to deeply equal [ 'b' ]",
    );
    expect(bareMatcherLine("join must not poll a branch again once it is Ready: expected 1 to be +0")).toBeUndefined();
    expect(bareMatcherLine("Task 2 panicked: boom")).toBeUndefined();
  });

  it("vitest puts an expect's message before the matcher's line, so a message makes it not bare", () => {
    let message = "";
    try {
      expect(1, "the branch should be polled once").toBe(0);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.startsWith("the branch should be polled once: expected 1 to be +0")).toBe(true);
    expect(bareMatcherLine(message)).toBeUndefined();
    try {
      expect(1).toBe(0);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(bareMatcherLine(message)).toBe("expected 1 to be +0 // Object.is equality");
  });
});
