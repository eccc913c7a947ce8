/**
 * Misconception: "the timer is made at the first poll, so it is always there
 * when the timeout is dropped". A timeout can be dropped before anyone polls
 * it (a task cancelled before it ran, or the losing branch of a select whose
 * other branch was Ready at once). Then there is no timer yet, and a drop
 * that reaches for it (`timer!`) throws instead of cleaning up.
 */
import { Poll, pollFn, sleep, type Future } from "../../../runtime/index.ts";
import type { Timeout } from "../../../solutions/02-awaiting-many-things.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function timeout<T>(fut: Future<T>, ms: number): Future<Timeout<T>> {
  let timer: Future<void> | undefined;
  const drop = () => {
    fut[Symbol.dispose]();
    timer![Symbol.dispose]();
  };
  return pollFn(
    (cx) => {
      if (timer === undefined) timer = sleep(ms);
      const p = fut.poll(cx);
      if (p.ready) return Poll.Ready({ ok: true, value: p.value } as Timeout<T>);
      if (!timer.poll(cx).ready) return Poll.Pending;
      fut[Symbol.dispose]();
      return Poll.Ready({ ok: false, error: "elapsed" } as Timeout<T>);
    },
    { onDrop: drop },
  );
}
