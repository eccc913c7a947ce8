/**
 * `npm run readme`: rewrites the generated parts of README.md (the workshop's
 * kata table, the misconceptions per kata, the maintainers' table of learner
 * mistakes) from the repository, and
 * refreshes the stored pristine stubs (test/tools/stubs/) from katas/.
 * Harness tests fail when README.md or the stored stubs and the repository
 * disagree.
 */
import fs from "node:fs";
import path from "node:path";
import { syncStubs } from "../support/stubs.ts";
import { withMistakesTable } from "../support/mistakes-table.ts";
import { withWorkshopParts } from "../support/workshop.ts";

const file = path.resolve(import.meta.dirname, "../../README.md");
const readme = fs.readFileSync(file, "utf8");
const updated = withMistakesTable(withWorkshopParts(readme));
fs.writeFileSync(file, updated);
console.log(updated === readme ? "README.md was already up to date." : "README.md's generated parts were updated.");
const stubs = syncStubs();
console.log(
  stubs.length === 0
    ? "The stored stubs were already up to date."
    : `Stored stubs refreshed from katas/: ${stubs.join(", ")}.`,
);
