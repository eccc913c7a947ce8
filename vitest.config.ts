import fs from "node:fs";
import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { MISTAKES } from "./test/harness/fixtures/mistakes.ts";
import { kataRules } from "./test/support/kata-rules.ts";

// One config for every way the tests run: `npm test`, `npm run watch`,
// `npx vitest --ui` and `npm run verify`. The `runtime` and `harness`
// projects test the runtime and the kata harness (test/support/) themselves.
//
// Kata tests import the code under test as `#kata/NN-slug`. Each project
// decides what that means: `katas` (the learner's files, the default),
// `solutions`, and, for `npm run verify` only, one project per mutant
// (`mutant:NN-slug/name`), which runs that kata's tests against one named
// wrong answer.
//
// Modules are shared between test files (isolate: false) for speed, which is
// safe because nothing in runtime/ or test/ keeps module-level mutable state.
const root = import.meta.dirname;
const KATA_TESTS = "test/[0-9][0-9]-*.test.ts";

function kataProject(name: string, dir: string, extra: Partial<TestProjectInlineConfiguration["test"]> = {}, pin?: [string, string]) {
  const alias = [{ find: /^#kata\/(.*)$/, replacement: path.join(root, dir, "$1.ts") }];
  if (pin) alias.unshift({ find: new RegExp(`^#kata/${pin[0]}$`), replacement: path.join(root, pin[1]) });
  return {
    extends: true,
    resolve: { alias },
    test: { name, include: [KATA_TESTS], ...extra },
  } satisfies TestProjectInlineConfiguration;
}

function mutantProjects() {
  const dir = path.join(root, "test/mutants");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((kata) =>
    fs
      .readdirSync(path.join(dir, kata))
      .filter((f) => f.endsWith(".ts"))
      .map((f) =>
        kataProject(`mutant:${kata}/${f.replace(/\.ts$/, "")}`, "katas", { include: [`test/${kata}.test.ts`] }, [kata, `test/mutants/${kata}/${f}`]),
      ),
  );
}

/**
 * One project per learner mistake (test/harness/fixtures/mistakes/NN-slug/name.ts):
 * the kata's own tests against a kata file with that mistake, every other kata
 * against its solution. Only `npm run verify`'s child runs see them
 * (KATAS_FIXTURES=1), through `--project mistake:NN-slug/name`.
 */
function mistakeProjects() {
  return MISTAKES.map((m) =>
    kataProject(`mistake:${m.kata}/${m.name}`, "solutions", { include: [m.kata, ...(m.alongside ?? [])].map((k) => `test/${k}.test.ts`), ...(m.vitest ?? {}) }, [
      m.kata,
      m.file ?? `test/harness/fixtures/mistakes/${m.kata}/${m.name}.ts`,
    ]),
  );
}

const verifying = process.env.KATAS_VERIFY === "1";
// Test files that must fail (a synchronous endless loop for the watchdog):
// `npm run verify` runs them in a child process with KATAS_FIXTURES=1; no
// other run ever sees them.
const fixtures = process.env.KATAS_FIXTURES === "1";

export default defineConfig({
  // Files under katas/ may import only the runtime (test/support/kata-rules.ts).
  plugins: [kataRules(root)],
  test: {
    // Forks, not threads: a worker's heap can be capped only in a process of its own (Node refuses the flag for a thread).
    pool: "forks",
    isolate: false,
    // `--ui` implies watch: vitest only watches when stdin is a TTY, so without a terminal the run ends and closes the UI server (`vitest run --ui` stays a one-shot run).
    ...(process.argv.includes("--ui") ? { watch: true } : {}),
    setupFiles: ["test/support/setup.ts"],
    // A kata that allocates without end fails fast, in its own worker, instead of filling the machine (board-reporter.ts names it).
    execArgv: [`--max-old-space-size=${Number(process.env.KATA_WORKER_HEAP_MB ?? 512)}`],
    reporters: ["default", "./test/support/watchdog.ts"],
    projects: [
      { extends: true, test: { name: "runtime", include: ["test/runtime/**/*.test.ts"] } },
      { extends: true, test: { name: "harness", include: ["test/harness/**/*.test.ts"] } },
      kataProject("katas", "katas"),
      kataProject("solutions", "solutions"),
      ...(verifying ? mutantProjects() : []),
      ...(fixtures ? mistakeProjects() : []),
      ...(fixtures ? [{ extends: true, test: { name: "fixtures", include: ["test/harness/fixtures/**/*.fixture.ts"] } } satisfies TestProjectInlineConfiguration] : []),
    ],
  },
});
