/**
 * Kata 06 · Manual cancellation                              about 25 minutes
 *
 * THE IDEA
 * `spawn` hands back a Task: a small, copyable handle to the work it started.
 * Keep the handle and you can stop the work later: `task.cancel()` drops the
 * task's future on the spot. Dropping a future is how Rust cancels it: it is
 * never polled again, its cleanup runs, and whatever it was awaiting is
 * dropped too, so a request in flight is aborted. The code after the await
 * simply never runs. Nothing has to check a flag.
 *
 * WHY IT MATTERS IN A UI
 * A "Cancel" button must really stop the work, not only change the text: a
 * request that goes on running will land later and overwrite the screen.
 * And the app must know what is running right now, because the handle
 * outlives the work: a handle to a finished task cancels nothing, and
 * saying "cancelled" then would be a lie.
 *
 * IN THIS PROJECT
 *   Rust                                here
 *   let mut task = use_signal(|| None)  const task = useSignal<Task | undefined>(() => undefined)
 *   task.set(Some(spawn(async {…})))    task.set(spawn(future(function* () { … })))
 *   if let Some(t) = task.take() {…}    const t = task.peek(); task.set(undefined); if (t) {…}
 *   t.cancel()                          t.cancel()
 *   a guard whose Drop runs cleanup     using g = dropGuard(() => cleanup())
 *   tokio::time::sleep(d).await         yield* sleep(ms)
 *     (desktop and mobile; the web has no tokio timer: gloo_timers::future::sleep there)
 *   reqwest::Client::new().get(url)     http.get(url)   (yield* it: Ok for any answer
 *     .send().await                                      from the server, Err if the network fails)
 * An async handler (a handler that returns a future) is spawned for you, so
 * you never see its Task: use `spawn` when you need the handle.
 *
 * THE PAGE'S EXAMPLE, AND WHERE THIS KATA ASKS FOR MORE
 * The official example keeps the Task of the last request in a signal, and
 * "Cancel Request" takes it out and cancels it. Two things it leaves out:
 *   - a finished task stays in the signal, so pressing Cancel after the
 *     answer says "Request cancelled" though nothing was running. Here the
 *     task clears the signal itself as its last step, so a finished request
 *     is not running and Cancel says "No request to cancel".
 *   - a second press of the request button overwrites the handle while the
 *     first request still runs: nothing can cancel the first one any more,
 *     and its answer races the second's. Here a new request cancels the
 *     running one first, so the signal always holds the one request that runs.
 *
 * TASKS SPAWNED INSIDE TASKS
 * `spawn` also works inside another task's future. The new task does not
 * belong to the task that spawned it: it belongs to the component the code
 * runs in (Dioxus polls a task with its component as the current scope, and
 * `spawn` always asks the current scope for the owner). So `cancel()` on the
 * outer task drops the outer future only. The inner task runs on until it
 * finishes, is cancelled through its own handle, or its component unmounts
 * (that drops every task of the component, inner ones included). Work that
 * must stop with the outer task is stopped by the outer task itself, in a
 * drop guard, which runs however the outer task ends.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#manual-cancellation
 * Run the tests: npm test -- 06
 *
 * YOUR TASK: write the two handlers below.
 *   The request button shows the response text. Pressing it: cancel the
 *   running request if there is one, show "...", spawn a task that awaits
 *   http.get("https://httpbin.org/delay/1") and then shows
 *   "httpbin.org responded!" (the server answered, whatever the status) or
 *   "failed to fetch response!" (the network failed), and keep its Task.
 *   When that task finishes, it forgets its own handle.
 *   "Cancel Request": if a request is running, take its Task out of the
 *   signal, cancel it and show "Request cancelled"; otherwise show
 *   "No request to cancel".
 *   The slow notice: a request still running SLOW_MS after it started shows
 *   SLOW_NOTICE under the buttons (set `slow`). Do it with a second task,
 *   spawned by the request task as its first step: sleep SLOW_MS, then set
 *   `slow`. The notice goes away (and its task stops) as soon as the request
 *   ends, whether it answered or was cancelled: put that in a drop guard of
 *   the request task, `using _ = dropGuard(() => { … })`.
 * Read the `task` signal inside the handlers, when the click happens, not
 * in the component body: two presses can come in the same instant, before
 * the app re-renders, and a value read while rendering would be stale.
 * Keep the two buttons as they are: the tests find them on the screen.
 */
import {
  button,
  div,
  dropGuard,
  future,
  http,
  p,
  sleep,
  spawn,
  todo,
  useSignal,
  type Child,
  type Task,
} from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [dropGuard, future, http, sleep, spawn];

export const SLOW_MS = 50;
export const SLOW_NOTICE = "Still waiting for httpbin.org...";

export function CancelButton(): Child {
  const response = useSignal(() => "Click to start a request", "response");
  // The handle of the request that is running now, or undefined when none is.
  const task = useSignal<Task | undefined>(() => undefined, "task");
  // True while the slow notice is shown.
  const slow = useSignal(() => false, "slow");
  void task;

  return div(
    button({ onclick: () => todo("the request button's handler") }, response()),
    button({ onclick: () => todo("the Cancel Request button's handler") }, "Cancel Request"),
    slow() ? p(SLOW_NOTICE) : null,
  );
}
