/**
 * Misconception: "moving the work off the main thread is all it takes".
 * One thread that scores every document keeps the UI responsive, but it is
 * still one core doing all the work in turn: the results take the sum of
 * the costs while the other cores sit idle. Independent pieces of work
 * should be independent jobs, so they can run side by side.
 */
import { spawnThread, type Future } from "../../../runtime/index.ts";
import { score, scoreCost, type Doc } from "../../../solutions/08-concurrency-vs-parallelism.ts";
import { screenUsing } from "./support/screen.ts";
export * from "../../../solutions/08-concurrency-vs-parallelism.ts";

export function scoreAll(query: string, docs: readonly Doc[]): Future<number[]> {
  const total = docs.reduce((sum, doc) => sum + scoreCost(query, doc), 0);
  return spawnThread(() => docs.map((doc) => score(query, doc)), { costMs: total, label: "score everything" });
}

export const SearchScreen = screenUsing(scoreAll);
