/**
 * The watchdog: a vitest reporter, in the main process, that ends a run
 * stuck in a synchronous endless loop.
 *
 * Every half second it reads the workers' heartbeats (heartbeat.ts). A test
 * that has been running for longer than the limit cannot be a kata test
 * doing honest work (each takes well under a second): the watchdog prints
 * which kata and test are stuck and why, and exits with code 1. Exiting the
 * main process ends the worker threads with it, so nothing is left running.
 */
import type { Reporter } from "vitest/reporters";
import { clearHeartbeats, readHeartbeats, type Heartbeat } from "./heartbeat.ts";

const LIMIT_MS = Number(process.env.KATA_WATCHDOG_MS ?? 6000);

export function stuckMessage(hb: Heartbeat, seconds: number): string {
  const kataId = /^test\/(\d\d-[^/]+)\.test\.ts$/.exec(hb.file)?.[1];
  const where = kataId === undefined ? hb.file : `katas/${kataId}.ts`;
  return [
    "",
    `✘ Watchdog: ${where} looks stuck in an endless loop.`,
    `  The test "${hb.test}" (${hb.file}) has run for ${seconds} s without returning, so the run was stopped.`,
    "  Why it matters: the runtime is one thread. A loop that never awaits never gives control back, so no other",
    "  task, timer or event can run; in a Dioxus app the window would freeze.",
    "  What to do: look for a while/for loop that can never end, or a poll that calls itself. A future that is not",
    "  ready must return Poll.Pending (or `yield*` a future) instead of waiting in a loop.",
    "",
  ].join("\n");
}

export default class Watchdog implements Reporter {
  #timer: NodeJS.Timeout | undefined;

  onInit(): void {
    clearHeartbeats();
    this.#timer = setInterval(() => this.#check(), 500);
    this.#timer.unref();
  }

  onTestRunEnd(): void {
    clearHeartbeats();
  }

  #check(): void {
    const now = Date.now();
    for (const hb of readHeartbeats()) {
      const age = now - hb.since;
      if (age > LIMIT_MS) {
        process.stderr.write(stuckMessage(hb, Math.round(age / 1000)));
        // Under `npm run verify` the run must still end with its summary line.
        if (process.env.KATAS_VERIFY === "1") process.stdout.write("\n0 passed, 1 failed\n");
        clearHeartbeats();
        process.exit(1);
      }
    }
  }
}

