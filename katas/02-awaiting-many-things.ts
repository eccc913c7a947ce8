/**
 * Kata 02 · Awaiting many things                             about 30 minutes
 *
 * THE IDEA
 * One thread can wait for many things at once. The trick is in poll: a
 * future that owns two inner futures polls both each time it is polled, and
 * is woken when either can make progress. Nothing runs in parallel, yet both
 * timers, both requests, make progress during the same stretch of time. That
 * is concurrency without threads.
 *   join(a, b)     waits for both and hands back both outputs.
 *   select(a, b)   waits for the first; the other one is dropped, which
 *                  cancels it: its cleanup runs and it is never polled again.
 *   timeout(f, ms) is a select between f and a timer.
 *
 * WHY IT MATTERS IN A UI
 * Loading a user and their settings one after the other takes the sum of the
 * two delays; joined, it takes the longer of the two. A search box that races
 * a request against a timer must really cancel the loser, or the request
 * keeps a connection (and in Rust, memory) busy for nothing.
 *
 * IN THIS PROJECT
 * Write each one by hand with pollFn, as in kata 01's sequence: keep track of
 * which inner futures finished and what they produced, and drop what you no
 * longer need with `fut[Symbol.dispose]()`.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#future-rusts-async-primitive
 * (the futures crate has join and select; tokio has timeout)
 * Run the tests: npm test -- 02
 *
 * YOUR TASK: replace each todo() below.
 */
import { Poll, pollFn, sleep, todo, type Future } from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [Poll, pollFn, sleep];

/** Which branch of a select finished first, and its output. */
export type Either<A, B> = { winner: "a"; value: A } | { winner: "b"; value: B };
/** Rust's `Result<T, Elapsed>` from `tokio::time::timeout`. */
export type Elapsed = { ok: false; error: "elapsed" };
export type Timeout<T> = { ok: true; value: T } | Elapsed;

/**
 * 1. Poll both futures, concurrently, until both are Ready; be Ready with
 *    [a's output, b's output] in that order, whichever finished first.
 *    A branch that finished is never polled again. Dropping the join drops both.
 */
export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  return todo("join");
}

/**
 * 2. Poll `a`, then `b`; the first to be Ready wins (on a tie, `a`). Drop the
 *    loser at once, so its cleanup runs before select returns, and never
 *    poll it again. Dropping the select drops both.
 */
export function select<A, B>(a: Future<A>, b: Future<B>): Future<Either<A, B>> {
  return todo("select");
}

/**
 * 3. Be Ready with { ok: true, value } if `fut` finishes within `ms` of the
 *    first poll, otherwise with { ok: false, error: "elapsed" } exactly `ms`
 *    after it, dropping `fut`. If `fut` is ready at the deadline itself, its
 *    value wins (poll it before checking the timer). Use sleep(ms).
 */
export function timeout<T>(fut: Future<T>, ms: number): Future<Timeout<T>> {
  return todo("timeout");
}
