/**
 * Misconception: "polling a finished future just gives its value again". The
 * sequence polls `first` on every poll, even after it returned Ready.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  return pollFn(
    (cx) => {
      const p = first.poll(cx);
      if (!p.ready) return Poll.Pending;
      const q = second.poll(cx);
      return q.ready ? Poll.Ready([p.value, q.value] as [A, B]) : Poll.Pending;
    },
    {
      onDrop: () => {
        first[Symbol.dispose]();
        second[Symbol.dispose]();
      },
    },
  );
}
