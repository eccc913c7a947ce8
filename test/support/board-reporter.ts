/**
 * The reporter behind `npm test` and `npm run watch`: the watchdog, plus the
 * progress board printed at the end of every run (board.ts).
 *
 * The verdict: a property counts as passed only when `property()` itself
 * recorded the pass (the test's `kataVerdict` meta, written after fast-check
 * passed every run), never from vitest's task state alone. A property that
 * was skipped (other than by a `-t` filter) or did not run counts as not
 * passed. Kata files cannot reach either (kata-rules.ts).
 *
 * It also remembers, in `.katas-state/` (state.ts):
 *   - the hints shown for each kata (`hints.json`): a new one is spent only
 *     when the kata file changed since the last one and the kata still fails
 *     (hints.ts);
 *   - each kata's last unfiltered result (`results.json`), so that a run of
 *     one kata (`npm test -- 04`) still shows the whole board, marked as
 *     remembered.
 * A state file that cannot be read or written costs the remembered hints,
 * with one warning line, never the board.
 */
import path from "node:path";
import type { SerializedError } from "vitest";
import type { TestModule, Vitest } from "vitest/node";
import type { Reporter } from "vitest/reporters";
import {
  renderBoard,
  currentKata,
  statusOf,
  type KataResult,
  type PreviousResult,
  type PropertyResult,
} from "./board.ts";
import { chooseHint, fileHash, isHintBook, type HintBook } from "./hints.ts";
import { kataRuleLine } from "./kata-rules.ts";
import { KATAS } from "./katas.ts";
import { colourWanted, paint } from "./paint.ts";
import { isRecord, readState, ROOT, STATE_DIR, writeState } from "./state.ts";
import { watchScreen } from "./watch-screen.ts";
import Watchdog from "./watchdog.ts";
import { readHeartbeats, type Heartbeat } from "./heartbeat.ts";
import {
  EngineDumpFilter,
  deadWorkerLines,
  diedWithWorker,
  isDeadWorker,
  kataFileOf,
  missingExport,
  typeMismatchNote,
} from "./mistakes.ts";

type Remembered = Record<string, PreviousResult>;

const isRemembered = (v: unknown): v is Remembered =>
  isRecord(v) &&
  Object.values(v).every(
    (e) =>
      isRecord(e) &&
      (e.status === "passed" || e.status === "failed" || e.status === "not-started") &&
      typeof e.passed === "number" &&
      typeof e.total === "number",
  );

export const SKIPPED =
  "This property did not run (it was skipped). A kata counts as solved only when every one of its properties runs and passes.";
export const UNRECORDED =
  "vitest marked this property as passed, but property() did not record a pass, so it does not count.";

/**
 * Turns vitest's test modules into one result per kata, in curriculum order.
 * `filtered`: the run had a test-name filter (`-t`), so skipped properties
 * were left out on purpose.
 */
export function collectResults(modules: readonly TestModule[], filtered = false): KataResult[] {
  return KATAS.map((kata) => {
    const m = modules.find((mod) => mod.relativeModuleId === `test/${kata.id}.test.ts`);
    if (m === undefined) return { kata, ran: false, properties: [], loadErrors: [], skipped: 0 };
    const properties: PropertyResult[] = [];
    let skipped = 0;
    for (const t of m.children.allTests()) {
      const r = t.result();
      const meta = t.meta();
      if (r.state === "skipped" || r.state === "pending") {
        if (filtered) skipped++;
        else properties.push({ sentence: t.name, passed: false, error: SKIPPED });
        continue;
      }
      const recorded = meta.kataVerdict === "passed";
      properties.push({
        sentence: t.name,
        passed: r.state === "passed" && recorded,
        failure: meta.kataFailure,
        error: r.state === "failed" ? r.errors?.[0]?.message : recorded ? undefined : UNRECORDED,
      });
    }
    const loadErrors = m.errors().map((e) => kataRuleLine(e.message) ?? e.message);
    const ran = properties.length > 0 || loadErrors.length > 0;
    return { kata, ran, properties, loadErrors, skipped };
  });
}

export interface BoardReporterOptions {
  /** Where the state files live (default `.katas-state/`). */
  stateDir?: string;
  /** Where the board goes (default stdout). */
  write?: (text: string) => void;
  /** Whether to colour it (default: stdout is a terminal, NO_COLOR / FORCE_COLOR). */
  colour?: boolean;
  /** Where the kata files are, for their content hash (default `katas/`). */
  kataDir?: string;
  /** The environment (default process.env): a run with `KATA_SEED` is a replay and spends no hint. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Whether the output is a terminal, where watch mode clears the screen (default: stdout is one). */
  terminal?: boolean;
}

export default class BoardReporter implements Reporter {
  // When the watchdog stops a stuck run, the board still shows what finished before it.
  readonly #watchdog = new Watchdog((stuckLoading) => {
    this.#stuckLoading = stuckLoading;
    this.onTestRunEnd(this.#vitest?.state.getTestModules() ?? []);
  });
  /** The test file the watchdog found stuck while loading, if that is why the run stops. */
  #stuckLoading: string | undefined;
  #vitest: Vitest | undefined;
  readonly #stateDir: string;
  readonly #write: (text: string) => void;
  readonly #colour: boolean;
  readonly #kataDir: string;
  readonly #replay: boolean;
  readonly #terminal: boolean;
  #filtered = false;
  #watching = false;
  /** Between the workers' stderr and the terminal: hides the engine's out-of-memory dump (mistakes.ts). */
  #workerErrors: EngineDumpFilter | undefined;

  constructor(options: BoardReporterOptions = {}) {
    this.#stateDir = options.stateDir ?? STATE_DIR;
    this.#kataDir = options.kataDir ?? path.join(ROOT, "katas");
    this.#replay = (options.env ?? process.env).KATA_SEED !== undefined;
    this.#terminal = options.terminal ?? process.stdout.isTTY === true;
    this.#write = options.write ?? ((t) => process.stdout.write(t));
    this.#colour = options.colour ?? colourWanted(process.env, process.stdout.isTTY === true);
  }

  onInit(vitest?: Vitest): void {
    this.#vitest = vitest;
    this.#filtered = vitest?.config.testNamePattern !== undefined;
    this.#watching = vitest?.config.watch === true;
    // Before any worker starts: the forks pool pipes each worker's stderr into this stream.
    const logger = vitest?.logger as Vitest["logger"] | undefined;
    if (logger !== undefined && !(logger.errorStream instanceof EngineDumpFilter)) {
      this.#workerErrors = new EngineDumpFilter(logger.errorStream);
      logger.errorStream = this.#workerErrors;
    }
    this.#watchdog.onInit();
  }

  onTestModuleQueued(m: TestModule): void {
    this.#watchdog.onTestModuleQueued(m);
  }

  onTestModuleCollected(m: TestModule): void {
    this.#watchdog.onTestModuleCollected(m);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError> = []): void {
    // A worker that died (memory ran out) left the heartbeat of the test it was running: read it before it is cleared.
    const deadWorker = unhandled.some((e) => isDeadWorker(e.message));
    const stuck = deadWorker ? readHeartbeats() : [];
    this.#workerErrors?.flush();
    this.#watchdog.onTestRunEnd();
    const problems: string[] = [];
    const hintsFile = path.join(this.#stateDir, "hints.json");
    const resultsFile = path.join(this.#stateDir, "results.json");

    // Each kata's last unfiltered result: remembered for the katas this run left out.
    const fresh = collectResults(modules, this.#filtered).map((r) =>
      `test/${r.kata.id}.test.ts` === this.#stuckLoading
        ? {
            ...r,
            ran: true,
            loadErrors: [
              `${kataFileOf(this.#stuckLoading)} never finished loading: an endless loop at its top level (see the watchdog's message below).`,
            ],
          }
        : explained(r, stuck),
    );
    const rememberedRead = readState(resultsFile, isRemembered);
    if (rememberedRead.problem) problems.push(rememberedRead.problem);
    const remembered: Remembered = { ...rememberedRead.value };
    for (const r of fresh) {
      const s = statusOf(r);
      if (s === "passed" || s === "failed" || s === "not-started") {
        remembered[r.kata.id] = {
          status: s,
          passed: r.properties.filter((p) => p.passed).length,
          total: r.properties.length,
        };
      }
    }
    const results = fresh.map((r) => (r.ran ? r : { ...r, previous: remembered[r.kata.id] }));

    // The hint: for the first failing property; a new one only after a change (hints.ts).
    const hintsRead = readState(hintsFile, isHintBook);
    if (hintsRead.problem) problems.push(hintsRead.problem);
    const book: HintBook = { ...hintsRead.value };
    const current = currentKata(results);
    let hint: ReturnType<typeof chooseHint>["hint"];
    let hintsChanged = false;
    if (current !== undefined) {
      const counts = !this.#filtered && !this.#replay;
      const choice = chooseHint(
        current,
        book[current.kata.id],
        fileHash(path.join(this.#kataDir, `${current.kata.id}.ts`)),
        counts,
      );
      hint = choice.hint;
      if (choice.hint?.spent) {
        book[current.kata.id] = choice.state;
        hintsChanged = true;
      }
    }
    if (fresh.some((r) => r.ran)) {
      const writes: [string, unknown][] = [[resultsFile, remembered]];
      if (hintsChanged) writes.push([hintsFile, book]);
      for (const [file, value] of writes) {
        const problem = writeState(file, value);
        if (problem) problems.push(problem);
      }
    }

    const others = modules.filter((m) => !KATAS.some((k) => m.relativeModuleId === `test/${k.id}.test.ts`));
    const lines: string[] = [""];
    for (const m of others) lines.push(...otherModuleLines(m));
    for (const e of unhandled) if (!isDeadWorker(e.message)) lines.push(`✘ An error escaped the tests: ${e.message}`);
    if (deadWorker) lines.push(...deadWorkerLines(stuck), "");
    if (results.some((r) => r.ran)) lines.push(renderBoard({ results, hint }));
    else if (others.length === 0) lines.push("No kata test ran: check the filter (for example `npm test -- 01`).");
    if (problems.length > 0) lines.push("", stateWarning(problems));
    this.#write(watchScreen(`${paint(lines.join("\n"), this.#colour)}\n`, this.#watching, this.#terminal));
  }
}

/**
 * A kata's results with raw failures said in the kata's terms (mistakes.ts):
 * properties that never finished because their worker died, a missing
 * export, a value of the wrong type.
 */
function explained(r: KataResult, stuck: readonly Heartbeat[]): KataResult {
  const testFile = `test/${r.kata.id}.test.ts`;
  const kataFile = kataFileOf(testFile);
  const died = stuck.some((hb) => hb.file === testFile);
  const properties = r.properties.map((p): PropertyResult => {
    if (
      died &&
      !p.passed &&
      (p.error === SKIPPED ||
        (p.failure === undefined && p.error === undefined) ||
        stuck.some((hb) => hb.test === p.sentence))
    ) {
      return { sentence: p.sentence, passed: false, error: diedWithWorker(kataFile) };
    }
    const f = p.failure;
    if (f?.status !== "failed") return p;
    const missing = missingExport(f.problem, kataFile);
    if (missing !== undefined) return { ...p, failure: { ...f, problem: missing } };
    const note = typeMismatchNote(f.problem);
    return note === undefined ? p : { ...p, failure: { ...f, problem: `${f.problem}\n${note}` } };
  });
  return { ...r, properties };
}

/** The one warning line for state files that could not be used. */
export function stateWarning(problems: readonly string[]): string {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return `⚠ Hints are not remembered this run: ${problems[0]}${more}. Delete the .katas-state folder to start afresh.`;
}

/** Test files that are not katas (the runtime's own tests, when run this way): a count and each failure. */
function otherModuleLines(m: TestModule): string[] {
  const out: string[] = [];
  let passed = 0;
  for (const t of m.children.allTests()) {
    const r = t.result();
    if (r.state === "passed") passed++;
    if (r.state === "failed")
      out.push(`✘ ${m.relativeModuleId} › ${t.fullName}`, ...(r.errors ?? []).map((e) => `    ${e.message}`));
  }
  for (const e of m.errors()) out.push(`✘ ${m.relativeModuleId} did not load: ${kataRuleLine(e.message) ?? e.message}`);
  return [`${out.length === 0 ? "✔" : "✘"} ${m.relativeModuleId}: ${passed} passed`, ...out];
}
