/**
 * Kata 03 · spawn: the reference solution.
 * The lesson is in katas/03-spawn.ts.
 *
 * Both buttons are the page's code, race included: neither cancels the
 * request of an earlier click, so the label ends with whichever answer
 * arrives last. Kata 04 (useAction) is the fix.
 */
import { button, future, http, spawn, useSignal } from "../runtime/index.ts";

export const DIOXUSLABS = "https://dioxuslabs.com";
export const IDLE = "Click to start a request";
export const LOADING = "...";
export const RESPONDED = "dioxuslabs.com responded!";
export const FAILED = "failed to fetch response!";

export function SpawnButton() {
  const response = useSignal(() => IDLE);
  return button(
    {
      // A synchronous handler: it must return at once, so it only starts the work.
      onclick: () => {
        response.set(LOADING);
        // spawn queues the task and returns: the request is sent at the task's
        // first poll, after this handler has returned. (Setting "..." after the
        // spawn call would work as well, for the same reason.)
        spawn(
          future(function* () {
            const resp = yield* http.get(DIOXUSLABS);
            // Like reqwest's `send`, any HTTP status is a response: only a network failure is an error.
            response.set(resp.ok ? RESPONDED : FAILED);
          }),
        );
      },
    },
    response(),
  );
}

export function AsyncButton() {
  const response = useSignal(() => IDLE);
  return button(
    {
      // An async handler: the runtime polls the returned future once during the
      // click (this runs up to the first await, so "..." is set and the request
      // sent), then finishes it as a task owned by this component.
      onclick: () =>
        future(function* () {
          response.set(LOADING);
          const resp = yield* http.get(DIOXUSLABS);
          response.set(resp.ok ? RESPONDED : FAILED);
        }),
    },
    response(),
  );
}
