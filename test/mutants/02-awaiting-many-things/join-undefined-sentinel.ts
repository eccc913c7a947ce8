/**
 * Misconception: "undefined means the branch has not finished yet". The join
 * keeps each branch's output itself and tests it against undefined, so a
 * branch whose output IS undefined is polled again after Ready (and a join
 * of two such branches could never tell it is done).
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  let ra: A | undefined;
  let rb: B | undefined;
  return pollFn(
    (cx) => {
      if (ra === undefined) {
        const p = a.poll(cx);
        if (p.ready) ra = p.value;
      }
      if (rb === undefined) {
        const p = b.poll(cx);
        if (p.ready) rb = p.value;
      }
      return ra !== undefined && rb !== undefined ? Poll.Ready([ra, rb] as [A, B]) : Poll.Pending;
    },
    { onDrop: () => (a[Symbol.dispose](), b[Symbol.dispose]()) },
  );
}
