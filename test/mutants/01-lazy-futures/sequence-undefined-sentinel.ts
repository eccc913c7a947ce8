/**
 * Misconception: "undefined means the first future has not finished yet".
 * The sequence keeps first's output itself and tests it against undefined,
 * so a first future whose output IS undefined is polled again after Ready.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  let a: A | undefined;
  return pollFn(
    (cx) => {
      if (a === undefined) {
        const p = first.poll(cx);
        if (!p.ready) return Poll.Pending;
        a = p.value;
      }
      const q = second.poll(cx);
      return q.ready ? Poll.Ready([a as A, q.value] as [A, B]) : Poll.Pending;
    },
    { onDrop: () => (first[Symbol.dispose](), second[Symbol.dispose]()) },
  );
}
