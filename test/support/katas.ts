/**
 * The list of katas, in order: the one place the board, the workshop guide and
 * `npm run verify` learn what exists. A kata's files follow from its id:
 * `katas/<id>.ts`, `solutions/<id>.ts`, `test/<id>.test.ts`,
 * `test/mutants/<id>/<misconception>.ts`.
 */

export interface Kata {
  /** "01-lazy-futures": the file name of the stub, the solution and the test. */
  readonly id: string;
  /** A short title for the board, e.g. "lazy futures". */
  readonly title: string;
  /** The section of the official Dioxus 0.7 page this kata teaches. */
  readonly doc: string;
  /** What the learner should be able to explain afterwards. */
  readonly teaches: string;
  /** How long it usually takes, in minutes. */
  readonly minutes: number;
  /** Three hints, from a nudge to nearly the answer; shown one more per failing run. */
  readonly hints: readonly [string, string, string];
  /** Two questions for a group to discuss after the kata. */
  readonly questions: readonly [string, string];
}

const PAGE = "https://dioxuslabs.com/learn/0.7/essentials/basics/async";

export const KATAS: readonly Kata[] = [
  {
    id: "01-lazy-futures",
    title: "lazy futures",
    doc: `${PAGE}#lazy-futures`,
    teaches:
      "A future is a value that does nothing until it is polled; poll returns Ready or Pending, and a pending future " +
      "must arrange to be woken; awaiting composes futures, inner before outer.",
    minutes: 20,
    hints: [
      "Building a future must not run its body. A generator future only starts when something polls it; a hand-written one does its work inside poll, never in the function that builds it.",
      "countdown(n) answers Pending n times and Ready once, so it is polled n+1 times. Before each Pending, call cx.waker.wake(): a future that returns Pending without arranging a wake is never polled again.",
      "In `outer`, `yield* inner` awaits the inner future: write the log line after that await, so inner always logs first. A poll-based future must remember that its inner future finished and never poll it again.",
    ],
    questions: [
      "JavaScript promises start running as soon as they are created; Rust futures do not. What can go wrong when a Rust programmer forgets this, and what can go wrong for a JavaScript programmer moving to Rust?",
      "Who calls poll on a future in a Dioxus app, and what decides when it is called again?",
    ],
  },
  {
    id: "02-awaiting-many-things",
    title: "awaiting many things",
    doc: `${PAGE}#concurrency-vs-parallelism`,
    teaches:
      "One thread waits for many futures by polling each of them in the same poll; join waits for all, select for the " +
      "first and drops the rest, and a dropped future's cleanup runs at once.",
    minutes: 30,
    hints: [
      "Concurrency comes from polling both inner futures in the same poll. Awaiting one and then the other is a sequence: it takes the sum of the delays.",
      "Keep a slot per branch (undefined until it is Ready, then { value }). Poll a branch only while its slot is empty; a future must never be polled after Ready.",
      "select: as soon as one branch is Ready, call [Symbol.dispose]() on the other before you return. timeout: create sleep(ms) at the first poll, poll the inner future first, then the timer, and drop the inner future when the timer wins.",
    ],
    questions: [
      "tokio::select! picks a random branch to poll first unless you write `biased;`. Why would a runtime randomise that, and when would you want the bias?",
      "A select drops its loser. What happens to an HTTP request, a database transaction or a file write that is dropped half-way? Which of them are safe to lose?",
    ],
  },
];

/** The kata with this id, or undefined. */
export function kataById(id: string): Kata | undefined {
  return KATAS.find((k) => k.id === id);
}
