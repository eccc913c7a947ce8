/**
 * Misconception: "only the future I am polling needs dropping". When the
 * sequence is dropped it drops the current inner future only, so `second`
 * (not started yet) or `first` (already finished) is never dropped: its
 * cleanup, and in Rust its Drop, never runs.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  let a: { value: A } | undefined;
  return pollFn(
    (cx) => {
      if (a === undefined) {
        const p = first.poll(cx);
        if (!p.ready) return Poll.Pending;
        a = { value: p.value };
      }
      const q = second.poll(cx);
      return q.ready ? Poll.Ready([a.value, q.value] as [A, B]) : Poll.Pending;
    },
    { onDrop: () => (a === undefined ? first : second)[Symbol.dispose]() },
  );
}
