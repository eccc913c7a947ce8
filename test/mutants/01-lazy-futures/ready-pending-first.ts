/**
 * Misconception: "every future must say Pending at least once". A future that
 * already has its value should hand it over at the first poll.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function readyValue<T>(value: T): Future<T> {
  let first = true;
  return pollFn((cx) => {
    if (first) {
      first = false;
      cx.waker.wake();
      return Poll.Pending;
    }
    return Poll.Ready(value);
  });
}
