/**
 * Kata 05 · Automatic cancellation                           about 25 minutes
 *
 * THE IDEA
 * A task started with `spawn` belongs to the component that was running when
 * it was spawned. When that component leaves the screen (it unmounts),
 * Dioxus drops all of its tasks for you. Dropping a future is how Rust
 * cancels it: it is never polled again, whatever it was waiting for is
 * dropped with it (a request in flight is aborted, a timer cleared), and its
 * cleanup runs: `finally` blocks and drop guards, innermost first. That is
 * all that runs: not the line after the await where it was suspended, not a
 * `catch`. A dropped future is not woken up with an error; it is just gone.
 * `spawnForever` is the opposite choice: the task belongs to the root of the
 * app and outlives every component. A task spawned from inside another task
 * belongs to the component too (the one that task runs in), so an unmount
 * drops it with the rest, though cancelling the outer task would not (kata 06).
 *
 * WHY IT MATTERS IN A UI
 * Screens come and go: tabs, dialogs, a panel the user hides. Work started
 * for a screen must stop with it, or it keeps polling a server nobody looks
 * at, and, worse, it later writes into state that no longer exists: in
 * Dioxus that is a panic, "Failed to borrow because the value was dropped."
 * With spawn you get this for free; the one thing you must do yourself is
 * put cleanup where a cancel will run it.
 *
 * IN THIS PROJECT
 *   Rust                                   here
 *   use_future(move || async move { … })   useFuture(() => future(function* () { … }))
 *   spawn(async move { … })                spawn(future(function* () { … }))
 *   a guard whose Drop runs cleanup        using g = dropGuard(() => cleanup())
 *   reqwest::get(url).await                yield* http.get(url)
 *   tokio::time::sleep(d).await            yield* sleep(ms)
 *     (a tokio timer: desktop and mobile only; the web has no tokio
 *      runtime, so there a browser timer such as gloo_timers::future::sleep)
 *   if shown() { StatusPoller { running } }  (inside rsx!)
 *                                          shown() ? component(StatusPoller, { running }) : null
 * A component is on the screen while its parent's render returns it, and
 * unmounted by the first render that does not.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#automatic-cancellation
 * Run the tests: npm test -- 05
 *
 * YOUR TASK: a status panel the user can show and hide. Replace each todo().
 *   App          a button, "Show status" / "Hide status", that toggles the
 *                panel; a line "Pollers running: N"; and the StatusPoller
 *                while the panel is shown. It starts hidden.
 *   StatusPoller checks the server in a loop, for as long as it is on the
 *                screen: GET STATUS_URL, show the answer, wait
 *                CHECK_EVERY_MS after the answer, check again.
 * The tests click the button at all sorts of moments, with the server slow,
 * fast, failing, and check the screen, the network and the cleanup.
 */
import {
  button,
  component,
  div,
  dropGuard,
  future,
  http,
  p,
  sleep,
  spawn,
  todo,
  useFuture,
  useHook,
  useSignal,
  type Child,
  type HttpResult,
  type Signal,
} from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [button, component, div, dropGuard, future, http, p, sleep, spawn, useFuture, useHook, useSignal];

export const STATUS_URL = "https://status.example.com/api/status";
export const CHECK_EVERY_MS = 50;

/** What the poller shows after its check number `check` got the answer `r` (given: use it as it is). */
export function statusLine(r: HttpResult, check: number): string {
  const what = !r.ok ? "unreachable" : r.value.success ? r.value.text() : `error ${r.value.status}`;
  return `Status: ${what} (check #${check})`;
}

/**
 * 1. The parent: a div with
 *      a button, "Show status" while hidden, "Hide status" while shown;
 *      a paragraph "Pollers running: N" (N from a signal of the App);
 *      component(StatusPoller, { running }) while shown.
 */
export function App(): Child {
  return todo("App");
}

/**
 * 2. The poller. It renders one paragraph: "Status: checking..." until its
 *    first answer, then statusLine(answer, n) for its n-th check (n counts
 *    from 1 for each mount).
 *
 *    Start the loop once, when the component mounts, as a task of this
 *    component (useFuture does exactly that; so does spawn inside useHook):
 *      request STATUS_URL, show the answer, sleep CHECK_EVERY_MS, repeat.
 *    When the loop starts, add 1 to `running` (the parent's signal); when
 *    the poller goes away, take the 1 back off, exactly once. The loop never
 *    ends on its own, so that cleanup must run when the task is dropped.
 */
export function StatusPoller({ running }: { running: Signal<number> }): Child {
  return todo("StatusPoller");
}
