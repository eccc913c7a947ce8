/**
 * The watchdog: a vitest reporter, in the main process, that ends a run
 * stuck in a synchronous endless loop.
 *
 * Every half second it reads the workers' heartbeats (heartbeat.ts). A test
 * that has been running for longer than the limit cannot be a kata test
 * doing honest work (each takes well under a second): the watchdog prints
 * which kata and test are stuck and why, and exits with code 1, after ending
 * the run's worker processes (each registers its pid, heartbeat.ts: a forked
 * worker would outlive the main process), so nothing is left running.
 *
 * Loading a test file is watched too: a kata file runs its top-level code
 * (outside any function) when the test file imports it, before any test
 * starts. vitest tells the reporter when a file's loading starts (queued) and
 * ends (collected, loaded or not); a file still loading after the limit is
 * stuck the same way.
 */
import type { TestModule } from "vitest/node";
import type { Reporter } from "vitest/reporters";
import { clearHeartbeats, readHeartbeats, workerPids, type Heartbeat } from "./heartbeat.ts";

const LIMIT_MS = Number(process.env.KATA_WATCHDOG_MS ?? 6000);
/** Loading also waits for the file to be transformed, which the main process does: a little more time (`KATA_WATCHDOG_LOAD_MS` sets it apart). */
const LOAD_LIMIT_MS = Number(process.env.KATA_WATCHDOG_LOAD_MS ?? LIMIT_MS * 2);

/** The kata file a test file checks (test/04-x.test.ts → katas/04-x.ts), or the test file itself. */
function culprit(file: string): string {
  const kataId = /^test\/(\d\d-[^/]+)\.test\.ts$/.exec(file)?.[1];
  return kataId === undefined ? file : `katas/${kataId}.ts`;
}

const WHY = [
  "  Why it matters: the runtime is one thread. A loop that never awaits never gives control back, so no other",
  "  task, timer or event can run; in a Dioxus app the window would freeze.",
];

export function stuckMessage(hb: Heartbeat, seconds: number): string {
  return [
    "",
    `✘ Watchdog: ${culprit(hb.file)} looks stuck in an endless loop.`,
    `  The test "${hb.test}" (${hb.file}) has run for ${seconds} s without returning, so the run was stopped.`,
    ...WHY,
    "  What to do: look for a while/for loop that can never end, or a poll that calls itself. A future that is not",
    "  ready must return Poll.Pending (or `yield*` a future) instead of waiting in a loop.",
    "",
  ].join("\n");
}

export function stuckLoadingMessage(file: string, seconds: number): string {
  const where = culprit(file);
  return [
    "",
    `✘ Watchdog: ${where} looks stuck in an endless loop while it loads.`,
    `  Loading ${file}${where === file ? "" : ` (which imports ${where})`} has taken ${seconds} s, so the run was stopped before any test started.`,
    "  The code at the top level of a file (outside any function) runs as soon as the file is imported; a loop",
    "  there that never ends stops everything.",
    ...WHY,
    "  What to do: look for a while/for loop outside your functions. Code that should run later belongs inside",
    "  a function, a future or a handler.",
    "",
  ].join("\n");
}

export default class Watchdog implements Reporter {
  #timer: NodeJS.Timeout | undefined;
  /** Called just before the run is stopped, with the test file stuck while loading if that is why (the board reporter prints the board there). */
  readonly #beforeStop: ((stuckLoading?: string) => void) | undefined;

  constructor(beforeStop?: (stuckLoading?: string) => void) {
    this.#beforeStop = beforeStop;
  }

  /** Test files being loaded now, and since when (real time). */
  readonly #loading = new Map<string, number>();

  onInit(): void {
    clearHeartbeats();
    this.#timer = setInterval(() => this.#check(), 500);
    this.#timer.unref();
  }

  onTestModuleQueued(m: TestModule): void {
    this.#loading.set(m.relativeModuleId, Date.now());
  }

  onTestModuleCollected(m: TestModule): void {
    this.#loading.delete(m.relativeModuleId);
  }

  onTestRunEnd(): void {
    this.#loading.clear();
    clearHeartbeats();
  }

  #check(): void {
    const now = Date.now();
    for (const hb of readHeartbeats()) {
      const age = now - hb.since;
      if (age > LIMIT_MS) this.#stop(stuckMessage(hb, Math.round(age / 1000)));
    }
    for (const [file, since] of this.#loading) {
      const age = now - since;
      if (age > LOAD_LIMIT_MS) this.#stop(stuckLoadingMessage(file, Math.round(age / 1000)), file);
    }
  }

  #stop(message: string, stuckLoading?: string): void {
    // Read before the board is drawn: drawing it ends the run's bookkeeping, which clears the registrations.
    const workers = workerPids();
    try {
      this.#beforeStop?.(stuckLoading);
    } catch {
      // The watchdog's message is what matters; a board that cannot be drawn must not keep the run alive.
    }
    process.stderr.write(message);
    // Workers are processes of their own (the forks pool): the stuck one would outlive this process, spinning.
    for (const pid of workers) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    // Under `npm run verify` the run must still end with its summary line.
    if (process.env.KATAS_VERIFY === "1") process.stdout.write("\n0 passed, 1 failed\n");
    clearHeartbeats();
    process.exit(1);
  }
}
