/** README.md's part for learners says what the harness does (issue: the learner's loop). */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KATAS } from "../support/katas.ts";
import { ROOT } from "../support/state.ts";

const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const learners = readme.slice(readme.indexOf("## For learners"), readme.indexOf("## For instructors"));

describe("README for learners", () => {
  it("says that solutions/ exists and when to open it", () => {
    expect(learners).toContain("### When to open `solutions/`");
    expect(learners).toMatch(/after\*\* it passes/);
  });

  it("says how hints are counted and how to start over", () => {
    expect(learners).toContain(
      "a new hint appears only when you have\nchanged the kata file since the last hint was shown and the kata still fails",
    );
    expect(learners).toContain("`npm run hint -- 04`");
    expect(learners).toContain("forgets its hints");
    expect(learners).toContain("delete the `.katas-state/` folder");
  });

  it("says that watch mode needs a terminal", () => {
    expect(learners).toMatch(/`npm run watch`[^\n]*\n?[^\n]*needs a terminal|It needs a terminal/);
  });

  it("shows a real board of every kata, with the current kata's titles and a hint for its first failing property", () => {
    const board = learners.slice(learners.indexOf("```\nDioxus async katas"));
    const lines = board.split("\n");
    expect(lines[1]).toMatch(new RegExp(`^Dioxus async katas\\s+\\S+\\s+\\d+/${KATAS.length}$`));
    for (const k of KATAS)
      expect(board, k.id).toMatch(
        new RegExp(`^  [✔✘·] ${k.id.slice(0, 2)} ${k.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `, "m"),
      );
    expect(board).toMatch(/^Hint 1 of \d+ for “/m);
  });
});
