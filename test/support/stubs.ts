/**
 * The pristine kata stubs: a copy of every katas/NN-slug.ts as the project
 * ships it, in test/tools/stubs/NN-slug.ts.stub (not .ts, so that nothing
 * compiles or imports them). `npm run reset -- NN` takes the stub from here,
 * whatever the learner has changed or committed in katas/. `npm run readme`
 * refreshes the copies from katas/; a harness test fails when they differ.
 */
import fs from "node:fs";
import path from "node:path";
import { KATAS } from "./katas.ts";
import { ROOT } from "./state.ts";

export const STUB_DIR = path.join(ROOT, "test/tools/stubs");

export const KATA_DIR = path.join(ROOT, "katas");
export const stubFile = (id: string, stubDir = STUB_DIR) => path.join(stubDir, `${id}.ts.stub`);
export const kataFile = (id: string, kataDir = KATA_DIR) => path.join(kataDir, `${id}.ts`);

/** The pristine stub of a kata, or undefined when no copy is stored. */
export function storedStub(id: string, stubDir = STUB_DIR): string | undefined {
  try {
    return fs.readFileSync(stubFile(id, stubDir), "utf8");
  } catch {
    return undefined;
  }
}

/** Copies every kata file in katas/ to its stored stub; returns the ids whose copy changed. */
export function syncStubs(): string[] {
  fs.mkdirSync(STUB_DIR, { recursive: true });
  const changed: string[] = [];
  for (const k of KATAS) {
    const text = fs.readFileSync(kataFile(k.id), "utf8");
    if (storedStub(k.id) !== text) {
      fs.writeFileSync(stubFile(k.id), text);
      changed.push(k.id);
    }
  }
  return changed;
}
