/**
 * Explanations, in the learner's terms, for failures that reach the board as
 * raw text from outside the runtime: a test worker that died (memory ran
 * out), a name the kata file no longer exports, a value of the wrong type.
 * The board reporter applies them; the runtime explains everything that
 * happens inside the model itself (runtime/errors.ts, runtime/guard.ts).
 */
import type { Heartbeat } from "./heartbeat.ts";

/** The kata file a test file checks (test/04-x.test.ts → katas/04-x.ts), or the file itself. */
export function kataFileOf(testFile: string): string {
  const id = /^test\/(\d\d-[^/]+)\.test\.ts$/.exec(testFile)?.[1];
  return id === undefined ? testFile : `katas/${id}.ts`;
}

/** True for the error vitest reports when a test worker ended without saying goodbye. */
export function isDeadWorker(message: string): boolean {
  return /Worker (?:forks |threads )?(?:emitted error|exited unexpectedly)|ERR_WORKER_OUT_OF_MEMORY|heap out of memory/i.test(
    message,
  );
}

/**
 * A worker died while these tests ran (their heartbeats were never taken
 * down): the lines that replace vitest's "Worker exited unexpectedly".
 */
export function deadWorkerLines(stuck: readonly Heartbeat[]): string[] {
  if (stuck.length === 0) {
    return [
      "✘ A test worker stopped in the middle of the run (most likely your code used up its memory), so some results are missing.",
      "  What to do: look for a loop that keeps adding to an array, a map or a string and never ends.",
    ];
  }
  return stuck.flatMap((hb) => [
    `✘ ${kataFileOf(hb.file)} used up the memory: the test "${hb.test}" (${hb.file}) was running when its worker ran out and was stopped.`,
    "  Why it matters: something in your code keeps adding to a list, a map or a string and never stops (a loop that never ends, or one that",
    "  keeps every step's data). Each test has a capped amount of memory so that this fails fast instead of freezing your machine.",
    "  What to do: find the loop that grows a value without end; keep only what the next step needs, and give the loop a way to finish",
    "  (a future that must wait uses `yield*`, which also lets the rest of the app run).",
  ]);
}

/** What a property that never finished because its worker died reads as. */
export function diedWithWorker(kataFile: string): string {
  return `This property did not finish: the test worker stopped when ${kataFile} used up its memory (see above).`;
}

/**
 * A failure that is only the bundler's way of saying a name is missing
 * (`(0 , __vite_ssr_import_1__.countdown) is not a function`): the same,
 * said in the kata's terms. Undefined when the text is something else.
 */
export function missingExport(problem: string, kataFile: string): string | undefined {
  const name =
    /__vite_ssr_import_\d+__\.([A-Za-z_$][\w$]*)\)? is not (?:a function|a constructor|iterable)|Cannot read properties of undefined \(reading '[^']*'\)[\s\S]*__vite_ssr_import_\d+__\.([A-Za-z_$][\w$]*)/.exec(
      problem,
    );
  const missing = name?.[1] ?? name?.[2];
  if (missing === undefined) return undefined;
  return [
    `${kataFile} does not export \`${missing}\`, which the tests use: was it renamed or removed?`,
    `What to do: keep the names the kata gave you (\`export function ${missing}(…)\`); \`npm run typecheck\` lists every name the tests miss.`,
  ].join("\n");
}

/**
 * A matcher line comparing values of different types (`expected '0' to be +0`):
 * a type error in the kata file is the likely cause, and the type checker
 * says where. Undefined when the failure is not of that shape.
 */
export function typeMismatchNote(problem: string): string | undefined {
  const m = /expected (.+?) to (?:be|equal|deeply equal|strictly equal) (.+?)(?: \/\/|$)/m.exec(problem);
  if (m === null) return undefined;
  const kind = (v: string) =>
    /^['"]/.test(v)
      ? "string"
      : /^[+-]?\d/.test(v)
        ? "number"
        : /^(?:true|false)$/.test(v)
          ? "boolean"
          : /^\[/.test(v)
            ? "array"
            : "other";
  const [a, b] = [kind(m[1]!), kind(m[2]!)];
  if (a === b || a === "other" || b === "other") return undefined;
  return `A ${a} where a ${b} belongs: that is a type error. \`npm run typecheck\` shows it with its file and line (your editor underlines it too).`;
}
