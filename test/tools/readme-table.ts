/**
 * Prints the workshop table for README.md from the kata list, so the two
 * never drift apart: `npx tsx test/tools/readme-table.ts`.
 */
import { KATAS } from "../support/katas.ts";

for (const k of KATAS) {
  const teaches = k.teaches.split(/(?<=[.;])\s/)[0]!.replace(/\|/g, "\\|");
  console.log(`| ${k.id.slice(0, 2)} [${k.title}](katas/${k.id}.ts) | ${teaches} | ${k.minutes} |`);
}
