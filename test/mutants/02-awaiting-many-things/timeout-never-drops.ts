/**
 * Misconception: "a timed-out future just stops mattering". If the timeout
 * does not drop it, the inner future is never cancelled: its cleanup does not
 * run when the timeout fires.
 */
import { Poll, pollFn, sleep, type Future } from "../../../runtime/index.ts";
import type { Timeout } from "../../../solutions/02-awaiting-many-things.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function timeout<T>(fut: Future<T>, ms: number): Future<Timeout<T>> {
  let timer: Future<void> | undefined;
  return pollFn((cx) => {
    timer ??= sleep(ms);
    const p = fut.poll(cx);
    if (p.ready) return Poll.Ready({ ok: true, value: p.value } as Timeout<T>);
    if (timer.poll(cx).ready) return Poll.Ready({ ok: false, error: "elapsed" } as Timeout<T>);
    return Poll.Pending;
  });
}
