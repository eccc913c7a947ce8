/**
 * Misconception: "when the outer future goes away, the inner ones clean up by
 * themselves". Without an onDrop, a cancelled sequence never drops the
 * futures it holds, so their cleanup (and in Rust, their Drop) never runs.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  let a: { value: A } | undefined;
  return pollFn((cx) => {
    if (a === undefined) {
      const p = first.poll(cx);
      if (!p.ready) return Poll.Pending;
      a = { value: p.value };
    }
    const q = second.poll(cx);
    return q.ready ? Poll.Ready([a.value, q.value] as [A, B]) : Poll.Pending;
  });
}
