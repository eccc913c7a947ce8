/**
 * Misconception: "only one join runs at a time". The branches' outputs are
 * kept in module-level variables, reset each time a join is built, so two
 * joins alive at once (side by side, or one inside the other) overwrite each
 * other's results. Each future must keep its own state.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

let ra: { value: unknown } | undefined;
let rb: { value: unknown } | undefined;

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  ra = undefined;
  rb = undefined;
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
    { onDrop: () => (a[Symbol.dispose](), b[Symbol.dispose]()) },
  );
}
