/**
 * Misconception: "there is only ever one countdown". The count lives in a
 * module-level variable, so a second countdown built before the first has
 * finished overwrites it: each future must keep its own state.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

let left = 0;

export function countdown(n: number): Future<number> {
  left = n;
  return pollFn((cx) => {
    if (left === 0) return Poll.Ready(n);
    left--;
    cx.waker.wake();
    return Poll.Pending;
  });
}
