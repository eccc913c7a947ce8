/**
 * Which hint the board shows, and when a new one is spent.
 *
 * Each hint in katas.ts names the properties it is for (fragments of their
 * sentences). The board shows a hint for the current kata's FIRST FAILING
 * property: the first of that property's hints the first time, then the
 * next one only when the learner has tried something, that is when
 *   - the kata file changed since the last hint was shown (a content hash),
 *   - and the kata still fails,
 *   - in a run that counts: not a replay (`KATA_SEED`), not a `-t` filter.
 * A run of an untouched stub ("not started") records nothing, and a watch
 * re-run of an unchanged file spends nothing. What was shown is kept in
 * `.katas-state/hints.json` (`npm run hint -- NN` lists it).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type { KataResult } from "./board.ts";
import type { Hint, Kata } from "./katas.ts";
import { isRecord } from "./state.ts";

/** What the harness remembers about one kata's hints. */
export interface HintState {
  /** Indices (into kata.hints) of the hints shown so far, in the order they were shown. */
  readonly shown: readonly number[];
  /** The content hash of the kata file when the last hint was shown. */
  readonly hash?: string | undefined;
}

export type HintBook = Record<string, HintState>;

export const isHintBook = (v: unknown): v is HintBook =>
  isRecord(v) &&
  Object.values(v).every(
    (e) =>
      isRecord(e) &&
      Array.isArray(e.shown) &&
      e.shown.every((i) => Number.isInteger(i) && i >= 0) &&
      (e.hash === undefined || typeof e.hash === "string"),
  );

/** The hint the board shows for the current kata. */
export interface ShownHint {
  readonly text: string;
  /** Its place among the hints of `sentence` (1-based), and how many there are. */
  readonly position: number;
  readonly of: number;
  /** The property it is shown for (the first failing one), when there is one. */
  readonly sentence?: string | undefined;
  /** Whether this run spent it (it had not been shown before). */
  readonly spent: boolean;
}

/** True when a hint is for this sentence: one of its keys is a fragment of it. */
export function hintMatches(hint: Hint, sentence: string): boolean {
  return hint.for.some((key) => sentence.includes(key));
}

/** The indices of the kata's hints for this sentence, in order; all of them if none names it. */
export function hintsForSentence(kata: Kata, sentence: string | undefined): number[] {
  const all = kata.hints.map((_, i) => i);
  if (sentence === undefined) return all;
  const mine = all.filter((i) => hintMatches(kata.hints[i]!, sentence));
  return mine.length > 0 ? mine : all;
}

/** The content hash of a kata file, or undefined when it cannot be read. */
export function fileHash(file: string): string | undefined {
  try {
    return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 16);
  } catch {
    return undefined;
  }
}

export interface HintChoice {
  readonly hint: ShownHint | undefined;
  /** The kata's state after this run (unchanged when nothing was spent). */
  readonly state: HintState;
}

/**
 * Picks the hint for the current kata.
 * `counts`: this run may spend a hint (not a replay, not a filtered rerun).
 * `hash`: the kata file's content hash now.
 */
export function chooseHint(
  current: KataResult,
  before: HintState | undefined,
  hash: string | undefined,
  counts: boolean,
): HintChoice {
  const kata = current.kata;
  const state: HintState = before ?? { shown: [] };
  if (kata.hints.length === 0) return { hint: undefined, state };
  const notStarted =
    current.properties.length > 0 && current.properties.every((p) => p.failure?.status === "not-started");
  const firstFailing = current.properties.find((p) => !p.passed);
  const sentence = notStarted ? current.properties[0]?.sentence : firstFailing?.sentence;
  const candidates = hintsForSentence(kata, sentence);
  const seen = candidates.map((i, pos) => (state.shown.includes(i) ? pos : -1)).filter((pos) => pos >= 0);
  const lastSeen = seen.length > 0 ? Math.max(...seen) : -1;

  // An untouched stub or a test file that does not load: show, record nothing.
  const mayRecord = counts && !notStarted && current.loadErrors.length === 0 && firstFailing !== undefined;
  let pos: number;
  let spent = false;
  if (lastSeen < 0) {
    pos = 0;
    spent = mayRecord;
  } else if (mayRecord && hash !== undefined && hash !== state.hash && lastSeen + 1 < candidates.length) {
    pos = lastSeen + 1;
    spent = true;
  } else {
    pos = lastSeen;
  }
  const index = candidates[pos]!;
  const next: HintState = spent ? { shown: [...state.shown.filter((i) => i !== index), index], hash } : state;
  return {
    hint: { text: kata.hints[index]!.text, position: pos + 1, of: candidates.length, sentence, spent },
    state: next,
  };
}
