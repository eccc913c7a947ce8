/**
 * Kata 09 · Locks                                            about 30 minutes
 *
 * THE IDEA
 * A signal is borrowed, not just read: `count.write()` hands out a guard that
 * gives exclusive access until it is released, and `count.read()` a guard
 * that forbids writes until it is released. The runtime checks this while the
 * app runs, and a borrow that collides panics (AlreadyBorrowedMut,
 * AlreadyBorrowed). Inside one synchronous step that is harmless: nothing
 * else runs. But an await is where other tasks, other clicks and re-renders
 * do run. A guard still open at a `yield*` stays open for all of them.
 * So the rule: finish with a guard before you await. Copy out what you
 * need, let the guard go, await, then write in one short step (`set`,
 * `update`, or a `using` block with no `yield*` inside).
 * Sometimes you really do need exclusive access that lasts across an await:
 * "only one save at a time, in order". That is what an async mutex is for.
 * Its `lock()` is a future: a second locker does not panic, it waits its
 * turn (first come, first served) until the holder's guard is released.
 *
 * WHY IT MATTERS IN A UI
 * Here is a counter whose +1 lands a moment after the click, as first written:
 *
 *     onclick: () => future(function* () {
 *       using g = count.write();        // borrowed from here…
 *       yield* sleep(ADD_DELAY_MS);     // …while other code runs…
 *       g.value += 1;                   // …until here
 *     })
 *
 * One click works. Click twice within 30 ms, or let anything re-render the
 * counter meanwhile, and the second borrow panics. Dioxus's own signals
 * documentation warns about exactly this ("Signals with Async", in
 * packages/signals/docs/signals.md): a read or write held over an await
 * point is still open while the rest of the app runs. And for saves, order
 * is correctness: if save 2 overtakes save 1, the server ends up with the
 * older data.
 *
 * WHAT RUST CATCHES FOR YOU, AND WHAT IT DOES NOT
 * In Rust, `read()` and `peek()` take `&self`, while `write()`, `set()` and
 * `with_mut()` take `&mut self`. So inside ONE function, holding a read
 * guard of `count` and then calling `count.set(…)` is a compile error
 * (E0502: `count` is borrowed as immutable, then as mutable), not a panic:
 *
 *     let current = count.read();
 *     sleep(ms).await;
 *     count.set(*current + 1);   // rejected by the borrow checker
 *
 * But the compiler sees one function at a time. A signal is `Copy`: each
 * click's task, each render, holds its own copy, and those borrow the same
 * value at run time. A write guard held across an await compiles fine, and
 * panics only when another click or a render meets it (already borrowed);
 * a read guard held across an await panics when another task writes. And
 * copying the value out before the await and writing `before + 1` after it
 * neither fails to compile nor panics: it silently loses a click.
 * Clippy does not see these guards either: its `await_holding_refcell_ref`
 * lint knows only std's `Ref`/`RefMut`, and Dioxus's guards are other types
 * (generational_box's `GenerationalRef`, dioxus_signals' `WriteLock`). To be
 * warned, list them under `await-holding-invalid-types` in `clippy.toml`,
 * which feeds the `await_holding_invalid_type` lint.
 *
 * IN THIS PROJECT
 * TypeScript has no borrow checker, so every collision here shows up at run
 * time, including the ones rustc would have rejected. The runtime also
 * reports a guard still open when its task suspends ("guard held across an
 * await"), even when no collision happened this time.
 * `new Mutex(value, name)` is the async mutex (think tokio::sync::Mutex);
 * `using turn = yield* m.lock()` waits for the lock and holds it until the
 * end of the block; `turn.value` reads and writes what it guards. Create it
 * once per component, in a hook (`useHook(() => new Mutex(…))`), and always
 * hold its guard with `using`: a guard that is never released blocks every
 * later locker for ever. `yield* http.post(url, body)` sends a request.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#handling-locks
 * Run the tests: npm test -- 09
 *
 * YOUR TASK: replace each todo() below.
 */
import { Mutex, button, div, future, http, p, sleep, todo, useHook, useSignal } from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [Mutex, future, http, sleep, useHook];

/** How long after a click its +1 lands on the counter. */
export const ADD_DELAY_MS = 30;
/** Where SaveQueue sends each save. */
export const SAVE_URL = "https://api.example.com/save";

/**
 * 1. Fix the counter above. Each click on "+1" adds one to `count`,
 *    ADD_DELAY_MS after the click (await sleep(ADD_DELAY_MS) in an async
 *    handler). Clicks may overlap, and the counter may re-render at any time:
 *    no borrow may be open across the await, and no click may be lost.
 */
export function Counter() {
  const count = useSignal(() => 0, "count");
  return div(p(`Count: ${count()}`), button({ onclick: () => todo("Counter's onclick") }, "+1"));
}

/**
 * 2. A save queue. Each click on "Save" counts in `clicks` at once, then
 *    sends a save: `http.post(SAVE_URL, { version })`, where version is 1 for
 *    the first save, 2 for the second… Saves go out one at a time, in click
 *    order: a save is sent only once the previous one was answered. When a
 *    save is answered, `saved` shows its version. Keep the last confirmed
 *    version in an async Mutex and hold its lock across the request.
 */
export function SaveQueue() {
  const clicks = useSignal(() => 0, "clicks");
  const saved = useSignal(() => 0, "saved");
  return div(
    button({ onclick: () => todo("SaveQueue's onclick (and its Mutex, made once with useHook)") }, "Save"),
    p(`Saved ${saved()} of ${clicks()}`),
  );
}
