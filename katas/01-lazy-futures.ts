/**
 * Kata 01 · Lazy futures                                     about 20 minutes
 *
 * THE IDEA
 * A Rust future is a recipe, not a running job. Calling an `async fn` only
 * builds a state machine; none of its code runs until something polls it,
 * either an `.await` inside another future or an executor after `spawn`.
 * Each poll runs the future until it can go no further and answers
 * `Poll::Ready(value)` (done) or `Poll::Pending` (not yet). A future that
 * answers Pending takes on a duty: it must make sure its waker is called
 * when it can make progress, or nothing will ever poll it again.
 *
 * Three consequences the tests check:
 * - Each call builds its own future. Keep a future's state in its closure,
 *   never at module level: two countdowns alive at once must not share one.
 * - Wake the waker of the poll you are in (`cx.waker`), before you answer
 *   Pending. A waker kept from an earlier poll may belong to someone else
 *   by now (Rust's rule: only the latest poll's waker counts).
 * - A future can be dropped between two polls. Then the code after its
 *   pending await never runs (not even a "finally, log it"), and whatever it
 *   owns is dropped with it, once.
 *
 * WHY IT MATTERS IN A UI
 * A JavaScript promise starts the moment it is created; a Rust future does
 * not. In a Dioxus app, a request built but never awaited or spawned is never
 * sent, and a future that forgets to wake leaves a spinner turning for ever.
 *
 * IN THIS PROJECT
 *   Rust                          here
 *   async { … }                   future(function* () { … })
 *   x.await                       yield* x
 *   Poll::Ready(v), Poll::Pending Poll.Ready(v), Poll.Pending
 *   cx.waker().wake_by_ref()      cx.waker.wake()
 *   impl Future for MyType        pollFn((cx) => …)   (a hand-written poll)
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#lazy-futures
 * Run the tests: npm test -- 01
 *
 * YOUR TASK: replace each todo() below.
 */
import { type Future, Poll, future, pollFn, todo } from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [Poll, future, pollFn];

/**
 * 1. A future that is Ready with `value` at its very first poll
 *    (Rust's `std::future::ready`). Write it by hand with pollFn.
 */
export function readyValue<T>(value: T): Future<T> {
  return todo("readyValue");
}

/**
 * 2. A hand-written future that answers Pending `n` times, then Ready(n).
 *    Each time it answers Pending it must wake itself (cx.waker.wake(), the
 *    waker of this very poll), so the executor polls it again.
 *    countdown(0) is Ready at once.
 */
export function countdown(n: number): Future<number> {
  return todo("countdown");
}

/**
 * 3. A future that pushes "Ran" onto `log` when it runs, and not before:
 *    building it must log nothing. Use future(function* () { … }).
 */
export function ranFuture(log: string[]): Future<void> {
  return todo("ranFuture");
}

/**
 * 4. A future that awaits `inner`, then pushes "Ran Other" onto `log`.
 *    With inner = ranFuture(log), running it logs "Ran", then "Ran Other".
 */
export function ranOther(log: string[], inner: Future<unknown>): Future<void> {
  return todo("ranOther");
}

/**
 * 5. By hand, what `yield* first; yield* second` does: poll `first` until it
 *    is Ready, then poll `second` until it is Ready, and be Ready with both
 *    outputs. Never poll a future again once it has returned Ready (its
 *    output may be undefined, 0 or false: do not use it as the "done" flag),
 *    and never poll `second` before `first` is done.
 *    When the sequence is dropped, drop both inner futures
 *    (pollFn's `onDrop` option).
 */
export function sequence<A, B>(first: Future<A>, second: Future<B>): Future<[A, B]> {
  return todo("sequence");
}
