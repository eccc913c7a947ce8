import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KATAS } from "../support/katas.ts";
import { withMistakesTable } from "../support/mistakes-table.ts";
import { misconceptionOf, withWorkshopParts } from "../support/workshop.ts";

const root = path.resolve(import.meta.dirname, "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

describe("README.md stays true", () => {
  it("its workshop table and misconceptions match the katas and their mutants (regenerate with npm run readme)", () => {
    expect(readme.includes("<!-- katas:start -->") && readme.includes("<!-- misconceptions:start -->")).toBe(true);
    expect(withWorkshopParts(readme)).toBe(readme);
  });

  it("its maintainers' table of learner mistakes matches the catalogue of mistake fixtures (regenerate with npm run readme)", () => {
    expect(readme.includes("<!-- mistakes:start -->"), "README.md has the mistakes table's markers").toBe(true);
    expect(withMistakesTable(readme), "README.md's mistakes table as npm run readme would write it").toBe(readme);
  });

  it("every mutant names the misconception it encodes, in its opening comment", () => {
    for (const k of KATAS) {
      const dir = path.join(root, "test/mutants", k.id);
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
        expect(misconceptionOf(fs.readFileSync(path.join(dir, f), "utf8")), `${k.id}/${f}`).toBeDefined();
      }
    }
  });

  it("every npm script it tells the reader to run exists", () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts);
    const named = [...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1]!);
    for (const s of new Set(named)) expect(scripts, `npm run ${s}`).toContain(s);
  });

  it("every kata file it links to exists", () => {
    for (const k of KATAS) expect(fs.existsSync(path.join(root, `katas/${k.id}.ts`))).toBe(true);
  });
});
