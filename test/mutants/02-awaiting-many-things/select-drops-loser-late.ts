/**
 * Misconception: "whoever awaits the select drops it right after, so the
 * loser can wait for that". The select returns the winner and leaves the
 * loser to its own onDrop. Awaited directly, that comes a moment later; but a
 * select that is kept alive after it finished (a branch of a join, a future
 * polled by hand) keeps the loser's request or timer running all that time.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
import type { Either } from "../../../solutions/02-awaiting-many-things.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function select<A, B>(a: Future<A>, b: Future<B>): Future<Either<A, B>> {
  return pollFn(
    (cx) => {
      const pa = a.poll(cx);
      if (pa.ready) return Poll.Ready({ winner: "a", value: pa.value } as Either<A, B>);
      const pb = b.poll(cx);
      if (pb.ready) return Poll.Ready({ winner: "b", value: pb.value } as Either<A, B>);
      return Poll.Pending;
    },
    {
      onDrop: () => {
        a[Symbol.dispose]();
        b[Symbol.dispose]();
      },
    },
  );
}
