/**
 * Misconception: "the executor will poll me again anyway". Returning Pending
 * without a wake means nothing ever polls the future again: a stall.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function countdown(n: number): Future<number> {
  let left = n;
  return pollFn(() => {
    if (left === 0) return Poll.Ready(n);
    left--;
    return Poll.Pending;
  });
}
