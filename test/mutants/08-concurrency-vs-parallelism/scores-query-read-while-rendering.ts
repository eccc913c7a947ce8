/**
 * Misconception: "a signal read in the component body is the current value
 * inside the handler". The handler is a closure from the last render: the
 * query it read then is the PREVIOUS one. Every job starts, in parallel,
 * and the results arrive on time, but they are the scores of an older
 * query. Use the event's value (or read the signal inside the handler).
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
  const query = useSignal(() => "", "query");
  const status = useSignal(() => START, "status");
  const results = useSignal<string[]>(() => [], "results");
  const task = useSignal<Task | undefined>(() => undefined, "task");
  const current = query(); // read while rendering
  return div(
    input({
      oninput: (e) => {
        query.set(e.value);
        task.peek()?.cancel();
        status.set(scoring(e.value));
        results.set([]);
        task.set(
          spawn(
            future(function* () {
              const scores = yield* scoreAll(current, docs);
              results.set(resultLines(docs, scores));
              status.set(resultsFor(e.value));
            }),
          ),
        );
      },
    }),
    p({ role: "status" }, status()),
    ul(results().map((line) => li(line))),
  );
}
