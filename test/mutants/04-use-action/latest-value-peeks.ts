/**
 * Misconception: "value() is only a getter; peek() is cheaper than a
 * subscribed read, and the component re-renders anyway when pending()
 * changes". Only a read with subscription makes the reading render come
 * back: a component that shows value() and nothing else never learns that
 * the result changed, and keeps showing the old one.
 */
import type { Future } from "../../../runtime/index.ts";
import type { Latest } from "../../../solutions/04-use-action.ts";
import { latestHandle, useLatestState } from "./support/latest.ts";
export * from "../../../solutions/04-use-action.ts";

export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  const s = useLatestState<T>();
  return latestHandle(s, fn, { value: () => s.result.peek() });
}
