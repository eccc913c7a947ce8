/**
 * Explanations, in the learner's terms, for failures that reach the board as
 * raw text from outside the runtime: a test worker that died (memory ran
 * out), a name the kata file no longer exports, a value of the wrong type.
 * The board reporter applies them; the runtime explains everything that
 * happens inside the model itself (runtime/errors.ts, runtime/guard.ts).
 */
import { Writable } from "node:stream";
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

/** A line that opens the engine's own report of a process out of memory (V8 and Node print it on the worker's stderr as it dies). */
const ENGINE_DUMP_START = /^(?:<--- (?:Last few GCs|JS stacktrace) --->|FATAL ERROR: |----- Native stack trace -----)/;
/** The lines inside that report: garbage-collector lines, native stack frames, the markers, blank lines. */
const ENGINE_DUMP_LINE =
  /^(?:\s*$|\[\d+:0x[0-9a-f]+\]\s+[\d.]+ ms: |\s*\d+: 0x[0-9a-f]+|<--- |FATAL ERROR: |----- |Security context: )/;

/**
 * A stream to stand between test workers' stderr and the terminal: it passes
 * everything on, line by line, except the engine's report of a worker that
 * ran out of memory ("<--- Last few GCs --->", "FATAL ERROR: Reached heap
 * limit…", native stack frames), which means nothing to a learner; the board
 * says instead which kata used up the memory (deadWorkerLines). Vitest's
 * forks pool pipes each worker's stderr into its logger's error stream, and
 * the board reporter puts this in that place.
 *
 * Workers come and go and each one's pipe ends: ending is only a flush here,
 * so the stream serves every worker of the run (and of a watch session).
 */
export class EngineDumpFilter extends Writable {
  #partial = "";
  #inDump = false;
  /** Blank lines held back: dropped if a dump follows, passed on otherwise. */
  #blanks = 0;
  readonly isTTY: boolean | undefined;

  constructor(private readonly target: { write(text: string): unknown; isTTY?: boolean }) {
    super({ decodeStrings: false });
    this.isTTY = target.isTTY;
  }

  override _write(chunk: unknown, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const text = this.#partial + (typeof chunk === "string" ? chunk : String(chunk));
    const lines = text.split("\n");
    this.#partial = lines.pop() ?? "";
    const out: string[] = [];
    for (const line of lines) {
      if (ENGINE_DUMP_START.test(line)) {
        this.#inDump = true;
        this.#blanks = 0;
      } else if (/^\s*$/.test(line)) {
        if (!this.#inDump) this.#blanks++;
      } else if (!(this.#inDump && ENGINE_DUMP_LINE.test(line))) {
        this.#inDump = false;
        for (; this.#blanks > 0; this.#blanks--) out.push("");
        out.push(line);
      }
    }
    if (out.length > 0) this.target.write(`${out.join("\n")}\n`);
    done();
  }

  /** Passes on a last line that has no newline yet (the run is over, or a worker's pipe ended). */
  flush(): void {
    const rest = this.#partial;
    this.#partial = "";
    if (!this.#inDump) for (; this.#blanks > 0; this.#blanks--) this.target.write("\n");
    this.#blanks = 0;
    if (rest !== "" && !(this.#inDump && ENGINE_DUMP_LINE.test(rest)) && !ENGINE_DUMP_START.test(rest))
      this.target.write(rest);
  }

  // A worker's pipe ending must not end the stream: the next worker writes to it too.
  override end(...args: unknown[]): this {
    const chunk = args.find((a) => typeof a === "string" || Buffer.isBuffer(a));
    if (chunk !== undefined) this.write(chunk as string);
    this.flush();
    return this;
  }
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
