/**
 * Kata 08 · Concurrency vs parallelism                       about 30 minutes
 *
 * THE IDEA
 * Concurrency is many tasks in progress at once; parallelism is many pieces
 * of work running at the same instant. A Dioxus app has the first for free:
 * its tasks take turns on ONE thread. A task gives the thread back only at
 * an await that returns Pending (an await of something already ready runs
 * straight on), so it only works while each turn is short. Work that keeps
 * the CPU busy (ranking, parsing, image filters) has no Pending await in
 * it: while it runs, no other task, no render and no event handler can.
 * Such work belongs on another thread, and the task awaits its result. And
 * several threads really do run at the same time, one per CPU core.
 *
 * WHERE DIOXUS RUNS ITS TASKS
 * On desktop and mobile, Dioxus starts a tokio runtime (so tokio's timers,
 * I/O and `tokio::spawn` work), but the tasks of the app (`spawn`,
 * resources, async handlers) are polled by the VirtualDom on the one
 * thread that owns it. On the web they run on the browser's event loop
 * (wasm-bindgen-futures). Either way a Dioxus task never moves to another
 * thread, and that is why it may hold values that are `!Send`, such as a
 * plain `Signal` or an `Rc`, across its awaits: write the results to the
 * screen's signals from the task itself, the moment its awaits return.
 * `tokio::spawn` is different: its future may run on any worker thread, so
 * everything it holds must be `Send`.
 *
 * HANDING WORK TO A THREAD, IN RUST
 * A `std::thread::spawn` JoinHandle cannot be awaited, and its `join()`
 * blocks the calling thread: called from a task, it freezes the UI just as
 * the work itself would. Real code either sends the result back through a
 * channel whose receiver the task awaits (a `futures::channel::oneshot`, or
 * `tokio::sync::oneshot`), or, on desktop, uses
 * `tokio::task::spawn_blocking(move || work()).await`, whose handle is a
 * future. The web has no threads of this kind: the work goes to a web
 * worker and comes back as a message.
 *
 * WHY IT MATTERS IN A UI
 * A keystroke has about 16 ms (one frame at 60 Hz) before the user feels
 * the lag. Score a thousand documents on the main thread and the box stops
 * echoing what is typed. Split the scoring into independent jobs on threads
 * and the app stays responsive, and the results come after the longest job
 * rather than after all of them one by one.
 *
 * IN THIS PROJECT
 *   blockFor(ms)                   CPU work on the main thread: the clock moves
 *                                  on and nothing else runs meanwhile.
 *   spawnThread(work, { costMs })  runs `work` on a simulated thread and
 *                                  returns a Future of its result, ready costMs
 *                                  after the job starts: in Rust,
 *                                  `spawn_blocking(work)` and its awaitable
 *                                  handle, or a thread that sends its result
 *                                  through a oneshot channel. It starts AT
 *                                  ONCE, not when awaited. Jobs run on the
 *                                  app's cores (2 unless told otherwise),
 *                                  first come first served; the rest queue.
 * A plain Signal is `!Send` in Rust: code on another thread cannot hold
 * one (the compiler refuses). Dioxus has `use_signal_sync` (a `SyncSignal`)
 * for state that threads must share; this kata needs none: read what the
 * work needs first and hand it plain values. Here `work` may touch no
 * signal at all.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#concurrency-vs-parallelism
 * Run the tests: npm test -- 08
 *
 * YOUR TASK: a search box over `docs` whose scoring is expensive.
 *   1. scoreAll(query, docs): a future of every doc's score, in the order of
 *      `docs`. Score each doc in its own thread job:
 *        spawnThread(() => score(query, doc), { costMs: scoreCost(query, doc) })
 *      and make the jobs run in parallel.
 *   2. SearchScreen's oninput: typing a query shows scoring(query) with an
 *      empty list at once, then, in the instant scoreAll is done,
 *      resultsFor(query) and the list resultLines(docs, scores). Only the
 *      latest query counts: an older query's results must never be shown,
 *      even when several queries are typed in the same instant.
 * score, scoreCost and resultLines are given: use them as they are.
 */
import {
  div,
  future,
  input,
  li,
  p,
  spawn,
  spawnThread,
  todo,
  ul,
  useSignal,
  type Child,
  type Future,
  type Task,
} from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [future, spawn, spawnThread];

/** A document the search can find. */
export interface Doc {
  readonly title: string;
  /** What scoring it costs on a CPU, in virtual ms per letter of the query. */
  readonly cost: number;
}

/** What the status line says: before any typing, while a query is scored, once its results are in. */
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

/** 1. Every doc's score for `query`, in the order of `docs`, each scored on a thread, all in parallel. */
export function scoreAll(query: string, docs: readonly Doc[]): Future<number[]> {
  return todo("scoreAll");
}

/** 2. The search screen: a text box, a status line, the result list. */
export function SearchScreen({ docs }: { docs: readonly Doc[] }): Child {
  const status = useSignal(() => START, "status");
  const results = useSignal<string[]>(() => [], "results");
  // The scoring of the latest query, while it runs (a Task from spawn), if you need it.
  const task = useSignal<Task | undefined>(() => undefined, "task");
  void [docs, task];

  return div(
    input({ oninput: () => todo("SearchScreen's oninput") }),
    p({ role: "status" }, status()),
    ul(results().map((line) => li(line))),
  );
}
