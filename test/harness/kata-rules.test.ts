/**
 * What a kata file may use (kata-rules.ts): only the runtime. That a file
 * breaking a rule really does not load under `npm test` is checked end to end
 * by `npm run verify` (the "forging the verdict" stage).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kataRuleLine, kataRuleViolation } from "../support/kata-rules.ts";

const root = path.resolve(import.meta.dirname, "../..");
const KATA = path.join(root, "katas/03-spawn.ts");
const check = (source: string) => kataRuleViolation(root, KATA, source);
const RUNTIME_IMPORT = 'import { future, todo } from "../runtime/index.ts";\n';

describe("kata files may use only the runtime", () => {
  it("every stub in katas/ and every solution keeps the rules", () => {
    for (const dir of ["katas", "solutions"]) {
      for (const f of fs.readdirSync(path.join(root, dir)).filter((n) => n.endsWith(".ts"))) {
        const file = path.join(root, "katas", f); // judged as if the learner had copied it into katas/
        expect(
          kataRuleViolation(root, file, fs.readFileSync(path.join(root, dir, f), "utf8")),
          `${dir}/${f}`,
        ).toBeUndefined();
      }
    }
  });

  it("allows the runtime, type-only imports, and property names that happen to be forbidden globals", () => {
    const ok = [
      RUNTIME_IMPORT,
      'import type { TaskMeta } from "vitest";\n',
      "export const o = { process: 1, global: 2 }; export const p = o.process + o.global;\n",
      "export class Poller { constructor(readonly n: number) {} }\n",
      'export * from "../runtime/index.ts";\n',
    ];
    for (const src of ok) expect(check(src), src).toBeUndefined();
  });

  it("refuses every other import and re-export, naming the file, the line and the module", () => {
    const cases: [string, string][] = [
      ['import { afterEach } from "vitest";', 'katas/03-spawn.ts:2 imports "vitest"'],
      ['import fc from "fast-check";', 'katas/03-spawn.ts:2 imports "fast-check"'],
      ['import fs from "node:fs";', 'katas/03-spawn.ts:2 imports "node:fs"'],
      ['import "fs";', 'katas/03-spawn.ts:2 imports "fs"'],
      [
        'import { spawnLabel } from "../solutions/03-spawn.ts";',
        'katas/03-spawn.ts:2 imports "../solutions/03-spawn.ts"',
      ],
      ['import { readyValue } from "./01-lazy-futures.ts";', 'katas/03-spawn.ts:2 imports "./01-lazy-futures.ts"'],
      ['import { Story } from "../test/support/story.ts";', 'katas/03-spawn.ts:2 imports "../test/support/story.ts"'],
      ['export * from "../solutions/03-spawn.ts";', 'katas/03-spawn.ts:2 re-exports "../solutions/03-spawn.ts"'],
      ['export { expect } from "vitest";', 'katas/03-spawn.ts:2 re-exports "vitest"'],
    ];
    for (const [line, want] of cases) {
      const v = check(RUNTIME_IMPORT + line);
      expect(v, line).toContain(want);
      expect(v, line).toContain('a kata file may import only the runtime ("../runtime/index.ts")');
      expect(v, line).not.toContain("\n");
    }
  });

  it("refuses dynamic import(), require, import.meta and the names that reach vitest's globals", () => {
    const cases: [string, string][] = [
      ['export const load = () => import("vitest");', "uses import()"],
      ['export const v = require("vitest");', "uses `require`"],
      ["export const here = import.meta.url;", "uses import.meta"],
      ["export const g = globalThis;", "uses `globalThis`"],
      ["export const g = global;", "uses `global`"],
      ["export function stop() { process.exit(0); }", "uses `process`"],
      ['export const e = eval("1");', "uses `eval`"],
      ['export const f = Function("return this");', "uses `Function`"],
      ['export const f = [].constructor.constructor("return this");', "uses .constructor"],
      ['export const f = ({})["constructor"];', 'uses ["constructor"]'],
      ['export const f = () => __vi_ssr_import__("vitest");', "uses `__vi_ssr_import__`"],
      ["export const w = () => __vitest_worker__;", "uses `__vitest_worker__`"],
    ];
    for (const [line, want] of cases) {
      const v = check(RUNTIME_IMPORT + line);
      expect(v, line).toMatch(/^katas\/03-spawn\.ts:2 /);
      expect(v, line).toContain(want);
    }
  });

  it("leaves a file that does not parse to the usual syntax error", () => {
    expect(check("export const = ;")).toBeUndefined();
  });

  it("finds the rule's one line inside the longer error vitest reports", () => {
    const wrapped = `[plugin katas:only-the-runtime] /x/katas/03-spawn.ts\nKataRuleError: katas/03-spawn.ts:2 imports "vitest": a kata file may import only the runtime ("../runtime/index.ts").\n    at transform`;
    expect(kataRuleLine(wrapped)).toBe(
      'katas/03-spawn.ts:2 imports "vitest": a kata file may import only the runtime ("../runtime/index.ts").',
    );
    expect(kataRuleLine("SyntaxError: Unexpected token")).toBeUndefined();
  });
});
