/**
 * Misconception: "a finished future holds nothing, so there is nothing to
 * drop". When the join is dropped it drops only the branches still running;
 * a branch that already finished is never dropped at all. A hand-written
 * future can still own something once it is Ready (a guard, a connection,
 * a registration) that only its drop releases.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  let ra: { value: A } | undefined;
  let rb: { value: B } | undefined;
  return pollFn(
    (cx) => {
      if (ra === undefined) {
        const p = a.poll(cx);
        if (p.ready) ra = { value: p.value };
      }
      if (rb === undefined) {
        const p = b.poll(cx);
        if (p.ready) rb = { value: p.value };
      }
      return ra && rb ? Poll.Ready([ra.value, rb.value] as [A, B]) : Poll.Pending;
    },
    {
      onDrop: () => {
        if (ra === undefined) a[Symbol.dispose]();
        if (rb === undefined) b[Symbol.dispose]();
      },
    },
  );
}
