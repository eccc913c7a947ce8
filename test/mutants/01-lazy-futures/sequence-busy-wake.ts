/**
 * Misconception: "answering Pending means waking myself" (true for countdown,
 * which waits on nothing). The sequence wakes its own task whenever it answers
 * Pending, even while the inner future waits on a timer that will wake it:
 * the task is polled again and again at the same instant, a busy loop that in
 * an app keeps the UI thread from ever drawing a frame.
 */
import { Poll, pollFn, type Future } from "../../../runtime/index.ts";
export * from "../../../solutions/01-lazy-futures.ts";

export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  let a: { value: A } | undefined;
  return pollFn(
    (cx) => {
      if (a === undefined) {
        const p = first.poll(cx);
        if (!p.ready) {
          cx.waker.wake();
          return Poll.Pending;
        }
        a = { value: p.value };
      }
      const q = second.poll(cx);
      if (q.ready) return Poll.Ready([a.value, q.value] as [A, B]);
      cx.waker.wake();
      return Poll.Pending;
    },
    {
      onDrop: () => {
        first[Symbol.dispose]();
        second[Symbol.dispose]();
      },
    },
  );
}
