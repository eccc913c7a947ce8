/**
 * Rewrites the workshop table in README.md from the kata list
 * (test/support/katas.ts), so the two never drift apart:
 * `npx tsx test/tools/readme-table.ts`. A harness test fails when they differ.
 */
import fs from "node:fs";
import path from "node:path";
import { workshopTable } from "../support/katas.ts";

const file = path.resolve(import.meta.dirname, "../../README.md");
const readme = fs.readFileSync(file, "utf8");
const updated = readme.replace(/(<!-- katas:start -->\n)[\s\S]*?(\n<!-- katas:end -->)/, `$1${workshopTable()}$2`);
fs.writeFileSync(file, updated);
console.log(updated === readme ? "README.md's kata table was already up to date." : "README.md's kata table updated.");
