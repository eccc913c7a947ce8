/**
 * Misconception: "polling only looks, so poll both and then pick". Polling is
 * doing: a recv() that is polled while a message waits takes it. This select
 * polls b even when a is already Ready, then hands back a and drops b, so
 * the message b took is lost.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
import type { Either } from "../../../solutions/02-awaiting-many-things.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function select<A, B>(a: Future<A>, b: Future<B>): Future<Either<A, B>> {
  return pollFn(
    (cx) => {
      const pa = a.poll(cx);
      const pb = b.poll(cx);
      if (pa.ready) {
        b[Symbol.dispose]();
        return Poll.Ready({ winner: "a", value: pa.value } as Either<A, B>);
      }
      if (pb.ready) {
        a[Symbol.dispose]();
        return Poll.Ready({ winner: "b", value: pb.value } as Either<A, B>);
      }
      return Poll.Pending;
    },
    { onDrop: () => (a[Symbol.dispose](), b[Symbol.dispose]()) },
  );
}
