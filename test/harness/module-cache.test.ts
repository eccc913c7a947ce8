/**
 * vitest's file-system module cache (vitest.config.ts) hands out a module
 * transformed in an earlier run without calling any plugin's `transform`,
 * which is where kata-rules.ts checks a kata file. So the rules plugin tells
 * the cache to leave every kata file out: a learner's file is checked on
 * every load, whether or not it changed. (By hand: `npm test -- 03` twice,
 * then add `import fc from "fast-check";` to katas/03-spawn.ts and run again:
 * the board says the file may import only the runtime.)
 */
import path from "node:path";
import type { Plugin } from "vite";
import { describe, expect, it } from "vitest";
import config from "../../vitest.config.ts";
import { kataRules } from "../support/kata-rules.ts";

const root = path.resolve(import.meta.dirname, "../..");

type KeyGenerator = (ctx: {
  id: string;
  sourceCode: string;
  environment: unknown;
}) => string | false | null | undefined;

/** The cache-key generators a plugin registers with vitest. */
function keyGenerators(plugin: Plugin): KeyGenerator[] {
  const out: KeyGenerator[] = [];
  const hook = plugin.configureVitest as unknown;
  const fn = typeof hook === "function" ? hook : (hook as { handler?: unknown } | undefined)?.handler;
  expect(fn, "the kata-rules plugin should register with vitest (configureVitest)").toBeTypeOf("function");
  (fn as (ctx: unknown) => void)({
    experimental_defineCacheKeyGenerator: (g: KeyGenerator) => out.push(g),
  });
  return out;
}

const cached = (gens: KeyGenerator[], file: string) =>
  gens.every((g) => g({ id: path.join(root, file), sourceCode: "export const x = 1;\n", environment: {} }) !== false);

describe("the module cache never skips the kata rules", () => {
  it("the config turns the cache on and loads the kata-rules plugin", () => {
    expect(config.test?.experimental?.fsModuleCache, "vitest.config.ts should turn fsModuleCache on").toBe(true);
    const names = (config.plugins ?? []).flat().map((p) => (p as Plugin | undefined)?.name);
    expect(names, "vitest.config.ts should load the kata-rules plugin").toContain("katas:only-the-runtime");
  });

  it("kata files (and the harness's stand-ins for them) are never served from the cache", () => {
    const gens = keyGenerators(kataRules(root));
    for (const file of ["katas/01-lazy-futures.ts", "katas/11-capstone.ts", "test/harness/fixtures/katas/x.ts"])
      expect(cached(gens, file), `${file} must be transformed (and checked) on every load`).toBe(false);
    expect(cached(gens, "katas/03-spawn.ts?v=2"), "a kata file with a query is still a kata file").toBe(false);
  });

  it("the runtime, the tests and the solutions may come from the cache", () => {
    const gens = keyGenerators(kataRules(root));
    for (const file of [
      "runtime/index.ts",
      "test/03-spawn.test.ts",
      "solutions/03-spawn.ts",
      "test/support/property.ts",
    ])
      expect(cached(gens, file), `${file} may be cached`).toBe(true);
  });
});
