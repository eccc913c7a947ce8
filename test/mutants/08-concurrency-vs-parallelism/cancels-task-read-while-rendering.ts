/**
 * Misconception: "the task read in the component body is the one running
 * now". The handler cancels the task it saw at the last render. Two
 * queries typed in the same instant (a paste, a fast typist) come before
 * any re-render: the second keystroke cancels the task from before the
 * first one, and the first query's scoring runs on, so its results can land
 * after the latest query's and overwrite them. Read the current task inside
 * the handler (task.peek()).
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
  const running = task(); // read while rendering
  return div(
    input({
      oninput: (e) => {
        const query = e.value;
        running?.cancel();
        status.set(scoring(query));
        results.set([]);
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
