/**
 * Misconception: "keeping the previous results up while the new ones are
 * scored is friendlier". Under a status line that says the new query is
 * being scored, the list still ranks the documents for the OLD query: the
 * user reads stale results as the answer to what they just typed. Clear
 * the list when a new query starts (or label it with its own query).
 */
import { div, future, input, li, p, spawn, ul, useSignal, type Child, type Task } from "../../../runtime/index.ts";
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
  const task = useSignal<Task | undefined>(() => undefined, "task");
  return div(
    input({
      oninput: (e) => {
        const query = e.value;
        task.peek()?.cancel();
        status.set(scoring(query));
        task.set(
          spawn(
            future(function* () {
              const scores = yield* scoreAll(query, docs);
              results.set(resultLines(docs, scores));
              status.set(resultsFor(query));
            }),
          ),
        );
      },
    }),
    p({ role: "status" }, status()),
    ul(results().map((line) => li(line))),
  );
}
