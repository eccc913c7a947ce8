// StrykerJS for one kata at a time: test/tools/mutate.ts runs it with
// STRYKER_KATA set and `--mutate solutions/<kata>.ts`.
import { fileURLToPath } from "node:url";

const kata = process.env.STRYKER_KATA ?? "01-lazy-futures";

export default {
  testRunner: "vitest",
  vitest: { configFile: "test/stryker/vitest.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner", fileURLToPath(new URL("./trace-labels.mjs", import.meta.url))],
  // Names given to signals, guards and tasks only label the trace: see trace-labels.mjs.
  ignorers: ["trace-labels"],
  mutate: [`solutions/${kata}.ts`],
  coverageAnalysis: "perTest",
  reporters: ["clear-text", "json"],
  jsonReporter: { fileName: `reports/mutation/${kata}.json` },
  concurrency: 2,
  // TypeScript 7 has no JavaScript compiler API, which Stryker's tsconfig rewriting
  // needs: point it at no file (the sandbox keeps the project's layout).
  tsconfigFile: "test/stryker/no-tsconfig.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  timeoutMS: 10000,
  thresholds: { high: 95, low: 90, break: null },
};
