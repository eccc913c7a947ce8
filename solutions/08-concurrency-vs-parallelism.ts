/**
 * Kata 08 · Concurrency vs parallelism: the reference solution.
 * The lesson is in katas/08-concurrency-vs-parallelism.ts.
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
  type Future,
  type Task,
} from "../runtime/index.ts";

/** A document the search can find. */
export interface Doc {
  readonly title: string;
  /** What scoring it costs on a CPU, in virtual ms per letter of the query. */
  readonly cost: number;
}

export const START = "Type to search";
export const scoring = (query: string) => `Scoring "${query}"…`;
export const resultsFor = (query: string) => `Results for "${query}"`;

/** How well `doc` matches `query`: one point per letter of the title that the query contains. Pure: plain data in, a number out. */
export function score(query: string, doc: Doc): number {
  const letters = new Set(query.toLowerCase());
  return [...doc.title.toLowerCase()].filter((c) => letters.has(c)).length;
}

/** What `score(query, doc)` costs on a CPU, in virtual ms: longer queries cost more. */
export function scoreCost(query: string, doc: Doc): number {
  return doc.cost * query.length;
}

/** The result list: "title (score)", best first, ties in the order of `docs`. */
export function resultLines(docs: readonly Doc[], scores: readonly number[]): string[] {
  return docs
    .map((doc, i) => ({ doc, score: scores[i]! }))
    .sort((a, b) => b.score - a.score)
    .map(({ doc, score }) => `${doc.title} (${score})`);
}

export function scoreAll(query: string, docs: readonly Doc[]): Future<number[]> {
  return future(function* () {
    // spawnThread submits its job at once (like std::thread::spawn), so
    // starting every job before awaiting any lets them all run in parallel,
    // as many at a time as there are cores. The closure captures plain data
    // (a string and a Doc), never a plain Signal: that is !Send in Rust.
    const jobs = docs.map((doc) =>
      spawnThread(() => score(query, doc), { costMs: scoreCost(query, doc), label: `score ${doc.title}` }),
    );
    // Awaiting them in turn is fine now: they are already running, so this
    // loop ends when the slowest job does, not after the sum of their costs.
    const scores: number[] = [];
    for (const job of jobs) scores.push(yield* job);
    return scores;
  });
}

export function SearchScreen({ docs }: { docs: readonly Doc[] }): Child {
  const status = useSignal(() => START, "status");
  const results = useSignal<string[]>(() => [], "results");
  // The scoring of the latest query, while it runs.
  const task = useSignal<Task | undefined>(() => undefined, "task");

  return div(
    input({
      // The handler only starts the work: it returns at once, whatever scoring costs.
      oninput: (e) => {
        const query = e.value; // the event's value, not a signal read while rendering
        // Only the latest query counts: an older scoring is dropped, so its results never land.
        // (Its jobs are detached and keep their cores until they end, as Rust threads would.)
        task.peek()?.cancel();
        status.set(scoring(query));
        results.set([]);
        task.set(
          spawn(
            // A Dioxus task stays on the UI thread, so it may hold the
            // screen's signals across its await and write them itself.
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
}
