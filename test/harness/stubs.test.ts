/** The stored pristine stubs (stubs.ts) and `npm run reset` (reset.ts). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KATAS } from "../support/katas.ts";
import { kataFile, storedStub } from "../support/stubs.ts";
import { writeState } from "../support/state.ts";
import { reset } from "../tools/reset.ts";

describe("the stored stubs", () => {
  it("match katas/ as the project ships it (refresh with npm run readme)", () => {
    for (const k of KATAS)
      expect(storedStub(k.id), `test/tools/stubs/${k.id}.ts.stub`).toBe(fs.readFileSync(kataFile(k.id), "utf8"));
  });
});

describe("npm run reset", () => {
  const ID = KATAS[3]!.id;
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  function folders(): { kataDir: string; stubDir: string; stateDir: string } {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "katas-reset-test-"));
    made.push(base);
    const kataDir = path.join(base, "katas");
    const stubDir = path.join(base, "stubs");
    fs.mkdirSync(kataDir);
    fs.mkdirSync(stubDir);
    fs.writeFileSync(path.join(stubDir, `${ID}.ts.stub`), "// the pristine stub\n");
    return { kataDir, stubDir, stateDir: path.join(base, "state") };
  }

  it("with no argument or an unknown kata says so in one line and changes nothing", () => {
    const dirs = folders();
    for (const arg of [undefined, "", "42", "lazy"]) {
      const out = reset(arg, dirs);
      expect(out.code, String(arg)).toBe(2);
      expect(out.line, String(arg)).toMatch(/Nothing was changed\.$/);
      expect(out.line).not.toContain("\n");
    }
    expect(fs.readdirSync(dirs.kataDir)).toEqual([]);
  });

  it("takes the stored stub whatever the kata file holds (committed or not), keeping each version as .bak1, .bak2", () => {
    const dirs = folders();
    const file = path.join(dirs.kataDir, `${ID}.ts`);
    fs.writeFileSync(file, "// first attempt\n");
    expect(reset("4", dirs).line).toBe(
      `katas/${ID}.ts is the original stub again; your version is in katas/${ID}.ts.bak1.`,
    );
    expect(reset("04", dirs).line).toBe(`katas/${ID}.ts is already the original stub: nothing was changed.`);
    fs.writeFileSync(file, "// second attempt\n");
    expect(reset(ID, dirs).line).toBe(
      `katas/${ID}.ts is the original stub again; your version is in katas/${ID}.ts.bak2.`,
    );
    expect(fs.readFileSync(file, "utf8")).toBe("// the pristine stub\n");
    expect(fs.readFileSync(`${file}.bak1`, "utf8")).toBe("// first attempt\n");
    expect(fs.readFileSync(`${file}.bak2`, "utf8")).toBe("// second attempt\n");
  });

  it("forgets the kata's hints, and only that kata's, so it starts over at its first hint", () => {
    const dirs = folders();
    const other = KATAS[0]!.id;
    writeState(path.join(dirs.stateDir, "hints.json"), {
      [ID]: { shown: [0, 1], hash: "abc" },
      [other]: { shown: [2] },
    });
    fs.writeFileSync(path.join(dirs.kataDir, `${ID}.ts`), "// solved and committed\n");
    expect(reset("04", dirs).line).toBe(
      `katas/${ID}.ts is the original stub again; your version is in katas/${ID}.ts.bak1. Its hints start again from the first.`,
    );
    expect(JSON.parse(fs.readFileSync(path.join(dirs.stateDir, "hints.json"), "utf8"))).toEqual({
      [other]: { shown: [2] },
    });
  });
});
