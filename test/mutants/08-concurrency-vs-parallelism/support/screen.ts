/**
 * Not a mutant: the solution's SearchScreen, built around the scoreAll a
 * mutant gives it.
 *
 * The solution's SearchScreen calls the solution's scoreAll, so a mutant
 * that overrides only scoreAll must rebuild the screen on top of its own,
 * as a learner's file would use it:
 *   export const SearchScreen = screenUsing(scoreAll);
 */
import {
  div,
  future,
  input,
  li,
  p,
  spawn,
  ul,
  useSignal,
  type Child,
  type Future,
  type Task,
} from "../../../../runtime/index.ts";
import {
  resultLines,
  resultsFor,
  scoring,
  START,
  type Doc,
} from "../../../../solutions/08-concurrency-vs-parallelism.ts";

export function screenUsing(
  scoreAll: (query: string, docs: readonly Doc[]) => Future<number[]>,
): (props: { docs: readonly Doc[] }) => Child {
  return function SearchScreen({ docs }: { docs: readonly Doc[] }): Child {
    const status = useSignal(() => START, "status");
    const results = useSignal<string[]>(() => [], "results");
    const task = useSignal<Task | undefined>(() => undefined, "task");
    return div(
      input({
        oninput: (e) => {
          const query = e.value;
          task.peek()?.cancel();
          status.set(scoring(query));
          results.set([]);
          task.set(
            spawn(
              future(function* () {
                const scores = yield* scoreAll(query, docs);
                results.set(resultLines(docs, scores));
                status.set(resultsFor(query));
                task.set(undefined);
              }),
            ),
          );
        },
      }),
      p({ role: "status" }, status()),
      ul(results().map((line) => li(line))),
    );
  };
}
