/**
 * Misconception: "the Ready poll counts as one of the n". The countdown
 * answers Pending only n-1 times (and countdown(0) still works).
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function countdown(n: number): Future<number> {
  let left = n;
  return pollFn((cx) => {
    left--;
    if (left <= 0) return Poll.Ready(n);
    cx.waker.wake();
    return Poll.Pending;
  });
}
