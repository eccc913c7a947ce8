/**
 * Misconception: "join means await a, then await b". That is a sequence: b
 * does not start until a is done, so the join takes the sum of the delays.
 */
import { future, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  return future(function* () {
    const x = yield* a;
    const y = yield* b;
    return [x, y] as [A, B];
  });
}
