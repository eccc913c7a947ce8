/**
 * Misconception: "a Signal is !Send, so a task that awaits threads must not
 * touch it: park the scores in a plain variable and let a UI-side loop copy
 * them into the signals". A Dioxus task never leaves the UI thread (on
 * desktop the VirtualDom polls it; on the web it runs on the browser's
 * event loop), so it may hold a plain Signal across its awaits. The detour
 * only adds a delay: the results reach the screen at the loop's next check,
 * after the scoring is already done.
 */
import {
  div,
  future,
  input,
  li,
  p,
  sleep,
  spawn,
  ul,
  useHook,
  useSignal,
  type Child,
  type Task,
} from "../../../runtime/index.ts";
import {
  resultLines,
  resultsFor,
  scoreAll,
  scoring,
  START,
  type Doc,
} from "../../../solutions/08-concurrency-vs-parallelism.ts";
export * from "../../../solutions/08-concurrency-vs-parallelism.ts";

/** How often the UI-side loop looks for finished scores, in ms. */
const CHECK_EVERY = 10;

export function SearchScreen({ docs }: { docs: readonly Doc[] }): Child {
  const status = useSignal(() => START, "status");
  const results = useSignal<string[]>(() => [], "results");
  const task = useSignal<Task | undefined>(() => undefined, "task");
  // Plain data the scoring task may fill, "since it cannot hold a signal".
  const parked = useHook(() => ({ scores: undefined as number[] | undefined }));
  return div(
    input({
      oninput: (e) => {
        const query = e.value;
        task.peek()?.cancel();
        parked.scores = undefined;
        status.set(scoring(query));
        results.set([]);
        const scoring_ = spawn(
          future(function* () {
            parked.scores = yield* scoreAll(query, docs);
          }),
        );
        task.set(
          spawn(
            future(function* () {
              try {
                while (parked.scores === undefined) yield* sleep(CHECK_EVERY);
                results.set(resultLines(docs, parked.scores));
                status.set(resultsFor(query));
              } finally {
                scoring_.cancel();
              }
            }),
          ),
        );
      },
    }),
    p({ role: "status" }, status()),
    ul(results().map((line) => li(line))),
  );
}
