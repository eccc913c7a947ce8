/**
 * Kata 04 · use_action                                       about 35 minutes
 *
 * THE IDEA
 * Kata 03 ended on a race: every click spawned its own request, and the label
 * showed whichever answer came back last, even when it belonged to an older
 * click. An action keeps exactly one call alive. Calling it again first
 * cancels the call still running (its future is dropped on the spot: the
 * request is aborted and the code after its await never runs), then spawns
 * the new call. What the component reads is the latest call's result:
 *   nothing          never called, a call is running, or it was cancelled
 *   Ok(value)        the latest call finished
 *   Err(error)       the latest call failed
 * "A call is running" hides the previous result too. The screen never shows
 * an answer to a question the user is no longer asking.
 *
 * Two details the page leaves out, taken from Dioxus's code (use_action.rs):
 * - a call counts as pending from its task's first poll, not from inside
 *   call(): a handler that reads pending() or value() right after call()
 *   still sees the state from before the click;
 * - cancel() hides the previous result exactly as reset() does. The doc
 *   comment on cancel says it keeps the result; the code does not.
 *
 * A finished call is Ok(value) whatever the value is: 0, "", false, null or
 * undefined are values, not "no result". Keep "finished" and "the value"
 * apart ({ ok: true, value }), never test the value against a sentinel.
 *
 * WHY IT MATTERS IN A UI
 * Users click faster than servers answer. A picker that shows the pug asked
 * for two clicks ago, after the user clicked hound, is a bug that no test on
 * a fast network will catch. Cancelling also frees the connection at once.
 *
 * IN THIS PROJECT
 *   Rust                                       here
 *   use_action(move |b| async move { … })      useAction((b: string) => future(function* () { … }))
 *   the future's Ok(v) / Err(e)                return v / throw an error
 *   action.call(b)                             dog.call(b)
 *   action.value(): None, Some(Ok), Some(Err)  dog.value(): undefined, { ok: true, value }, { ok: false, error }
 *   action.pending(), .cancel(), .reset()      dog.pending(), dog.cancel(), dog.reset()
 *   reqwest::get(url).await                    yield* http.get(url)   → { ok: true, value: Response } | { ok: false, error }
 *   rsx! { img { src: "{url}" } }              img({ src: url, label: "a dog" })
 *
 * Where the two differ (use_action.rs at 0.7.10):
 * - Rust's value() is Option<Result<ReadSignal<T>, CapturedError>>. The Ok
 *   side is not the value itself but a read-only signal of it: reading it in
 *   rsx subscribes the component, as reading any signal does. Here it is the
 *   plain value; value() itself is what subscribes.
 * - The Err side is a CapturedError: whatever error type the future returned,
 *   converted (E: Into<CapturedError>) and kept, so the component can show it,
 *   downcast it or pass it on. Here it is the very value the future threw,
 *   unchanged: keep that object, not a copy or its message.
 * - call() returns something awaitable in both: in Rust a `Dispatching`
 *   future whose Output is (), Ready when that call finishes or is
 *   cancelled. It carries no result: the result is read through value().
 * - spawn in Rust takes only a future whose Output is (): a task produces no
 *   result, and a spawned task's outcome comes back through a signal (what
 *   use_action does) or a channel. This runtime's Task<T> has an `output`
 *   field for its own traces and tests; a Rust Task has nothing like it, so
 *   do not read it in your code (part 2 does not need it).
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async#running-futures-with-use_action
 * Run the tests: npm test -- 04
 *
 * YOUR TASK
 * Part 1: the dog picker from the page, on the runtime's useAction
 *         (fetchDog, then DogPicker).
 * Part 2: your own useLatest, which does what useAction does, built from
 *         spawn, Task.cancel and useSignal only. The tests run the same
 *         scenarios on a picker that uses your hook.
 * Replace each todo() below.
 */
import {
  button,
  div,
  future,
  http,
  img,
  p,
  spawn,
  todo,
  useAction,
  useSignal,
  type ActionResult,
  type Child,
  type Future,
} from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [button, div, future, http, img, p, spawn, useAction, useSignal];

/** What the picker shows while there is no result: before the first click, while a call runs, after Cancel or Clear. */
export const PROMPT = "Click the button to fetch a dog!";
/** What the picker shows when the latest call failed. */
export const FAILED = "Failed to fetch a dog, please try again.";
/** Shown as well, while a call is pending. */
export const FETCHING = "Fetching a dog…";

/** The dog.ceo endpoint for one random image of `breed`. */
export function dogApi(breed: string): string {
  return `https://dog.ceo/api/breed/${breed}/images/random`;
}

// ── Part 1 ─────────────────────────────────────────────────────────────────

/**
 * 1. The action's future: GET dogApi(breed) and be Ready with the image URL.
 *    dog.ceo answers JSON: { "message": "<image url>", "status": "success" }
 *    (`response.json<{ message: string }>()`).
 *    Throw (that is the Err) when the request fails (`!r.ok`) AND when the
 *    status is not 2xx (`!r.value.success`): an HTTP error status is still a
 *    response. For an unknown breed dog.ceo answers 404 with a JSON body whose
 *    message is an error text, and that text must not end up as an image.
 */
export function fetchDog(breed: string): Future<string> {
  return todo("fetchDog");
}

/**
 * 2. The picker: useAction(fetchDog), and render, in one div:
 *    - one button per breed, its text the breed, calling the action with it;
 *    - a button "Cancel" calling cancel(), a button "Clear" calling reset();
 *    - p(FETCHING) while pending();
 *    - then what value() says: img({ src: <the url>, label: "a dog" }) for Ok,
 *      div(FAILED) for Err, div(PROMPT) for undefined.
 */
export function DogPicker({ breeds }: { breeds: readonly string[] }): Child {
  return todo("DogPicker");
}

// ── Part 2 ─────────────────────────────────────────────────────────────────

/** What useLatest returns: useAction's handle, with a call that returns nothing. */
export interface Latest<A extends unknown[], T> {
  /** Cancels the previous call at once, and spawns this one. */
  call(...args: A): void;
  /** The latest call's result; undefined before the first call, while a call is pending, after cancel() or reset(). */
  value(): ActionResult<T> | undefined;
  /** True from the first poll of the latest call's task until it ends (or is cancelled). */
  pending(): boolean;
  /** Cancels the running call, if any, and hides the result. */
  cancel(): void;
  /** The same as cancel(), as in Dioxus's code. */
  reset(): void;
}

/**
 * 3. Your own useAction, from useSignal, spawn and Task.cancel only:
 *    - call(...args): cancel the previous call's task first, synchronously;
 *      build fn(...args) and spawn a task that awaits it. Change nothing
 *      else inside call(): the call becomes pending, and the old result is
 *      hidden, at the task's first poll;
 *    - when the future returns a value, that is { ok: true, value }; when
 *      it throws, { ok: false, error }. Either way the call is no longer
 *      pending;
 *    - cancel() and reset(): cancel the running task, not pending any more,
 *      no result. A cancelled task never runs the code after its await, so
 *      whatever it would have cleaned up there, cancel() must do itself.
 *    A render that calls value() or pending() must re-render when they
 *    change, even a component that calls only one of them: read signals
 *    there (sig()), and peek() where nothing should subscribe (the task
 *    handle, read in handlers). State that must outlive a render belongs
 *    to this hook instance (a signal), not to a local or module variable:
 *    an app may use the hook many times.
 *    Then, if you like, put useLatest in DogPicker in place of useAction:
 *    part 1's tests should still pass.
 */
export function useLatest<A extends unknown[], T>(fn: (...args: A) => Future<T>): Latest<A, T> {
  return todo("useLatest");
}
