/**
 * `npm run reset -- 04`: puts kata 04's pristine stub back, keeping the
 * learner's version beside it (katas/04-….ts.bak1, .bak2, … never
 * overwritten). The stub comes from the stored copy in test/tools/stubs/,
 * so it is the original whatever the learner changed or committed. The
 * kata's hints are forgotten too (.katas-state/hints.json), so it starts over
 * at its first hint. Every outcome is one line; nothing is changed unless the
 * line says so.
 */
import fs from "node:fs";
import path from "node:path";
import { isHintBook } from "../support/hints.ts";
import { KATAS } from "../support/katas.ts";
import { readState, STATE_DIR, writeState } from "../support/state.ts";
import { kataFile, storedStub } from "../support/stubs.ts";

export interface ResetOutcome {
  code: number;
  line: string;
}

/** Where reset reads and writes (the harness's tests use folders of their own). */
export interface ResetDirs {
  kataDir?: string;
  stubDir?: string;
  stateDir?: string;
}

/** Forgets the hints a kata has shown; true if there were any. */
function forgetHints(id: string, stateDir: string): boolean {
  const file = path.join(stateDir, "hints.json");
  const book = readState(file, isHintBook).value;
  if (book?.[id] === undefined || book[id].shown.length === 0) return false;
  const { [id]: _forgotten, ...rest } = book;
  return writeState(file, rest) === undefined;
}

export function reset(which: string | undefined, dirs: ResetDirs = {}): ResetOutcome {
  const range = `${KATAS[0]!.id.slice(0, 2)} to ${KATAS.at(-1)!.id.slice(0, 2)}`;
  if (which === undefined || which.trim() === "") {
    return {
      code: 2,
      line: `Which kata? Give its number, e.g. npm run reset -- 04 (katas ${range}). Nothing was changed.`,
    };
  }
  const kata = KATAS.find(
    (k) => k.id === which || (/^\d{1,2}$/.test(which) && k.id.startsWith(`${which.padStart(2, "0")}-`)),
  );
  if (kata === undefined) {
    return {
      code: 2,
      line: `There is no kata "${which}": give a number from ${range}, e.g. npm run reset -- 04. Nothing was changed.`,
    };
  }
  const rel = `katas/${kata.id}.ts`;
  const stub = storedStub(kata.id, dirs.stubDir);
  if (stub === undefined)
    return {
      code: 1,
      line: `The original of ${rel} is missing from test/tools/stubs/: is this a complete clone? Nothing was changed.`,
    };
  const file = kataFile(kata.id, dirs.kataDir);
  const forgot = forgetHints(kata.id, dirs.stateDir ?? STATE_DIR) ? " Its hints start again from the first." : "";
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === stub) {
    return { code: 0, line: `${rel} is already the original stub: nothing was changed.${forgot}` };
  }
  let n = 1;
  while (fs.existsSync(`${file}.bak${n}`)) n++;
  if (fs.existsSync(file)) fs.renameSync(file, `${file}.bak${n}`);
  fs.writeFileSync(file, stub);
  return {
    code: 0,
    line: `${fs.existsSync(`${file}.bak${n}`) ? `${rel} is the original stub again; your version is in ${rel}.bak${n}.` : `${rel} was missing; it is the original stub again.`}${forgot}`,
  };
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const outcome = reset(process.argv[2]);
  (outcome.code === 0 ? console.log : console.error)(outcome.line);
  process.exitCode = outcome.code;
}
