/**
 * Misconception: "a sequence is just polling both". This polls `second` before
 * `first` is done: that is a join, not a sequence, and `second`'s side
 * effects happen too early.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  let a: { value: A } | undefined;
  let b: { value: B } | undefined;
  return pollFn(
    (cx) => {
      if (a === undefined) {
        const p = first.poll(cx);
        if (p.ready) a = { value: p.value };
      }
      if (b === undefined) {
        const q = second.poll(cx);
        if (q.ready) b = { value: q.value };
      }
      return a && b ? Poll.Ready([a.value, b.value] as [A, B]) : Poll.Pending;
    },
    {
      onDrop: () => {
        first[Symbol.dispose]();
        second[Symbol.dispose]();
      },
    },
  );
}
