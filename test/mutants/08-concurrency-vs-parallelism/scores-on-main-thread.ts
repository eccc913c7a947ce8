/**
 * Misconception: "the scoring runs inside a spawned task, so it runs in the
 * background". A task lets others run only at an await that returns
 * Pending: CPU work between two awaits keeps the one main thread busy, and no keystroke, render or
 * other task gets a turn until it ends. The results are right, but the box
 * freezes for the whole cost of the scoring.
 */
import { blockFor, future, type Future } from "../../../runtime/index.ts";
import { score, scoreCost, type Doc } from "../../../solutions/08-concurrency-vs-parallelism.ts";
import { screenUsing } from "./support/screen.ts";
export * from "../../../solutions/08-concurrency-vs-parallelism.ts";

export function scoreAll(query: string, docs: readonly Doc[]): Future<number[]> {
  return future(function* () {
    return docs.map((doc) => {
      blockFor(scoreCost(query, doc), `score ${doc.title}`);
      return score(query, doc);
    });
  });
}

export const SearchScreen = screenUsing(scoreAll);
