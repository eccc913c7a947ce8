/**
 * Misconception: "answering Pending means waking myself" (true for kata 01's
 * countdown, which waits on nothing). The join wakes its task whenever it
 * answers Pending, although its branches wait on timers that will wake it:
 * the task is polled again and again at the same instant, a busy loop that
 * in an app keeps the UI thread from drawing a frame.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/02-awaiting-many-things.ts";

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  let ra: { value: A } | undefined;
  let rb: { value: B } | undefined;
  return pollFn(
    (cx) => {
      if (ra === undefined) {
        const p = a.poll(cx);
        if (p.ready) ra = { value: p.value };
      }
      if (rb === undefined) {
        const p = b.poll(cx);
        if (p.ready) rb = { value: p.value };
      }
      if (ra && rb) return Poll.Ready([ra.value, rb.value] as [A, B]);
      cx.waker.wake();
      return Poll.Pending;
    },
    { onDrop: () => (a[Symbol.dispose](), b[Symbol.dispose]()) },
  );
}
