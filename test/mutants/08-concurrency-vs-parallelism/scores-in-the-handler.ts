/**
 * Misconception: "scoring is plain synchronous code, so it can run right in
 * the handler: there is nothing to await". The handler runs on the main
 * thread, and while it scores, the app is frozen: the next keystroke waits
 * for the whole cost, and "Scoring …" is never drawn. Synchronous is not
 * the same as quick; expensive work goes to a thread.
 */
import { blockFor, div, input, li, p, ul, useSignal, type Child } from "../../../runtime/index.ts";
import {
  resultLines,
  resultsFor,
  score,
  scoreCost,
  scoring,
  START,
  type Doc,
} from "../../../solutions/08-concurrency-vs-parallelism.ts";
export * from "../../../solutions/08-concurrency-vs-parallelism.ts";

export function SearchScreen({ docs }: { docs: readonly Doc[] }): Child {
  const status = useSignal(() => START, "status");
  const results = useSignal<string[]>(() => [], "results");
  return div(
    input({
      oninput: (e) => {
        const query = e.value;
        status.set(scoring(query));
        const scores = docs.map((doc) => {
          blockFor(scoreCost(query, doc), `score ${doc.title}`);
          return score(query, doc);
        });
        results.set(resultLines(docs, scores));
        status.set(resultsFor(query));
      },
    }),
    p({ role: "status" }, status()),
    ul(results().map((line) => li(line))),
  );
}
