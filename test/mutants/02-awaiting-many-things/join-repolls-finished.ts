/**
 * Misconception: "polling a finished future again just returns its value".
 * This join polls both branches on every poll, finished or not.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  let ra: { value: A } | undefined;
  let rb: { value: B } | undefined;
  return pollFn((cx) => {
    const p = a.poll(cx);
    if (p.ready) ra = { value: p.value };
    const q = b.poll(cx);
    if (q.ready) rb = { value: q.value };
    return ra && rb ? Poll.Ready([ra.value, rb.value] as [A, B]) : Poll.Pending;
  });
}
