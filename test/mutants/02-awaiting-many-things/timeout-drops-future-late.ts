/**
 * Misconception: "once it answers elapsed, the timeout will be dropped
 * anyway, and f with it". The timeout returns elapsed without dropping f and
 * leaves that to its own onDrop: a timeout kept alive after it fired (a
 * branch of a join, say) keeps f's request running after it gave up on it.
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
      if (timer.poll(cx).ready) return Poll.Ready({ ok: false, error: "elapsed" } as Timeout<T>);
      return Poll.Pending;
    },
    { onDrop: () => (fut[Symbol.dispose](), timer?.[Symbol.dispose]()) },
  );
}
