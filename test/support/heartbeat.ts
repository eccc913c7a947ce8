/**
 * Heartbeats: how the watchdog knows which test is running.
 *
 * A synchronous endless loop in kata code blocks its worker thread for ever,
 * and vitest cannot interrupt it (its test timeout needs the event loop). So
 * before each test the worker writes, synchronously, which test it starts
 * and when; the watchdog in the main process reads these files. Real time is
 * used here on purpose: the watchdog guards the machine, not the model.
 */
import fs from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";

export const STATE_DIR = path.resolve(import.meta.dirname, "../../.katas-state");
export const HEARTBEAT_DIR = path.join(STATE_DIR, "heartbeat");

export interface Heartbeat {
  file: string;
  test: string;
  since: number;
}

function heartbeatFile(): string {
  return path.join(HEARTBEAT_DIR, `${process.pid}-${threadId}.json`);
}

export function beat(file: string, test: string): void {
  fs.mkdirSync(HEARTBEAT_DIR, { recursive: true });
  const hb: Heartbeat = { file, test, since: Date.now() };
  fs.writeFileSync(heartbeatFile(), JSON.stringify(hb));
}

export function rest(): void {
  fs.rmSync(heartbeatFile(), { force: true });
}

export function readHeartbeats(): Heartbeat[] {
  let names: string[];
  try {
    names = fs.readdirSync(HEARTBEAT_DIR);
  } catch {
    return [];
  }
  const out: Heartbeat[] = [];
  for (const n of names) {
    try {
      out.push(JSON.parse(fs.readFileSync(path.join(HEARTBEAT_DIR, n), "utf8")) as Heartbeat);
    } catch {
      // A file being rewritten right now: the next look will read it.
    }
  }
  return out;
}

export function clearHeartbeats(): void {
  fs.rmSync(HEARTBEAT_DIR, { recursive: true, force: true });
}
