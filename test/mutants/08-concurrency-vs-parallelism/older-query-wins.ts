/**
 * Misconception: "the latest query is typed last, so its results arrive
 * last". Scoring a longer query costs more: "pug" typed before "p" can
 * finish after it and overwrite the screen with results for a query the
 * user has already changed. Each keystroke starts a new scoring, and the
 * older one must be cancelled so its results never land.
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
  return div(
    input({
      oninput: (e) => {
        const query = e.value;
        status.set(scoring(query));
        results.set([]);
        spawn(
          future(function* () {
            const scores = yield* scoreAll(query, docs);
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
