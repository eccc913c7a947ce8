/**
 * Misconception: "the running scoring is one thing, so a module-level
 * variable can hold it". A `let` at the top of the file is shared by every
 * SearchScreen on the page: typing in one screen cancels the scoring of
 * the other, which then says "Scoring …" for ever. What a component keeps
 * between events belongs in its own state (use_signal), one per instance.
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

let running: Task | undefined;

export function SearchScreen({ docs }: { docs: readonly Doc[] }): Child {
  const status = useSignal(() => START, "status");
  const results = useSignal<string[]>(() => [], "results");
  return div(
    input({
      oninput: (e) => {
        const query = e.value;
        running?.cancel();
        status.set(scoring(query));
        results.set([]);
        running = spawn(
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
