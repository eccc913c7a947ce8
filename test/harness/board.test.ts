/** The progress board (board.ts): a pure function from kata results to text. */
import { describe, expect, it } from "vitest";
import { currentKata, renderBoard, statusOf, type KataResult, type PropertyResult } from "../support/board.ts";
import type { Kata } from "../support/katas.ts";
import type { KataFailureMeta } from "../support/property.ts";

function kata(n: number, slug: string): Kata {
  const nn = String(n).padStart(2, "0");
  return {
    id: `${nn}-${slug}`,
    title: slug.replace(/-/g, " "),
    doc: `https://example.invalid/async#${slug}`,
    teaches: `what kata ${nn} teaches`,
    minutes: 10 + n,
    hints: [
      { for: ["select"], text: `kata ${nn} hint one` },
      { for: ["select", "timeout"], text: `kata ${nn} hint two` },
      { for: ["join"], text: `kata ${nn} hint three` },
    ],
    questions: ["q1?", "q2?"],
  };
}

const pass = (sentence: string): PropertyResult => ({ sentence, passed: true });

function failed(sentence: string, tag: string): PropertyResult {
  const failure: KataFailureMeta = {
    status: "failed",
    sentence,
    problem: `problem of ${tag}`,
    story: `  t=0  story of ${tag}`,
    timeline: `timeline of ${tag}`,
    replay: `KATA_SEED=1 KATA_PATH=0:1 npm test -- ${tag} -t '^x$'`,
  };
  return { sentence, passed: false, failure, error: `raw error of ${tag}` };
}

function notStarted(sentence: string, where: string): PropertyResult {
  return { sentence, passed: false, failure: { status: "not-started", sentence, problem: "Not started", where } };
}

function result(k: Kata, properties: PropertyResult[], extra: Partial<KataResult> = {}): KataResult {
  return { kata: k, ran: true, properties, loadErrors: [], skipped: 0, ...extra };
}

const k1 = kata(1, "lazy-futures");
const k2 = kata(2, "awaiting-many-things");
const k3 = kata(3, "spawn");
const k4 = kata(4, "use-action");
const k5 = kata(5, "automatic-cancellation");

const lineOf = (board: string, prefix: string) => board.split("\n").find((l) => l.startsWith(prefix));

describe("statusOf", () => {
  it("tells the five statuses apart", () => {
    expect(statusOf(result(k1, [pass("a"), pass("b")]))).toBe("passed");
    expect(statusOf(result(k1, [pass("a"), failed("b", "b")]))).toBe("failed");
    expect(statusOf(result(k1, [pass("a")], { loadErrors: ["SyntaxError"] }))).toBe("failed");
    expect(statusOf(result(k1, [notStarted("a", "katas/01-lazy-futures.ts:3")]))).toBe("not-started");
    expect(statusOf(result(k1, [], { ran: false }))).toBe("not-run");
    expect(statusOf(result(k1, [pass("a")], { skipped: 2 }))).toBe("filtered");
  });

  it("counts a kata with some properties written and some not started as failed", () => {
    expect(statusOf(result(k1, [failed("a", "a"), notStarted("b", "katas/01-lazy-futures.ts:9")]))).toBe("failed");
  });
});

describe("renderBoard", () => {
  const mixed: KataResult[] = [
    result(k1, [pass("p1"), pass("p2"), pass("p3"), pass("p4")]),
    result(k2, [
      pass("join finishes at the max"),
      failed("select finishes at the min", "k2-select"),
      failed("timeout at min(delay, ms)", "k2-timeout"),
    ]),
    result(k3, [failed("spawn runs the task", "k3-spawn")]),
    result(k4, [notStarted("use_action runs once", "katas/04-use-action.ts:12")]),
    result(k5, [], { ran: false }),
  ];

  it("draws the progress bar and the count of katas that pass", () => {
    const board = renderBoard({ results: mixed });
    // 1 of 5 pass: round(16 / 5) = 3 cells of 16.
    expect(board.split("\n")[0]).toBe(`Dioxus async katas   ${"█".repeat(3)}${"░".repeat(13)}  1/5`);
    const all = renderBoard({ results: [result(k1, [pass("a")]), result(k2, [pass("b")])] });
    expect(all.split("\n")[0]).toBe(`Dioxus async katas   ${"█".repeat(16)}  2/2`);
    const none = renderBoard({ results: [result(k1, [notStarted("a", "katas/01-lazy-futures.ts:3")])] });
    expect(none.split("\n")[0]).toBe(`Dioxus async katas   ${"░".repeat(16)}  0/1`);
  });

  it("gives each kata one line with its status", () => {
    const board = renderBoard({ results: mixed });
    expect(lineOf(board, "  ✔ 01 lazy futures")).toMatch(/4\/4 properties$/);
    expect(lineOf(board, "  ✘ 02 awaiting many things")).toMatch(/1\/3 {3}← next: katas\/02-awaiting-many-things\.ts$/);
    expect(lineOf(board, "  ✘ 03 spawn")).toMatch(/0\/1$/);
    expect(lineOf(board, "  · 04 use action")).toMatch(/not started$/);
    expect(lineOf(board, "  - 05 automatic cancellation")).toMatch(/not run this time$/);
  });

  it("shows a filtered kata as passing with the number filtered out", () => {
    const board = renderBoard({ results: [result(k1, [pass("a"), pass("b")], { skipped: 3 })] });
    expect(lineOf(board, "  ◦ 01 lazy futures")).toMatch(/2\/2 passing, 3 filtered out$/);
  });

  it("shows a kata whose tests do not load, with the load error", () => {
    const board = renderBoard({ results: [result(k1, [], { loadErrors: ["SyntaxError: Unexpected token"] })] });
    expect(lineOf(board, "  ✘ 01 lazy futures")).toMatch(/does not load {3}← next/);
    expect(board).toContain("The kata's test file could not load:");
    expect(board).toContain("  SyntaxError: Unexpected token");
  });

  it("shows the current kata's failing properties with story, problem, timeline and replay", () => {
    const board = renderBoard({ results: mixed });
    expect(board).toContain("── 02 awaiting many things ── katas/02-awaiting-many-things.ts ── about 12 min");
    expect(board).toContain(`   lesson: ${k2.doc}`);
    expect(board).toContain("    Smallest failing run:");
    expect(board).toContain("    t=0  story of k2-select");
    expect(board).toContain("      problem of k2-select");
    expect(board).toContain("    timeline of k2-select");
    for (const tag of ["k2-select", "k2-timeout"])
      expect(board).toContain(`    Replay: KATA_SEED=1 KATA_PATH=0:1 npm test -- ${tag} -t '^x$'`);
    expect(board).toContain("✘ select finishes at the min\n    Smallest failing run:");
    expect(board).toContain("✔ join finishes at the max");
  });

  it("shows only the current kata in detail: later failures stay one line", () => {
    const board = renderBoard({ results: mixed });
    expect(board).not.toContain("k3-spawn");
    expect(board).not.toContain("spawn runs the task");
    expect(board).not.toContain("use_action runs once");
    expect(board).not.toContain("katas/04-use-action.ts:12");
    expect(board.match(/← next/g)).toHaveLength(1);
    expect(board.match(/^── /gm)).toHaveLength(1);
    expect(board).toContain("kata 02 hint");
    expect(board).not.toContain("kata 03 hint");
  });

  it("details only the first failing property; the others get their sentence, a one-line summary and their replay", () => {
    const many = ["one", "two", "three"].map((s) => failed(`property ${s}`, s));
    many[1] = { ...many[1]!, failure: { ...many[1]!.failure!, problem: "first line of two\nsecond line of two" } };
    const board = renderBoard({ results: [result(k1, many)] });
    expect(board).toContain("story of one");
    expect(board).toContain("timeline of one");
    for (const tag of ["two", "three"]) {
      expect(board).not.toContain(`story of ${tag}`);
      expect(board).not.toContain(`timeline of ${tag}`);
      expect(board).toContain(`    Replay: KATA_SEED=1 KATA_PATH=0:1 npm test -- ${tag} -t '^x$'`);
    }
    expect(board).toContain("✘ property two\n    first line of two\n    Replay:");
    expect(board).not.toContain("second line of two");
    expect(board).toContain("✘ property three\n    problem of three\n    Replay:");
  });

  it("shows a failure that did not come from property() as its raw error", () => {
    const board = renderBoard({
      results: [result(k1, [{ sentence: "plain it()", passed: false, error: "expected 1 to be 2" }])],
    });
    expect(board).toContain("✘ plain it()\n    expected 1 to be 2");
  });

  it("shows a kata not started with the file and line of its todo(), not a stack trace", () => {
    const results = [
      result(k1, [pass("a")]),
      result(k2, [
        notStarted("join finishes at the max", "katas/02-awaiting-many-things.ts:42"),
        notStarted("select finishes at the min", "katas/02-awaiting-many-things.ts:42"),
      ]),
    ];
    const board = renderBoard({ results });
    expect(lineOf(board, "  · 02 awaiting many things")).toMatch(
      /not started {3}← next: katas\/02-awaiting-many-things\.ts$/,
    );
    expect(board).toContain(
      "Not started yet. Open katas/02-awaiting-many-things.ts:42 and replace the todo() with your code.",
    );
    expect(board).toContain("What the tests check:\n  · join finishes at the max\n  · select finishes at the min");
    expect(board).not.toMatch(/\n\s+at /);
  });

  it("says which property is still a todo() in a kata that is part written", () => {
    const results = [result(k1, [failed("a", "a"), notStarted("b", "katas/01-lazy-futures.ts:9")])];
    expect(renderBoard({ results })).toContain("✘ b\n    not started: katas/01-lazy-futures.ts:9 still has a todo()");
  });

  it("shows the first hint for the first failing property by default, naming that property", () => {
    const board = renderBoard({ results: mixed });
    expect(board).toContain("Hint 1 of 2 for “select finishes at the min”:\n  kata 02 hint one");
    expect(board).toContain(
      "(the next hint for it appears when you have changed katas/02-awaiting-many-things.ts and it still fails; npm run hint -- 02 lists the hints you have seen)",
    );
  });

  it("shows the hint it is given, and no 'next hint' line at the last one", () => {
    const board = renderBoard({
      results: mixed,
      hint: { text: "the last word", position: 2, of: 2, sentence: "select finishes at the min", spent: true },
    });
    expect(board).toContain("Hint 2 of 2 for “select finishes at the min”:\n  the last word");
    expect(board).not.toContain("the next hint");
  });

  it("congratulates when every kata passes, with no current kata", () => {
    const results = [result(k1, [pass("a")]), result(k2, [pass("b")])];
    expect(currentKata(results)).toBeUndefined();
    const board = renderBoard({ results });
    expect(board).toContain("Every kata passes.");
    expect(board).not.toContain("Hint");
  });

  it("skips katas that did not run when choosing the current kata", () => {
    const results = [result(k1, [], { ran: false }), result(k2, [failed("x", "x")])];
    expect(currentKata(results)?.kata.id).toBe(k2.id);
    const board = renderBoard({ results });
    expect(board).not.toContain("Every kata passes.");
    expect(board).toContain("── 02 awaiting many things");
  });
});
