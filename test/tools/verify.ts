/**
 * `npm run verify`: the repository's own health check, for maintainers and CI.
 *
 * Every line it checks counts as one check passed or failed:
 *   1. type-check everything (runtime, tests, katas, solutions, mutants),
 *      and check format and lint with Biome;
 *   2. the runtime's own tests, one check each, then the harness's own tests
 *      (test/harness/: board, story, property(), watchdog, arbitraries);
 *   2b. learner mistakes end to end: fixture tests (test/harness/fixtures/),
 *      each run in a child process the way `npm test` runs, must end with
 *      exit code 1 and their own explanation, within 10 s, without escape
 *      codes (stdout is not a terminal), leaving no process behind: a test
 *      stuck in a synchronous endless loop, a kata-like file stuck in one at
 *      its top level (both stopped by the watchdog), a kata-like file that
 *      imports vitest (does not load); then the catalogue of learner
 *      mistakes (test/harness/fixtures/mistakes.ts), each run as `npm test
 *      -- NN` would run that kata with the mistake in it, two at a time,
 *      each within 15 s, showing the board and its own explanation;
 *   3. every kata's solution: each property passes;
 *   4. every kata's untouched stub: each property fails as "not started";
 *   5. every mutant exports what the stub exports, and is caught by at least
 *      one property; every property catches at least one mutant. The mutant
 *      matrix shows which property caught which mutant;
 *   6. determinism: each solution's properties, run twice with their fixed
 *      seeds, give identical traces.
 * The last line is `N passed, N failed`, alone on its line; the exit code is
 * non-zero when anything failed.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startVitest, type TestModule } from "vitest/node";
import { MISTAKES } from "../harness/fixtures/mistakes.ts";
import { KATAS, type Kata } from "../support/katas.ts";
import { bareMatcherLine } from "../support/property.ts";
import Watchdog from "../support/watchdog.ts";

process.env.KATAS_VERIFY = "1";
process.env.KATA_DIGEST = "1";
// Mutants: a failing property stops at its first failing run, unshrunk (property.ts).
process.env.KATA_END_ON_FAILURE = "1";
const root = fileURLToPath(new URL("../../", import.meta.url));

class Tally {
  passed = 0;
  failed = 0;
  check(ok: boolean, failure: string): void {
    if (ok) this.passed++;
    else {
      this.failed++;
      console.log(`  ✘ ${failure}`);
    }
  }
}

function heading(title: string): void {
  console.log(`\n── ${title} ${"─".repeat(Math.max(0, 72 - title.length))}`);
}

function indent(s: string, n = 6): string {
  return s
    .split("\n")
    .map((l) => " ".repeat(n) + l)
    .join("\n");
}

function typecheck(tally: Tally): void {
  heading("type-check (tsc)");
  const tsc = spawnSync(path.join(root, "node_modules/.bin/tsc"), ["-p", "."], { cwd: root, encoding: "utf8" });
  const out = `${tsc.stdout ?? ""}${tsc.stderr ?? ""}`.trim();
  if (tsc.status !== 0) console.log(indent(out, 2));
  tally.check(tsc.status === 0, "type errors (above)");
  if (tsc.status === 0) console.log("  ✔ no type errors");
}

function lint(tally: Tally): void {
  heading("format and lint (Biome)");
  const biome = spawnSync(path.join(root, "node_modules/.bin/biome"), ["check", "--colors=off", "."], {
    cwd: root,
    encoding: "utf8",
  });
  const out = `${biome.stdout ?? ""}${biome.stderr ?? ""}`.trim();
  if (biome.status !== 0) console.log(indent(out.split("\n").slice(-40).join("\n"), 2));
  tally.check(biome.status === 0, "format or lint problems (above): `npm run format` fixes most of them");
  if (biome.status === 0) console.log("  ✔ formatted, no lint problems");
}

/** Runs vitest projects in this process and returns their test modules, by project name. */
async function runVitest(projects: string[]): Promise<Map<string, TestModule[]>> {
  const vitest = await startVitest("test", [], {
    root,
    run: true,
    watch: false,
    project: projects,
    reporters: [new Watchdog()],
  });
  const byProject = new Map<string, TestModule[]>();
  for (const m of vitest.state.getTestModules()) {
    const name = m.project.name;
    byProject.set(name, [...(byProject.get(name) ?? []), m]);
  }
  await vitest.close();
  return byProject;
}

interface TestOutcome {
  name: string;
  state: string;
  notStarted: boolean;
  message: string;
  /** The learner-facing explanation property() recorded for a failure. */
  problem: string | undefined;
  digest: string | undefined;
}

function outcomes(modules: TestModule[] | undefined): { tests: TestOutcome[]; loadErrors: string[] } {
  const tests: TestOutcome[] = [];
  const loadErrors: string[] = [];
  for (const m of modules ?? []) {
    for (const e of m.errors()) loadErrors.push(`${m.relativeModuleId}: ${e.message}`);
    for (const t of m.children.allTests()) {
      const r = t.result();
      const meta = t.meta();
      tests.push({
        name: t.name,
        state: r.state,
        notStarted: meta.kataFailure?.status === "not-started",
        message: r.state === "failed" ? (r.errors?.[0]?.message ?? "") : "",
        problem: meta.kataFailure?.status === "failed" ? meta.kataFailure.problem : undefined,
        digest: meta.traceDigest,
      });
    }
  }
  return { tests, loadErrors };
}

const kataModules = (all: Map<string, TestModule[]>, project: string, kata: Kata) =>
  (all.get(project) ?? []).filter((m) => m.relativeModuleId === `test/${kata.id}.test.ts`);

function mutantsOf(kata: Kata): string[] {
  const dir = path.join(root, "test/mutants", kata.id);
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => f.replace(/\.ts$/, ""))
        .sort()
    : [];
}

/** Where the `mutants` project finds the run of kata `kata`'s tests against mutant `mutant` (see vitest.config.ts). */
const wrapperOf = (kata: Kata, mutant: string) => `.verify/${kata.id}/${mutant}/${kata.id}.test.ts`;

/** One wrapper per mutant: it imports the kata's test file under a name of its own, `?mutant=<name>`. */
function writeMutantWrappers(): void {
  fs.rmSync(path.join(root, ".verify"), { recursive: true, force: true });
  for (const kata of KATAS) {
    for (const m of mutantsOf(kata)) {
      const file = path.join(root, wrapperOf(kata, m));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const test = path.relative(path.dirname(file), path.join(root, "test", `${kata.id}.test.ts`));
      fs.writeFileSync(
        file,
        `// Generated by npm run verify: kata ${kata.id}'s tests against mutant ${m}.\nimport ${JSON.stringify(`${test}?mutant=${encodeURIComponent(m)}`)};\n`,
      );
    }
  }
}

async function exportsOf(file: string): Promise<string[]> {
  return Object.keys(await import(path.join(root, file))).sort();
}

const tally = new Tally();
typecheck(tally);
lint(tally);

writeMutantWrappers();
const first = await runVitest(["runtime", "harness", "solutions", "katas", "mutants"]);
const second = await runVitest(["solutions"]);

/** A project of ordinary tests (the runtime's, the harness's): one check per test, one per load error. */
function testStage(title: string, project: string): void {
  heading(title);
  const { tests, loadErrors } = outcomes(first.get(project));
  for (const e of loadErrors) tally.check(false, e);
  tally.check(tests.length > 0 || loadErrors.length > 0, `the ${project} project ran no test`);
  for (const t of tests) tally.check(t.state === "passed", `${t.name}\n${indent(t.message)}`);
  console.log(`  ${tests.filter((t) => t.state === "passed").length} of ${tests.length} passed`);
}

testStage("runtime tests", "runtime");
testStage("harness tests", "harness");
await mistakesEndToEnd();

interface FixtureRun {
  code: number | null;
  output: string;
  seconds: number;
  left: string[];
  killedBySafetyNet: boolean;
}

/**
 * Runs one fixture test file as `npm test` would (the board reporter, so the
 * watchdog inside it), in a child process of its own process group, with
 * stdout a pipe (not a terminal). Real time is measured here, in the
 * tooling, and nowhere else.
 */
async function runFixture(
  file: string,
  budgetS: number,
  extraEnv: NodeJS.ProcessEnv = {},
  project = "fixtures",
): Promise<FixtureRun> {
  // Every process of the run inherits this variable: how leftovers are found.
  const marker = `verify-${process.pid}-${path.basename(file)}-${project.replace(/[^\w-]/g, "_")}`;
  // Its own state folder, so that the maintainer's .katas-state/ is never touched.
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "katas-verify-state-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KATAS_FIXTURES: "1",
    KATAS_RUN_MARKER: marker,
    KATAS_STATE_DIR: stateDir,
    ...extraEnv,
  };
  delete env.KATAS_VERIFY; // run as a learner's `npm test` would, not as verify's
  delete env.KATA_DIGEST;
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;

  const started = performance.now();
  const child = spawn(
    path.join(root, "node_modules/.bin/vitest"),
    ["run", "--project", project, ...(file ? [file] : []), "--reporter=./test/support/board-reporter.ts"],
    {
      cwd: root,
      env,
      detached: true, // its own process group, so the whole run can be found (and, failing all else, ended)
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  let killedBySafetyNet = false;
  const killRun = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  // A safety net above the budget: a run the watchdog does not stop is ended here.
  const safety = setTimeout(
    () => {
      killedBySafetyNet = true;
      killRun();
    },
    (budgetS + 5) * 1000,
  );
  const code = await new Promise<number | null>((resolve) => {
    child.on("exit", (c) => resolve(c));
    child.on("error", (e) => {
      output += String(e);
      resolve(null);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  clearTimeout(safety);

  // Give a process that is still on its way out (a worker the watchdog killed, not yet reaped) up to three seconds, then look.
  let left = leftovers(child.pid, marker);
  for (let i = 0; i < 30 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = leftovers(child.pid, marker);
  }
  if (left.length > 0) killRun();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
  fs.rmSync(stateDir, { recursive: true, force: true });
  return { code, output, seconds, left, killedBySafetyNet };
}

/**
 * Learner mistakes that must end in bounded time, with their own
 * explanation: each fixture runs in a child process (runFixture).
 */
async function mistakesEndToEnd(): Promise<void> {
  heading("learner mistakes, end to end");
  const BUDGET_S = 10;
  const fixtures: { title: string; file: string; env?: NodeJS.ProcessEnv; want: [string, string][] }[] = [
    {
      title: "a synchronous endless loop in a test",
      file: "test/harness/fixtures/endless-loop.fixture.ts",
      env: { KATA_WATCHDOG_MS: "1500" },
      want: [
        [
          'The test "spins in a synchronous endless loop" (test/harness/fixtures/endless-loop.fixture.ts)',
          "names the stuck test and its file",
        ],
        ["Watchdog: test/harness/fixtures/endless-loop.fixture.ts looks stuck", "says the watchdog stopped it"],
      ],
    },
    {
      title: "an endless loop at the top level of a kata file",
      file: "test/harness/fixtures/top-level-loop.fixture.ts",
      env: { KATA_WATCHDOG_MS: "1500" },
      want: [
        [
          "Watchdog: test/harness/fixtures/top-level-loop.fixture.ts looks stuck in an endless loop while it loads",
          "names the file that never finished loading",
        ],
      ],
    },
    {
      title: "a kata file that imports vitest to forge its verdict",
      file: "test/harness/fixtures/forged-verdict.fixture.ts",
      want: [
        [
          'test/harness/fixtures/katas/forges-the-verdict.ts:6 imports "vitest": a kata file may import only the runtime ("../runtime/index.ts").',
          "does not load, with one line naming the kata file and the import",
        ],
      ],
    },
  ];
  const report = (
    f: { title: string; file: string; want: [string, string][]; hides?: readonly string[] },
    run: FixtureRun,
    budgetS: number,
  ): void => {
    console.log(`  ${f.title} (${f.file})`);
    const checks: [boolean, string, string][] = [
      [run.code === 1, "exited with code 1", `exited with code ${run.code} (want 1)`],
      ...f.want.map(([text, what]): [boolean, string, string] => [
        run.output.includes(text),
        what,
        `its output does not contain: ${text}`,
      ]),
      ...(f.hides ?? []).map((text): [boolean, string, string] => [
        !run.output.includes(text),
        `hides: ${text}`,
        `its output contains: ${text}`,
      ]),
      [
        !run.output.includes("\u001b["),
        "no escape codes in output that is not a terminal",
        "escape codes in output that is not a terminal",
      ],
      [
        run.seconds <= budgetS,
        `ended after ${run.seconds.toFixed(1)} s of wall time (at most ${budgetS})`,
        `took ${run.seconds.toFixed(1)} s (want at most ${budgetS})`,
      ],
      [
        run.left.length === 0,
        "no process of the run was left behind",
        `processes of the run were left behind: ${run.left.join(", ")} (now killed)`,
      ],
    ];
    for (const [ok, good, bad] of checks) {
      tally.check(ok, `${f.title}: ${bad}`);
      if (ok) console.log(`    ✔ ${good}`);
    }
    if (run.killedBySafetyNet)
      console.log(`    the watchdog never stopped the run: verify killed it after ${budgetS + 5} s`);
    if (checks.some(([ok]) => !ok))
      console.log(`    output of the run:\n${indent(run.output.trim().split("\n").slice(-30).join("\n") || "(none)")}`);
  };
  for (const f of fixtures) report(f, await runFixture(f.file, BUDGET_S, f.env), BUDGET_S);

  // The catalogue (test/harness/fixtures/mistakes.ts): each mistake as `npm test -- NN` runs it, two at a time.
  const MISTAKE_BUDGET_S = 15;
  const runs = await inParallel(2, MISTAKES, (m) =>
    runFixture("", MISTAKE_BUDGET_S, { KATA_RUNS: "20", ...m.env }, `mistake:${m.kata}/${m.name}`),
  );
  MISTAKES.forEach((m, i) => {
    const run = runs[i]!;
    const file = m.file ?? `test/harness/fixtures/mistakes/${m.kata}/${m.name}.ts`;
    const want: [string, string][] = m.shows.map((text, j) => [
      text,
      j === 0 ? `explains it: ${text}` : `shows: ${text}`,
    ]);
    report({ title: `mistake: ${m.title}`, file, want, hides: m.hides }, run, MISTAKE_BUDGET_S);
    console.log(`    (${m.kata.slice(0, 2)} ${m.name}: exit ${run.code}, ${run.seconds.toFixed(1)} s)`);
  });
}

/** Runs `job` on every item, at most `n` at a time; the results in the items' order. */
async function inParallel<T, R>(n: number, items: readonly T[], job: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** Processes still alive from the run: in its process group, or (on Linux) carrying its marker variable. */
function leftovers(pgid: number | undefined, marker: string): string[] {
  const found = new Set<string>();
  if (pgid !== undefined) {
    try {
      process.kill(-pgid, 0);
      found.add(`process group ${pgid}`);
    } catch {
      // ESRCH: no process left in the group
    }
  }
  let pids: string[] = [];
  try {
    pids = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    // no /proc: the process group check above is all there is
  }
  for (const pid of pids) {
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(`KATAS_RUN_MARKER=${marker}`))
        found.add(`pid ${pid}`);
    } catch {
      // gone, or not ours to read
    }
  }
  return [...found];
}

for (const kata of KATAS) {
  heading(`kata ${kata.id}`);
  const sol = outcomes(kataModules(first, "solutions", kata));
  const stub = outcomes(kataModules(first, "katas", kata));
  const properties = sol.tests.map((t) => t.name);

  for (const e of [...sol.loadErrors, ...stub.loadErrors]) tally.check(false, e);
  tally.check(properties.length > 0, `${kata.id} has no properties`);
  for (const t of sol.tests) tally.check(t.state === "passed", `solution fails "${t.name}"\n${indent(t.message)}`);
  console.log(
    `  solution: ${sol.tests.filter((t) => t.state === "passed").length}/${sol.tests.length} properties pass`,
  );
  for (const t of stub.tests) {
    tally.check(t.state === "failed" && t.notStarted, `the stub does not fail "${t.name}" as not started (${t.state})`);
  }
  console.log(
    `  stub: ${stub.tests.filter((t) => t.notStarted).length}/${stub.tests.length} properties fail as "not started"`,
  );

  // Determinism: the same property, run twice, must record the same traces.
  const again = outcomes(kataModules(second, "solutions", kata));
  for (const t of sol.tests) {
    const twin = again.tests.find((u) => u.name === t.name);
    tally.check(
      t.digest !== undefined && t.digest === twin?.digest,
      `"${t.name}" gave different traces on two runs with the same seed`,
    );
  }
  console.log(`  determinism: ${sol.tests.length} properties give identical traces twice`);

  // The mutant matrix.
  const stubExports = await exportsOf(`katas/${kata.id}.ts`);
  const solExports = await exportsOf(`solutions/${kata.id}.ts`);
  tally.check(
    solExports.join() === stubExports.join(),
    `solutions/${kata.id}.ts exports [${solExports}] but the stub exports [${stubExports}]`,
  );
  const mutants = mutantsOf(kata);
  tally.check(mutants.length >= 3, `${kata.id} has ${mutants.length} mutants (want at least 3)`);
  const caughtBy = new Map<string, Set<string>>();
  for (const m of mutants) {
    const mutExports = await exportsOf(`test/mutants/${kata.id}/${m}.ts`);
    tally.check(
      mutExports.join() === stubExports.join(),
      `mutant ${m} exports [${mutExports}] but the stub exports [${stubExports}]`,
    );
    const res = outcomes((first.get("mutants") ?? []).filter((mod) => mod.relativeModuleId === wrapperOf(kata, m)));
    for (const e of res.loadErrors) tally.check(false, `mutant ${m} does not load: ${e}`);
    const failing = res.tests.filter((t) => t.state === "failed" && !t.notStarted).map((t) => t.name);
    caughtBy.set(m, new Set(failing));
    // Feedback in the property's own terms: a failure must never be a bare matcher line.
    for (const t of res.tests) {
      const bare = t.problem === undefined ? undefined : bareMatcherLine(t.problem);
      tally.check(
        bare === undefined,
        `property "${t.name}" fails mutant ${m} with a bare matcher line: ${bare} (give that expect a message in the property's terms)`,
      );
    }
    tally.check(failing.length > 0, `mutant ${m} is caught by no property: a hole in the tests`);
  }
  for (const p of properties) {
    const catches = mutants.filter((m) => caughtBy.get(m)?.has(p));
    tally.check(catches.length > 0, `property "${p}" catches no mutant: can it fail?`);
  }
  printMatrix(properties, mutants, caughtBy);
}

function printMatrix(properties: string[], mutants: string[], caughtBy: Map<string, Set<string>>): void {
  const w = Math.max(...mutants.map((m) => m.length), 6);
  console.log(`\n  mutant matrix (✘ = caught by that property)`);
  console.log(`  ${"".padEnd(w)}  ${properties.map((_, i) => `P${i + 1}`.padEnd(3)).join(" ")}`);
  for (const m of mutants) {
    const cells = properties.map((p) => (caughtBy.get(m)?.has(p) ? "✘" : "·").padEnd(3));
    const caught = (caughtBy.get(m)?.size ?? 0) > 0;
    console.log(`  ${m.padEnd(w)}  ${cells.join(" ")}  ${caught ? "caught" : "NOT CAUGHT"}`);
  }
  properties.forEach((p, i) => console.log(`  P${i + 1}  ${p}`));
}

heading("summary");
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exitCode = tally.failed > 0 ? 1 : 0;
