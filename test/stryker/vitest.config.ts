import path from "node:path";
import { defineConfig } from "vitest/config";

// The vitest config for mutation testing (`npm run mutate`): one kata's
// tests against its solution, which Stryker mutates. STRYKER_KATA names the
// kata ("01-lazy-futures"); test/tools/mutate.ts sets it.
const root = path.resolve(import.meta.dirname, "../..");
const kata = process.env.STRYKER_KATA ?? "01-lazy-futures";

export default defineConfig({
  root,
  resolve: { alias: [{ find: /^#kata\/(.*)$/, replacement: path.join(root, "solutions", "$1.ts") }] },
  test: {
    include: [`test/${kata}.test.ts`],
    setupFiles: ["test/support/setup.ts"],
    pool: "threads",
  },
});
