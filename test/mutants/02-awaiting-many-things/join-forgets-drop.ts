/**
 * Misconception: "a join cleans up when it finishes". Without an onDrop, a
 * join that is dropped while it waits (its task cancelled, a timeout around
 * it fired) never drops its branches: their cleanup never runs and their
 * timers and requests stay alive.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  let ra: { value: A } | undefined;
  let rb: { value: B } | undefined;
  return pollFn((cx) => {
    if (ra === undefined) {
      const p = a.poll(cx);
      if (p.ready) ra = { value: p.value };
    }
    if (rb === undefined) {
      const p = b.poll(cx);
      if (p.ready) rb = { value: p.value };
    }
    return ra && rb ? Poll.Ready([ra.value, rb.value] as [A, B]) : Poll.Pending;
  });
}
