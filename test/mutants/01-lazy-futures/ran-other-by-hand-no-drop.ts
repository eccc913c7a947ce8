/**
 * Misconception: "an inner future cleans up by itself". ranOther written by
 * hand with pollFn but no onDrop: when it is dropped (or finishes) it never
 * drops the future it awaited, whose cleanup never runs. An async block
 * (future(function* …)) drops it for you.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function ranOther(log: string[], inner: Future<unknown>): Future<void> {
  let innerDone = false;
  return pollFn((cx) => {
    if (!innerDone) {
      if (!inner.poll(cx).ready) return Poll.Pending;
      innerDone = true;
    }
    log.push("Ran Other");
    return Poll.Ready(undefined);
  });
}
