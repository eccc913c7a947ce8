import os from "node:os";
import path from "node:path";
import type { Plugin } from "vite";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { MISTAKES } from "./test/harness/fixtures/mistakes.ts";
import { kataRules } from "./test/support/kata-rules.ts";
import { browserOpener, sayUiAddressOnce } from "./test/support/ui-open.ts";

// One config for every way the tests run: `npm test`, `npm run watch`,
// `npx vitest --ui` and `npm run verify`. The `runtime` and `harness`
// projects test the runtime and the kata harness (test/support/) themselves.
//
// Kata tests import the code under test as `#kata/NN-slug`. Each project
// decides what that means: `katas` (the learner's files, the default),
// `solutions`, and, for `npm run verify` only, `mutants`, which runs each
// kata's tests against each of its named wrong answers (see mutantResolver).
//
// Modules are shared between test files (isolate: false) for speed, which is
// safe because nothing in runtime/ or test/ keeps module-level mutable state.
const root = import.meta.dirname;
const KATA_TESTS = "test/[0-9][0-9]-*.test.ts";

function kataProject(name: string, dir: string) {
  return {
    extends: true,
    resolve: { alias: [{ find: /^#kata\/(.*)$/, replacement: path.join(root, dir, "$1.ts") }] },
    test: { name, include: [KATA_TESTS] },
  } satisfies TestProjectInlineConfiguration;
}

/**
 * `npm run verify` runs every kata's tests against every mutant in ONE
 * project, so runtime/ and test/support/ are transformed and loaded once for
 * all of them. verify writes one tiny wrapper per mutant,
 * `.verify/<kata>/<mutant>/<kata>.test.ts`, which imports the kata's test file
 * with `?mutant=<mutant>` on its name: a module of its own for each mutant.
 * The plugin below resolves `#kata/<kata>` imported from such a module to
 * that mutant's file. (The wrapper keeps the test file's name, so each
 * property keeps its seed.)
 */
function mutantResolver(): Plugin {
  return {
    name: "katas:mutant-resolver",
    enforce: "pre",
    resolveId(source, importer) {
      const kata = /^#kata\/(.+)$/.exec(source)?.[1];
      const mutant = importer && /[?&]mutant=([^&]+)/.exec(importer)?.[1];
      if (!kata || !mutant) return null;
      return path.join(root, "test/mutants", kata, `${decodeURIComponent(mutant)}.ts`);
    },
  };
}

const ui = process.argv.includes("--ui");
// Where no browser can be opened, say how to open the UI instead of letting vitest print a stack trace.
const openBrowser = !ui || browserOpener();
if (ui && !openBrowser) sayUiAddressOnce();

/**
 * One project per learner mistake (test/harness/fixtures/mistakes/NN-slug/name.ts):
 * the kata's own tests against a kata file with that mistake, every other kata
 * against its solution. Only `npm run verify`'s child runs see them
 * (KATAS_FIXTURES=1), through `--project mistake:NN-slug/name`.
 */
function mistakeProjects() {
  return MISTAKES.map((m) => {
    const kata = kataProject(`mistake:${m.kata}/${m.name}`, "solutions");
    const file = m.file ?? `test/harness/fixtures/mistakes/${m.kata}/${m.name}.ts`;
    return {
      ...kata,
      resolve: {
        alias: [{ find: new RegExp(`^#kata/${m.kata}$`), replacement: path.join(root, file) }, ...kata.resolve.alias],
      },
      test: {
        ...kata.test,
        include: [m.kata, ...(m.alongside ?? [])].map((k) => `test/${k}.test.ts`),
        ...(m.vitest ?? {}),
      },
    } satisfies TestProjectInlineConfiguration;
  });
}

/**
 * The projects named on the command line (`--project katas`, `--project=katas`), or undefined when
 * none is, or one is a pattern (`--project "mistake:*"`): vitest sets up every project of the config
 * before it picks the asked ones (a vite server each), so `npm test` and `npm run watch` leave out
 * the others from the start. Programmatic runs (`npm run verify`) see no such argument and get them all.
 */
function projectsAsked(argv: readonly string[]): Set<string> | undefined {
  const names: string[] = [];
  argv.forEach((a, i) => {
    if (a === "--project" && argv[i + 1] !== undefined) names.push(argv[i + 1]!);
    else if (a.startsWith("--project=")) names.push(a.slice("--project=".length));
  });
  return names.length > 0 && names.every((n) => !/[*?![\]{}]/.test(n)) ? new Set(names) : undefined;
}
const asked = projectsAsked(process.argv);
const onlyAsked = (projects: TestProjectInlineConfiguration[]) =>
  asked === undefined
    ? projects
    : projects.filter((p) => {
        const name = p.test?.name;
        return asked.has(typeof name === "string" ? name : (name?.label ?? ""));
      });

const verifying = process.env.KATAS_VERIFY === "1";
// Test files that must fail (a synchronous endless loop for the watchdog):
// `npm run verify` runs them in a child process with KATAS_FIXTURES=1; no
// other run ever sees them.
const fixtures = process.env.KATAS_FIXTURES === "1";

export default defineConfig({
  // Files under katas/ may import only the runtime (test/support/kata-rules.ts).
  plugins: [kataRules(root)],
  test: {
    // vitest keeps each transformed module on disk (node_modules/.experimental-vitest-cache), keyed by
    // the file's content, its id, this config and the files it imports, and the lockfile: a run whose
    // runtime/ and test/ files did not change skips most of vite's work. Kata files never come from it
    // (kata-rules.ts), so a learner's file is checked on every load.
    experimental: { fsModuleCache: true },
    // Forks, not threads: a worker's heap can be capped only in a process of its own (Node refuses the flag for a thread).
    pool: "forks",
    isolate: false,
    // On two cores vitest would use one worker (it keeps a core for itself): the whole suite then runs its
    // test files one after another. Two workers finish it in little more than half the time, even though
    // each loads the runtime once; a run of one kata starts one worker either way.
    ...(os.availableParallelism() === 2 ? { maxWorkers: 2 } : {}),
    // `--ui` implies watch: vitest only watches when stdin is a TTY, so without a terminal the run ends and closes the UI server (`vitest run --ui` stays a one-shot run).
    ...(ui ? { watch: true, ...(openBrowser ? {} : { open: false }) } : {}),
    setupFiles: ["test/support/setup.ts"],
    // A kata that allocates without end fails fast, in its own worker, instead of filling the machine (board-reporter.ts names it).
    execArgv: [`--max-old-space-size=${Number(process.env.KATA_WORKER_HEAP_MB ?? 512)}`],
    reporters: ["default", "./test/support/watchdog.ts"],
    projects: onlyAsked([
      { extends: true, test: { name: "runtime", include: ["test/runtime/**/*.test.ts"] } },
      { extends: true, test: { name: "harness", include: ["test/harness/**/*.test.ts"] } },
      kataProject("katas", "katas"),
      kataProject("solutions", "solutions"),
      ...(verifying
        ? [
            {
              extends: true,
              plugins: [mutantResolver()],
              test: { name: "mutants", include: [".verify/**/*.test.ts"], provide: { kataMode: "mutant" } },
            } satisfies TestProjectInlineConfiguration,
          ]
        : []),
      ...(fixtures ? mistakeProjects() : []),
      ...(fixtures
        ? [
            {
              extends: true,
              test: { name: "fixtures", include: ["test/harness/fixtures/**/*.fixture.ts"] },
            } satisfies TestProjectInlineConfiguration,
          ]
        : []),
    ]),
  },
});
