/**
 * Kata 02 · Awaiting many things: the reference solution.
 * The lesson is in katas/02-awaiting-many-things.ts.
 */
import { Poll, pollFn, sleep, type Future } from "../runtime/index.ts";

export type Either<A, B> = { winner: "a"; value: A } | { winner: "b"; value: B };
export type Elapsed = { ok: false; error: "elapsed" };
export type Timeout<T> = { ok: true; value: T } | Elapsed;

export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  // Each branch's output, wrapped so that an output of undefined still counts as finished;
  // a finished branch is never polled again. The state lives in this closure: one per join.
  let ra: { value: A } | undefined;
  let rb: { value: B } | undefined;
  return pollFn(
    (cx) => {
      // Poll both in the same poll: that is what makes them run concurrently.
      if (ra === undefined) {
        const p = a.poll(cx);
        if (p.ready) ra = { value: p.value };
      }
      if (rb === undefined) {
        const p = b.poll(cx);
        if (p.ready) rb = { value: p.value };
      }
      return ra && rb ? Poll.Ready([ra.value, rb.value] as [A, B]) : Poll.Pending;
    },
    { label: "join", onDrop: () => (a[Symbol.dispose](), b[Symbol.dispose]()) },
  );
}

export function select<A, B>(a: Future<A>, b: Future<B>): Future<Either<A, B>> {
  return pollFn(
    (cx) => {
      // Biased: `a` is polled first and wins a tie, as in `tokio::select!` with `biased;`
      // or `futures::select_biased!`. `b` is polled only if `a` is Pending: a poll can take a message.
      const pa = a.poll(cx);
      if (pa.ready) {
        b[Symbol.dispose](); // the loser is dropped at once: its cleanup runs now
        return Poll.Ready({ winner: "a", value: pa.value } as Either<A, B>);
      }
      const pb = b.poll(cx);
      if (pb.ready) {
        a[Symbol.dispose]();
        return Poll.Ready({ winner: "b", value: pb.value } as Either<A, B>);
      }
      return Poll.Pending;
    },
    // Dropping twice is harmless: a future is dropped once, later calls do nothing.
    { label: "select", onDrop: () => (a[Symbol.dispose](), b[Symbol.dispose]()) },
  );
}

export function timeout<T>(fut: Future<T>, ms: number): Future<Timeout<T>> {
  // tokio::time::timeout fixes its deadline when it is created; `timeout(..).await` creates and polls it at
  // once, so starting the timer at the first poll gives the same deadline (and building it does nothing).
  let timer: Future<void> | undefined;
  return pollFn(
    (cx) => {
      timer ??= sleep(ms);
      // The inner future first: if it is ready at the deadline itself, its value wins (as in tokio).
      const p = fut.poll(cx);
      if (p.ready) return Poll.Ready({ ok: true, value: p.value } as Timeout<T>);
      if (timer.poll(cx).ready) {
        fut[Symbol.dispose]();
        return Poll.Ready({ ok: false, error: "elapsed" } as Timeout<T>);
      }
      return Poll.Pending;
    },
    { label: `timeout(${ms})`, onDrop: () => (fut[Symbol.dispose](), timer?.[Symbol.dispose]()) },
  );
}
