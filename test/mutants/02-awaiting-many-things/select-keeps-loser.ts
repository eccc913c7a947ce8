/**
 * Misconception: "the loser will be cleaned up when it finishes". Returning
 * the winner without dropping the loser leaves it alive: its cleanup never
 * runs, and whatever it holds (a request, a lock) stays held.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
import type { Either } from "../../../solutions/02-awaiting-many-things.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function select<A, B>(a: Future<A>, b: Future<B>): Future<Either<A, B>> {
  return pollFn((cx) => {
    const pa = a.poll(cx);
    if (pa.ready) return Poll.Ready({ winner: "a", value: pa.value } as Either<A, B>);
    const pb = b.poll(cx);
    if (pb.ready) return Poll.Ready({ winner: "b", value: pb.value } as Either<A, B>);
    return Poll.Pending;
  });
}
