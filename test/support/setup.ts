/**
 * Runs in every test worker before each test file: records a heartbeat
 * around every test for the watchdog (see heartbeat.ts).
 */
import { afterEach, beforeEach } from "vitest";
import path from "node:path";
import { beat, rest } from "./heartbeat.ts";

const root = path.resolve(import.meta.dirname, "../..");

beforeEach((ctx) => {
  beat(path.relative(root, ctx.task.file.filepath), ctx.task.name);
});

afterEach(() => {
  rest();
});
