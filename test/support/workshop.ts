/**
 * The instructors' part of README.md, made from the repository itself so it
 * never drifts: the kata table (from the kata list) and, per kata, the
 * misconceptions its mutants encode (from each mutant's opening comment,
 * `Misconception: "…"`).
 */
import fs from "node:fs";
import path from "node:path";
import { KATAS } from "./katas.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** The table of katas: number, title, what it teaches, minutes. */
export function workshopTable(): string {
  const rows = KATAS.map(
    (k) =>
      `| ${k.id.slice(0, 2)} | [${k.title}](katas/${k.id}.ts) | ${k.teaches.replace(/\|/g, "\\|")} | ${k.minutes} |`,
  );
  return ["| # | kata | what it teaches | minutes |", "|---|---|---|---|", ...rows].join("\n");
}

/** The belief a mutant encodes, as its opening comment quotes it, or undefined. */
export function misconceptionOf(source: string): string | undefined {
  const comment = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1];
  if (comment === undefined) return undefined;
  const text = comment
    .replace(/^\s*\* ?/gm, "")
    .replace(/\s+/g, " ")
    .trim();
  return /Misconception[^:]*:\s*"([^"]+)"/.exec(text)?.[1];
}

/** Per kata, the beliefs its mutants encode, with the mutant's file name. */
export function misconceptionList(): string {
  const out: string[] = [];
  for (const k of KATAS) {
    const dir = path.join(root, "test/mutants", k.id);
    if (!fs.existsSync(dir)) continue;
    out.push(`**${k.id.slice(0, 2)} ${k.title}**`, "");
    for (const f of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith(".ts"))
      .sort()) {
      const belief = misconceptionOf(fs.readFileSync(path.join(dir, f), "utf8"));
      out.push(`- "${belief ?? "(no quoted misconception)"}" (\`${f.replace(/\.ts$/, "")}\`)`);
    }
    out.push("");
  }
  return out.join("\n").trimEnd();
}

/** README.md with both generated parts rewritten between their markers. */
export function withWorkshopParts(readme: string): string {
  return readme
    .replace(/(<!-- katas:start -->\n)[\s\S]*?(\n<!-- katas:end -->)/, `$1${workshopTable()}$2`)
    .replace(/(<!-- misconceptions:start -->\n)[\s\S]*?(\n<!-- misconceptions:end -->)/, `$1${misconceptionList()}$2`);
}
