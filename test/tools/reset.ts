/**
 * `npm run reset -- 04`: puts kata 04's stub back, keeping the learner's
 * version beside it (katas/04-….ts.bak1, .bak2, … never overwritten).
 *
 * The stub comes from git (the last commit that touched it), so a learner's
 * work is never lost: it is moved, not deleted.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { KATAS } from "../support/katas.ts";

const root = path.resolve(import.meta.dirname, "../..");
const which = process.argv[2];
const kata = KATAS.find((k) => which !== undefined && (k.id === which || k.id.startsWith(`${which.padStart(2, "0")}-`)));
if (kata === undefined) {
  console.error(`Which kata? Give its number, e.g. npm run reset -- 01. Katas: ${KATAS.map((k) => k.id).join(", ")}`);
  process.exit(2);
}
const file = path.join(root, "katas", `${kata.id}.ts`);
let stub: string;
try {
  stub = execFileSync("git", ["show", `HEAD:katas/${kata.id}.ts`], { cwd: root, encoding: "utf8" });
} catch {
  console.error(`Could not read the original katas/${kata.id}.ts from git. Is this a clone of the repository?`);
  process.exit(1);
}
if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === stub) {
  console.log(`katas/${kata.id}.ts is already the original stub: nothing to do.`);
  process.exit(0);
}
let n = 1;
while (fs.existsSync(`${file}.bak${n}`)) n++;
if (fs.existsSync(file)) fs.renameSync(file, `${file}.bak${n}`);
fs.writeFileSync(file, stub);
console.log(`katas/${kata.id}.ts is the original stub again; your version is in katas/${kata.id}.ts.bak${n}.`);
