/**
 * Heartbeats: how the watchdog knows which test is running.
 *
 * A synchronous endless loop in kata code blocks its worker thread for ever,
 * and vitest cannot interrupt it (its test timeout needs the event loop). So
 * before each test the worker writes, synchronously, which test it starts
 * and when; the watchdog in the main process reads these files. Real time is
 * used here on purpose: the watchdog guards the machine, not the model.
 *
 * Each test run keeps its heartbeats in a directory of its own, named by the
 * pid of the process that runs vitest (the watchdog's process), so two runs
 * in one checkout (`npm run watch` beside `npm test`, or `npm run verify`)
 * never read or clear each other's.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isMainThread, threadId } from "node:worker_threads";
import { ROOT, STATE_DIR } from "./state.ts";

/**
 * Where heartbeats go: `.katas-state/heartbeat`, or, when that cannot be
 * written (a folder left by `sudo npm test`, a read-only checkout), a folder
 * of this user's in the system's temporary directory. The main process
 * chooses and passes its choice to the workers in `KATAS_HEARTBEAT_DIR`.
 */
export function chooseHeartbeatDir(stateDir = STATE_DIR): string {
  const preferred = path.join(stateDir, "heartbeat");
  try {
    fs.mkdirSync(preferred, { recursive: true });
    fs.accessSync(preferred, fs.constants.W_OK);
    return preferred;
  } catch {
    // node:crypto is loaded only here, on this rare path: every test worker imports this module.
    const tag = process.getBuiltinModule("node:crypto").createHash("sha1").update(ROOT).digest("hex").slice(0, 10);
    return path.join(os.tmpdir(), `dioxus-katas-${process.getuid?.() ?? "user"}`, tag, "heartbeat");
  }
}

export const HEARTBEAT_DIR = process.env.KATAS_HEARTBEAT_DIR ?? chooseHeartbeatDir();
process.env.KATAS_HEARTBEAT_DIR = HEARTBEAT_DIR;

export interface Heartbeat {
  file: string;
  test: string;
  since: number;
}

/** The heartbeat directory of the run whose main process has this pid. */
function runDir(runner: number): string {
  return path.join(HEARTBEAT_DIR, String(runner));
}

/**
 * The pid of the process running vitest, seen from a test worker: a worker
 * thread shares its pid; a forked worker is its child.
 */
export function runnerPid(): number {
  return isMainThread ? process.ppid : process.pid;
}

function heartbeatFile(): string {
  return path.join(runDir(runnerPid()), `${process.pid}-${threadId}.json`);
}

/**
 * Records that a test starts. Never throws: a heartbeat that cannot be written
 * costs the watchdog its view of this test, never the test its result.
 */
export function beat(file: string, test: string): void {
  try {
    fs.mkdirSync(runDir(runnerPid()), { recursive: true });
    const hb: Heartbeat = { file, test, since: Date.now() };
    fs.writeFileSync(heartbeatFile(), JSON.stringify(hb));
  } catch {
    // see above
  }
}

/**
 * Records this worker's pid, once per worker (setup.ts calls it): a worker
 * in a process of its own (the forks pool) outlives the main process, so the
 * watchdog must end it itself before it stops the run (`workerPids`).
 */
export function registerWorker(): void {
  try {
    const dir = path.join(runDir(runnerPid()), "workers");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, String(process.pid)), "");
  } catch {
    // see beat()
  }
}

/** The pids of the workers of a run (by default this process's) that registered. */
export function workerPids(runner = process.pid): number[] {
  try {
    return fs
      .readdirSync(path.join(runDir(runner), "workers"))
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .filter((pid) => pid !== process.pid);
  } catch {
    return [];
  }
}

export function rest(): void {
  try {
    fs.rmSync(heartbeatFile(), { force: true });
  } catch {
    // see beat()
  }
}

/** The heartbeats of a run (by default this process's: the watchdog calls it in the main process). */
export function readHeartbeats(runner = process.pid): Heartbeat[] {
  const dir = runDir(runner);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: Heartbeat[] = [];
  for (const n of names) {
    try {
      out.push(JSON.parse(fs.readFileSync(path.join(dir, n), "utf8")) as Heartbeat);
    } catch {
      // A file being rewritten right now: the next look will read it.
    }
  }
  return out;
}

/**
 * Clears a run's heartbeats (by default this process's run), and those left
 * by runs whose process is gone (a run that was killed); other live runs
 * keep theirs.
 */
export function clearHeartbeats(runner = process.pid): void {
  try {
    fs.rmSync(runDir(runner), { recursive: true, force: true });
  } catch {
    // not ours to remove: nothing to clear
  }
  let runs: string[];
  try {
    runs = fs.readdirSync(HEARTBEAT_DIR);
  } catch {
    return;
  }
  for (const run of runs) {
    try {
      if (/^\d+$/.test(run) && !alive(Number(run)))
        fs.rmSync(path.join(HEARTBEAT_DIR, run), { recursive: true, force: true });
    } catch {
      // left for a later run
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
