/**
 * Misconception: "each job is on a thread, so they run in parallel". Here
 * each job is started only after the previous one finished (spawn, await,
 * spawn, await): the main thread stays free, but only one job ever runs at
 * a time and the results take the sum of the costs. Start every job first,
 * then await them: a thread runs from the moment it is spawned.
 */
import { future, spawnThread, type Future } from "../../../runtime/index.ts";
import { score, scoreCost, type Doc } from "../../../solutions/08-concurrency-vs-parallelism.ts";
import { screenUsing } from "./support/screen.ts";
export * from "../../../solutions/08-concurrency-vs-parallelism.ts";

export function scoreAll(query: string, docs: readonly Doc[]): Future<number[]> {
  return future(function* () {
    const scores: number[] = [];
    for (const doc of docs) {
      scores.push(
        yield* spawnThread(() => score(query, doc), { costMs: scoreCost(query, doc), label: `score ${doc.title}` }),
      );
    }
    return scores;
  });
}

export const SearchScreen = screenUsing(scoreAll);
