/**
 * One source for each kata's title, time and lesson link: the header of
 * katas/NN-slug.ts must say what test/support/katas.ts says (the board shows
 * the latter, the learner reads the former).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KATAS } from "../support/katas.ts";
import { ROOT } from "../support/state.ts";

describe("each kata file's header matches the kata list", () => {
  for (const kata of KATAS) {
    it(`${kata.id}: title, minutes and lesson link`, () => {
      const text = fs.readFileSync(path.join(ROOT, "katas", `${kata.id}.ts`), "utf8");
      const header = /^ \* Kata (\d\d) · (.+?)\s+about (\d+) minutes$/m.exec(text);
      expect(header, `katas/${kata.id}.ts starts with " * Kata NN · Title   about M minutes"`).not.toBeNull();
      expect(header![1], "the kata's number").toBe(kata.id.slice(0, 2));
      expect(header![2]!.toLowerCase(), "the title in the header and in katas.ts (case aside)").toBe(
        kata.title.toLowerCase(),
      );
      expect(Number(header![3]), "the minutes in the header and in katas.ts").toBe(kata.minutes);
      const link = /^ \* Official page: (\S+)$/m.exec(text);
      expect(link?.[1], "the header's lesson link and katas.ts's doc").toBe(kata.doc);
    });
  }

  it("no two katas link to the same section of the page", () => {
    const anchored = KATAS.map((k) => k.doc).filter((d) => d.includes("#"));
    expect(anchored.filter((d, i) => anchored.indexOf(d) !== i)).toEqual([]);
  });
});
