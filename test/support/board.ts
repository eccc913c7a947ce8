/**
 * The progress board: what `npm test` prints last.
 *
 * A pure function from kata results to text, so it can be tested and
 * re-used by the reporter in run and watch mode:
 *
 *     Dioxus async katas   ████████░░░░░░░░  1/2
 *       ✔ 01 lazy futures          4/4 properties
 *       ✘ 02 awaiting many things  1/5   ← next: katas/02-awaiting-many-things.ts
 *
 * Then, for the current kata only (the first that does not pass): its first
 * failing property in full (story, what went wrong, timeline, replay), each
 * other failing property as its sentence, a one-line summary and its replay
 * command, and the hint for the first failing property (hints.ts). Later
 * katas stay one line each.
 */
import { chooseHint, type ShownHint } from "./hints.ts";
import type { Kata } from "./katas.ts";
import type { KataFailureMeta } from "./property.ts";

export interface PropertyResult {
  readonly sentence: string;
  readonly passed: boolean;
  readonly failure?: KataFailureMeta | undefined;
  /** The raw error text, for failures that did not come from `property()`. */
  readonly error?: string | undefined;
}

export interface KataResult {
  readonly kata: Kata;
  /** False when this run did not include the kata (a filter such as `npm test -- 04`). */
  readonly ran: boolean;
  readonly properties: readonly PropertyResult[];
  /** Errors that stopped the test file from loading (a syntax error, a missing export). */
  readonly loadErrors: readonly string[];
  /** Properties left out of this run by a filter (`-t`). */
  readonly skipped: number;
  /** For a kata this run did not include: what its last unfiltered run showed, if the harness remembers one. */
  readonly previous?: PreviousResult | undefined;
}

/** A kata's result as remembered from its last unfiltered run (`.katas-state/results.json`). */
export interface PreviousResult {
  readonly status: "passed" | "failed" | "not-started";
  readonly passed: number;
  readonly total: number;
}

export type KataStatus = "passed" | "failed" | "not-started" | "not-run" | "filtered";

export function statusOf(r: KataResult): KataStatus {
  if (!r.ran) return "not-run";
  if (r.loadErrors.length > 0) return "failed";
  if (r.properties.length > 0 && r.properties.every((p) => p.passed)) return r.skipped > 0 ? "filtered" : "passed";
  if (r.properties.length > 0 && r.properties.every((p) => p.failure?.status === "not-started")) return "not-started";
  return "failed";
}

const BAR = 16;

export interface BoardInput {
  readonly results: readonly KataResult[];
  /** The hint to show for the current kata (chosen by hints.ts); by default its first hint for the first failing property. */
  readonly hint?: ShownHint | undefined;
}

export function renderBoard({ results, hint }: BoardInput): string {
  const total = results.length;
  const done = results.filter(
    (r) => statusOf(r) === "passed" || (statusOf(r) === "not-run" && r.previous?.status === "passed"),
  ).length;
  const remembered = results.some((r) => statusOf(r) === "not-run" && r.previous !== undefined);
  const filled = total === 0 ? 0 : Math.round((done / total) * BAR);
  const lines = [
    `Dioxus async katas   ${"█".repeat(filled)}${"░".repeat(BAR - filled)}  ${done}/${total}${remembered ? "  (katas not run this time: from their last run)" : ""}`,
  ];
  const current = currentKata(results);
  const titleWidth = Math.max(...results.map((r) => r.kata.title.length + 3), 24) + 2;

  for (const r of results) {
    const status = statusOf(r);
    const n = r.kata.id.slice(0, 2);
    const name = `${n} ${r.kata.title}`.padEnd(titleWidth);
    const passed = r.properties.filter((p) => p.passed).length;
    const count = `${passed}/${r.properties.length}`;
    const next = r === current ? `   ← next: katas/${r.kata.id}.ts` : "";
    switch (status) {
      case "passed":
        lines.push(`  ✔ ${name}${count} properties`);
        break;
      case "failed":
        lines.push(`  ✘ ${name}${r.loadErrors.length > 0 ? "does not load" : count}${next}`);
        break;
      case "not-started":
        lines.push(`  · ${name}not started${next}`);
        break;
      case "not-run": {
        const p = r.previous;
        if (p === undefined) lines.push(`  - ${name}not run this time`);
        else if (p.status === "passed") lines.push(`  ✔ ${name}${p.passed}/${p.total} properties   (last run)`);
        else if (p.status === "not-started") lines.push(`  · ${name}not started   (last run)`);
        else lines.push(`  ✘ ${name}${p.passed}/${p.total}   (last run)`);
        break;
      }
      case "filtered":
        lines.push(`  ◦ ${name}${count} passing, ${r.skipped} filtered out`);
        break;
    }
  }

  if (current === undefined) {
    if (results.every((r) => statusOf(r) === "passed"))
      lines.push("", "Every kata passes. Well done: try the discussion questions in README.md.");
    return lines.join("\n");
  }
  lines.push("", ...currentDetails(current, hint ?? chooseHint(current, undefined, undefined, false).hint));
  return lines.join("\n");
}

/** The first kata, in order, that ran and does not pass. */
export function currentKata(results: readonly KataResult[]): KataResult | undefined {
  return results.find((r) => {
    const s = statusOf(r);
    return s === "failed" || s === "not-started";
  });
}

function currentDetails(r: KataResult, hint: ShownHint | undefined): string[] {
  const k = r.kata;
  const out = [
    `── ${k.id.slice(0, 2)} ${k.title} ── katas/${k.id}.ts ── about ${k.minutes} min`,
    `   lesson: ${k.doc}`,
    "",
  ];
  if (r.loadErrors.length > 0) {
    out.push("The kata's test file could not load:", ...r.loadErrors.map((e) => indent(e, 2)), "");
  } else if (statusOf(r) === "not-started") {
    const where = r.properties.find((p) => p.failure?.where)?.failure?.where ?? `katas/${k.id}.ts`;
    out.push(`Not started yet. Open ${where} and replace the todo() with your code.`, "");
    out.push("What the tests check:", ...r.properties.map((p) => `  · ${p.sentence}`), "");
  } else {
    const failing = r.properties.filter((p) => !p.passed);
    failing.forEach((p, i) => {
      out.push(`✘ ${p.sentence}`);
      const f = p.failure;
      if (f === undefined) {
        out.push(indent(i === 0 ? (p.error ?? "(no error message)") : summary(p.error ?? "(no error message)"), 4), "");
        return;
      }
      if (f.status === "not-started") {
        out.push(`    not started: ${f.where ?? ""} still has a todo()`, "");
        return;
      }
      if (i > 0) {
        // Only the first failure in full: the others share most of its timeline.
        out.push(`    ${summary(f.problem)}`, `    Replay: ${f.replay}`, "");
        return;
      }
      out.push("    Smallest failing run:", indent(f.story ?? "", 2));
      out.push("    What went wrong:", indent(f.problem, 6));
      if (f.timeline) out.push("    Timeline:", indent(f.timeline, 4));
      out.push(`    Replay: ${f.replay}`, "");
    });
    const passing = r.properties.filter((p) => p.passed);
    if (passing.length > 0) out.push(...passing.map((p) => `✔ ${p.sentence}`), "");
  }
  if (hint !== undefined) {
    const what = hint.sentence === undefined ? "" : ` for “${hint.sentence}”`;
    out.push(`Hint ${hint.position} of ${hint.of}${what}:`, `  ${hint.text}`);
    if (hint.position < hint.of)
      out.push(
        `(the next hint for it appears when you have changed katas/${k.id}.ts and it still fails; npm run hint -- ${k.id.slice(0, 2)} lists the hints you have seen)`,
      );
  }
  return out;
}

/** One line about a failure: the first line of its message, cut at 160 characters. */
export function summary(problem: string): string {
  const first = problem.trim().split("\n")[0] ?? "";
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}

function indent(s: string, n: number): string {
  const pad = " ".repeat(n);
  return s
    .split("\n")
    .map((l) => (l.length > 0 ? pad + l : l))
    .join("\n");
}
