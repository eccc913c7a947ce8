/**
 * The benchmarks' own vitest config: `npm run bench` uses it instead of the
 * root vitest.config.ts, whose test projects (runtime, harness, katas,
 * solutions) would each run every bench file again, several at once on a
 * 2-core machine, and whose kata watchdog and setup files are for tests.
 *
 * One forked worker, one file at a time: nothing else runs while a
 * benchmark is timed.
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: path.resolve(import.meta.dirname, "../.."),
  test: {
    pool: "forks",
    fileParallelism: false,
    maxWorkers: 1,
    include: [],
    benchmark: { include: ["test/bench/**/*.bench.ts"] },
  },
});
