/**
 * Misconception: "check the deadline first". Looking at the timer before the
 * inner future turns a result that arrived exactly at the deadline into a
 * timeout: an off-by-one at the boundary.
 */
import { Poll, pollFn, sleep, type Future } from "../../../runtime/index.ts";
import type { Timeout } from "../../../solutions/02-awaiting-many-things.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function timeout<T>(fut: Future<T>, ms: number): Future<Timeout<T>> {
  let timer: Future<void> | undefined;
  return pollFn(
    (cx) => {
      timer ??= sleep(ms);
      if (timer.poll(cx).ready) {
        fut[Symbol.dispose]();
        return Poll.Ready({ ok: false, error: "elapsed" } as Timeout<T>);
      }
      const p = fut.poll(cx);
      return p.ready ? Poll.Ready({ ok: true, value: p.value } as Timeout<T>) : Poll.Pending;
    },
    { onDrop: () => (fut[Symbol.dispose](), timer?.[Symbol.dispose]()) },
  );
}
