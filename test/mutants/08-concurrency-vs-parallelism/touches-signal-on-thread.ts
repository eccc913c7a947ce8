/**
 * Misconception: "the thread can read the query from its signal, it is only
 * a read". A plain signal belongs to the main thread (in Rust a `Signal` is
 * !Send, so this does not even compile): reading it from a worker thread
 * would race with the main thread's writes. Read the value on the main
 * thread and give the thread plain data (state that threads truly share
 * would be a `SyncSignal`, from `use_signal_sync`).
 */
import {
  div,
  future,
  input,
  li,
  p,
  spawn,
  spawnThread,
  ul,
  useSignal,
  type Child,
  type Task,
} from "../../../runtime/index.ts";
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
  const query = useSignal(() => "", "query");
  const status = useSignal(() => START, "status");
  const results = useSignal<string[]>(() => [], "results");
  const task = useSignal<Task | undefined>(() => undefined, "task");
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
              // Each job reads the query signal from its worker thread.
              const jobs = docs.map((doc) =>
                spawnThread(() => score(query(), doc), {
                  costMs: scoreCost(e.value, doc),
                  label: `score ${doc.title}`,
                }),
              );
              const scores: number[] = [];
              for (const job of jobs) scores.push(yield* job);
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
