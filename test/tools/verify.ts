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
 *      stuck in a synchronous endless loop (stopped by the watchdog), a
 *      kata-like file that imports vitest (does not load); then the catalogue of learner
 *      mistakes (test/harness/fixtures/mistakes.ts), each run as `npm test
 *      -- NN` would run that kata with the mistake in it, two at a time,
 *      each within 15 s, showing the board and its own explanation;
 *   3. every kata's solution: each property passes;
 *   4. every kata's untouched stub: each property fails as "not started";
 *   5. every mutant exports what the stub exports, and is caught; every
 *      property catches at least one mutant. Which property catches which
 *      mutant is recorded in test/mutants/matrix.json: verify runs each
 *      mutant against the properties recorded as catching it (each must
 *      still catch it, at its first failing run, unshrunk) and prints the
 *      matrix of those confirmed catches. A mutant the record does not know
 *      runs against every property. `npm run verify -- --record` runs every
 *      property against every mutant and rewrites the record;
 *   6. determinism: the first runs of each solution's properties, made twice
 *      with their fixed seeds in one process (the second time with call
 *      sites recorded, which search runs leave out), give identical traces.
 * Stages that do not depend on each other run at once (the type-check, the
 * lint, the tests, the learner-mistake runs); the report comes in the order
 * above. The last line is `N passed, N failed`, alone on its line; the exit
 * code is non-zero when anything failed.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startVitest, type TestModule } from "vitest/node";
import { MISTAKES } from "../harness/fixtures/mistakes.ts";
import { KATAS, type Kata } from "../support/katas.ts";
import { bareMatcherLine, DIGEST_RUNS, REPLAY_PASSED, SITES_CHANGED_VERDICT } from "../support/property.ts";
import Watchdog from "../support/watchdog.ts";

process.env.KATAS_VERIFY = "1";
process.env.KATA_DIGEST = "1";
// Mutants: a failing property stops at its first failing run, unshrunk (property.ts).
process.env.KATA_END_ON_FAILURE = "1";
const root = fileURLToPath(new URL("../../", import.meta.url));
const recording = process.argv.includes("--record");
const startedAt = performance.now();
const MATRIX_FILE = "test/mutants/matrix.json";
/** Kata id → mutant name → the sentences of the properties that catch it. */
type CatchRecord = { [kata: string]: { [mutant: string]: string[] } };

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

interface ToolRun {
  status: number | null;
  out: string;
}

/** Runs a tool of node_modules/.bin without waiting for it: verify goes on while it works. */
function runTool(bin: string, args: string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin", bin), args, {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.on("error", (e) => resolve({ status: null, out: String(e) }));
    child.on("close", (status) => resolve({ status, out: out.trim() }));
  });
}

function typecheck(tally: Tally, tsc: ToolRun): void {
  heading("type-check (tsc)");
  if (tsc.status !== 0) console.log(indent(tsc.out, 2));
  tally.check(tsc.status === 0, "type errors (above)");
  if (tsc.status === 0) console.log("  ✔ no type errors");
}

function lint(tally: Tally, biome: ToolRun): void {
  heading("format and lint (Biome)");
  if (biome.status !== 0) console.log(indent(biome.out.split("\n").slice(-40).join("\n"), 2));
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
    // vitest's default for a run is one worker fewer than the cores (one, on two cores); the main process only waits here.
    maxWorkers: os.availableParallelism(),
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
  digestAgain: string | undefined;
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
        digestAgain: meta.traceDigestAgain,
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

/**
 * One wrapper per mutant: it imports the kata's test file under a name of its
 * own, `?mutant=<name>`. Beside it, `catchers.json` lists the properties the
 * record says catch that mutant (property.ts runs only those); no list for a
 * mutant the record does not know, or when recording.
 */
function writeMutantWrappers(record: CatchRecord): void {
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
      const catchers = record[kata.id]?.[m];
      if (!recording && catchers !== undefined)
        fs.writeFileSync(path.join(path.dirname(file), "catchers.json"), `${JSON.stringify(catchers, null, 2)}\n`);
    }
  }
}

function readRecord(): CatchRecord {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, MATRIX_FILE), "utf8")) as CatchRecord;
  } catch {
    return {};
  }
}

async function exportsOf(file: string): Promise<string[]> {
  return Object.keys(await import(path.join(root, file))).sort();
}

/** The watchdog and load fixtures (test/harness/fixtures/*.fixture.ts), each within FIXTURE_BUDGET_S. */
const FIXTURE_BUDGET_S = 10;
/** Each mistake of the catalogue (test/harness/fixtures/mistakes.ts) within this. */
const MISTAKE_BUDGET_S = 15;
const FIXTURES: { title: string; file: string; env?: NodeJS.ProcessEnv; want: [string, string][] }[] = [
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

const tally = new Tally();
const record = readRecord();
writeMutantWrappers(record);
// The type-check, the lint, the learner-mistake runs (child processes) and the tests all start now.
const tools = Promise.all([runTool("tsc", ["-p", "."]), runTool("biome", ["check", "--colors=off", "."])]);
const mistakeRuns = runMistakes();
const first = await runVitest(["runtime", "harness", "solutions", "katas", "mutants"]);
const testsDoneAt = performance.now();
const [tsc, biome] = await tools;
typecheck(tally, tsc);
lint(tally, biome);

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
mistakesEndToEnd(await mistakeRuns);

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

interface MistakeRuns {
  fixtures: FixtureRun[];
  catalogue: FixtureRun[];
}

/**
 * Starts every learner-mistake run (child processes, two at a time: the
 * fixtures, then the catalogue, each mistake as `npm test -- NN` runs it).
 */
async function runMistakes(): Promise<MistakeRuns> {
  const jobs = [
    ...FIXTURES.map((f) => () => runFixture(f.file, FIXTURE_BUDGET_S, f.env)),
    ...MISTAKES.map(
      (m) => () => runFixture("", MISTAKE_BUDGET_S, { KATA_RUNS: "20", ...m.env }, `mistake:${m.kata}/${m.name}`),
    ),
  ];
  const runs = await inParallel(2, jobs, (job) => job());
  return { fixtures: runs.slice(0, FIXTURES.length), catalogue: runs.slice(FIXTURES.length) };
}

/**
 * Learner mistakes that must end in bounded time, with their own
 * explanation: each ran in a child process (runFixture, runMistakes).
 */
function mistakesEndToEnd(runs: MistakeRuns): void {
  heading("learner mistakes, end to end");
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
  FIXTURES.forEach((f, i) => report(f, runs.fixtures[i]!, FIXTURE_BUDGET_S));
  MISTAKES.forEach((m, i) => {
    const run = runs.catalogue[i]!;
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

const newRecord: CatchRecord = {};
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

  // Determinism: the first runs of each property, made twice with the same seed, must record the same traces.
  for (const t of sol.tests) {
    tally.check(
      t.digest !== undefined && t.digest === t.digestAgain,
      `"${t.name}" gave different traces when its first ${DIGEST_RUNS} runs were made again with the same seed (the second time with call sites recorded)`,
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
  const recorded = record[kata.id] ?? {};
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
      // The replay that tells the story must fail as the search did (property.ts): anything else is the harness's fault.
      tally.check(
        !t.problem?.includes(SITES_CHANGED_VERDICT) && !t.problem?.includes(REPLAY_PASSED),
        `property "${t.name}" failed mutant ${m} in its search, but its replay with call sites did not fail the same way: ${t.problem?.split("\n\n").at(-1)}`,
      );
    }
    tally.check(failing.length > 0, `mutant ${m} is caught by no property: a hole in the tests`);
    const catchers = recorded[m];
    if (recording) continue;
    if (catchers === undefined) {
      tally.check(false, `mutant ${m} is not in ${MATRIX_FILE}: record it with \`npm run verify -- --record\``);
      continue;
    }
    for (const p of catchers) {
      tally.check(
        failing.includes(p),
        properties.includes(p)
          ? `property "${p}" no longer catches mutant ${m} (${MATRIX_FILE} says it does); if that is intended, \`npm run verify -- --record\``
          : `${MATRIX_FILE} says "${p}" catches mutant ${m}, but kata ${kata.id} has no such property: \`npm run verify -- --record\``,
      );
    }
  }
  for (const m of Object.keys(recorded))
    tally.check(
      mutants.includes(m),
      `${MATRIX_FILE} lists mutant ${m}, which kata ${kata.id} no longer has: \`npm run verify -- --record\``,
    );
  for (const p of properties) {
    const catches = mutants.filter((m) => caughtBy.get(m)?.has(p));
    tally.check(catches.length > 0, `property "${p}" catches no mutant: can it fail?`);
  }
  printMatrix(properties, mutants, caughtBy);
  if (recording)
    newRecord[kata.id] = Object.fromEntries(mutants.map((m) => [m, properties.filter((p) => caughtBy.get(m)?.has(p))]));
}

if (recording) {
  fs.writeFileSync(path.join(root, MATRIX_FILE), `${JSON.stringify(newRecord, null, 2)}\n`);
  console.log(`\n  recorded which property catches which mutant in ${MATRIX_FILE}`);
}
for (const kata of Object.keys(record))
  tally.check(
    recording || KATAS.some((k) => k.id === kata),
    `${MATRIX_FILE} lists kata ${kata}, which does not exist: \`npm run verify -- --record\``,
  );

function printMatrix(properties: string[], mutants: string[], caughtBy: Map<string, Set<string>>): void {
  const w = Math.max(...mutants.map((m) => m.length), 6);
  console.log(
    recording
      ? "\n  mutant matrix (✘ = caught by that property; every property ran against every mutant)"
      : `\n  mutant matrix (✘ = caught by that property, as ${MATRIX_FILE} records and this run confirmed)`,
  );
  console.log(`  ${"".padEnd(w)}  ${properties.map((_, i) => `P${i + 1}`.padEnd(3)).join(" ")}`);
  for (const m of mutants) {
    const cells = properties.map((p) => (caughtBy.get(m)?.has(p) ? "✘" : "·").padEnd(3));
    const caught = (caughtBy.get(m)?.size ?? 0) > 0;
    console.log(`  ${m.padEnd(w)}  ${cells.join(" ")}  ${caught ? "caught" : "NOT CAUGHT"}`);
  }
  properties.forEach((p, i) => console.log(`  P${i + 1}  ${p}`));
}

heading("summary");
const seconds = (at: number) => ((at - startedAt) / 1000).toFixed(1);
console.log(`  tests done after ${seconds(testsDoneAt)} s; everything after ${seconds(performance.now())} s`);
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exitCode = tally.failed > 0 ? 1 : 0;
