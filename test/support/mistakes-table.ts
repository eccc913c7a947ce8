/**
 * The maintainers' table of learner mistakes in README.md, made from the
 * catalogue (test/harness/fixtures/mistakes.ts) so that it never drifts:
 * each mistake, the kata file that carries it, and the first thing the
 * learner sees. `npm run verify` checks that each run really shows it.
 */
import { MISTAKES } from "../harness/fixtures/mistakes.ts";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function mistakesTable(): string {
  const rows = MISTAKES.map((m) => {
    const file = m.file ?? `test/harness/fixtures/mistakes/${m.kata}/${m.name}.ts`;
    return `| ${cell(m.title)} | [${m.kata.slice(0, 2)} ${m.name}](${file}) | ${cell(m.shows[0])} |`;
  });
  return ["| mistake | fixture | what the learner sees first |", "|---|---|---|", ...rows].join("\n");
}

/** README.md with the table rewritten between its markers. */
export function withMistakesTable(readme: string): string {
  return readme.replace(/(<!-- mistakes:start -->\n)[\s\S]*?(\n<!-- mistakes:end -->)/, `$1${mistakesTable()}$2`);
}
