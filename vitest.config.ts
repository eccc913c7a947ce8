import { defineConfig } from "vitest/config";

// One config for every way the tests run: `npm test`, `npm run verify`,
// `npm run watch`, `npx vitest --ui`. Modules are shared between test files
// (isolate: false) for speed, which is safe because nothing in runtime/ or
// test/ keeps module-level mutable state.
export default defineConfig({
  test: {
    pool: "threads",
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: "runtime",
          include: ["test/runtime/**/*.test.ts"],
        },
      },
    ],
    benchmark: {
      include: ["test/bench/**/*.bench.ts"],
    },
  },
});
