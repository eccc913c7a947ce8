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
 * POLLING IS DOING
 * A poll is not a look: it runs the future's code up to its next await. A
 * `recv()` polled while a message waits takes that message. So once `a` is
 * Ready, select must not poll `b` "just to see": b's message would be taken
 * and then thrown away with b. Poll b only if a said Pending.
 *
 * KEEP TRACK WITHOUT SENTINELS
 * A branch's output can be `undefined`, 0, "" or false. Do not use the output
 * itself as the "finished" flag (`if (!out)`): keep a separate flag or wrap
 * the value (`{ value }`), or a finished branch gets polled again. Keep that
 * state inside each future (in the closure), never at module level: a page
 * runs many joins at once, one inside another.
 *
 * DROPPED WHILE WAITING
 * Your combinator can itself be dropped half-way (its task cancelled, an
 * outer timeout fired). Dropping it must drop everything it still holds,
 * every branch and every timer, right then: nobody will poll it again to
 * give it a second chance. It can even be dropped before its first poll
 * (a task cancelled before it ever ran): it still holds its branches, but
 * if your timeout makes its timer at the first poll, there is no timer yet.
 *
 * WHICH RUST API IS WHICH
 * - join: `futures::future::join(a, b)` or the `join!` macros of futures and
 *   tokio. All of them keep both outputs, in argument order.
 * - select: this kata's select (a checked first and winning ties, the loser
 *   dropped at once) is what `futures::select_biased!` or `tokio::select!`
 *   with `biased;` do with two branches. Without `biased`, `tokio::select!`
 *   and `futures::select!` also drop the losers, but pick at random among
 *   the branches that are ready, so a tie can go either way.
 *   `futures::future::select(a, b)` checks a first too, but drops nothing: it
 *   returns the winner's output together with the loser, inside `Either`, so
 *   you can keep awaiting the loser or drop it yourself.
 * - timeout: `tokio::time::timeout(duration, fut)` (the time comes first in
 *   Rust). Its deadline is fixed when it is created; `timeout(..).await`
 *   creates and polls it at once, so here the timer starts at the first poll.
 *   On the web there is no tokio timer: a crate such as gloo-timers gives one.
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
 * (futures are concurrent, and can be cancelled before they complete)
 * Run the tests: npm test -- 02
 *
 * YOUR TASK: replace each todo() below.
 */
import { Poll, pollFn, sleep, todo, type Future } from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [Poll, pollFn, sleep];

/**
 * Which branch of a select finished first, and its output. Unlike the
 * `Either` of `futures::future::select`, it does not carry the loser: this
 * select has already dropped it.
 */
export type Either<A, B> = { winner: "a"; value: A } | { winner: "b"; value: B };
/** Rust's `Result<T, Elapsed>` from `tokio::time::timeout`. */
export type Elapsed = { ok: false; error: "elapsed" };
export type Timeout<T> = { ok: true; value: T } | Elapsed;

/**
 * 1. Poll both futures, concurrently, until both are Ready; be Ready with
 *    [a's output, b's output] in that order, whichever finished first.
 *    A branch that finished is never polled again (its output may be
 *    undefined: remember "finished" apart from the value). Dropping the join
 *    drops both.
 */
export function join<A, B>(a: Future<A>, b: Future<B>): Future<[A, B]> {
  return todo("join");
}

/**
 * 2. Poll `a`, then `b` only if `a` is Pending; the first to be Ready wins
 *    (on a tie, `a`), like `tokio::select!` with `biased;`. Drop the loser at
 *    once, so its cleanup runs before select returns, and never poll it
 *    again. Dropping the select drops both.
 */
export function select<A, B>(a: Future<A>, b: Future<B>): Future<Either<A, B>> {
  return todo("select");
}

/**
 * 3. Be Ready with { ok: true, value } if `fut` finishes within `ms` of the
 *    first poll, otherwise with { ok: false, error: "elapsed" } exactly `ms`
 *    after it, dropping `fut`. If `fut` is ready at the deadline itself, its
 *    value wins (poll it before checking the timer). Use sleep(ms).
 *    Dropping the timeout drops `fut` and the timer.
 */
export function timeout<T>(fut: Future<T>, ms: number): Future<Timeout<T>> {
  return todo("timeout");
}
