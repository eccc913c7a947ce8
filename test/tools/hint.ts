/**
 * `npm run hint -- 04`: the hints kata 04 has shown so far, in the order
 * they were shown, each with the properties it is for. Hints are spent by
 * `npm test` (test/support/hints.ts); this only reads `.katas-state/hints.json`.
 */
import path from "node:path";
import { isHintBook } from "../support/hints.ts";
import { KATAS, type Kata } from "../support/katas.ts";
import { readState, STATE_DIR } from "../support/state.ts";

export function findKata(which: string | undefined): Kata | undefined {
  if (which === undefined) return undefined;
  return KATAS.find(
    (k) => k.id === which || (/^\d{1,2}$/.test(which) && k.id.startsWith(`${which.padStart(2, "0")}-`)),
  );
}

export function hintReport(which: string | undefined, stateDir = STATE_DIR): { code: number; text: string } {
  const range = `${KATAS[0]!.id.slice(0, 2)} to ${KATAS.at(-1)!.id.slice(0, 2)}`;
  const kata = findKata(which);
  if (kata === undefined) {
    return { code: 2, text: `Which kata? Give its number, e.g. npm run hint -- 04 (katas ${range}).` };
  }
  const name = `kata ${kata.id.slice(0, 2)} ${kata.title}`;
  const read = readState(path.join(stateDir, "hints.json"), isHintBook);
  const shown = read.value?.[kata.id]?.shown.filter((i) => kata.hints[i] !== undefined) ?? [];
  const lines: string[] = [];
  if (read.problem) lines.push(`⚠ ${read.problem}: no hints are remembered.`);
  if (shown.length === 0) {
    lines.push(`No hints seen yet for ${name}: npm test shows the first one for the property that fails first.`);
  } else {
    lines.push(
      `${shown.length} hint${shown.length === 1 ? "" : "s"} seen for ${name} (of ${kata.hints.length}), in the order shown:`,
      "",
    );
    shown.forEach((i, n) => {
      const h = kata.hints[i]!;
      lines.push(
        `${n + 1}. ${h.text}`,
        `   for the properties that mention ${h.for.map((k) => `“${k}”`).join(" or ")}`,
        "",
      );
    });
  }
  lines.push(
    "A new hint is shown only when you have changed the kata file since the last one and the kata still fails.",
    `To start this kata over: npm run reset -- ${kata.id.slice(0, 2)} (the stub comes back and its hints are forgotten).`,
  );
  return { code: 0, text: lines.join("\n") };
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const { code, text } = hintReport(process.argv[2]);
  (code === 0 ? console.log : console.error)(text);
  process.exitCode = code;
}
