import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KATAS, workshopTable } from "../support/katas.ts";

const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

describe("README.md stays true", () => {
  it("its workshop table lists every kata with its minutes (regenerate with npx tsx test/tools/readme-table.ts)", () => {
    const table = /<!-- katas:start -->\n([\s\S]*?)\n<!-- katas:end -->/.exec(readme)?.[1];
    expect(table).toBe(workshopTable());
  });

  it("every npm script it tells the reader to run exists", () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")).scripts);
    const named = [...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1]!);
    for (const s of new Set(named)) expect(scripts, `npm run ${s}`).toContain(s);
  });

  it("every kata file it links to exists", () => {
    for (const k of KATAS) expect(fs.existsSync(path.resolve(import.meta.dirname, `../../katas/${k.id}.ts`))).toBe(true);
  });
});
