/**
 * Kata 10 · spawn_forever                                    about 30 minutes
 *
 * THE IDEA
 * `spawn` gives a task to the component that is running: when that component
 * unmounts, the task is dropped. `spawnForever` gives it to the root of the
 * app instead. The root never unmounts, so the task lives until the whole app
 * is closed, whichever component happened to start it. That is what you want
 * for work that belongs to the app rather than to one screen: a background
 * sync engine, a listener on a socket or on system events.
 * The price: the task outlives the component that started it, so everything
 * it uses must outlive that component too. A signal made with useSignal is
 * dropped with its component; a long-lived task that writes it afterwards
 * panics ("Failed to borrow because the value was dropped."). Give such a
 * task only what lives as long as it does: a global signal, or state it
 * keeps to itself.
 *
 * WHY IT MATTERS IN A UI
 * A user types in an editor, saves, and closes the editor before the server
 * has answered. The save must still reach the server. And when the editor
 * is opened again, it must talk to the engine that is already running, not
 * start a second one that syncs the same things in parallel, out of order.
 *
 * IN THIS PROJECT
 *   Rust                                        here
 *   use dioxus::core::spawn_forever;            (it is not in dioxus::prelude, unlike spawn)
 *   let task = spawn_forever(async move {…});   const task = spawnForever(future(function* () {…}))
 *   task.cancel()                               task.cancel()
 *   use_hook(|| …)  (runs at the first render)  useHook(() => …)
 *   let (tx, mut rx) = unbounded();             const [tx, rx] = channel<string>("edits");
 *   tx.unbounded_send(edit)                     tx.send(edit)          (never waits)
 *   rx.next().await                             yield* rx.recv()       (undefined once closed)
 *   static SYNCED: GlobalSignal<Vec<String>>    const SYNCED = Signal.global<string[]>(() => [], "SYNCED")
 *   reqwest::Client::new().post(url).body(e)    yield* http.post(url, edit)
 *   tokio::time::sleep(ms).await                yield* sleep(ms)
 *     (tokio's timer works on desktop and mobile, where Dioxus runs on tokio;
 *     the web has no tokio runtime: use gloo_timers::future::sleep there)
 * A global signal is declared at module level, but its value lives in the
 * running app, in the root scope: as long as a spawnForever task does. Read
 * it in a render with SYNCED() (the render then follows it), outside a
 * render with SYNCED.peek(); change it with .set(v) or .update(f).
 *
 * STOPPING A FOREVER TASK
 * "Forever" only means no component's unmount will drop it. spawnForever
 * returns a Task handle, like spawn, and `task.cancel()` drops it at once
 * (in Dioxus, `Task::cancel` removes the future from the runtime): the
 * future is dropped where it stands, so a request it was awaiting is aborted
 * and its answer never arrives, and the loop never runs again. A "stop
 * syncing" control is just that: keep the handle somewhere that lives as
 * long as the task (a global signal), and cancel it. Dropping the sender
 * (here: closing it) is not the same: the engine would still finish the
 * edit it holds and the queued ones, retrying a failing post for ever.
 *
 * A note on the tests: they move the clock with advanceTo, step by step.
 * runToCompletion would stop with a "stall" report naming your engine,
 * because the engine waits on its channel forever. For a long-lived task
 * that is expected.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#long-lived-futures
 * Run the tests: npm test -- 10
 *
 * YOUR TASK: an editor whose edits a background engine syncs to the server.
 * Replace each todo().
 *   App           a button "Open editor" / "Close editor" that shows or hides
 *                 the Editor (hidden at first), a button "Stop syncing"
 *                 that calls stopSyncing(), and a line
 *                 "Synced: edit 1, edit 2" ("Synced: nothing yet" at first)
 *                 listing what the engine has synced, in order.
 *   Editor        a text input and a "Save" button that sends the text to the
 *                 engine and clears the input.
 *   the engine    one task for the whole app, started the first time an
 *                 Editor mounts: takes the edits from its channel one at a
 *                 time, POSTs each to SYNC_URL, and if the post fails (a
 *                 network error or a status that is not a success) waits
 *                 RETRY_MS and posts the same edit again, until it lands;
 *                 then records it as synced and takes the next. "Synced"
 *                 means the server ACCEPTED it (a 2xx answer): a 500 is an
 *                 answer, but not an acceptance.
 *   stopSyncing   stops the engine for good: cancels its task (the handle
 *                 spawnForever returned, kept in ENGINE_TASK).
 * The tests open and close the editor and save edits at all sorts of moments,
 * with a slow, fast or failing server, and check that every edit is synced
 * exactly once, in order, even after the editor is closed; that a failed
 * post is retried exactly RETRY_MS after its failure; that "Synced" lists
 * only what the server accepted; that nothing touches a dropped signal;
 * that there is only ever one engine; and that "Stop syncing" stops it.
 */
import {
  Signal,
  button,
  channel,
  component,
  div,
  future,
  http,
  input,
  p,
  sleep,
  spawnForever,
  todo,
  useHook,
  useSignal,
  type Child,
  type Future,
  type Receiver,
  type Sender,
  type Task,
} from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [button, channel, component, div, future, http, input, p, sleep, spawnForever, useHook, useSignal];

export const SYNC_URL = "https://sync.example.com/api/edits";
export const RETRY_MS = 100;

/**
 * Given: what the engine has synced, in order (App shows it). A global
 * signal: its value lives in the root scope, as long as the app, so a task
 * on the root may write it at any moment. A useSignal of the Editor would
 * not do: it is dropped each time the editor closes.
 */
export const SYNCED = Signal.global<string[]>(() => [], "SYNCED");

/**
 * Given: the running engine's sender, undefined until the engine is started.
 * It must outlive the Editor too: it is how a remounted Editor finds the
 * engine that is already running.
 */
export const ENGINE = Signal.global<Sender<string> | undefined>(() => undefined, "ENGINE");

/**
 * Given: the running engine's task, the handle spawnForever returned,
 * undefined until the engine is started. It is how "Stop syncing" reaches
 * the engine.
 */
export const ENGINE_TASK = Signal.global<Task<void> | undefined>(() => undefined, "ENGINE_TASK");

/**
 * 1. The engine: a future that loops for ever over `edits`, as described in
 *    YOUR TASK above. One edit at a time: that is what keeps them in order.
 */
export function syncEngine(edits: Receiver<string>): Future<void> {
  return todo("syncEngine");
}

/**
 * 2. The sender of the one engine. The first call in the app makes the
 *    channel and starts syncEngine on it with spawnForever; every later call
 *    (the Editor mounted again) returns the same sender and starts nothing.
 *    Keep the Task spawnForever returns in ENGINE_TASK.
 */
export function useSyncEngine(): Sender<string> {
  return todo("useSyncEngine");
}

/**
 * 3. Stop the engine for good: cancel the task spawnForever returned (the
 *    handle useSyncEngine kept in ENGINE_TASK). Nothing more is posted, a
 *    post in flight is aborted, and the Synced line never changes again.
 *    Does nothing if the engine was never started.
 */
export function stopSyncing(): void {
  todo("stopSyncing");
}

/** 4. A text input and a "Save" button; Save sends the text to the engine and clears the input. */
export function Editor(): Child {
  return todo("Editor");
}

/** 5. The "Open editor" / "Close editor" button, the "Stop syncing" button, the "Synced: …" line, and the Editor while open. */
export function App(): Child {
  return todo("App");
}
