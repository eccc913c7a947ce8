/**
 * Kata 01 · Lazy futures: the reference solution.
 * The lesson is in katas/01-lazy-futures.ts.
 */
import { type Future, Poll, future, pollFn } from "../runtime/index.ts";

export function readyValue<T>(value: T): Future<T> {
  // No Pending first: a future that already has its value hands it over at the first poll.
  return pollFn(() => Poll.Ready(value), { label: "readyValue" });
}

export function countdown(n: number): Future<number> {
  // The state lives in the closure and changes only inside poll, so building
  // the future does nothing.
  let left = n;
  return pollFn(
    (cx) => {
      if (left === 0) return Poll.Ready(n);
      left--;
      // Ask to be polled again. Without this wake the task would sleep for ever.
      cx.waker.wake();
      return Poll.Pending;
    },
    { label: `countdown(${n})` },
  );
}

export function ranFuture(log: string[]): Future<void> {
  return future(function* ran() {
    // Runs at the first poll, not when ranFuture() is called.
    log.push("Ran");
  });
}

export function ranOther(log: string[], inner: Future<unknown>): Future<void> {
  return future(function* other() {
    yield* inner;
    log.push("Ran Other");
  });
}

export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  // What `yield* first; yield* second` does, by hand: remember which inner
  // future is current and what the finished one produced.
  let a: { value: A } | undefined;
  return pollFn(
    (cx) => {
      if (a === undefined) {
        const p = first.poll(cx);
        if (!p.ready) return Poll.Pending;
        a = { value: p.value };
      }
      const q = second.poll(cx);
      return q.ready ? Poll.Ready([a.value, q.value] as [A, B]) : Poll.Pending;
    },
    {
      label: "sequence",
      // Dropping the sequence drops both inner futures (dropping twice is harmless).
      onDrop: () => {
        first[Symbol.dispose]();
        second[Symbol.dispose]();
      },
    },
  );
}
