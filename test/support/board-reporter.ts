/**
 * The reporter behind `npm test` and `npm run watch`: the watchdog, plus the
 * progress board printed at the end of every run (board.ts).
 *
 * It also keeps the hint level: each run in which the current kata still
 * fails raises it by one (up to three). The count lives in
 * `.katas-state/progress.json`, which git ignores; nothing is ever written
 * into katas/.
 */
import fs from "node:fs";
import path from "node:path";
import type { SerializedError } from "vitest";
import type { TestModule } from "vitest/node";
import type { Reporter } from "vitest/reporters";
import { renderBoard, currentKata, statusOf, type KataResult, type PropertyResult } from "./board.ts";
import { STATE_DIR } from "./heartbeat.ts";
import { KATAS } from "./katas.ts";
import Watchdog from "./watchdog.ts";

const PROGRESS_FILE = path.join(STATE_DIR, "progress.json");

type Progress = Record<string, { failingRuns: number }>;

function readProgress(): Progress {
  try {
    return JSON.parse(fs.readFileSync(PROGRESS_FILE, "utf8")) as Progress;
  } catch {
    return {};
  }
}

function writeProgress(p: Progress): void {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(PROGRESS_FILE, `${JSON.stringify(p, null, 2)}\n`);
}

/** Turns vitest's test modules into one result per kata, in curriculum order. */
export function collectResults(modules: readonly TestModule[]): KataResult[] {
  return KATAS.map((kata) => {
    const m = modules.find((mod) => mod.relativeModuleId === `test/${kata.id}.test.ts`);
    if (m === undefined) return { kata, ran: false, properties: [], loadErrors: [], skipped: 0 };
    const properties: PropertyResult[] = [];
    let skipped = 0;
    for (const t of m.children.allTests()) {
      const r = t.result();
      if (r.state === "skipped" || r.state === "pending") {
        skipped++;
        continue;
      }
      properties.push({
        sentence: t.name,
        passed: r.state === "passed",
        failure: t.meta().kataFailure,
        error: r.state === "failed" ? r.errors?.[0]?.message : undefined,
      });
    }
    const loadErrors = m.errors().map((e) => e.message);
    const ran = properties.length > 0 || loadErrors.length > 0;
    return { kata, ran, properties, loadErrors, skipped };
  });
}

export default class BoardReporter implements Reporter {
  readonly #watchdog = new Watchdog();

  onInit(): void {
    this.#watchdog.onInit();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    this.#watchdog.onTestRunEnd();
    const results = collectResults(modules);
    const progress = readProgress();
    for (const r of results) if (statusOf(r) === "passed") delete progress[r.kata.id];
    const current = currentKata(results);
    let hintLevel = 1;
    if (current !== undefined) {
      const entry = (progress[current.kata.id] ??= { failingRuns: 0 });
      entry.failingRuns++;
      hintLevel = Math.min(entry.failingRuns, current.kata.hints.length);
    }
    writeProgress(progress);

    const others = modules.filter((m) => !KATAS.some((k) => m.relativeModuleId === `test/${k.id}.test.ts`));
    const lines: string[] = [""];
    for (const m of others) lines.push(...otherModuleLines(m));
    for (const e of unhandled) lines.push(`✘ An error escaped the tests: ${e.message}`);
    if (results.some((r) => r.ran)) lines.push(renderBoard({ results, hintLevel }));
    else if (others.length === 0) lines.push("No kata test ran: check the filter (for example `npm test -- 01`).");
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}

/** Test files that are not katas (the runtime's own tests, when run this way): a count and each failure. */
function otherModuleLines(m: TestModule): string[] {
  const out: string[] = [];
  let passed = 0;
  for (const t of m.children.allTests()) {
    const r = t.result();
    if (r.state === "passed") passed++;
    if (r.state === "failed") out.push(`✘ ${m.relativeModuleId} › ${t.fullName}`, ...(r.errors ?? []).map((e) => `    ${e.message}`));
  }
  for (const e of m.errors()) out.push(`✘ ${m.relativeModuleId} did not load: ${e.message}`);
  return [`${out.length === 0 ? "✔" : "✘"} ${m.relativeModuleId}: ${passed} passed`, ...out];
}
