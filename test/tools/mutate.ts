/**
 * `npm run mutate [-- NN …]`: mutation testing of the kata tests, for
 * maintainers. StrykerJS changes one thing at a time in `solutions/NN-*.ts`
 * (a condition flipped, a call removed, a string emptied…) and runs that
 * kata's tests against each changed solution. A change the tests notice is
 * "killed"; one they do not notice "survived": either a wrong answer the
 * properties let through (write a better property) or a change that makes no
 * difference a learner could see (mark it in the solution with
 * `// Stryker disable next-line <mutator>: <why it is equivalent>`).
 *
 * The score printed per kata is Stryker's: (killed + timed out) / (killed +
 * timed out + survived + not covered); disabled (equivalent) mutants do not
 * count. The target is 90% or more for every kata.
 *
 * Slow (seconds to a minute per kata), so it is not part of `npm run verify`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { KATAS } from "../support/katas.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const TARGET = 90;

interface MutantResult {
  mutatorName: string;
  status: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}

const wanted = process.argv.slice(2);
const katas = wanted.length === 0 ? KATAS : KATAS.filter((k) => wanted.some((w) => k.id.startsWith(w)));
if (katas.length === 0) {
  console.error(`No kata matches ${wanted.join(", ")}: give its number, e.g. npm run mutate -- 03`);
  process.exit(2);
}

const rows: string[] = [];
let below = 0;
for (const kata of katas) {
  const report = path.join(root, "reports/mutation", `${kata.id}.json`);
  fs.rmSync(report, { force: true });
  console.log(`\n── mutating solutions/${kata.id}.ts ──`);
  const run = spawnSync(path.join(root, "node_modules/.bin/stryker"), ["run", "test/stryker/stryker.config.mjs"], {
    cwd: root,
    env: { ...process.env, STRYKER_KATA: kata.id, FORCE_COLOR: "0" },
    encoding: "utf8",
  });
  if (!fs.existsSync(report)) {
    console.log(`${run.stdout}${run.stderr}`);
    rows.push(`${kata.id.padEnd(34)} Stryker did not finish (output above)`);
    below++;
    continue;
  }
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as { files: Record<string, { mutants: MutantResult[] }> };
  const mutants = Object.values(json.files).flatMap((f) => f.mutants);
  const count = (s: string) => mutants.filter((m) => m.status === s).length;
  const killed = count("Killed") + count("Timeout");
  const survived = mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage");
  const ignored = count("Ignored");
  const valid = killed + survived.length;
  const score = valid === 0 ? 100 : (100 * killed) / valid;
  if (score < TARGET) below++;
  for (const m of survived) {
    console.log(
      `  survived: solutions/${kata.id}.ts:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? "")}`,
    );
  }
  rows.push(
    `${kata.id.padEnd(34)} ${score.toFixed(1).padStart(5)}%  killed ${String(killed).padStart(3)}  survived ${String(survived.length).padStart(3)}  equivalent (disabled) ${ignored}`,
  );
}

console.log(`\n── mutation score per kata (target ≥ ${TARGET}%) ──`);
for (const r of rows) console.log(r);
process.exit(below === 0 ? 0 : 1);
