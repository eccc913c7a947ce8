/**
 * Misconception: "every await gives the thread back, so an await between
 * two pieces of CPU work keeps the app responsive". Only an await that
 * returns Pending does: awaiting something already ready (here `ready()`,
 * in JavaScript `await Promise.resolve()`) runs straight on, so the whole
 * scoring still runs in one turn of the main thread and every keystroke
 * waits for it. Expensive work goes to a thread.
 */
import { blockFor, future, ready, type Future } from "../../../runtime/index.ts";
import { score, scoreCost, type Doc } from "../../../solutions/08-concurrency-vs-parallelism.ts";
import { screenUsing } from "./support/screen.ts";
export * from "../../../solutions/08-concurrency-vs-parallelism.ts";

export function scoreAll(query: string, docs: readonly Doc[]): Future<number[]> {
  return future(function* () {
    const scores: number[] = [];
    for (const doc of docs) {
      blockFor(scoreCost(query, doc), `score ${doc.title}`);
      scores.push(score(query, doc));
      yield* ready(undefined); // "let the UI breathe"
    }
    return scores;
  });
}

export const SearchScreen = screenUsing(scoreAll);
