/**
 * Misconception: "the order I poll in does not matter". Polling b first makes
 * b win ties, which breaks the promise that a wins when both are ready.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
import type { Either } from "../../../solutions/02-awaiting-many-things.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function select<A, B>(a: Future<A>, b: Future<B>): Future<Either<A, B>> {
  return pollFn(
    (cx) => {
      const pb = b.poll(cx);
      if (pb.ready) {
        a[Symbol.dispose]();
        return Poll.Ready({ winner: "b", value: pb.value } as Either<A, B>);
      }
      const pa = a.poll(cx);
      if (pa.ready) {
        b[Symbol.dispose]();
        return Poll.Ready({ winner: "a", value: pa.value } as Either<A, B>);
      }
      return Poll.Pending;
    },
    { onDrop: () => (a[Symbol.dispose](), b[Symbol.dispose]()) },
  );
}
