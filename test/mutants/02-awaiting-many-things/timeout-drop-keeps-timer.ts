/**
 * Misconception: "the timer is just a number, nothing to clean up". Dropping
 * the timeout drops the inner future but not its sleep, so a timer stays set
 * for a timeout nobody waits for any more (in a real app, a wake-up for
 * nothing, and the timer's memory held until it fires).
 */
import { Poll, pollFn, sleep, type Future } from "../../../runtime/index.ts";
import type { Timeout } from "../../../solutions/02-awaiting-many-things.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function timeout<T>(fut: Future<T>, ms: number): Future<Timeout<T>> {
  let timer: Future<void> | undefined;
  return pollFn(
    (cx) => {
      timer ??= sleep(ms);
      const p = fut.poll(cx);
      if (p.ready) return Poll.Ready({ ok: true, value: p.value } as Timeout<T>);
      if (timer.poll(cx).ready) {
        fut[Symbol.dispose]();
        return Poll.Ready({ ok: false, error: "elapsed" } as Timeout<T>);
      }
      return Poll.Pending;
    },
    { onDrop: () => fut[Symbol.dispose]() },
  );
}
