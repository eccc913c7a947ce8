/**
 * Misconception: "the context is the same at every poll, keep the first one".
 * The sequence stores the Context of its first poll and polls the inner
 * futures with it for ever, so their wakes go to that first waker. When the
 * sequence is polled with another waker (moved to another task, or polled by
 * a combinator that hands it its own), nothing wakes the latest one.
 */
import { Poll, pollFn, type Context, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  let a: { value: A } | undefined;
  let saved: Context | undefined;
  return pollFn(
    (cx) => {
      saved ??= cx;
      if (a === undefined) {
        const p = first.poll(saved);
        if (!p.ready) return Poll.Pending;
        a = { value: p.value };
      }
      const q = second.poll(saved);
      return q.ready ? Poll.Ready([a.value, q.value] as [A, B]) : Poll.Pending;
    },
    {
      onDrop: () => {
        first[Symbol.dispose]();
        second[Symbol.dispose]();
      },
    },
  );
}
