/**
 * Rewrites the generated parts of README.md (the workshop's kata table and
 * the misconceptions per kata) from the repository: `npm run readme`.
 * A harness test fails when README.md and the repository disagree.
 */
import fs from "node:fs";
import path from "node:path";
import { withWorkshopParts } from "../support/workshop.ts";

const file = path.resolve(import.meta.dirname, "../../README.md");
const readme = fs.readFileSync(file, "utf8");
const updated = withWorkshopParts(readme);
fs.writeFileSync(file, updated);
console.log(updated === readme ? "README.md was already up to date." : "README.md's generated parts were updated.");
