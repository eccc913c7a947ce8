/**
 * Kata 11 · Capstone: a dog-breed browser                     about 40 minutes
 *
 * THE IDEA
 * Everything from the earlier katas, in one small app. A search box that
 * searches as you type is where async code in a UI gets hard: keystrokes
 * arrive faster than answers, answers arrive in any order, and some never
 * arrive. Four tools, each one a single decision, make it behave:
 *   debounce     wait for a short quiet period (150 ms) before searching.
 *                In Dioxus this is just a sleep at the start of the search:
 *                the next keystroke drops the sleeping run, so nothing is sent.
 *   cancel       a resource that reads the query restarts on every change
 *                and drops the previous run wherever it is: asleep, waiting
 *                for an answer (the request is aborted), waiting to retry.
 *                Only the final query's run can ever land.
 *   cache        answers already fetched live in a global Map; a query seen
 *                before is answered from it without a request.
 *   retry        a request that fails (no answer, or a non-2xx status) is
 *                tried again after a backoff: 100 ms, then 200 ms. After the
 *                last failure the search fails, and says so.
 * And one action: a "Random image" button for the breed picked in the list.
 *
 * WHY IT MATTERS IN A UI
 * A user who types "hu" then "p" must end up looking at pugs, even if the
 * server answered "hu" slowly, even if "p" failed twice first. Meanwhile
 * the server should see one request per pause in typing, not one per key,
 * and no request at all for a query it already answered.
 *
 * IN THIS PROJECT
 *   Rust                                        here
 *   use_resource(move || async move { … })      useResource(() => { const q = query(); return future(function* () { … }); })
 *   tokio::time::sleep(d).await  (desktop)      yield* sleep(ms)
 *   gloo_timers::future::sleep(d).await (web)
 *   reqwest::get(url).await                     yield* http.get(url)   → { ok: true, value: Response } | { ok: false, error }
 *   static CACHE: GlobalSignal<HashMap<…>>      SEARCH_CACHE (given below): SEARCH_CACHE.peek().get(q), SEARCH_CACHE.update((m) => m.set(q, v))
 *   use_action(…) / action.call(b)              useAction(…) / image.call(b)
 *   rsx! { input { oninput: … } }               input({ label: "Search breeds", oninput: (e) => query.set(e.value) })
 *
 * A timer in real Dioxus depends on where the app runs: tokio's sleep needs
 * tokio's timer, which desktop and mobile apps have; a web app runs on the
 * browser's event loop, with no tokio timer, so tokio::time::sleep does not
 * work there: use gloo_timers::future::sleep (the gloo-timers crate with its
 * `futures` feature) or another crate built on the browser's timers. The
 * debounce and the backoff work the same with either: a sleep that the
 * restart drops.
 *
 * WHAT THE SCREEN SAYS, AT EVERY MOMENT (not only once the typing is over)
 *   - the box is empty: the prompt. Emptying the box forgets the last result.
 *   - otherwise: what the latest search to FINISH ended with, its breeds or
 *     its error line, or the prompt if none has finished since the box was
 *     last empty. A search that is still waiting (its debounce, its request,
 *     the pause before a retry) changes nothing on the screen: the list it
 *     will replace, or the error line of the failure before it, stays.
 *   - a search has failed only once its last retry has: no error line while
 *     a retry is still to come.
 *   - an answer to a request that was dropped (aborted) is never shown.
 * And what must not happen behind the screen: a search restarts only because
 * the query changed (several keystrokes in one instant: one restart), never
 * because it wrote a signal it also reads; and a failed query is asked again
 * the next time it is typed. An empty list of breeds is an answer like any
 * other: it goes into the cache.
 *
 * Official page: https://dioxuslabs.com/learn/0.7/essentials/basics/async
 * Run the tests: npm test -- 11
 *
 * YOUR TASK
 * Replace each todo() below: getWithRetry, searchBreeds, then BreedBrowser.
 */
import {
  Signal,
  button,
  div,
  future,
  http,
  img,
  input,
  li,
  p,
  sleep,
  todo,
  ul,
  useAction,
  useResource,
  useSignal,
  type Child,
  type Future,
  type Response,
} from "../runtime/index.ts";

// Keep the type-checker quiet about imports you have not used yet.
void [button, div, future, http, img, input, li, p, sleep, ul, useAction, useResource, useSignal];

/** Quiet time after the last keystroke before a search starts. */
export const DEBOUNCE_MS = 150;
/** How long to wait before each retry: the first after 100 ms, the second after 200 ms. */
export const RETRY_DELAYS_MS = [100, 200] as const;
/** Shown while the search box is empty. */
export const PROMPT = "Type a breed name";

/** The search endpoint. It answers JSON: { "message": ["beagle", …], "status": "success" }. */
export function searchUrl(query: string): string {
  return `https://dog.ceo/api/breeds/search?q=${query}`;
}

/** One random image of a breed. It answers JSON: { "message": "<image url>", "status": "success" }. */
export function randomImageUrl(breed: string): string {
  return `https://dog.ceo/api/breed/${breed}/images/random`;
}

/** The error line for a search that failed after its retries. */
export function searchFailed(query: string): string {
  return `Search for "${query}" failed, try again.`;
}

/** Answers already fetched, by query: shared by the whole app, never cleared. */
export const SEARCH_CACHE = Signal.global(() => new Map<string, string[]>(), "SEARCH_CACHE");

/**
 * 1. GET url; a request fails when it gets no answer (`!r.ok`) or a non-2xx
 *    status (`!r.value.success`). On a failure, sleep RETRY_DELAYS_MS[0] and
 *    try again, then RETRY_DELAYS_MS[1] and once more: three attempts at
 *    most. Be Ready with the first successful Response; throw after the
 *    third failure.
 */
export function getWithRetry(url: string): Future<Response> {
  return todo("getWithRetry");
}

/**
 * 2. The breeds for a query: from SEARCH_CACHE when it has them (no request
 *    at all), else from getWithRetry(searchUrl(query)) (`response.json<{
 *    message: string[] }>().message`), stored in SEARCH_CACHE before being
 *    returned. A failure is not an answer: do not cache it, nor remember it
 *    anywhere. Read the cache with peek(): the resource that runs this
 *    future must not depend on the cache it writes.
 */
export function searchBreeds(query: string): Future<string[]> {
  return todo("searchBreeds");
}

/**
 * 3. The browser, in one div:
 *    - input({ label: "Search breeds", oninput }) writing e.value into a query signal;
 *    - a resource that reads the query, and whose future, for a non-empty
 *      query, sleeps DEBOUNCE_MS, then awaits searchBreeds. Catch its error
 *      so the resource can say which query failed;
 *    - below the box: p(PROMPT) while the box is empty or no search has
 *      finished since it was last empty; p(searchFailed(q)) when the latest finished search,
 *      for q, failed; otherwise ul(one li per breed, each li holding a
 *      button with the breed's name that selects it);
 *    - once a breed is selected: p(`Selected: ${breed}`) and a button
 *      "Random image" calling a useAction on randomImageUrl(breed), whose
 *      Ok shows img({ src: <the url>, label: "a dog" }) and whose Err shows
 *      p("No image, try again.").
 */
export function BreedBrowser(): Child {
  return todo("BreedBrowser");
}
