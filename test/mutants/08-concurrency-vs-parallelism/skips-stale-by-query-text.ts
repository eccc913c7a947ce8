/**
 * Misconception: "an answer is stale when its query is no longer the one
 * in the box", so every scoring runs to its end and checks the text before
 * showing anything. Two typings of the same text (type "ab", then "abc",
 * then backspace) cannot be told apart that way: the older scoring lands
 * first and shows its results while the latest one is still running. What
 * identifies the latest request is its Task: cancel the older one.
 */
import { div, future, input, li, p, spawn, ul, useSignal, type Child } from "../../../runtime/index.ts";
import {
  resultLines,
  resultsFor,
  scoreAll,
  scoring,
  START,
  type Doc,
} from "../../../solutions/08-concurrency-vs-parallelism.ts";
export * from "../../../solutions/08-concurrency-vs-parallelism.ts";

export function SearchScreen({ docs }: { docs: readonly Doc[] }): Child {
  const status = useSignal(() => START, "status");
  const results = useSignal<string[]>(() => [], "results");
  const latest = useSignal<string | undefined>(() => undefined, "latest");
  return div(
    input({
      oninput: (e) => {
        const query = e.value;
        latest.set(query);
        status.set(scoring(query));
        results.set([]);
        spawn(
          future(function* () {
            const scores = yield* scoreAll(query, docs);
            if (latest.peek() !== query) return;
            results.set(resultLines(docs, scores));
            status.set(resultsFor(query));
          }),
        );
      },
    }),
    p({ role: "status" }, status()),
    ul(results().map((line) => li(line))),
  );
}
