/**
 * Runs in every test worker before each test file: records a heartbeat
 * around every test for the watchdog (see heartbeat.ts), and fixes
 * fast-check's seed so that every run of the suite is the same.
 */
import { afterEach, beforeEach } from "vitest";
import path from "node:path";
import fc from "fast-check";
import { beat, registerWorker, rest } from "./heartbeat.ts";

const root = path.resolve(import.meta.dirname, "../..");

// Before the test file is imported: a kata stuck while it loads is in a worker the watchdog can find.
registerWorker();

beforeEach((ctx) => {
  beat(path.relative(root, ctx.task.file.filepath), ctx.task.name);
});

afterEach(() => {
  rest();
});

// Every property runs with a fixed seed, so a test run is the same every time
// (kata properties pass their own per-property seed). FC_SEED picks another
// seed; FC_EXPLORE=1 lets fast-check draw a fresh one, for maintainers hunting
// new counterexamples.
if (process.env.FC_EXPLORE !== "1") {
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(process.env.FC_SEED ?? 20261130) });
}
