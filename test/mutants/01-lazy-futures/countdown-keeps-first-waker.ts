/**
 * Misconception: "a waker is a waker: keep the first one". The countdown
 * stores the waker of its first poll and wakes that one for ever. A later
 * poll may come with another waker (the future moved to another task, or a
 * combinator handed it its own), and only the latest one must be woken.
 */
import { Poll, pollFn, type Future, type Waker } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function countdown(n: number): Future<number> {
  let left = n;
  let waker: Waker | undefined;
  return pollFn((cx) => {
    if (left === 0) return Poll.Ready(n);
    left--;
    waker ??= cx.waker;
    waker.wake();
    return Poll.Pending;
  });
}
