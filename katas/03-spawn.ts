/**
 * Kata 03 · spawn                                            about 25 minutes
 *
 * THE IDEA
 * An event handler is plain synchronous code: the click is not over until it
 * returns, and nothing else on the page runs meanwhile. So a handler never
 * waits for a request. It starts the work and returns:
 *   spawn(fut)   hands a future to the runtime as a new task and returns its
 *                Task handle at once. Nothing of the future runs yet: the
 *                runtime polls it for the first time after the handler is done.
 *   async handler  a handler may return a future instead. The runtime polls
 *                it once, during the click, so the code before its first
 *                await runs right away; if it is not finished then, the
 *                runtime spawns a task that finishes it. No spawn call to
 *                write, and no await ever holds up the click.
 * Either way the task belongs to the component that rendered the handler:
 * when that component unmounts, its tasks are dropped with it (a request in
 * flight is aborted, and nothing writes to the signals it leaves behind).
 * Build the future inside the handler, once per click: two clicks can come
 * before the next render, and a future built while rendering is one single
 * run that cannot be handed out twice.
 *
 * DOC≠CODE: Dioxus's guide says an error returned by an event handler goes
 * up to the nearest ErrorBoundary. For an async handler that returns a
 * Result, the code (packages/core/src/events.rs, SpawnIfAsync) polls the
 * future once during the event and spawns the rest only if it is not done
 * yet; a future that is already finished after that first poll has its
 * output thrown away. So an Err returned before the first await (a failed
 * validation, say) vanishes without a trace, while the same Err after an
 * await reaches the boundary. Check such errors before returning the future,
 * in the synchronous part of the handler, or show them through a signal.
 *
 * WHY IT MATTERS IN A UI
 * A handler that waited for the network would freeze the whole app for as
 * long as the server takes: no re-render, no other click. Spawning keeps the
 * app responsive, and the "..." label shows the user that something runs.
 * But a spawned task lives on its own: click twice and two requests run side
 * by side, and the label ends with whichever answer comes back LAST, even if
 * it answers the older click. This kata leaves that race in place on purpose
 * (a test shows it); kata 04 fixes it with useAction.
 *
 * IN THIS PROJECT
 * `yield* http.get(url)` is `reqwest::get(url).await`: it resolves to
 * `{ ok: true, value: response }` for ANY HTTP status (404 and 500 included)
 * and to `{ ok: false, error }` only when the network fails, as `send()` does.
 * An async block is `future(function* () { … })`; a signal is set with
 * `sig.set(v)` and read with `sig()`. A handler returns nothing or a future,
 * so give a spawning handler a block body, `() => { …; spawn(…); }`: spawn
 * returns a Task, and `() => spawn(…)` does not type-check.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#running-futures-with-spawn
 * Run the tests: npm test -- 03
 *
 * YOUR TASK: write the page's request button twice, replacing each todo().
 * The label starts as IDLE; a click shows LOADING and requests DIOXUSLABS;
 * when the request ends the label shows RESPONDED (any HTTP status) or FAILED
 * (network failure). Every click starts its own request; do not cancel
 * anything yet.
 */
import { button, future, http, spawn, todo, useSignal } from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [future, http, spawn];

export const DIOXUSLABS = "https://dioxuslabs.com";
export const IDLE = "Click to start a request";
export const LOADING = "...";
export const RESPONDED = "dioxuslabs.com responded!";
export const FAILED = "failed to fetch response!";

/**
 * 1. With explicit spawn: a synchronous onclick that sets LOADING, then
 *    spawns a task that requests DIOXUSLABS and sets the outcome.
 */
export function SpawnButton() {
  const response = useSignal(() => IDLE);
  return button({ onclick: () => todo("SpawnButton's onclick") }, response());
}

/**
 * 2. With an async handler: onclick returns a future (no spawn call) that
 *    sets LOADING, awaits the request and sets the outcome.
 */
export function AsyncButton() {
  const response = useSignal(() => IDLE);
  return button({ onclick: () => todo("AsyncButton's onclick") }, response());
}
